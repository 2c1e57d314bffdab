package parser

import "testing"

// AWS load balancers log the URL asked for and the client's port: codetop
// counts the path under the host, and the client by its address. The status
// is the load balancer's; the target's is the upstream status, and the
// target's processing time the latency (absent when it never answered).
func TestAWSLoadBalancerLines(t *testing.T) {
	for _, tc := range []struct {
		name, format, line string
		want               view
	}{
		{
			name:   "ALB over HTTPS",
			format: "aws-alb",
			line:   `https 2026-11-21T10:00:00.127531Z app/web/50dc6c495c0c9188 192.0.2.7:2817 10.0.0.1:80 0.001 0.102 0.000 200 200 225 24950 "GET https://shop.example.com:443/cart?x=1 HTTP/1.1" "curl/8.5.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/abc "Root=1-58337262-36d228ad5d99923122bbe354" "shop.example.com" "-" 0 2026-11-21T10:00:00.024000Z "forward" "-" "-" "10.0.0.1:80" "200" "-" "-" TID_1234`,
			want:   view{Time: "2026-11-21T10:00:00.127Z", Status: 200, Bytes: 24950, RT: -1, UT: 102000, Method: "GET", Path: "/cart", Query: "x=1", Proto: "HTTP/1.1", Client: "192.0.2.7", VHost: "shop.example.com", UA: "curl/8.5.0", UpstreamStatus: "200"},
		},
		{
			name:   "ALB answering 502 itself, an IPv6 client, a URL without a path",
			format: "aws-alb",
			line:   `http 2026-11-21T10:00:01.000000Z app/web/50dc6c495c0c9188 2001:db8::7:40000 - -1 -1 -1 502 - 120 272 "POST http://shop.example.com:80 HTTP/1.1" "k6/0.49" - - arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/abc "Root=1-x" "-" "-" 0 2026-11-21T10:00:00.980000Z "forward" "-" "-" "-" "-" "-" "-" -`,
			want:   view{Time: "2026-11-21T10:00:01.000Z", Status: 502, Bytes: 272, RT: -1, UT: -1, Method: "POST", Path: "/", Proto: "HTTP/1.1", Client: "2001:db8::7", VHost: "shop.example.com", UA: "k6/0.49"},
		},
		{
			name:   "Classic ELB, the line ending after the agent",
			format: "aws-elb",
			line:   `2026-11-21T10:00:02.945958Z my-loadbalancer 192.0.2.9:2817 10.0.0.1:80 0.000086 0.001048 0.001337 404 404 0 57 "GET https://www.example.com:443/missing HTTP/1.1" "Mozilla/5.0"`,
			want:   view{Time: "2026-11-21T10:00:02.945Z", Status: 404, Bytes: 57, RT: -1, UT: 1048, Method: "GET", Path: "/missing", Proto: "HTTP/1.1", Client: "192.0.2.9", VHost: "www.example.com", UA: "Mozilla/5.0", UpstreamStatus: "404"},
		},
	} {
		p := mustCompile(t, tc.format).NewParser()
		var e Entry
		if err := p.Parse([]byte(tc.line), &e); err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if got := viewOf(&e); got != tc.want {
			t.Errorf("%s:\n got %+v\nwant %+v", tc.name, got, tc.want)
		}
	}
	// A request AWS could not read is counted under its status, with no
	// path and no host made up from it.
	for _, req := range []string{"- - - ", "- http://api.example.com:80- -"} {
		line := `http 2026-11-21T10:00:04.000000Z app/web/x 192.0.2.7:1234 - -1 -1 -1 400 - 0 0 "` + req + `" "-" - - - "-" "-" "-" - 2026-11-21T10:00:04.000000Z "-" "-" "-" "-" "-" "-" "-"`
		var e Entry
		if err := mustCompile(t, "aws-alb").NewParser().Parse([]byte(line), &e); err != nil || e.Status != 400 || e.Path != nil || e.VHost != nil || e.Method != nil {
			t.Errorf("request %q: %v, status %d, method %q, path %q, vhost %q; want 400 and no method, path or host", req, err, e.Status, e.Method, e.Path, e.VHost)
		}
	}
	// A TCP listener's line has no HTTP request and no status.
	tcp := `2026-11-21T10:00:03.945958Z my-loadbalancer 192.0.2.9:2817 10.0.0.1:80 0.001069 0.000028 0.000041 - - 82 305 "- - - " "-" - -`
	var e Entry
	if err := mustCompile(t, "aws-elb").NewParser().Parse([]byte(tcp), &e); err != ErrNoStatus {
		t.Errorf("a TCP listener's line: %v, want %v", err, ErrNoStatus)
	}
}

// Only a target in absolute form loses its scheme and host; a host logged
// elsewhere on the line stays the virtual host.
func TestFromAbsolute(t *testing.T) {
	for _, tc := range []struct {
		path, vhost         string
		wantPath, wantVHost string
	}{
		{"https://shop.example.com:443/cart", "", "/cart", "shop.example.com"},
		{"HTTP://Shop.Example.com/a/b", "", "/a/b", "Shop.Example.com"},
		{"http://shop.example.com", "", "/", "shop.example.com"},
		{"https://[2001:db8::1]:8443/x", "", "/x", "[2001:db8::1]"},
		{"https://shop.example.com/x", "logged.example.com", "/x", "logged.example.com"},
		{"/cart", "", "/cart", ""},
		{"ftp://files.example.com/x", "", "ftp://files.example.com/x", ""},
		{"http:/x", "", "http:/x", ""},
		{"http://api.example.com:80-", "", "/", ""},
	} {
		e := Entry{Path: []byte(tc.path)}
		if tc.vhost != "" {
			e.VHost = []byte(tc.vhost)
		}
		fromAbsolute(&e)
		if string(e.Path) != tc.wantPath || string(e.VHost) != tc.wantVHost {
			t.Errorf("%q (vhost %q): path %q, vhost %q; want %q, %q", tc.path, tc.vhost, e.Path, e.VHost, tc.wantPath, tc.wantVHost)
		}
	}
}

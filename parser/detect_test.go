package parser

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// sampleOf returns the first n lines of a test log the way the source
// package samples them: with their newlines.
func sampleOf(t *testing.T, name string, n int) [][]byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "logs", name))
	if err != nil {
		t.Fatal(err)
	}
	return bytes.SplitAfterN(data, []byte("\n"), n)
}

// Detect names the format of every real log it can read, and reads all of
// each file but the lines that are not requests.
func TestDetectRealLogs(t *testing.T) {
	tests := []struct {
		log, want string
		malformed int // lines that truly are not requests
	}{
		{"elastic_apache_logs_combined.log", "combined", 0},
		{"geolynx_vhost_combined_2020.log", "vhost_combined", 0},
		{"honeypot_nginx_main_xff_ipv6.log", "combined+xff", 0},
		{"isucon_nginx_json_escape.log", "nginx-json", 0},
		{"lnav_playground_access_combined.log", "combined", 0},
		{"nasa_jul95_slice_common.log", "common", 0},
		{"neutralbank_apache_combined_2024.log", "combined", 0},
		{"traefik_json_access.log", "traefik", 0},
		{"matomo_caddy_json.log", "caddy", 0},
		{"matomo_nginx_json.log", "nginx-json", 0},
		{"matomo_traefik_json.log", "traefik", 0},
		{"matomo_common_vhost.log", "vhost_common", 0},
		{"matomo_vhost_combined.log", "vhost_combined", 0},
		{"matomo_ncsa_extended.log", "combined", 0},
		// A blank line and a "# ..." comment.
		{"matomo_logs_to_tests_ncsa.log", "combined", 2},
		{"matomo_aws_alb.log", "aws-alb", 0},
		// A comment, and a line of a TCP listener: no HTTP request.
		{"matomo_aws_elb_classic.log", "aws-elb", 2},
	}
	for _, tt := range tests {
		f, ok := Detect(sampleOf(t, tt.log, 50))
		if !ok {
			t.Errorf("%s: no format detected", tt.log)
			continue
		}
		if f.Name() != tt.want {
			t.Errorf("%s: detected %q, want %q", tt.log, f.Name(), tt.want)
		}
		if g, err := Compile(f.Name()); err != nil || g.Name() != f.Name() {
			t.Errorf("%s: Compile(%q) = %v, %v", tt.log, f.Name(), g, err)
		}
		p := f.NewParser()
		var e Entry
		bad := 0
		for _, l := range testLog(t, tt.log) {
			if p.Parse(l, &e) != nil {
				bad++
			}
		}
		if bad != tt.malformed {
			t.Errorf("%s: %d malformed lines, want %d", tt.log, bad, tt.malformed)
		}
	}
}

// Logs codetop cannot read are not mistaken for one it can.
func TestDetectRefusesOtherLogs(t *testing.T) {
	for _, name := range []string{"matomo_s3_access.log", "matomo_haproxy_http.log"} {
		if f, ok := Detect(sampleOf(t, name, 50)); ok {
			t.Errorf("%s: detected %q, want none", name, f.Name())
		}
	}
	if _, ok := Detect(nil); ok {
		t.Error("Detect(nil) found a format")
	}
	if _, ok := Detect([][]byte{[]byte("\n"), []byte("hello\n")}); ok {
		t.Error("Detect found a format in junk")
	}
}

func TestDetectVariants(t *testing.T) {
	tests := []struct {
		want  string
		lines []string
	}{
		{"combined+timing", []string{
			`10.0.0.1 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "x" rt=0.001 uct="0.000" uht="0.001" urt="0.001"`,
			`10.0.0.1 - - [21/Nov/2026:10:00:01 +0000] "GET / HTTP/1.1" 200 1 "-" "x" rt=0.002 uct="0.000" uht="0.002" urt="0.002"`,
		}},
		{"combined+xff+timing", []string{
			`10.0.0.1 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "x" "203.0.113.1" 0.010 0.009`,
		}},
		// Apache's %D after the agent, then a quoted field: not timings.
		{"vhost_combined+xff", []string{
			`example.com:443 10.0.0.1 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "x" "1.2.3.4" 123456`,
		}},
		{"combined", []string{
			`10.0.0.1 - - [20/Nov/2026:14:00:00 +0000] "GET /a HTTP/1.1" 200 12 "-" "curl/8" 4523`,
		}},
		{"vhost_combined+xff", []string{
			`example.com:443 10.0.0.1 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "x" "203.0.113.1"`,
		}},
		// Mostly combined lines with a few common ones: combined.
		{"combined", []string{
			`10.0.0.1 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "x"`,
			`10.0.0.1 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "x"`,
			`10.0.0.1 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1`,
		}},
		// A JSON log no built-in mapping knows: a mapping from its keys.
		{"json:status=http.status_code,method=http.method,path=http.url,time=timestamp", []string{
			`{"timestamp":"2026-11-21T10:00:00Z","http":{"method":"GET","url":"/a","status_code":200},"service":"api"}`,
			`{"timestamp":"2026-11-21T10:00:01Z","http":{"method":"POST","url":"/b","status_code":503},"service":"api"}`,
		}},
		// A key a mapping cannot name (it holds a comma) is passed over
		// for one it can (a fuzz find: it used to leave no status at all).
		{"json:status=ok.status,path=uri", []string{
			`{",x":{"status":200},"ok":{"status":201},"uri":"/a"}`,
		}},
		// The status key is found by its value when its name says "code".
		{"json:status=resp.code,path=req.uri", []string{
			`{"level":"info","code":"E42","req":{"uri":"/x"},"resp":{"code":404}}`,
		}},
	}
	for _, tt := range tests {
		var sample [][]byte
		for _, l := range tt.lines {
			sample = append(sample, []byte(l+"\n"))
		}
		f, ok := Detect(sample)
		if !ok || f.Name() != tt.want {
			name := "none"
			if ok {
				name = f.Name()
			}
			t.Errorf("detected %s, want %s", name, tt.want)
			continue
		}
		if g, err := Compile(f.Name()); err != nil || g.Name() != f.Name() {
			t.Errorf("Compile(%q): %v", f.Name(), err)
		}
	}
}

// A UTF-8 byte order mark before a file's first line (Windows tools write
// one) changes neither the detected format nor the first field.
func TestByteOrderMarkIsNotPartOfTheLine(t *testing.T) {
	bom := "\xef\xbb\xbf"
	json1 := `{"time":"2024-03-01T00:00:00+00:00","request":"GET /a HTTP/1.1","status":200,"body_bytes_sent":5,"remote_addr":"192.0.2.1"}`
	json2 := `{"time":"2024-03-01T00:00:01+00:00","request":"GET /b HTTP/1.1","status":404,"body_bytes_sent":5,"remote_addr":"192.0.2.1"}`
	f, ok := Detect([][]byte{[]byte(bom + json1), []byte(json2)})
	if !ok || f.Name() != "nginx-json" {
		t.Fatalf("a JSON log starting with a BOM: detected %v %v, want nginx-json", f, ok)
	}
	if got, _, err := parseOne(t, f, bom+json1); err != nil || got.Status != 200 || got.Path != "/a" {
		t.Errorf("its first line: %v, %+v", err, got)
	}
	c := mustCompile(t, "combined")
	got, _, err := parseOne(t, c, bom+`192.0.2.1 - - [01/Mar/2024:00:00:00 +0000] "GET / HTTP/1.1" 200 5 "-" "x"`)
	if err != nil || got.Client != "192.0.2.1" {
		t.Errorf("a combined line after a BOM: %v, client %q", err, got.Client)
	}
}

// Apache's %D after the agent is a whole number of microseconds; nginx's
// $request_time has a fraction. Only the first reads as no time, and is
// reported as such so the caller can say how to read it.
func TestWholeNumberAfterAgent(t *testing.T) {
	apache := [][]byte{
		[]byte(`127.0.0.1 - - [23/Nov/2026:08:09:44 +0000] "GET / HTTP/1.1" 200 17 "-" "drill/1.0" 278`),
		[]byte(`127.0.0.1 - - [23/Nov/2026:08:09:44 +0000] "GET /a HTTP/1.1" 200 13 "-" "drill/1.0" 206`),
	}
	nginx := [][]byte{
		[]byte(`127.0.0.1 - - [23/Nov/2026:08:09:44 +0000] "GET / HTTP/1.1" 200 17 "-" "curl/8" 0.278`),
		[]byte(`127.0.0.1 - - [23/Nov/2026:08:09:44 +0000] "GET /a HTTP/1.1" 200 13 "-" "curl/8" 0.206 0.200`),
	}
	plain := [][]byte{[]byte(`127.0.0.1 - - [23/Nov/2026:08:09:44 +0000] "GET / HTTP/1.1" 200 17 "-" "curl/8"`)}
	for _, tc := range []struct {
		name   string
		sample [][]byte
		want   bool
	}{{"apache %D", apache, true}, {"nginx timings", nginx, false}, {"combined", plain, false}} {
		f, ok := Detect(tc.sample)
		if !ok {
			t.Fatalf("%s: no format detected", tc.name)
		}
		if got := WholeNumberAfterAgent(f, tc.sample); got != tc.want {
			t.Errorf("%s (%s): WholeNumberAfterAgent = %v, want %v", tc.name, f.Name(), got, tc.want)
		}
	}
	if WholeNumberAfterAgent(builtin["nginx-json"], apache) {
		t.Error("a JSON format reported a number after the agent")
	}
}

package parser

import (
	"errors"
	"strings"
	"testing"
)

// A log_format or LogFormat that spells out a built-in format must read its
// real log exactly as the built-in parser does, line for line.
func TestTemplatesMatchBuiltinsOnRealLogs(t *testing.T) {
	tests := []struct {
		spec, builtin string
		logs          []string
	}{
		{
			spec:    `nginx:$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" "$http_x_forwarded_for"`,
			builtin: "combined",
			logs:    []string{"honeypot_nginx_main_xff_ipv6.log"},
		},
		{
			// The same, pasted from nginx.conf.
			spec: `nginx:log_format main '$remote_addr - $remote_user [$time_local] "$request" '
                      '$status $body_bytes_sent "$http_referer" '
                      '"$http_user_agent" "$http_x_forwarded_for"';`,
			builtin: "combined",
			logs:    []string{"honeypot_nginx_main_xff_ipv6.log"},
		},
		{
			spec:    `apache:%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i"`,
			builtin: "combined",
			logs:    []string{"elastic_apache_logs_combined.log", "neutralbank_apache_combined_2024.log", "lnav_playground_access_combined.log", "matomo_ncsa_extended.log"},
		},
		{
			spec:    `apache:LogFormat "%h %l %u %t \"%r\" %>s %b" common`,
			builtin: "common",
			logs:    []string{"nasa_jul95_slice_common.log"},
		},
		{
			spec:    `apache:%v:%p %h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i"`,
			builtin: "vhost_combined",
			logs:    []string{"geolynx_vhost_combined_2020.log"},
		},
	}
	for _, tt := range tests {
		tmpl := mustCompile(t, tt.spec)
		ref := mustCompile(t, tt.builtin)
		for _, name := range tt.logs {
			tp, rp := tmpl.NewParser(), ref.NewParser()
			var te, re Entry
			lines := testLog(t, name)
			for i, l := range lines {
				terr, rerr := tp.Parse(l, &te), rp.Parse(l, &re)
				if terr != rerr {
					t.Errorf("%s line %d: %s says %v, %s says %v", name, i+1, tt.spec, terr, tt.builtin, rerr)
					continue
				}
				if terr != nil {
					continue
				}
				if err := checkSane(tp, l, &te); err != nil {
					t.Errorf("%s line %d: %v", name, i+1, err)
				}
				tv, rv := viewOf(&te), viewOf(&re)
				// The built-in parser strips the port from the vhost; %v
				// is logged without one.
				if tv != rv {
					t.Errorf("%s line %d:\n%s\n got %+v\nwant %+v", name, i+1, tt.spec, tv, rv)
				}
			}
			if len(lines) == 0 {
				t.Errorf("%s: only %d lines", name, len(lines))
			}
		}
	}
}

// The log_format the ISUCON log was written with, as JSON by a template,
// reads the same status, time, path and timings as the nginx-json parser.
func TestNginxJSONTemplateOnRealLog(t *testing.T) {
	spec := `nginx:log_format json escape=json '{"time":"$time_iso8601","host":"$remote_addr","port":$remote_port,"method":"$request_method","uri":"$request_uri","status":"$status","body_bytes":$body_bytes_sent,"referer":"$http_referer","ua":"$http_user_agent","request_time":"$request_time","response_time":"$upstream_response_time"}';`
	tp := mustCompile(t, spec).NewParser()
	jp := mustCompile(t, "nginx-json").NewParser()
	var te, je Entry
	for i, l := range testLog(t, "isucon_nginx_json_escape.log") {
		if err := tp.Parse(l, &te); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if err := jp.Parse(l, &je); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		tv, jv := viewOf(&te), viewOf(&je)
		// The template knows "host" holds $remote_addr; the generic
		// mapping can only guess it is the virtual host.
		jv.Client, jv.VHost = jv.VHost, ""
		if tv != jv {
			t.Fatalf("line %d:\ntemplate %+v\njson     %+v", i+1, tv, jv)
		}
	}
}

func TestNginxTemplateFields(t *testing.T) {
	tests := []struct {
		spec, line string
		want       view
	}{
		{
			spec: `nginx:$remote_addr [$time_local] $host "$request_method $uri$is_args$args $server_protocol" $status $bytes_sent $request_time $upstream_response_time $upstream_status`,
			line: `203.0.113.1 [21/Nov/2026:10:00:00 +0000] shop.example "GET /cart?id=7 HTTP/1.1" 502 320 0.050 0.049, 0.001 502, 200`,
			want: view{Time: "2026-11-21T10:00:00.000Z", Status: 502, Bytes: 320, RT: 50000, UT: 50000, Method: "GET", Path: "/cart", Query: "id=7", Proto: "HTTP/1.1", Client: "203.0.113.1", VHost: "shop.example", UpstreamStatus: "502, 200"},
		},
		{
			// Without a query, $is_args and $args log nothing.
			spec: `nginx:$remote_addr "$request_method $uri$is_args$args" $status`,
			line: `203.0.113.1 "GET /cart" 200`,
			want: view{Status: 200, Bytes: -1, RT: -1, UT: -1, Method: "GET", Path: "/cart", Client: "203.0.113.1"},
		},
		{
			// A time and a request line outside quotes or brackets.
			spec: `nginx:$time_local $request $status ${body_bytes_sent}b`,
			line: `21/Nov/2026:10:00:00 +0100 GET /a?b HTTP/1.0 404 0b`,
			want: view{Time: "2026-11-21T09:00:00.000Z", Status: 404, Bytes: 0, RT: -1, UT: -1, Method: "GET", Path: "/a", Query: "b", Proto: "HTTP/1.0"},
		},
		{
			spec: `nginx:$msec|$status|$request_uri|$http_user_agent`,
			line: `1763719200.123|200|/x?y|curl/8|with|bars`,
			want: view{Time: "2025-11-21T10:00:00.123Z", Status: 200, Bytes: -1, RT: -1, UT: -1, Path: "/x", Query: "y", UA: "curl/8|with|bars"},
		},
		{
			// Both byte counts logged: $body_bytes_sent is the one kept.
			spec: `nginx:$status $bytes_sent $body_bytes_sent $connection`,
			line: `200 500 300 12`,
			want: view{Status: 200, Bytes: 300, RT: -1, UT: -1},
		},
		{
			// A request nginx could not read (400, 414) logs "-" for the
			// method, the target and the protocol: none of them is known.
			spec: `nginx:$status $request_method $request_uri $server_protocol $uri`,
			line: `414 - - - -`,
			want: view{Status: 414, Bytes: -1, RT: -1, UT: -1},
		},
		{
			// The string alone, as between the quotes in nginx.conf: \t is
			// a tab there, as in the pasted log_format line below.
			spec: `nginx:[$time_local]\t$status\t"$request"`,
			line: "[21/Nov/2026:10:00:00 +0000]\t200\t\"GET / HTTP/1.1\"",
			want: view{Time: "2026-11-21T10:00:00.000Z", Status: 200, Bytes: -1, RT: -1, UT: -1, Method: "GET", Path: "/", Proto: "HTTP/1.1"},
		},
		{
			spec: `nginx:log_format tabs '[$time_local]\t$status\t"$request"';`,
			line: "[21/Nov/2026:10:00:00 +0000]\t200\t\"GET / HTTP/1.1\"",
			want: view{Time: "2026-11-21T10:00:00.000Z", Status: 200, Bytes: -1, RT: -1, UT: -1, Method: "GET", Path: "/", Proto: "HTTP/1.1"},
		},
		{
			// nginx escape=default writes a quote as \x22.
			spec: `nginx:"$request" $status "$http_user_agent"`,
			line: `"GET /\x22 HTTP/1.1" 400 "a\x22b"`,
			want: view{Status: 400, Bytes: -1, RT: -1, UT: -1, Method: "GET", Path: `/\x22`, Proto: "HTTP/1.1", UA: `a\x22b`},
		},
	}
	for _, tt := range tests {
		got, _, err := parseOne(t, mustCompile(t, tt.spec), tt.line)
		if err != nil {
			t.Errorf("%s\n%s: %v", tt.spec, tt.line, err)
			continue
		}
		if got != tt.want {
			t.Errorf("%s\n%s:\n got %+v\nwant %+v", tt.spec, tt.line, got, tt.want)
		}
	}
}

func TestApacheTemplateFields(t *testing.T) {
	tests := []struct {
		spec, line string
		want       view
	}{
		{
			spec: `apache:%a %{X-Forwarded-For}i %t "%m %U%q %H" %>s %B %D "%{Host}i"`,
			line: `192.0.2.1 203.0.113.9 [21/Nov/2026:10:00:00 +0000] "GET /a/b?c=d HTTP/1.1" 503 0 1500 "api.example"`,
			want: view{Time: "2026-11-21T10:00:00.000Z", Status: 503, Bytes: 0, RT: 1500, UT: -1, Method: "GET", Path: "/a/b", Query: "c=d", Proto: "HTTP/1.1", Client: "192.0.2.1", VHost: "api.example", XFF: "203.0.113.9"},
		},
		{
			// %s and %>s both logged: the final status wins.
			spec: `apache:%s %>s %{ms}T %400,501{User-agent}i %%`,
			line: `302 200 15 - %`,
			want: view{Status: 200, Bytes: -1, RT: 15000, UT: -1, UA: "-"},
		},
		{
			spec: `apache:%{%Y-%m-%d %H:%M:%S %z}t %h "%r" %>s %b`,
			line: `2026-11-21 10:00:00 +0200 192.0.2.1 "GET / HTTP/1.1" 200 -`,
			want: view{Time: "2026-11-21T08:00:00.000Z", Status: 200, Bytes: -1, RT: -1, UT: -1, Method: "GET", Path: "/", Proto: "HTTP/1.1", Client: "192.0.2.1"},
		},
		{
			// A time split over directives cannot be read; the line still can.
			spec: `apache:[%{%d/%b/%Y %H:%M:%S}t.%{msec_frac}t] %h %>s %T`,
			line: `[21/Nov/2026 10:00:00.123] 192.0.2.1 204 2`,
			want: view{Status: 204, Bytes: -1, RT: 2000000, UT: -1, Client: "192.0.2.1"},
		},
		{
			spec: `apache:%{msec}t %>s %{Referer}i`,
			line: `1763719200123 404 http://example.com/`,
			want: view{Time: "2025-11-21T10:00:00.123Z", Status: 404, Bytes: -1, RT: -1, UT: -1, Referer: "http://example.com/"},
		},
	}
	for _, tt := range tests {
		got, _, err := parseOne(t, mustCompile(t, tt.spec), tt.line)
		if err != nil {
			t.Errorf("%s\n%s: %v", tt.spec, tt.line, err)
			continue
		}
		if got != tt.want {
			t.Errorf("%s\n%s:\n got %+v\nwant %+v", tt.spec, tt.line, got, tt.want)
		}
	}
}

func TestTemplateRejects(t *testing.T) {
	f := mustCompile(t, `nginx:$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"`)
	tests := []struct {
		line string
		want *Error
	}{
		{"", ErrEmpty},
		{"#comment", ErrComment},
		{`192.0.2.1 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1"`, ErrShort},
		{`192.0.2.1 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" x 1 "-" "-"`, ErrBadStatus},
		{`192.0.2.1 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" - 1 "-" "-"`, ErrNoStatus},
		{`192.0.2.1 - - [junk] "GET / HTTP/1.1" 200 1 "-" "-"`, ErrNoTime},
		{`192.0.2.1 - - 21/Nov/2026:10:00:00 +0000 "GET / HTTP/1.1" 200 1 "-" "-"`, ErrNoMatch},
		{`192.0.2.1 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 many "-" "-"`, ErrBadBytes},
		{`{"status":200}`, ErrNoMatch},
	}
	for _, tt := range tests {
		if _, _, err := parseOne(t, f, tt.line); err != tt.want {
			t.Errorf("%q: %v, want %v", tt.line, err, tt.want)
		}
	}
	// Once the status is read, a line that breaks off still counts.
	got, _, err := parseOne(t, f, `192.0.2.1 - - [21/Nov/2026:10:00:00 +0000] "GET /x HTTP/1.1" 500 1 "-" "cut off`)
	if err != nil || got.Status != 500 || got.UA != "cut off" {
		t.Errorf("cut-off line: %+v, %v", got, err)
	}
}

// A spec that does not compile says where, in the --format value as typed.
func TestSpecErrors(t *testing.T) {
	tests := []struct {
		spec string
		col  int
		msg  string
	}{
		{`bogus`, 1, "unknown format"},
		{`nginx:$remote_addr $`, 20, "$ must be followed by a variable name"},
		{`nginx:$remote_addr $-`, 20, "$ must be followed by a variable name"},
		{`nginx:${status`, 7, "${ is never closed"},
		{`nginx:$remote_addr $request_time`, 33, "no $status field"},
		{`nginx:$status$body_bytes_sent`, 14, "nothing separates"},
		{`nginx:log_format main '$status`, 23, "never closed"},
		{`nginx:log_format main '$status' junk '$x'`, 33, "unquoted text"},
		{`nginx:'$status'; more`, 18, "after ';'"},
		{`apache:%h %Q %>s`, 11, "unknown directive %Q"},
		{`apache:%>s %{Referer`, 13, "never closed"},
		{`apache:%>s %`, 12, "a directive letter must follow"},
		{`apache:%h %b`, 13, "no %>s field"},
		{`apache:LogFormat %h`, 18, "quoted format"},
		{`apache:LogFormat "%>s`, 18, "never closed"},
		{`json:`, 6, "empty mapping"},
		{`json:status`, 6, "want FIELD=KEY"},
		{`json:path=x`, 12, "no status=KEY"},
		{`json:status=a, colour=b`, 16, `unknown field "colour"`},
		{`json:status=a,status=b`, 15, "mapped twice"},
		{`json:status=a..b`, 13, "bad key path"},
		{`json:status=a,path=a`, 20, "already mapped"},
	}
	for _, tt := range tests {
		_, err := Compile(tt.spec)
		var se *SpecError
		if !errors.As(err, &se) {
			t.Errorf("Compile(%q) = %v, want a *SpecError", tt.spec, err)
			continue
		}
		if se.Col != tt.col || !strings.Contains(se.Msg, tt.msg) || se.Spec != tt.spec {
			t.Errorf("Compile(%q): column %d %q, want column %d %q", tt.spec, se.Col, se.Msg, tt.col, tt.msg)
		}
	}
}

func TestSpecErrorPointsAtTheColumn(t *testing.T) {
	_, err := Compile(`apache:%h %l %u %t "%r" %Q`)
	want := "column 25: unknown directive %Q\n" +
		"  apache:%h %l %u %t \"%r\" %Q\n" +
		"                          ^"
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
}

// A duration logged twice, in microseconds (%D) and whole seconds (%T), is
// read from the finer one whichever comes first.
func TestApacheFinerDurationWins(t *testing.T) {
	for _, spec := range []string{
		`apache:%h %l %u %t "%r" %>s %b %D %T`,
		`apache:%h %l %u %t "%r" %>s %b %T %D`,
	} {
		f := mustCompile(t, spec)
		line := `1.2.3.4 - - [01/Mar/2024:10:00:00 +0100] "GET /a HTTP/1.1" 200 5 250123 0`
		if strings.HasSuffix(spec, "%T %D") {
			line = `1.2.3.4 - - [01/Mar/2024:10:00:00 +0100] "GET /a HTTP/1.1" 200 5 0 250123`
		}
		got, _, err := parseOne(t, f, line)
		if err != nil || got.RT != 250123 {
			t.Errorf("%s: %v, request time %d µs; want 250123", spec, err, got.RT)
		}
	}
}

// The strftime layouts that spell a time anyTime reads, however they spell
// it (%T for %H:%M:%S, %F for %Y-%m-%d, %s for epoch seconds), decode.
func TestApacheTimeLayoutSpellings(t *testing.T) {
	for _, c := range []struct{ layout, logged string }{
		{"%d/%b/%Y:%T %z", "01/Mar/2024:10:00:00 +0100"},
		{"%F %T %z", "2024-03-01 10:00:00 +0100"},
		{"%Y-%m-%dT%T%z", "2024-03-01T10:00:00+0100"},
		{"%s", "1709283600"},
	} {
		f := mustCompile(t, `apache:%h [%{`+c.layout+`}t] "%r" %>s`)
		got, _, err := parseOne(t, f, `1.2.3.4 [`+c.logged+`] "GET / HTTP/1.1" 200`)
		if err != nil || got.Time != "2024-03-01T09:00:00.000Z" {
			t.Errorf("%%{%s}t on %q: %v, time %q", c.layout, c.logged, err, got.Time)
		}
	}
}

// A time the format logs in a way that is not read is told before a run,
// not found out from a report without a timeline; a format whose time is
// read, or that logs none, has nothing to tell.
func TestApacheUnreadTimeIsWarned(t *testing.T) {
	split := mustCompile(t, `apache:%h [%{%d/%b/%Y %T}t.%{msec_frac}t %{%z}t] "%r" %>s %b`)
	w := Warnings(split)
	if len(w) != 1 || !strings.Contains(w[0], "%{%d/%b/%Y %T}t %{msec_frac}t %{%z}t") {
		t.Errorf("split time: warnings %q; want one naming the three directives", w)
	}
	for _, spec := range []string{
		`apache:%h %l %u %t "%r" %>s %b`,
		`apache:%h [%{%d/%b/%Y:%T %z}t] "%r" %>s`,
		`apache:%h %t %{msec_frac}t "%r" %>s`, // %t is read; the fraction is extra
		`apache:%h "%r" %>s %b`,
		`nginx:$remote_addr [$time_local] "$request" $status`,
	} {
		if w := Warnings(mustCompile(t, spec)); len(w) > 0 {
			t.Errorf("%s: warnings %q; want none", spec, w)
		}
	}
}

// An Apache format given as the string alone reads its escapes as Apache
// does, as the pasted LogFormat line and the nginx form do.
func TestApacheBareStringEscapes(t *testing.T) {
	line := "192.0.2.1\t404\t\"GET /x HTTP/1.1\""
	want := view{Status: 404, Bytes: -1, RT: -1, UT: -1, Method: "GET", Path: "/x", Proto: "HTTP/1.1", Client: "192.0.2.1"}
	for _, spec := range []string{
		`apache:%h\t%>s\t"%r"`,
		`apache:%h\t%>s\t\"%r\"`,
		`apache:LogFormat "%h\t%>s\t\"%r\"" tabs`,
	} {
		got, _, err := parseOne(t, mustCompile(t, spec), line)
		if err != nil || got != want {
			t.Errorf("%s: %v\n got %+v\nwant %+v", spec, err, got, want)
		}
	}
}

// The directive pasted whole from the server's configuration, without the
// nginx: or apache: prefix, names its server and reads the same lines.
func TestDirectivePastedWithoutPrefix(t *testing.T) {
	line := `192.0.2.1 - - [21/Nov/2026:10:00:00 +0000] "GET /a?b=c HTTP/1.1" 502 10 "-" "curl/8" 1500`
	for _, pair := range [][2]string{
		{`LogFormat "%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-Agent}i\" %D" timing`,
			`apache:%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i" %D`},
		{`log_format main '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" $request_time';`,
			`nginx:$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" $request_time`},
	} {
		pasted, err := Compile(pair[0])
		if err != nil {
			t.Fatalf("%s: %v", pair[0], err)
		}
		got, _, err := parseOne(t, pasted, line)
		want, _, werr := parseOne(t, mustCompile(t, pair[1]), line)
		if err != nil || werr != nil || got != want || got.Status != 502 {
			t.Errorf("%s:\n got %+v (%v)\nwant %+v (%v)", pair[0], got, err, want, werr)
		}
	}
}

package parser

import (
	"strings"
	"testing"
)

// The edge cases real servers write, each on a line in the shape the server
// writes it.
func TestCombinedEdgeCases(t *testing.T) {
	long := "/search?q=" + strings.Repeat("a%20b", 1800) // a 9 KB URL
	tests := []struct {
		name string
		line string
		want view
		err  error // the refusal wanted, instead of want
	}{
		{
			name: "nginx writes a quote inside a field as \\x22",
			line: `203.0.113.9 - - [21/Nov/2026:10:00:00 +0000] "GET /q?x=\x22a\x22 HTTP/1.1" 200 12 "-" "curl \x22x\x22"`,
			want: view{Time: "2026-11-21T10:00:00.000Z", Status: 200, Bytes: 12, RT: -1, UT: -1, Method: "GET", Path: "/q", Query: `x=\x22a\x22`, Proto: "HTTP/1.1", Client: "203.0.113.9", User: "-", Referer: "-", UA: `curl \x22x\x22`},
		},
		{
			// A real line of neutralbank_apache_combined_2024.log.
			name: "Apache escapes a quote inside a field as \\\"",
			line: `13.202.102.51 - - [05/Aug/2024:07:35:08 +0000] "GET /index.php?lang=../../../../../../../../usr/local/lib/php/pearcmd&+config-create+/&/<?echo(md5(\"hi\"));?>+/tmp/index1.php HTTP/1.1" 404 847 "-" "Custom-AsyncHttpClient"`,
			want: view{Time: "2024-08-05T07:35:08.000Z", Status: 404, Bytes: 847, RT: -1, UT: -1, Method: "GET", Path: "/index.php", Query: `lang=../../../../../../../../usr/local/lib/php/pearcmd&+config-create+/&/<?echo(md5(\"hi\"));?>+/tmp/index1.php`, Proto: "HTTP/1.1", Client: "13.202.102.51", User: "-", Referer: "-", UA: "Custom-AsyncHttpClient"},
		},
		{
			name: "an escaped backslash right before the closing quote",
			line: `198.51.100.7 - - [21/Nov/2026:10:00:00 +0000] "GET /a\\ HTTP/1.1" 404 0 "-" "x\\"`,
			want: view{Time: "2026-11-21T10:00:00.000Z", Status: 404, Bytes: 0, RT: -1, UT: -1, Method: "GET", Path: `/a\\`, Proto: "HTTP/1.1", Client: "198.51.100.7", User: "-", Referer: "-", UA: `x\\`},
		},
		{
			name: "an empty request is a 400 from a client that sent nothing",
			line: `192.0.2.1 - - [21/Nov/2026:10:00:01 +0000] "" 400 0 "-" "-"`,
			want: view{Time: "2026-11-21T10:00:01.000Z", Status: 400, Bytes: 0, RT: -1, UT: -1, Client: "192.0.2.1", User: "-", Referer: "-", UA: "-"},
		},
		{
			// A real line of neutralbank_apache_combined_2024.log.
			name: "TLS handshake bytes as the request line",
			line: `80.82.77.202 - - [05/Aug/2024:00:57:28 +0000] "\x16\x03\x02\x01o\x01" 400 859 "-" "-"`,
			want: view{Time: "2024-08-05T00:57:28.000Z", Status: 400, Bytes: 859, RT: -1, UT: -1, Client: "80.82.77.202", User: "-", Referer: "-", UA: "-"},
		},
		{
			name: "an IPv6 client",
			line: `2001:db8::1 - - [21/Nov/2026:10:00:02 +0100] "GET / HTTP/2.0" 200 5 "-" "x"`,
			want: view{Time: "2026-11-21T09:00:02.000Z", Status: 200, Bytes: 5, RT: -1, UT: -1, Method: "GET", Path: "/", Proto: "HTTP/2.0", Client: "2001:db8::1", User: "-", Referer: "-", UA: "x"},
		},
		{
			// A real line of nasa_jul95_slice_common.log.
			name: "- for bytes",
			line: `js002.cc.utsunomiya-u.ac.jp - - [01/Jul/1995:00:00:41 -0400] "GET /shuttle/resources/orbiters/discovery.gif HTTP/1.0" 404 -`,
			want: view{Time: "1995-07-01T04:00:41.000Z", Status: 404, Bytes: -1, RT: -1, UT: -1, Method: "GET", Path: "/shuttle/resources/orbiters/discovery.gif", Proto: "HTTP/1.0", Client: "js002.cc.utsunomiya-u.ac.jp", User: "-"},
		},
		{
			name: "499 from nginx when the client gave up",
			line: `::1 - - [01/May/2025:02:56:08 +0000] "GET /api/health HTTP/1.1" 499 0 "-" "curl/8.5.0" "-"`,
			want: view{Time: "2025-05-01T02:56:08.000Z", Status: 499, Bytes: 0, RT: -1, UT: -1, Method: "GET", Path: "/api/health", Proto: "HTTP/1.1", Client: "::1", User: "-", Referer: "-", UA: "curl/8.5.0", XFF: "-"},
		},
		{
			name: "444: nginx closed the connection without a response",
			line: `198.51.100.2 - - [21/Nov/2026:10:00:03 +0000] "GET /wp-login.php HTTP/1.1" 444 0 "-" "scanner"`,
			want: view{Time: "2026-11-21T10:00:03.000Z", Status: 444, Bytes: 0, RT: -1, UT: -1, Method: "GET", Path: "/wp-login.php", Proto: "HTTP/1.1", Client: "198.51.100.2", User: "-", Referer: "-", UA: "scanner"},
		},
		{
			name: "000: no response at all",
			line: `198.51.100.3 - - [21/Nov/2026:10:00:04 +0000] "GET / HTTP/1.1" 000 0 "-" "-"`,
			want: view{Time: "2026-11-21T10:00:04.000Z", Status: 0, Bytes: 0, RT: -1, UT: -1, Method: "GET", Path: "/", Proto: "HTTP/1.1", Client: "198.51.100.3", User: "-", Referer: "-", UA: "-"},
		},
		{
			name: "a 9 KB URL",
			line: `192.0.2.4 - - [21/Nov/2026:10:00:05 +0000] "GET ` + long + ` HTTP/1.1" 414 0 "-" "-"`,
			want: view{Time: "2026-11-21T10:00:05.000Z", Status: 414, Bytes: 0, RT: -1, UT: -1, Method: "GET", Path: "/search", Query: long[len("/search?"):], Proto: "HTTP/1.1", Client: "192.0.2.4", User: "-", Referer: "-", UA: "-"},
		},
		{
			name: "CRLF line ending",
			line: "192.0.2.5 - - [21/Nov/2026:10:00:06 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"x\"\r\n",
			want: view{Time: "2026-11-21T10:00:06.000Z", Status: 200, Bytes: 1, RT: -1, UT: -1, Method: "GET", Path: "/", Proto: "HTTP/1.1", Client: "192.0.2.5", User: "-", Referer: "-", UA: "x"},
		},
		{
			name: "invalid UTF-8 and a NUL byte in the path and agent",
			line: "192.0.2.6 - - [21/Nov/2026:10:00:07 +0000] \"GET /caf\xe9\x00x HTTP/1.1\" 404 0 \"-\" \"\xff\xfe\x00\"",
			want: view{Time: "2026-11-21T10:00:07.000Z", Status: 404, Bytes: 0, RT: -1, UT: -1, Method: "GET", Path: "/caf\xe9\x00x", Proto: "HTTP/1.1", Client: "192.0.2.6", User: "-", Referer: "-", UA: "\xff\xfe\x00"},
		},
		{
			// Line 8899 of elastic_apache_logs_combined.log.
			name: "a user agent whose quote is never closed",
			line: `46.118.127.106 - - [20/May/2015:12:05:17 +0000] "GET /scripts/grok-py-test/configlib.py HTTP/1.1" 200 235 "-" "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html`,
			want: view{Time: "2015-05-20T12:05:17.000Z", Status: 200, Bytes: 235, RT: -1, UT: -1, Method: "GET", Path: "/scripts/grok-py-test/configlib.py", Proto: "HTTP/1.1", Client: "46.118.127.106", User: "-", Referer: "-", UA: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html"},
		},
		{
			name: "an unescaped quote inside the request (servers that do not escape)",
			line: `192.0.2.8 - - [21/Nov/2026:10:00:08 +0000] "GET /a"b HTTP/1.0" 400 0 "-" "-"`,
			want: view{Time: "2026-11-21T10:00:08.000Z", Status: 400, Bytes: 0, RT: -1, UT: -1, Method: "GET", Path: `/a"b`, Proto: "HTTP/1.0", Client: "192.0.2.8", User: "-", Referer: "-", UA: "-"},
		},
		{
			// A request with no target, spaced or not, has no path.
			name: "no target between the method and the protocol",
			line: `192.0.2.9 - - [21/Nov/2026:10:00:09 +0000] "GET   HTTP/1.1" 400 0 "-" "-"`,
			want: view{Time: "2026-11-21T10:00:09.000Z", Status: 400, Bytes: 0, RT: -1, UT: -1, Method: "GET", Proto: "HTTP/1.1", Client: "192.0.2.9", User: "-", Referer: "-", UA: "-"},
		},
		{
			name: "a two-digit status",
			line: `192.0.2.9 - - [21/Nov/2026:10:00:09 +0000] "GET / HTTP/1.1" 42 1 "-" "-"`,
			err:  ErrStatusRange,
		},
		{
			// nginx logs 009 for a request in HTTP/0.9, which has no status
			// line (scanners send them); HAProxy logs -1 for no response.
			name: "nginx's 009 for HTTP/0.9",
			line: `192.0.2.9 - - [21/Nov/2026:10:00:09 +0000] "GET /" 009 1 "-" "-"`,
			want: view{Time: "2026-11-21T10:00:09.000Z", Status: 9, Bytes: 1, RT: -1, UT: -1, Method: "GET", Path: "/", Client: "192.0.2.9", User: "-", Referer: "-", UA: "-"},
		},
		{
			name: "HAProxy's -1 is no response",
			line: `192.0.2.9 - - [21/Nov/2026:10:00:09 +0000] "GET / HTTP/1.1" -1 0 "-" "-"`,
			want: view{Time: "2026-11-21T10:00:09.000Z", Status: 0, Bytes: 0, RT: -1, UT: -1, Method: "GET", Path: "/", Proto: "HTTP/1.1", Client: "192.0.2.9", User: "-", Referer: "-", UA: "-"},
		},
		{
			name: "a four-digit status",
			line: `192.0.2.9 - - [21/Nov/2026:10:00:09 +0000] "GET / HTTP/1.1" 1000 1 "-" "-"`,
			err:  ErrStatusRange,
		},
		{
			// nginx serves "GET  /x" as /x; so does the report.
			name: "two spaces after the method",
			line: `192.0.2.9 - - [21/Nov/2026:10:00:09 +0000] "GET  /double-space HTTP/1.1" 404 153 "-" "-"`,
			want: view{Time: "2026-11-21T10:00:09.000Z", Status: 404, Bytes: 153, RT: -1, UT: -1, Method: "GET", Path: "/double-space", Proto: "HTTP/1.1", Client: "192.0.2.9", User: "-", Referer: "-", UA: "-"},
		},
		{
			name: "an empty user agent",
			line: `192.0.2.9 - - [21/Nov/2026:10:00:09 +0000] "HEAD / HTTP/1.1" 200 0 "-" ""`,
			want: view{Time: "2026-11-21T10:00:09.000Z", Status: 200, Bytes: 0, RT: -1, UT: -1, Method: "HEAD", Path: "/", Proto: "HTTP/1.1", Client: "192.0.2.9", User: "-", Referer: "-"},
		},
		{
			name: "nginx timings as key=value after the agent",
			line: `192.0.2.10 - - [21/Nov/2026:10:00:10 +0000] "POST /api/orders HTTP/1.1" 502 157 "-" "k6/0.49" rt=0.123 uct="0.000" uht="-" urt="0.120, 0.003"`,
			want: view{Time: "2026-11-21T10:00:10.000Z", Status: 502, Bytes: 157, RT: 123000, UT: 123000, Method: "POST", Path: "/api/orders", Proto: "HTTP/1.1", Client: "192.0.2.10", User: "-", Referer: "-", UA: "k6/0.49"},
		},
		{
			name: "X-Forwarded-For and bare $request_time $upstream_response_time",
			line: `10.0.0.2 - alice [21/Nov/2026:10:00:11 -0500] "GET /x?y=1 HTTP/1.1" 200 99 "https://example.com/" "Mozilla/5.0" "203.0.113.50, 10.0.0.1" 0.250 0.249`,
			want: view{Time: "2026-11-21T15:00:11.000Z", Status: 200, Bytes: 99, RT: 250000, UT: 249000, Method: "GET", Path: "/x", Query: "y=1", Proto: "HTTP/1.1", Client: "10.0.0.2", User: "alice", Referer: "https://example.com/", UA: "Mozilla/5.0", XFF: "203.0.113.50, 10.0.0.1"},
		},
		{
			// Apache's %D (microseconds) appended to combined: a whole
			// number is not nginx's $request_time in seconds.
			name: "a whole number after the agent is no timing",
			line: `10.0.0.1 - - [20/Nov/2026:14:00:00 +0000] "GET /a HTTP/1.1" 200 12 "-" "curl/8" 4523`,
			want: view{Time: "2026-11-20T14:00:00.000Z", Status: 200, Bytes: 12, RT: -1, UT: -1, Method: "GET", Path: "/a", Proto: "HTTP/1.1", Client: "10.0.0.1", User: "-", Referer: "-", UA: "curl/8"},
		},
		{
			name: "milliseconds in the timestamp",
			line: `192.0.2.11 - - [21/Nov/2026:10:00:12.345 +0000] "GET / HTTP/1.1" 200 1`,
			want: view{Time: "2026-11-21T10:00:12.345Z", Status: 200, Bytes: 1, RT: -1, UT: -1, Method: "GET", Path: "/", Proto: "HTTP/1.1", Client: "192.0.2.11", User: "-"},
		},
		{
			// lnav_playground_access_combined.log logs such targets.
			name: "a path without a leading slash stays as logged",
			line: `192.0.2.122 - combatcarl@example.com [11/Jan/2022:03:04:27 +0000] "PUT dolore/do/labore HTTP/1.0" 200 1808 "http://lnav.org/download.html" "Roku"`,
			want: view{Time: "2022-01-11T03:04:27.000Z", Status: 200, Bytes: 1808, RT: -1, UT: -1, Method: "PUT", Path: "dolore/do/labore", Proto: "HTTP/1.0", Client: "192.0.2.122", User: "combatcarl@example.com", Referer: "http://lnav.org/download.html", UA: "Roku"},
		},
		{
			name: "HTTP/0.9: no protocol",
			line: `192.0.2.12 - - [21/Nov/2026:10:00:13 +0000] "GET /" 200 10`,
			want: view{Time: "2026-11-21T10:00:13.000Z", Status: 200, Bytes: 10, RT: -1, UT: -1, Method: "GET", Path: "/", Client: "192.0.2.12", User: "-"},
		},
	}
	f := mustCompile(t, "combined")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, err := parseOne(t, f, tt.line)
			if tt.err != nil {
				if err != tt.err {
					t.Fatalf("Parse: %v, want %v", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestCombinedEmptyAgentIsPresent(t *testing.T) {
	_, e, err := parseOne(t, mustCompile(t, "combined"), `192.0.2.9 - - [21/Nov/2026:10:00:09 +0000] "HEAD / HTTP/1.1" 200 0 "-" ""`)
	if err != nil {
		t.Fatal(err)
	}
	if e.UserAgent == nil || len(e.UserAgent) != 0 {
		t.Errorf("UserAgent = %q (nil %v), want present and empty", e.UserAgent, e.UserAgent == nil)
	}
}

func TestVhostCombined(t *testing.T) {
	f := mustCompile(t, "vhost_combined")
	tests := []struct{ line, vhost, client string }{
		// Real lines of geolynx_vhost_combined_2020.log.
		{`fenix.geolynx.com.ar:443 71.6.232.7 - - [01/Dec/2020:06:41:10 +0000] "GET / HTTP/1.1" 200 4875 "-" "Mozilla/5.0"`, "fenix.geolynx.com.ar", "71.6.232.7"},
		{`fenix.geolynx.com.ar:80 ::1 - - [01/Dec/2020:06:25:01 +0000] "OPTIONS * HTTP/1.0" 200 126 "-" "Apache/2.4.38 (Debian) (internal dummy connection)"`, "fenix.geolynx.com.ar", "::1"},
		// matomo_vhost_combined.log: no port.
		{`www.example.com 1.2.3.4 - theuser [10/Feb/2012:16:42:07 -0500] "GET / HTTP/1.0" 301 368 "-" "Mozilla/5.0"`, "www.example.com", "1.2.3.4"},
		{`[2001:db8::1]:8443 192.0.2.1 - - [10/Feb/2012:16:42:07 -0500] "GET / HTTP/1.0" 301 368 "-" "x"`, "[2001:db8::1]", "192.0.2.1"},
	}
	for _, tt := range tests {
		got, _, err := parseOne(t, f, tt.line)
		if err != nil {
			t.Errorf("%s: %v", tt.line, err)
			continue
		}
		if got.VHost != tt.vhost || got.Client != tt.client {
			t.Errorf("%s:\nvhost %q client %q, want %q %q", tt.line, got.VHost, got.Client, tt.vhost, tt.client)
		}
	}
}

// Lines that are not requests are rejected with a reason that says why.
func TestCombinedRejects(t *testing.T) {
	tests := []struct {
		line string
		want *Error
	}{
		{"", ErrEmpty},
		{"\r\n", ErrEmpty},
		{"# Fields: date time cs-method", ErrComment},
		{"garbage", ErrNoTime},
		{`192.0.2.1 - - [21/Nov/2026:10:00:00 +0000]`, ErrNoRequest},
		{`192.0.2.1 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1`, ErrNoRequest},
		{`192.0.2.1 - - [31/Feb/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1`, ErrNoTime},
		{`192.0.2.1 - - [21/Nov/2026:25:00:00 +0000] "GET / HTTP/1.1" 200 1`, ErrNoTime},
		{`192.0.2.1 - - [21/Nov/1969:10:00:00 +0000] "GET / HTTP/1.1" 200 1`, ErrNoTime},
		{`192.0.2.1 - - [21/Nov/2026:10:00:00 +2500] "GET / HTTP/1.1" 200 1`, ErrNoTime},
		{`192.0.2.1 - - [21/Foo/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1`, ErrNoTime},
		{`192.0.2.1 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1"`, ErrNoStatus},
		{`192.0.2.1 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" - 1`, ErrNoStatus},
		{`192.0.2.1 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 2000 1`, ErrStatusRange},
		{`192.0.2.1 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 9 1`, ErrStatusRange},
		{`192.0.2.1 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" -2 1`, ErrBadStatus},
		{`192.0.2.1 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" OK 1`, ErrBadStatus},
		{`192.0.2.1 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 lots`, ErrBadBytes},
		// A vhost_combined line is not a combined one.
		{`fenix.geolynx.com.ar:443 71.6.232.7 - - [01/Dec/2020:06:41:10 +0000] "GET / HTTP/1.1" 200 4875 "-" "x"`, ErrNoTime},
	}
	f := mustCompile(t, "combined")
	for _, tt := range tests {
		_, _, err := parseOne(t, f, tt.line)
		if err != tt.want {
			t.Errorf("%q: error %v, want %v", tt.line, err, tt.want)
		}
	}
}

// A common line ends after the byte count; anything cut later still counts.
func TestCombinedShortLinesStillCount(t *testing.T) {
	f := mustCompile(t, "combined")
	for _, line := range []string{
		`192.0.2.1 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 503`,
		`192.0.2.1 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 503 1 "http://ref`,
		`192.0.2.1 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 503 1 "-" "agent" "10.0.0.1`,
	} {
		got, _, err := parseOne(t, f, line)
		if err != nil || got.Status != 503 || got.Path != "/" {
			t.Errorf("%q: %+v, %v; want status 503 for /", line, got, err)
		}
	}
}

func TestStripPort(t *testing.T) {
	for in, want := range map[string]string{
		"example.com:443": "example.com", "example.com": "example.com", "::1": "::1",
		"fe80::1": "fe80::1", "[::1]:80": "[::1]", "host:": "host:", ":80": ":80", "a:b": "a:b",
	} {
		if got := string(stripPort([]byte(in))); got != want {
			t.Errorf("stripPort(%q) = %q, want %q", in, got, want)
		}
	}
}

// The last line of a file without a final newline reaches the parser as the
// other lines do, and a trailing CR or LF is dropped either way.
func TestMissingFinalNewline(t *testing.T) {
	log := "192.0.2.1 - - [21/Nov/2026:10:00:00 +0000] \"GET /a HTTP/1.1\" 200 1 \"-\" \"x\"\n" +
		"192.0.2.2 - - [21/Nov/2026:10:00:01 +0000] \"GET /b HTTP/1.1\" 503 2 \"-\" \"y\""
	f := mustCompile(t, "combined")
	lines := splitLines([]byte(log))
	if len(lines) != 2 {
		t.Fatalf("%d lines", len(lines))
	}
	for i, want := range []string{"/a", "/b"} {
		for _, l := range []string{string(lines[i]), string(lines[i]) + "\n", string(lines[i]) + "\r\n"} {
			got, _, err := parseOne(t, f, l)
			if err != nil || got.Path != want || got.UA == "" {
				t.Errorf("%q: %+v, %v", l, got, err)
			}
		}
	}
}

// A byte count that is a number but no size (negative, as old 32-bit
// Apache wrote past 2 GB, or too large) leaves the size unknown: the line
// is still a request. A word where the count belongs still refuses it.
func TestOddByteCountsKeepTheRequest(t *testing.T) {
	f := mustCompile(t, "combined")
	for _, bytes := range []string{"-5", "99999999999999999999", "-"} {
		line := `2001:db8::1 - - [01/Mar/2024:00:00:00 -1200] "POST /b HTTP/2.0" 201 ` + bytes + ` "" ""`
		got, _, err := parseOne(t, f, line)
		if err != nil || got.Status != 201 || got.Bytes != -1 || got.Path != "/b" {
			t.Errorf("bytes %s: %v, %+v; want the request with its size unknown", bytes, err, got)
		}
	}
	j := mustCompile(t, "nginx-json")
	if got, _, err := parseOne(t, j, `{"status":200,"uri":"/b","body_bytes_sent":123}`); err != nil || got.Bytes != 123 {
		t.Fatalf("JSON bytes 123: %v, bytes %d", err, got.Bytes)
	}
	for _, js := range []string{`-5`, `1.5`, `"-5"`, `123456789012345678901`} {
		got, _, err := parseOne(t, j, `{"status":200,"uri":"/b","body_bytes_sent":`+js+`}`)
		if err != nil || got.Bytes != -1 {
			t.Errorf("JSON bytes %s: %v, bytes %d; want the request with its size unknown", js, err, got.Bytes)
		}
	}
}

// Bare timings after the agent: $request_time, then $upstream_response_time,
// whose list of upstreams tried adds up; a list alone is upstream times.
func TestBareTimingsAddTheUpstreamList(t *testing.T) {
	const head = `192.0.2.9 - - [21/Nov/2026:10:00:09 +0000] "GET / HTTP/1.1" 502 0 "-" "-" `
	for _, tt := range []struct {
		tail   string
		rt, ut int64
	}{
		{"0.250 0.249", 250000, 249000},
		{"0.250 0.120, 0.003", 250000, 123000},
		{"0.250 0.120 : 0.003", 250000, 123000},
		{"0.250 0.100, 0.020 : 0.003", 250000, 123000},
		{"0.120, 0.003", -1, 123000},
		{"0.120 : 0.003", -1, 123000},
		{"0.250", 250000, -1},
		// key=value, the list unquoted: it goes on past the spaces.
		{"urt=0.120, 0.003", -1, 123000},
		{"rt=0.250 urt=0.120, 0.003", 250000, 123000},
		{"rt=0.250 urt=0.120 : 0.003", 250000, 123000},
		{`rt=0.250 urt="0.120, 0.003"`, 250000, 123000},
	} {
		_, e, err := parseOne(t, mustCompile(t, "combined"), head+tt.tail)
		if err != nil {
			t.Fatalf("%s: %v", tt.tail, err)
		}
		if e.RequestTime != tt.rt || e.UpstreamTime != tt.ut {
			t.Errorf("%q: request %d µs, upstream %d µs; want %d and %d", tt.tail, e.RequestTime, e.UpstreamTime, tt.rt, tt.ut)
		}
	}
}

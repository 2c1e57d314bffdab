package parser

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestJSONFormats(t *testing.T) {
	tests := []struct {
		name, format, line string
		want               view
	}{
		{
			name:   "nginx escape=json, status as a string (a real isucon line)",
			format: "nginx-json",
			line:   `{"time":"2024-10-12T23:14:21+09:00","host":"172.31.7.82","port":46266,"method":"GET","uri":"/@colleen","status":"200","body_bytes":4012,"referer":"","ua":"benchmarker","request_time":"0.485","response_time":"0.486"}`,
			want:   view{Time: "2024-10-12T14:14:21.000Z", Status: 200, Bytes: 4012, RT: 485000, UT: 486000, Method: "GET", Path: "/@colleen", VHost: "172.31.7.82", UA: "benchmarker"},
		},
		{
			name:   "nginx with the request line and numbers unquoted",
			format: "nginx-json",
			line:   `{"remote_addr":"2001:db8::7","time_local":"21/Nov/2026:10:00:00 +0000","request":"POST /api/v1/orders?dry=1 HTTP/2.0","status":502,"body_bytes_sent":157,"request_time":0.051,"upstream_response_time":"0.050, 0.001","upstream_status":"502, 502","http_user_agent":"k6/0.49","http_x_forwarded_for":"-"}`,
			want:   view{Time: "2026-11-21T10:00:00.000Z", Status: 502, Bytes: 157, RT: 51000, UT: 51000, Method: "POST", Path: "/api/v1/orders", Query: "dry=1", Proto: "HTTP/2.0", Client: "2001:db8::7", UA: "k6/0.49", XFF: "-", UpstreamStatus: "502, 502"},
		},
		{
			// Decoded: the path is what the client asked for, as a
			// combined log of the same request says.
			name:   "nginx escape=json writes quotes and control bytes as JSON escapes, bytes >= 0x80 raw",
			format: "nginx-json",
			line:   "{\"status\":\"400\",\"request\":\"GET /\\\"x\\u0001\xe9\xff HTTP/1.1\",\"http_user_agent\":\"a\\\\b\"}",
			want:   view{Status: 400, Bytes: -1, RT: -1, UT: -1, Method: "GET", Path: "/\"x\x01\xe9\xff", Proto: "HTTP/1.1", UA: `a\\b`},
		},
		{
			name:   "nginx escape=default writes \\xHH, not JSON, and bare - for a missing upstream",
			format: "nginx-json",
			line:   `{"status": "404", "request": "GET /\x22\xE9 HTTP/1.1", "upstream_response_time": -, "http_referer": "\x16\x03"}`,
			want:   view{Status: 404, Bytes: -1, RT: -1, UT: -1, Method: "GET", Path: `/\x22\xE9`, Proto: "HTTP/1.1", Referer: `\x16\x03`},
		},
		{
			name:   "a status and a time written with \\u escapes decode",
			format: "nginx-json",
			line:   `{"status":"\u0035\u0030\u0033","time":"2026-11-21T10:00:00\u002B01:00","msec":null,"uri":"\/a\/b"}`,
			want:   view{Time: "2026-11-21T09:00:00.000Z", Status: 503, Bytes: -1, RT: -1, UT: -1, Path: `/a/b`},
		},
		{
			name:   "msec outranks time_local",
			format: "nginx-json",
			line:   `{"time_local":"21/Nov/2026:10:00:00 +0000","msec":"1763719200.123","status":200}`,
			want:   view{Time: "2025-11-21T10:00:00.123Z", Status: 200, Bytes: -1, RT: -1, UT: -1},
		},
		{
			name:   "Caddy: nested request, ts as epoch seconds, duration in seconds (matomo_caddy_json.log)",
			format: "caddy",
			line:   `{"level":"info","ts":1703373474.9011197,"logger":"http.log.access","msg":"handled request","request":{"remote_ip":"1.2.3.4","remote_port":"64985","client_ip":"1.2.3.4","proto":"HTTP/2.0","method":"GET","host":"example.com","uri":"/beta/assets/index-mMaLXldj.css","headers":{"Accept-Encoding":["gzip, deflate, br"],"Referer":["https://example.com/beta/"],"User-Agent":["Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:121.0) Gecko/20100101 Firefox/121.0"]},"tls":{"resumed":false,"version":772}},"bytes_read":0,"user_id":"","duration":0.001436,"size":34534,"status":200,"resp_headers":{"Server":["Caddy","nginx/1.20.1"],"Alt-Svc":["h3=\":443\"; ma=2592000"]}}`,
			want:   view{Time: "2023-12-23T23:17:54.901Z", Status: 200, Bytes: 34534, RT: 1436, UT: -1, Method: "GET", Path: "/beta/assets/index-mMaLXldj.css", Proto: "HTTP/2.0", Client: "1.2.3.4", VHost: "example.com", Referer: "https://example.com/beta/", UA: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:121.0) Gecko/20100101 Firefox/121.0"},
		},
		{
			name:   "Traefik: DownstreamStatus as a string, RequestPath with its query (matomo_traefik_json.log)",
			format: "traefik",
			line:   `{"ClientAddr": "172.20.0.1:52458","ClientHost": "1.2.3.4","ClientPort":"52458","ClientUsername":"-","request_User-Agent":"Prometheus/2.40.5","request_Referer":"www.example.com","DownstreamContentSize":15,"DownstreamStatus":"200","Duration":10002425284,"OriginContentSize":15,"OriginDuration":10002302842,"OriginStatus":504,"RequestHost":"localhost","RequestMethod":"GET","RequestPath":"/my/app/auth?id=1234&user=dude","RequestProtocol":"HTTP/1.1","ServiceURL":{"Scheme":"http","User":null,"Host":"apache:80"},"StartLocal":"2023-08-11T11:39:21.773360139Z","StartUTC":"2023-08-11T11:39:21.773360139Z","level":"info","msg":"","time":"2023-08-11T11:41:25"}`,
			want:   view{Time: "2023-08-11T11:39:21.773Z", Status: 200, Bytes: 15, RT: 10002425, UT: 10002302, Method: "GET", Path: "/my/app/auth", Query: "id=1234&user=dude", Proto: "HTTP/1.1", Client: "1.2.3.4", User: "-", VHost: "localhost", Referer: "www.example.com", UA: "Prometheus/2.40.5", UpstreamStatus: "504"},
		},
		{
			name:   "Traefik: status 0 when the client left before any response",
			format: "traefik",
			line:   `{"DownstreamStatus":0,"RequestMethod":"GET","RequestPath":"/","StartUTC":"2024-06-06T09:16:52.88Z","Duration":57000}`,
			want:   view{Time: "2024-06-06T09:16:52.880Z", Status: 0, Bytes: -1, RT: 57, UT: -1, Method: "GET", Path: "/"},
		},
		{
			name:   "nginx's 009 for HTTP/0.9",
			format: "nginx-json",
			line:   `{"status":"009","uri":"/"}`,
			want:   view{Status: 9, Bytes: -1, RT: -1, UT: -1, Path: "/"},
		},
		{
			name:   "a request line with a whole URL, a client with its port",
			format: "json:status=code,request_url=req,client=peer",
			line:   `{"code":200,"req":"GET https://shop.example.com:443/cart?x=1 HTTP/1.1","peer":"192.0.2.1:5000"}`,
			want:   view{Status: 200, Bytes: -1, RT: -1, UT: -1, Method: "GET", Path: "/cart", Query: "x=1", Proto: "HTTP/1.1", Client: "192.0.2.1", VHost: "shop.example.com"},
		},
		{
			name:   "HAProxy's -1 is no response",
			format: "json:status=status_code,path=path",
			line:   `{"status_code":-1,"path":"/"}`,
			want:   view{Status: 0, Bytes: -1, RT: -1, UT: -1, Path: "/"},
		},
		{
			name:   "json reads any of the three",
			format: "json",
			line:   `{"DownstreamStatus":499,"RequestPath":"/x","StartUTC":"2024-06-06T09:16:52Z"}`,
			want:   view{Time: "2024-06-06T09:16:52.000Z", Status: 499, Bytes: -1, RT: -1, UT: -1, Path: "/x"},
		},
		{
			name:   "json reads Caddy's nested request too",
			format: "json",
			line:   `{"ts":1703373474.9011197,"request":{"client_ip":"1.2.3.4","method":"GET","host":"example.com","uri":"/beta/?x","headers":{"User-Agent":["curl"]}},"duration":0.5,"size":3,"status":404}`,
			want:   view{Time: "2023-12-23T23:17:54.901Z", Status: 404, Bytes: 3, RT: 500000, UT: -1, Method: "GET", Path: "/beta/", Query: "x", Client: "1.2.3.4", VHost: "example.com", UA: "curl"},
		},
		{
			name:   "json reads an nginx request line",
			format: "json",
			line:   `{"time_local":"21/Nov/2026:10:00:00 +0000","request":"GET /n HTTP/1.1","status":"301","remote_addr":"192.0.2.1"}`,
			want:   view{Time: "2026-11-21T10:00:00.000Z", Status: 301, Bytes: -1, RT: -1, UT: -1, Method: "GET", Path: "/n", Proto: "HTTP/1.1", Client: "192.0.2.1"},
		},
		{
			name:   "a user mapping with nested keys and @timestamp",
			format: "json:status=resp.code,path=req.url,time=@timestamp,method=req.method,bytes=resp.size,request_time_ms=took",
			line:   `{"@timestamp":"2026-11-21T10:00:00.250Z","req":{"method":"GET","url":"/a?b=c","hdr":{"x":[1,{"y":"}"}]}},"resp":{"code":429,"size":"12"},"took":37.5}`,
			want:   view{Time: "2026-11-21T10:00:00.250Z", Status: 429, Bytes: 12, RT: 37500, UT: -1, Method: "GET", Path: "/a", Query: "b=c"},
		},
		{
			name:   "a dotted path also matches keys that contain the dots (ECS style)",
			format: "json:status=http.response.status_code,path=url.path,time=event.created,client=source.ip",
			line:   `{"http.response.status_code":503,"url":{"path":"/health"},"event.created":1763719200123,"source":{"ip":"192.0.2.1"}}`,
			want:   view{Time: "2025-11-21T10:00:00.123Z", Status: 503, Bytes: -1, RT: -1, UT: -1, Path: "/health", Client: "192.0.2.1"},
		},
		{
			name:   "alternative keys, best first",
			format: "json:status=status|code,path=path|uri",
			line:   `{"uri":"/b","code":201,"path":"/a"}`,
			want:   view{Status: 201, Bytes: -1, RT: -1, UT: -1, Path: "/a"},
		},
		{
			name:   "whitespace between tokens",
			format: "nginx-json",
			line:   " { \"status\" :\t\"200\" ,\r\n \"uri\" : \"/s\" } ",
			want:   view{Status: 200, Bytes: -1, RT: -1, UT: -1, Path: "/s"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, err := parseOne(t, mustCompile(t, tt.format), tt.line)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestJSONRejects(t *testing.T) {
	tests := []struct {
		format, line string
		want         *Error
	}{
		{"nginx-json", ``, ErrEmpty},
		{"nginx-json", `# a comment`, ErrComment},
		{"nginx-json", `1.2.3.4 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1`, ErrNotJSON},
		{"nginx-json", `[{"status":200}]`, ErrNotJSON},
		{"nginx-json", `{"uri":"/"}`, ErrNoStatus},
		{"nginx-json", `{"status":null,"uri":"/"}`, ErrNoStatus},
		{"nginx-json", `{"status":"-","uri":"/"}`, ErrNoStatus},
		{"nginx-json", `{"status":"OK"}`, ErrBadStatus},
		{"nginx-json", `{"status":2000}`, ErrStatusRange},
		{"nginx-json", `{"status":200,"time":"yesterday"}`, ErrNoTime},
		{"nginx-json", `{"status":200,"bytes":"many"}`, ErrBadBytes},
		{"nginx-json", `{"uri":"/","status`, ErrBadJSON},
		{"nginx-json", `{"uri":"/" "status":200}`, ErrBadJSON},
		{"nginx-json", `{"uri":}`, ErrBadJSON},
		{"nginx-json", `{"a":{"b":[1,2}`, ErrBadJSON},
		{"nginx-json", `{"a":"unterminated`, ErrBadJSON},
		{"nginx-json", `{"a":1,,"status":200}`, ErrBadJSON},
		// Traefik's own log records are not requests.
		{"traefik", `{"level":"error","msg":"Error while starting server","time":"2024-06-06T09:16:51Z"}`, ErrNoStatus},
	}
	for _, tt := range tests {
		if _, _, err := parseOne(t, mustCompile(t, tt.format), tt.line); err != tt.want {
			t.Errorf("%s %q: %v, want %v", tt.format, tt.line, err, tt.want)
		}
	}
}

// A line that breaks off after its status still counts; one cut before it
// does not.
func TestJSONCutLines(t *testing.T) {
	f := mustCompile(t, "nginx-json")
	got, _, err := parseOne(t, f, `{"status":500,"uri":"/x","http_user_agent":"Mozilla/5.0 (cut`)
	if err != nil || got.Status != 500 || got.Path != "/x" {
		t.Errorf("cut after status: %+v, %v", got, err)
	}
	// A bare nginx list is not JSON: what follows it is lost, the status is not.
	got, _, err = parseOne(t, f, `{"status":502,"upstream_response_time":0.050, 0.001,"uri":"/y"}`)
	if err != nil || got.Status != 502 || got.UT != 50000 {
		t.Errorf("bare list: %+v, %v", got, err)
	}
}

// Nesting is skipped without recursion: a hostile line costs a loop.
func TestJSONDeepNesting(t *testing.T) {
	deep := `{"x":` + strings.Repeat("[", 200000) + strings.Repeat("]", 200000) + `,"status":200}`
	got, _, err := parseOne(t, mustCompile(t, "nginx-json"), deep)
	if err != nil || got.Status != 200 {
		t.Errorf("%+v, %v", got, err)
	}
	// A mapping deeper than maxDepth is not followed, and not a crash.
	spec := "json:status=" + strings.Repeat("a.", 20) + "s"
	line := strings.Repeat(`{"a":`, 20) + `{"s":200}` + strings.Repeat("}", 20)
	if _, _, err := parseOne(t, mustCompile(t, spec), line); err != ErrNoStatus {
		t.Errorf("deep mapping: %v, want %v", err, ErrNoStatus)
	}
}

func TestUnescape(t *testing.T) {
	var buf [64]byte
	for in, want := range map[string]string{
		`200`:                   "200",
		`\u0032\u00300`:         "200",
		`a\/b\\c\"d`:            `a/b\c"d`,
		`\x32\x30\x30`:          "200",
		`\t\n\r\b\f`:            "\t\n\r\b\f",
		`\u00e9`:                "", // not ASCII: refused
		`\u12`:                  "",
		`\q`:                    "",
		`x\`:                    "",
		`\uZZZZ`:                "",
		strings.Repeat("9", 65): "",
	} {
		got, ok := unescape([]byte(in), &buf)
		if want == "" && ok || want != "" && string(got) != want {
			t.Errorf("unescape(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

// stringEnd (eight bytes at a time, then the vectorised search) agrees with
// a plain byte loop on strings made of quotes, backslashes and filler, at
// every length around the word and 64-byte boundaries.
func TestStringEndMatchesByteLoop(t *testing.T) {
	ref := func(b []byte, i int) (int, bool) {
		esc := false
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				return j, esc
			case '\\':
				esc = true
				j++
			}
		}
		return -1, esc
	}
	r := rand.New(rand.NewPCG(3, 4))
	alphabet := []byte{'"', '\\', 'a', 'b', 0x80, 0xff, 0x22 ^ 0x80, 0x5c ^ 0x80, 0}
	for range 200000 {
		b := make([]byte, r.IntN(150))
		for k := range b {
			if r.IntN(8) == 0 {
				b[k] = alphabet[r.IntN(len(alphabet))]
			} else {
				b[k] = 'x'
			}
		}
		i := 0
		if len(b) > 0 {
			i = r.IntN(len(b))
		}
		wantEnd, wantEsc := ref(b, i)
		gotEnd, gotEsc := stringEnd(b, i)
		// Past 64 bytes stringEnd may report an escape it did not look
		// for; it must never miss one.
		if gotEnd != wantEnd || (wantEsc && !gotEsc) {
			t.Fatalf("stringEnd(%q, %d) = %d, %v; want %d, %v", b, i, gotEnd, gotEsc, wantEnd, wantEsc)
		}
	}
}

// JSON escapes in text fields are decoded; what is no JSON escape is kept
// as written, as the NCSA formats keep it.
func TestAppendTextDecodesJSONEscapes(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`/a\u0026b`, "/a&b"},
		{`\/api\/v1`, "/api/v1"},
		{`say \"hi\" \\o/`, `say "hi" \o/`},
		{`caf\u00e9`, "café"},
		{`\ud83d\ude00!`, "\U0001F600!"},   // a surrogate pair is one character
		{`\ud83d!`, "\uFFFD!"},             // a lone half is U+FFFD
		{`\ude00\u0041`, "\uFFFDA"},        // so is a low half first
		{`tab\there\nnl`, "tab\there\nnl"}, // control bytes, for the screen to escape
		{`/\x22\xE9`, `/\x22\xE9`},         // nginx escape=default: not JSON
		{`\u12`, `\u12`},                   // cut short: as written
		{`end\`, `end\`},
	} {
		if got := string(appendText(nil, []byte(tt.in))); got != tt.want {
			t.Errorf("appendText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Several decoded fields of one line each keep their own text: decoding
// one never moves another. Fields shown nowhere (the agent) are left as
// logged.
func TestDecodedFieldsOfOneLineStayApart(t *testing.T) {
	f := mustCompile(t, "json:status=s,path=p,method=m,client=c,vhost=h,agent=a")
	got, _, err := parseOne(t, f, `{"s":200,"p":"\/x\u0026y","m":"G\u0045T","c":"2001:db8::\u0031","h":"caf\u00e9.example","a":"Mozilla\/5.0"}`)
	if err != nil {
		t.Fatal(err)
	}
	want := view{Status: 200, Bytes: -1, RT: -1, UT: -1, Path: "/x&y", Method: "GET", Client: "2001:db8::1", VHost: "café.example", UA: `Mozilla\/5.0`}
	if got != want {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

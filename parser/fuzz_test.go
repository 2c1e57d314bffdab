package parser

import (
	"errors"
	"testing"
)

// Native fuzz targets for every parser and every format compiler, seeded
// from the real logs in testdata/logs. Each asserts that nothing panics and
// that what comes out is sane (see checkLine). Run one for ten minutes with
//
//	go test -run x -fuzz FuzzNCSA -fuzztime 10m -parallel 1 ./parser

// seedLines adds up to n lines of each named log to f, as one argument.
func seedLines(f *testing.F, n int, logs ...string) {
	for _, name := range logs {
		for i, l := range testLog(f, name) {
			if i == n {
				break
			}
			f.Add(string(l))
		}
	}
}

// checkLine parses line with p and with a fresh parser of the same format,
// and fails on anything insane: a status outside 0..999 on a parsed line
// (three digits, nginx's 009 among them, or 0 for no response), a time outside 1970..9999, a field that is not a sub-slice
// of the line, or a result that depends on what the parser saw before (the
// date cache must never change an answer).
func checkLine(t *testing.T, format Format, p Parser, line []byte) {
	var e, fresh Entry
	err := p.Parse(line, &e)
	if serr := checkSane(p, line, &e); serr != nil {
		t.Fatalf("%q: %v", line, serr)
	}
	if err == nil && (e.Status < 0 || e.Status > 999) {
		t.Fatalf("%q: parsed with status %d", line, e.Status)
	}
	if err != nil {
		var pe *Error
		if !errors.As(err, &pe) {
			t.Fatalf("%q: error %v is not a *Error", line, err)
		}
	}
	ferr := format.NewParser().Parse(line, &fresh)
	if ferr != err || viewOf(&fresh) != viewOf(&e) {
		t.Fatalf("%q: a used parser says %v %+v, a fresh one %v %+v", line, err, viewOf(&e), ferr, viewOf(&fresh))
	}
}

// warm parses a few real lines first, so the date cache holds something
// when the fuzzed line comes.
func warm(f *testing.F, format Format, log string) Parser {
	p := format.NewParser()
	var e Entry
	for _, l := range testLog(f, log)[:3] {
		p.Parse(l, &e)
	}
	return p
}

func FuzzNCSA(f *testing.F) {
	seedLines(f, 40, "elastic_apache_logs_combined.log", "neutralbank_apache_combined_2024.log", "nasa_jul95_slice_common.log",
		"honeypot_nginx_main_xff_ipv6.log", "geolynx_vhost_combined_2020.log", "lnav_playground_access_combined.log", "matomo_common_vhost.log")
	f.Add(`1.2.3.4 - - [21/Nov/2026:10:00:00.123 +0000] "GET /a\"b HTTP/1.1" 200 1 "-" "x" "y" rt=0.1 urt="0.1, 0.2" 0.3`)
	combined, vhost := mustCompile(f, "combined"), mustCompile(f, "vhost_combined")
	pc, pv := warm(f, combined, "elastic_apache_logs_combined.log"), warm(f, vhost, "geolynx_vhost_combined_2020.log")
	xff := mustCompile(f, "combined+xff")
	f.Fuzz(func(t *testing.T, line string) {
		checkLine(t, combined, pc, []byte(line))
		checkLine(t, vhost, pv, []byte(line))
		checkCounted(t, combined, []byte(line))
		checkCounted(t, xff, []byte(line))
	})
}

var fuzzNginxSpecs = []string{
	`nginx:$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" "$http_x_forwarded_for"`,
	`nginx:$remote_addr [$time_local] $host "$request_method $uri$is_args$args $server_protocol" $status $bytes_sent $request_time $upstream_response_time $upstream_status`,
	`nginx:$time_iso8601|$msec|$status|$request_uri|$http_user_agent`,
	`nginx:{"time":"$time_iso8601","host":"$remote_addr","method":"$request_method","uri":"$request_uri","status":"$status","body_bytes":$body_bytes_sent,"ua":"$http_user_agent","request_time":"$request_time"}`,
}

func FuzzAWS(f *testing.F) {
	seedLines(f, 10, "matomo_aws_alb.log", "matomo_aws_elb_classic.log")
	f.Add(`http 2026-11-21T10:00:01.000000Z app/web/x 2001:db8::7:40000 - -1 -1 -1 502 - 120 272 "POST http://shop.example.com:80 HTTP/1.1" "k6/0.49" - -`)
	f.Add(`http 2026-11-21T10:00:04.000000Z app/web/x 192.0.2.7:1234 - -1 -1 -1 400 - 0 0 "- http://api.example.com:80- -" "-" - -`)
	alb, elb := mustCompile(f, "aws-alb"), mustCompile(f, "aws-elb")
	pa, pe := alb.NewParser(), warm(f, elb, "matomo_aws_elb_classic.log")
	f.Fuzz(func(t *testing.T, line string) {
		checkLine(t, alb, pa, []byte(line))
		checkLine(t, elb, pe, []byte(line))
	})
}

func FuzzNginxFormat(f *testing.F) {
	seedLines(f, 40, "honeypot_nginx_main_xff_ipv6.log", "isucon_nginx_json_escape.log")
	f.Add(`203.0.113.1 [21/Nov/2026:10:00:00 +0000] shop.example "GET /cart?id=7 HTTP/1.1" 502 320 0.050 0.049, 0.001 502 : 200`)
	f.Add(`2026-11-21T10:00:00+01:00|1763719200.123|200|/x?y|curl`)
	var formats []Format
	var parsers []Parser
	for _, spec := range fuzzNginxSpecs {
		formats = append(formats, mustCompile(f, spec))
		parsers = append(parsers, warm(f, formats[len(formats)-1], "honeypot_nginx_main_xff_ipv6.log"))
	}
	f.Fuzz(func(t *testing.T, line string) {
		for i := range formats {
			checkLine(t, formats[i], parsers[i], []byte(line))
		}
	})
}

var fuzzApacheSpecs = []string{
	`apache:%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i"`,
	`apache:%v:%p %h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i"`,
	`apache:%a %{X-Forwarded-For}i %t "%m %U%q %H" %>s %B %D "%{Host}i" %{ms}T`,
	`apache:%{%Y-%m-%d %H:%M:%S %z}t %{msec}t %h "%r" %s %>s %b`,
}

func FuzzApacheFormat(f *testing.F) {
	seedLines(f, 40, "elastic_apache_logs_combined.log", "neutralbank_apache_combined_2024.log", "geolynx_vhost_combined_2020.log")
	f.Add(`192.0.2.1 203.0.113.9 [21/Nov/2026:10:00:00 +0000] "GET /a/b?c=d HTTP/1.1" 503 0 1500 "api.example" 15`)
	f.Add(`2026-11-21 10:00:00 +0200 1763719200123 192.0.2.1 "GET / HTTP/1.1" 302 200 -`)
	var formats []Format
	var parsers []Parser
	for _, spec := range fuzzApacheSpecs {
		formats = append(formats, mustCompile(f, spec))
		parsers = append(parsers, warm(f, formats[len(formats)-1], "elastic_apache_logs_combined.log"))
	}
	f.Fuzz(func(t *testing.T, line string) {
		for i := range formats {
			checkLine(t, formats[i], parsers[i], []byte(line))
		}
	})
}

func FuzzJSON(f *testing.F) {
	seedLines(f, 20, "isucon_nginx_json_escape.log", "traefik_json_access.log", "matomo_caddy_json.log", "matomo_nginx_json.log", "matomo_traefik_json.log")
	f.Add(`{"status":"\u0035\u0030\u0033","time":"2026-11-21T10:00:00\u002B01:00","request":"GET /\x22\xE9 HTTP/1.1","upstream_response_time": -}`)
	f.Add(`{"@timestamp":"2026-11-21T10:00:00.250Z","req":{"method":"GET","url":"/a?b=c"},"resp":{"code":429,"size":"12"},"took":37.5}`)
	var formats []Format
	var parsers []Parser
	for _, spec := range []string{"nginx-json", "caddy", "traefik", "json", "json:status=resp.code,path=req.url|uri,time=@timestamp|time,method=req.method,bytes=resp.size,request_time_ms=took,agent=request.headers.User-Agent"} {
		formats = append(formats, mustCompile(f, spec))
		parsers = append(parsers, warm(f, formats[len(formats)-1], "isucon_nginx_json_escape.log"))
	}
	f.Fuzz(func(t *testing.T, line string) {
		for i := range formats {
			checkLine(t, formats[i], parsers[i], []byte(line))
		}
	})
}

// checkCompile compiles spec: either a Format, or a *SpecError whose column
// lies within the spec (or just past its end). A Format then parses line
// sanely.
func checkCompile(t *testing.T, spec, line string) {
	format, err := Compile(spec)
	if err != nil {
		var se *SpecError
		if !errors.As(err, &se) {
			t.Fatalf("Compile(%q): %v is not a *SpecError", spec, err)
		}
		if se.Col < 1 || se.Col > len(se.Spec)+1 {
			t.Fatalf("Compile(%q): column %d outside the spec", spec, se.Col)
		}
		_ = se.Error()
		return
	}
	if format.Name() == "" {
		t.Fatalf("Compile(%q): a format without a name", spec)
	}
	checkLine(t, format, format.NewParser(), []byte(line))
}

func FuzzCompileNginx(f *testing.F) {
	for _, spec := range fuzzNginxSpecs {
		f.Add(spec[len("nginx:"):], `192.0.2.1 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "x" "-"`)
	}
	f.Add(`log_format main '$remote_addr [$time_local] '
	  '"$request" $status';`, `192.0.2.1 [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200`)
	f.Add(`${status}x$uri$is_args$args`, `200x/a?b`)
	f.Fuzz(func(t *testing.T, spec, line string) {
		checkCompile(t, "nginx:"+spec, line)
	})
}

func FuzzCompileApache(f *testing.F) {
	for _, spec := range fuzzApacheSpecs {
		f.Add(spec[len("apache:"):], `192.0.2.1 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "x"`)
	}
	f.Add(`LogFormat "%h %l %u %t \"%r\" %>s %b" common`, `192.0.2.1 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 -`)
	f.Add(`%!200,304{Referer}i %400,501{User-agent}i %^ti %% %>s`, `- x ti % 404`)
	f.Fuzz(func(t *testing.T, spec, line string) {
		checkCompile(t, "apache:"+spec, line)
	})
}

func FuzzCompileJSON(f *testing.F) {
	f.Add(`status=resp.code,path=req.url,time=@timestamp`, `{"@timestamp":"2026-11-21T10:00:00Z","req":{"url":"/a"},"resp":{"code":200}}`)
	f.Add(`status=http.response.status_code,path=url.path,client=source.ip`, `{"http.response.status_code":503,"url":{"path":"/h"},"source":{"ip":"192.0.2.1"}}`)
	f.Add(`status=status|code, path=path|uri, request_time_ns=d`, `{"uri":"/b","code":201,"d":1500}`)
	for _, l := range []string{"isucon_nginx_json_escape.log", "traefik_json_access.log"} {
		f.Add(`status=status|DownstreamStatus,path=uri|RequestPath,time=time|StartUTC`, string(testLog(f, l)[0]))
	}
	f.Fuzz(func(t *testing.T, spec, line string) {
		checkCompile(t, "json:"+spec, line)
	})
}

// Detect must not panic on any sample, and must name a format Compile
// knows.
func FuzzDetect(f *testing.F) {
	for _, name := range []string{"elastic_apache_logs_combined.log", "geolynx_vhost_combined_2020.log", "isucon_nginx_json_escape.log", "traefik_json_access.log", "matomo_caddy_json.log", "matomo_aws_elb_classic.log"} {
		lines := testLog(f, name)
		f.Add(string(lines[0]), string(lines[1]))
	}
	f.Add(`{"timestamp":"2026-11-21T10:00:00Z","http":{"method":"GET","url":"/a","status_code":200}}`, `{"code":"E42","resp":{"code":404}}`)
	f.Fuzz(func(t *testing.T, a, b string) {
		format, ok := Detect([][]byte{[]byte(a), []byte(b)})
		if !ok {
			return
		}
		again, err := Compile(format.Name())
		if err != nil || again.Name() != format.Name() {
			t.Fatalf("Detect chose %q, which Compile does not give back: %v", format.Name(), err)
		}
		checkLine(t, format, format.NewParser(), []byte(a))
	})
}

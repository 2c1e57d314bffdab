package parser

import (
	"testing"
)

// formatCases pairs each format with a real log it reads, for the
// allocation test and the benchmarks.
var formatCases = []struct {
	name, spec, log string
}{
	{"combined", "combined", "elastic_apache_logs_combined.log"},
	{"common", "common", "nasa_jul95_slice_common.log"},
	{"vhost_combined", "vhost_combined", "geolynx_vhost_combined_2020.log"},
	{"combined+xff", "combined+xff", "honeypot_nginx_main_xff_ipv6.log"},
	{"nginx_template", `nginx:$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" "$http_x_forwarded_for"`, "honeypot_nginx_main_xff_ipv6.log"},
	{"apache_template", `apache:%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i"`, "elastic_apache_logs_combined.log"},
	{"nginx_json_template", `nginx:{"time":"$time_iso8601","host":"$remote_addr","port":$remote_port,"method":"$request_method","uri":"$request_uri","status":"$status","body_bytes":$body_bytes_sent,"referer":"$http_referer","ua":"$http_user_agent","request_time":"$request_time","response_time":"$upstream_response_time"}`, "isucon_nginx_json_escape.log"},
	{"nginx-json", "nginx-json", "isucon_nginx_json_escape.log"},
	{"traefik", "traefik", "traefik_json_access.log"},
	{"caddy", "caddy", "matomo_caddy_json.log"},
	{"json_mapping", "json:status=status,path=uri,method=method,time=time,bytes=body_bytes,agent=ua,referer=referer,client=host,request_time=request_time,upstream_time=response_time", "isucon_nginx_json_escape.log"},
	{"json_any", "json", "traefik_json_access.log"},
}

// batch returns about n lines cycled from a test log, and their total size.
func batch(t testing.TB, log string, n int) ([][]byte, int) {
	lines := testLog(t, log)
	var out [][]byte
	size := 0
	for len(out) < n {
		for _, l := range lines {
			if len(out) == n {
				break
			}
			out = append(out, l)
			size += len(l)
		}
	}
	return out, size
}

// Parsing allocates nothing per line, for every format, including lines it
// rejects. Each run parses a batch of 1000 lines, so even one allocation in
// a thousand lines shows (AllocsPerRun rounds down per run).
func TestZeroAllocations(t *testing.T) {
	if testing.CoverMode() != "" {
		t.Skip("coverage instrumentation allocates")
	}
	junk := [][]byte{
		[]byte(""), []byte("# comment"), []byte("garbage line"), []byte(`{"status":"OK"}`),
		[]byte(`1.2.3.4 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" x 1`), []byte(`{"a":[1,2`),
		[]byte("\x16\x03\x01\x00\xff\xfe"),
		[]byte(`{"time":"2024-10-12T23:14:20+09:00","host":"172.31.7.82","port":46252,"method":"GET","uri":"/initialize","status":"2`),
		[]byte(`{"time":"2024-10-12T23:14:20+09:00","host":"172.31.7.82","port":46252,"method":"GET","uri":"/initialize","st`),
	}
	for _, c := range formatCases {
		t.Run(c.name, func(t *testing.T) {
			lines, _ := batch(t, c.log, 1000)
			lines = append(lines, junk...)
			p := mustCompile(t, c.spec).NewParser()
			var e Entry
			parsed := 0
			allocs := testing.AllocsPerRun(20, func() {
				parsed = 0
				for _, l := range lines {
					if p.Parse(l, &e) == nil {
						parsed++
					}
				}
			})
			if allocs != 0 {
				t.Errorf("%v allocations per batch of %d lines, want 0", allocs, len(lines))
			}
			if parsed < 1000 {
				t.Errorf("only %d of the 1000 real lines parsed", parsed)
			}
		})
	}
}

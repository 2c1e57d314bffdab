package parser

import "testing"

// Behind a load balancer the address logged is the balancer's; ClientFrom
// takes the client from X-Forwarded-For instead, the last address (what
// the balancer saw) or the first, in every format that has the field, and
// keeps the address logged on lines without one. Counted still reads the
// NCSA tail when the client is there.
func TestClientFromForwardedFor(t *testing.T) {
	const ncsa = `10.0.0.2 - - [21/Nov/2026:10:00:00 +0000] "GET /a HTTP/1.1" 429 17 "-" "curl/8.1" `
	const json = `{"time_iso8601":"2026-11-21T10:00:00+00:00","remote_addr":"10.0.0.2","request":"GET /a HTTP/1.1","status":"429","http_x_forwarded_for":`
	for _, c := range []struct {
		format, line, from, client string
	}{
		{"combined+xff", ncsa + `"198.51.100.23, 10.0.0.1"`, ClientXFF, "10.0.0.1"},
		{"combined+xff", ncsa + `"198.51.100.23, 10.0.0.1"`, ClientXFFFirst, "198.51.100.23"},
		{"combined+xff", ncsa + `"198.51.100.23"`, ClientXFF, "198.51.100.23"},
		{"combined+xff", ncsa + `"-"`, ClientXFF, "10.0.0.2"},
		{"combined+xff", ncsa + `"198.51.100.23"`, ClientAddr, "10.0.0.2"},
		{"combined+xff+timing", ncsa + `"2001:db8::7" 0.120 0.118`, ClientXFF, "2001:db8::7"},
		{"combined", ncsa[:len(ncsa)-1], ClientXFF, "10.0.0.2"},
		{"nginx-json", json + `"198.51.100.23, 10.0.0.1"}`, ClientXFFFirst, "198.51.100.23"},
		{"nginx-json", json + `""}`, ClientXFF, "10.0.0.2"},
	} {
		f, err := ClientFrom(Counted(mustCompile(t, c.format)), c.from)
		if err != nil {
			t.Fatal(err)
		}
		var e Entry
		if err := f.NewParser().Parse([]byte(c.line), &e); err != nil || e.Status != 429 {
			t.Fatalf("%s %q: %v, status %d", c.format, c.line, err, e.Status)
		}
		if string(e.Client) != c.client {
			t.Errorf("%s, %s, %q: client %q, want %q", c.format, c.from, c.line, e.Client, c.client)
		}
	}
	if _, err := ClientFrom(mustCompile(t, "combined"), "x-real-ip"); err == nil {
		t.Error("an unknown source was taken")
	}
}

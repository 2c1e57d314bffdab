package stats

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/codetop/codetop/parser"
)

func TestParseStatusSet(t *testing.T) {
	cases := []struct {
		spec     string
		in, out  []int
		wantFail bool
	}{
		{spec: "5xx,429", in: []int{500, 502, 599, 429}, out: []int{200, 404, 428, 430, 600, 0}},
		{spec: " 4XX ", in: []int{400, 499}, out: []int{399, 500}},
		{spec: "500-504", in: []int{500, 503, 504}, out: []int{499, 505}},
		{spec: "other", in: []int{0, 99, 600, 999}, out: []int{100, 599}},
		{spec: "000", in: []int{0}, out: []int{200}},
		{spec: "", wantFail: true},
		{spec: " , ", wantFail: true},
		{spec: "6xx", wantFail: true},
		{spec: "abc", wantFail: true},
		{spec: "1000", wantFail: true},
		{spec: "504-500", wantFail: true},
		{spec: "5xx,", in: []int{501}},
	}
	for _, c := range cases {
		s, err := ParseStatusSet(c.spec)
		if c.wantFail {
			if err == nil {
				t.Errorf("ParseStatusSet(%q): no error", c.spec)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseStatusSet(%q): %v", c.spec, err)
			continue
		}
		for _, code := range c.in {
			if !s.Has(code) {
				t.Errorf("ParseStatusSet(%q) lacks %d", c.spec, code)
			}
		}
		for _, code := range c.out {
			if s.Has(code) {
				t.Errorf("ParseStatusSet(%q) has %d", c.spec, code)
			}
		}
	}
}

func TestParseMethodsAndVHosts(t *testing.T) {
	if _, err := ParseMethods("GET, post"); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"", "GET POST", "G\x1bET", ","} {
		if _, err := ParseMethods(bad); err == nil {
			t.Errorf("ParseMethods(%q): no error", bad)
		}
	}
	if _, err := ParseVHosts("example.com,*.example.org"); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"", "http://x", "a.com/path", "x.com:80", "*."} {
		if _, err := ParseVHosts(bad); err == nil {
			t.Errorf("ParseVHosts(%q): no error", bad)
		}
	}
}

// filterLines is a small vhost_combined log with a bit of everything.
var filterLines = []string{
	`shop.example.com:443 10.0.0.1 - - [21/Nov/2026:10:00:00 +0000] "GET /api/orders?id=1 HTTP/1.1" 502 10 "-" "curl"`,
	`shop.example.com:443 10.0.0.1 - - [21/Nov/2026:10:00:01 +0000] "POST /api/orders HTTP/1.1" 201 10 "-" "curl"`,
	`Shop.Example.COM:80 10.0.0.2 - - [21/Nov/2026:10:00:02 +0000] "get /login HTTP/1.1" 429 10 "-" "curl"`,
	`a.b.example.com:443 10.0.0.3 - - [21/Nov/2026:10:00:03 +0000] "GET /static/app.js HTTP/1.1" 200 10 "-" "curl"`,
	`example.com:443 10.0.0.3 - - [21/Nov/2026:10:00:04 +0000] "DELETE /api/orders/7 HTTP/1.1" 503 10 "-" "curl"`,
	`[::1]:443 ::1 - - [21/Nov/2026:10:00:05 +0000] "\x16\x03\x01" 400 10 "-" "-"`,
}

func countMatches(t *testing.T, f *Filter) []int {
	t.Helper()
	format, err := parser.Compile("vhost_combined")
	if err != nil {
		t.Fatal(err)
	}
	p := format.NewParser()
	var e parser.Entry
	var kept []int
	for i, l := range filterLines {
		if err := p.Parse([]byte(l), &e); err != nil {
			t.Fatalf("line %d: %v", i, err)
		}
		if f.Match(&e) {
			kept = append(kept, i)
		}
	}
	return kept
}

func TestFilterMatch(t *testing.T) {
	mustStatus := func(s string) *StatusSet {
		set, err := ParseStatusSet(s)
		if err != nil {
			t.Fatal(err)
		}
		return set
	}
	mustMethods := func(s string) [][]byte {
		m, err := ParseMethods(s)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	mustVHosts := func(s string) []VHost {
		v, err := ParseVHosts(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	cases := []struct {
		name string
		f    Filter
		want string
	}{
		{"zero", Filter{}, "[0 1 2 3 4 5]"},
		{"status 5xx,429", Filter{Status: mustStatus("5xx,429")}, "[0 2 4]"},
		{"method GET", Filter{Methods: mustMethods("GET")}, "[0 2 3]"},
		{"method post,delete", Filter{Methods: mustMethods("post,delete")}, "[1 4]"},
		{"vhost exact, case and port ignored", Filter{VHosts: mustVHosts("shop.example.com")}, "[0 1 2]"},
		{"vhost wildcard excludes the apex", Filter{VHosts: mustVHosts("*.example.com")}, "[0 1 2 3]"},
		{"vhost ipv6 literal", Filter{VHosts: mustVHosts("[::1]")}, "[5]"},
		{"path regex unanchored", Filter{PathRegexp: regexp.MustCompile(`orders`)}, "[0 1 4]"},
		{"path regex anchored, query not seen", Filter{PathRegexp: regexp.MustCompile(`^/api/orders$`)}, "[0 1]"},
		{"all together", Filter{
			Status:     mustStatus("5xx"),
			Methods:    mustMethods("GET,DELETE"),
			VHosts:     mustVHosts("shop.example.com,example.com"),
			PathRegexp: regexp.MustCompile(`^/api/`),
		}, "[0 4]"},
		{"time range", Filter{From: 1795255201000, To: 1795255204000}, "[1 2 3]"},
	}
	for _, c := range cases {
		if c.name != "zero" && !c.f.Active() {
			t.Errorf("%s: filter not active", c.name)
		}
		if got := fmt.Sprint(countMatches(t, &c.f)); got != c.want {
			t.Errorf("%s: kept lines %s, want %s", c.name, got, c.want)
		}
	}
}

// An entry without a time (a JSON log can lack one) is not known to fall
// in a time range: --since or --until leaves it out.
func TestTimeRangeLeavesTimelessEntriesOut(t *testing.T) {
	timeless := &parser.Entry{Status: 200, Path: []byte("/x")}
	timed := &parser.Entry{Time: 1795255202000, Status: 200, Path: []byte("/x")}
	for _, f := range []Filter{{From: 1795255201000}, {To: 1795255204000}, {From: 1795255201000, To: 1795255204000}} {
		if f.Match(timeless) {
			t.Errorf("%+v kept an entry without a time", f)
		}
		if !f.Match(timed) {
			t.Errorf("%+v left out an entry inside the range", f)
		}
	}
	var none Filter
	if !none.Match(timeless) {
		t.Error("without a time range, an entry without a time was left out")
	}
}

// TestFilterZeroAllocs: every filter together, over a batch of lines per
// call, allocates nothing.
func TestFilterZeroAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are meaningless under -race (sync.Pool drops items)")
	}
	f := benchFilter(t)
	entries := benchEntries(t, 1000)
	kept := 0
	allocs := testing.AllocsPerRun(20, func() {
		for i := range entries {
			if f.Match(&entries[i]) {
				kept++
			}
		}
	})
	if allocs != 0 {
		t.Fatalf("Filter.Match: %v allocations per 1000 entries, want 0", allocs)
	}
	if kept == 0 {
		t.Fatal("the benchmark filter keeps nothing: the test would not exercise the regexp")
	}
}

func benchFilter(tb testing.TB) *Filter {
	st, err1 := ParseStatusSet("5xx,429,404")
	m, err2 := ParseMethods("GET,POST")
	v, err3 := ParseVHosts("shop.example.com,*.example.org")
	if err1 != nil || err2 != nil || err3 != nil {
		tb.Fatal(err1, err2, err3)
	}
	return &Filter{Status: st, Methods: m, VHosts: v, PathRegexp: regexp.MustCompile(`^/api/(orders|users)/`)}
}

// benchEntries parses n varied lines; each entry points into its own line.
func benchEntries(tb testing.TB, n int) []parser.Entry {
	format, _ := parser.Compile("vhost_combined")
	p := format.NewParser()
	hosts := []string{"shop.example.com:443", "www.example.org:80", "other.net:443"}
	methods := []string{"GET", "POST", "PUT"}
	statuses := []int{200, 404, 502, 429, 301}
	paths := []string{"/api/orders/17", "/api/users/3", "/static/app.js", "/"}
	out := make([]parser.Entry, n)
	for i := range out {
		l := fmt.Sprintf(`%s 10.0.0.%d - - [21/Nov/2026:10:%02d:00 +0000] "%s %s?x=1 HTTP/1.1" %d 99 "-" "bench"`,
			hosts[i%3], i%250, i%60, methods[i%3], paths[i%4], statuses[i%5])
		if err := p.Parse([]byte(l), &out[i]); err != nil {
			tb.Fatal(err)
		}
	}
	return out
}

// BenchmarkFilterMatch measures the full filter per entry; the baseline
// below it is the path regular expression alone, the dearest part.
func BenchmarkFilterMatch(b *testing.B) {
	f := benchFilter(b)
	entries := benchEntries(b, 1000)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for i := range entries {
			f.Match(&entries[i])
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(entries)), "ns/entry")
}

func BenchmarkFilterRegexpOnly(b *testing.B) {
	re := regexp.MustCompile(`^/api/(orders|users)/`)
	entries := benchEntries(b, 1000)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for i := range entries {
			re.Match(entries[i].Path)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(entries)), "ns/entry")
}

func TestFilterRejectsBeforeCounting(t *testing.T) {
	st, _ := ParseStatusSet("5xx")
	agg := New(Config{})
	format, _ := parser.Compile("vhost_combined")
	w := NewWorker(format.NewParser(), agg)
	w.Filter = Filter{Status: st}
	w.Begin("x", 0, true)
	for _, l := range filterLines {
		w.Line([]byte(l))
	}
	w.Line([]byte("garbage"))
	w.End()
	s := agg.Snapshot()
	if s.Parsed != 2 || s.Malformed != 1 || s.Lines != 3 {
		t.Fatalf("lines %d parsed %d malformed %d; want 3, 2, 1 (kept 5xx plus the malformed line)", s.Lines, s.Parsed, s.Malformed)
	}
	if got := s.Class("5xx"); got != 2 {
		t.Fatalf("5xx = %d, want 2", got)
	}
	if strings.Contains(fmt.Sprint(s.Codes), "429") {
		t.Fatal("429 counted despite --status 5xx")
	}
}

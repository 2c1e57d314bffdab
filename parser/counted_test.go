package parser

import (
	"testing"
	"time"
)

// checkCounted holds Counted to its word on one line: a Counted parser of
// format gives the verdict and every counted field a full one gives. Only
// Referer, UserAgent and ForwardedFor may be left out, and the timings of a
// line that ends with a quote in a variant without timings, which it then
// does not read at all.
func checkCounted(t *testing.T, format Format, line []byte) {
	t.Helper()
	var full, lean Entry
	err := format.NewParser().Parse(line, &full)
	lerr := Counted(format).NewParser().Parse(line, &lean)
	if lerr != err {
		t.Fatalf("%s %q: Counted says %v, the full parser %v", format.Name(), line, lerr, err)
	}
	want, got := viewOf(&full), viewOf(&lean)
	want.Referer, want.UA, want.XFF = got.Referer, got.UA, got.XFF
	if got.RT != want.RT || got.UT != want.UT {
		if !skipsTail(format, line) || got.RT != -1 || got.UT != -1 {
			t.Fatalf("%s %q: Counted read timings %d/%d, the full parser %d/%d", format.Name(), line, got.RT, got.UT, want.RT, want.UT)
		}
		want.RT, want.UT = -1, -1
	}
	if got != want {
		t.Fatalf("%s %q:\nCounted %+v\nfull    %+v", format.Name(), line, got, want)
	}
}

// skipsTail reports whether Counted may stop a line of format before its
// end: an NCSA variant without timings, and a line that ends with a quote.
func skipsTail(format Format, line []byte) bool {
	c, ok := format.(clfFormat)
	l := trimLine(line)
	return ok && !c.timed && len(l) > 0 && l[len(l)-1] == '"'
}

// On every line of every real log, under every NCSA name, a Counted parser
// agrees with the full one on all that is counted; and it does leave the
// agent out, which is the point of it.
func TestCountedAgreesOnTheRealLogs(t *testing.T) {
	skipped := 0
	for _, name := range testLogs(t) {
		for _, line := range testLog(t, name) {
			for _, spec := range []string{"combined", "combined+xff", "combined+timing", "common", "vhost_combined", "vhost_combined+xff+timing"} {
				f := mustCompile(t, spec)
				checkCounted(t, f, line)
				var e Entry
				if Counted(f).NewParser().Parse(line, &e) == nil && skipsTail(f, line) && e.UserAgent == nil {
					skipped++
				}
			}
		}
	}
	if skipped == 0 {
		t.Fatal("Counted read every agent: it saves nothing")
	}
}

// What Counted reads past the agent, line by line.
func TestCountedTimings(t *testing.T) {
	const head = `10.0.0.1 - - [21/Nov/2026:10:00:00 +0000] "GET /a?b=1 HTTP/1.1" 502 17 "https://r.example/" "curl/8.1"`
	for _, c := range []struct {
		format, tail string
		rt, ut       int64
	}{
		// A plain combined line ends with the agent: done there.
		{"combined", ``, -1, -1},
		{"combined+xff", ` "203.0.113.9"`, -1, -1},
		// Timings in last place are read, in any variant.
		{"combined", ` rt=0.250 urt=0.120`, 250000, 120000},
		{"combined", ` 0.250 0.120`, 250000, 120000},
		{"combined+xff", ` "203.0.113.9" 0.250`, 250000, -1},
		// A +timing variant is read to its end, whatever ends it.
		{"combined+timing", ` rt=0.250 urt="0.100, 0.020"`, 250000, 120000},
		{"combined+xff+timing", ` 0.250 "203.0.113.9"`, 250000, -1},
		// The limit Counted states: in a variant without timings, a timing
		// followed by a quoted field is not looked for.
		{"combined", ` rt=0.250 urt="0.120"`, -1, -1},
	} {
		f := mustCompile(t, c.format)
		line := []byte(head + c.tail)
		var e Entry
		if err := Counted(f).NewParser().Parse(line, &e); err != nil {
			t.Fatalf("%s %q: %v", c.format, line, err)
		}
		if e.Status != 502 || string(e.Path) != "/a" || string(e.Client) != "10.0.0.1" || e.Bytes != 17 {
			t.Errorf("%s %q: counted fields %+v", c.format, line, viewOf(&e))
		}
		if e.RequestTime != c.rt || e.UpstreamTime != c.ut {
			t.Errorf("%s %q: timings %d/%d, want %d/%d", c.format, line, e.RequestTime, e.UpstreamTime, c.rt, c.ut)
		}
		checkCounted(t, f, line)
	}
}

// Counted and InZone combine in either order, and neither changes the
// format it is given. A Deferred format passes both on to the parser of
// the format it finds.
func TestCountedCombinesWithInZone(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	line := []byte(`{"time":"2026-11-21T10:00:00","status":502,"path":"/a"}`)
	tpl := mustCompile(t, "json:time=time,status=status,path=path")
	for name, f := range map[string]Format{
		"counted then zoned": InZone(Counted(tpl), berlin),
		"zoned then counted": Counted(InZone(tpl, berlin)),
	} {
		var e Entry
		if err := f.NewParser().Parse(line, &e); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got, want := msTime(e.Time), "2026-11-21T09:00:00.000Z"; got != want {
			t.Errorf("%s: time %s, want %s (10:00 in Berlin)", name, got, want)
		}
	}
	// The zone given to the first did not leak into tpl.
	var e Entry
	if err := tpl.NewParser().Parse(line, &e); err != nil || msTime(e.Time) != "2026-11-21T10:00:00.000Z" {
		t.Errorf("tpl after wrapping: %v %s", err, msTime(e.Time))
	}

	combined := []byte(`10.0.0.1 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "agent"`)
	for name, f := range map[string]Format{
		"combined": Counted(InZone(mustCompile(t, "combined"), berlin)),
		"deferred": InZone(Counted(Deferred()), berlin),
	} {
		var e Entry
		if err := f.NewParser().Parse(combined, &e); err != nil || e.Status != 200 {
			t.Fatalf("%s: %v %+v", name, err, viewOf(&e))
		}
		if e.UserAgent != nil {
			t.Errorf("%s: Counted read the agent %q", name, e.UserAgent)
		}
	}
	var full Entry
	if mustCompile(t, "combined").NewParser().Parse(combined, &full); string(full.UserAgent) != "agent" {
		t.Errorf("combined without Counted: agent %q", full.UserAgent)
	}
}

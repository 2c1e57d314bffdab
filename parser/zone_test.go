package parser

import (
	"testing"
	"time"
)

// Times written without a zone are read in the zone InZone gives, through
// the days on which its clocks change; times with a zone, and epoch times,
// are not moved. Each parser of a format reads them so, the deferred one
// too once it has found its format.
func TestInZoneReadsZonelessTimesInThatZone(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	f, err := Compile("json:status=status,path=path,time=time")
	if err != nil {
		t.Fatal(err)
	}
	z := InZone(f, berlin)
	if z.Name() != f.Name() {
		t.Fatalf("name %q, want %q", z.Name(), f.Name())
	}
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	// One parser reads every line in turn, as a worker does (its caches
	// carry over); each line is also read by a fresh one.
	kept := z.NewParser()
	for _, tc := range []struct{ logged, want string }{
		{"2026-11-20 14:00:00", "2026-11-20T13:00:00Z"},         // CET, +01:00
		{"2026-11-20 14:00:01", "2026-11-20T13:00:01Z"},         // the cached day
		{"2026-07-01T14:00:00.250", "2026-07-01T12:00:00.250Z"}, // CEST, +02:00
		{"2026-03-29 01:59:59", "2026-03-29T00:59:59Z"},         // the spring change: before
		{"2026-03-29 03:00:00", "2026-03-29T01:00:00Z"},         // and after
		{"2026-10-25 04:00:00", "2026-10-25T03:00:00Z"},         // the autumn change, after
		{"2026-10-25 00:30:00", "2026-10-24T22:30:00Z"},         // and before
		{"2026-11-20T14:00:00Z", "2026-11-20T14:00:00Z"},        // a zone is kept
		{"2026-11-20T14:00:00+05:30", "2026-11-20T08:30:00Z"},   // any zone
		{"1763647200", "2025-11-20T14:00:00Z"},                  // epoch seconds
		{"20/Nov/2026:14:00:00 +0000", "2026-11-20T14:00:00Z"},  // CLF carries its zone
		{"2026-11-21 00:00:00", "2026-11-20T23:00:00Z"},         // the next day
		{"2026-11-20 23:59:59.999", "2026-11-20T22:59:59.999Z"}, // back to the day before
	} {
		for name, p := range map[string]Parser{"one parser": kept, "a fresh one": z.NewParser()} {
			var e Entry
			line := `{"status":200,"path":"/","time":"` + tc.logged + `"}`
			if err := p.Parse([]byte(line), &e); err != nil {
				t.Fatalf("%s: %s: %v", name, tc.logged, err)
			}
			if got := time.UnixMilli(e.Time).UTC(); !got.Equal(at(tc.want)) {
				t.Errorf("%s: %s read as %s, want %s", name, tc.logged, got.Format(time.RFC3339Nano), tc.want)
			}
		}
	}

	// Without InZone, or in UTC, a time without a zone is UTC.
	for _, g := range []Format{f, InZone(f, time.UTC), InZone(f, nil)} {
		var e Entry
		if err := g.NewParser().Parse([]byte(`{"status":200,"time":"2026-11-20 14:00:00"}`), &e); err != nil {
			t.Fatal(err)
		}
		if got := time.UnixMilli(e.Time).UTC(); !got.Equal(at("2026-11-20T14:00:00Z")) {
			t.Errorf("no zone given: read as %s", got)
		}
	}

	// A template's strftime time, and the deferred format's parser.
	tpl, err := Compile(`apache:%h %l %u %{%Y-%m-%d %H:%M:%S}t "%r" %>s %b`)
	if err != nil {
		t.Fatal(err)
	}
	line := `192.0.2.1 - - 2026-11-20 14:00:00 "GET / HTTP/1.1" 200 5`
	for name, g := range map[string]Format{"template": InZone(tpl, berlin), "deferred": InZone(Deferred(), berlin)} {
		var e Entry
		if err := g.NewParser().Parse([]byte(line), &e); err != nil {
			if name == "deferred" {
				// Detection knows no strftime layout: the JSON line then.
				err = g.NewParser().Parse([]byte(`{"status":200,"path":"/","time":"2026-11-20 14:00:00"}`), &e)
			}
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
		if got := time.UnixMilli(e.Time).UTC(); !got.Equal(at("2026-11-20T13:00:00Z")) {
			t.Errorf("%s: read as %s, want 13:00 UTC", name, got)
		}
	}
}

// The warnings about a format are the same in any zone.
func TestInZoneKeepsTheWarnings(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	f, err := Compile(`apache:%h %l %u [%{%d/%b/%Y %T}t.%{msec_frac}t %{%z}t] "%r" %>s %b`)
	if err != nil {
		t.Fatal(err)
	}
	if len(Warnings(f)) == 0 {
		t.Fatal("the test wants a format with a warning")
	}
	if got, want := Warnings(InZone(f, berlin)), Warnings(f); len(got) != len(want) || got[0] != want[0] {
		t.Errorf("in Europe/Berlin: %q, want %q", got, want)
	}
}

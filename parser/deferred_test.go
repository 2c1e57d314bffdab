package parser

import "testing"

// A Deferred parser decides on the first line a format reads, names that
// format, and keeps it: lines before are refused for want of a format,
// lines after are read by it alone.
func TestDeferredDetectsFromTheFirstLineItReads(t *testing.T) {
	f := Deferred()
	if f.Name() != "auto" {
		t.Fatalf("Name before any line = %q, want auto", f.Name())
	}
	p := f.NewParser()
	var e Entry
	if err := p.Parse([]byte("hello"), &e); err != ErrUnknownFormat {
		t.Fatalf("a line no format reads: %v, want ErrUnknownFormat", err)
	}
	traefik := `{"ClientHost":"192.0.2.1","DownstreamStatus":502,"RequestMethod":"GET","RequestPath":"/api","StartUTC":"2026-11-21T10:00:00Z"}`
	if err := p.Parse([]byte(traefik), &e); err != nil || e.Status != 502 || string(e.Path) != "/api" {
		t.Fatalf("first JSON line: %v, status %d, path %q", err, e.Status, e.Path)
	}
	if f.Name() == "auto" {
		t.Fatalf("Name after detection is still auto")
	}
	combined := `192.0.2.1 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "x"`
	if err := p.Parse([]byte(combined), &e); err == nil {
		t.Errorf("a combined line parsed after the format was decided as %s", f.Name())
	}
	// Another parser of the same Format decides for itself, from its own
	// first line; the name stays the first decision.
	name := f.Name()
	q := f.NewParser()
	if err := q.Parse([]byte(combined), &e); err != nil || e.Status != 200 {
		t.Errorf("second parser, combined line: %v, status %d", err, e.Status)
	}
	if f.Name() != name {
		t.Errorf("Name changed from %q to %q", name, f.Name())
	}
}

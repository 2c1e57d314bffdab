package report

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestJSONHostileTextIsInertAndLossless: a path full of control bytes comes
// out of the JSON report escaped (nothing a terminal would act on), and
// decodes back to the path as logged.
func TestJSONHostileTextIsInertAndLossless(t *testing.T) {
	s, format := snapshotOf(t, filepath.Join("testdata", "hostile.log"))
	var buf bytes.Buffer
	if err := WriteJSON(&buf, s, Meta{Inputs: []string{"x.log"}, Format: format}); err != nil {
		t.Fatal(err)
	}
	for i, c := range buf.Bytes() {
		if (c < 0x20 && c != '\n') || c == 0x7f {
			t.Fatalf("raw control byte %#x at offset %d", c, i)
		}
		if c == 0xc2 && i+1 < buf.Len() && buf.Bytes()[i+1] < 0xa0 {
			t.Fatalf("raw C1 character at offset %d", i)
		}
	}
	var r JSONReport
	if err := json.Unmarshal(buf.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	got := map[string]int64{}
	for _, p := range r.Paths {
		got[p.Path] = p.Total
	}
	for _, p := range s.Paths {
		// JSON strings cannot hold invalid UTF-8: those bytes, and only
		// those, come back as U+FFFD.
		want := validUTF8(p.Path)
		if got[want] != p.Total {
			t.Errorf("path %q: JSON total %d, want %d", p.Path, got[want], p.Total)
		}
	}
	if r.Lines != s.Lines || r.Parsed+r.Malformed != r.Lines {
		t.Errorf("lines %d parsed %d malformed %d", r.Lines, r.Parsed, r.Malformed)
	}
}

// validUTF8 replaces each invalid byte with U+FFFD, as encoding/json does.
func validUTF8(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(r) // ranging yields U+FFFD per invalid byte
	}
	return b.String()
}

func TestEscapeC1(t *testing.T) {
	in := []byte("a\u009bb\u0085c\x7fé\u00a0")
	want := `a\u009bb\u0085c\u007fé` + "\u00a0"
	if got := string(escapeC1(in)); got != want {
		t.Fatalf("escapeC1 = %q, want %q", got, want)
	}
}

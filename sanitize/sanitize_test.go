package sanitize

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestText(t *testing.T) {
	for _, tc := range []struct {
		in   string
		max  int
		want string
	}{
		{"/api/orders", 0, "/api/orders"},
		{"/title\x1b]2;pwned\x07", 0, "/title\uFFFD]2;pwned\uFFFD"},
		{"/nul\x00byte\x7f", 0, "/nul\uFFFDbyte\uFFFD"},
		{"/c1\u0085\u009b31m", 0, "/c1\uFFFD\uFFFD31m"},
		{"/bad\xff\xfeutf8", 0, "/bad\uFFFD\uFFFDutf8"},
		{"/crlf\r\n", 0, "/crlf\uFFFD\uFFFD"},
		{"/ünïcode/路径", 0, "/ünïcode/路径"},
		// Marks that turn the text's direction: /x/‮gpj.exe would
		// read /x/exe.jpg. Right-to-left letters themselves stay.
		{"/x/‮gpj.exe", 0, "/x/�gpj.exe"},
		{"/⁦a⁩‏؜", 0, "/�a���"},
		{"/שלום/مرحبا", 0, "/שלום/مرحبا"},
		{"/abcdefgh", 5, "/abc…"},
		{"/abcd", 5, "/abcd"},
		{"/路径路径路径", 4, "/路径…"},
		{"", 3, ""},
	} {
		if got := Text(tc.in, tc.max); got != tc.want {
			t.Errorf("Text(%q, %d) = %q, want %q", tc.in, tc.max, got, tc.want)
		}
	}
}

// Clean text is returned as it is: most paths need no change, and the
// reports call Text on every one of them.
func TestTextCleanDoesNotAllocate(t *testing.T) {
	s := strings.Repeat("/api/v1/orders/", 4)
	if n := testing.AllocsPerRun(100, func() { _ = Text(s, 0) }); n != 0 {
		t.Errorf("%v allocations for clean text, want 0", n)
	}
}

func FuzzText(f *testing.F) {
	for _, s := range []string{"/a", "\x1b[2J", "\xff", "路径", "/[red]x", "\u0085"} {
		f.Add(s, 0)
		f.Add(s, 3)
	}
	f.Fuzz(func(t *testing.T, s string, max int) {
		if max < 0 || max > 1000 {
			return
		}
		out := Text(s, max)
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 out of %q: %q", s, out)
		}
		for _, r := range out {
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
				t.Fatalf("control rune %U left in %q (from %q)", r, out, s)
			}
		}
		if max > 0 && utf8.RuneCountInString(out) > max {
			t.Fatalf("%d runes, max %d", utf8.RuneCountInString(out), max)
		}
	})
}

// Head keeps whole grapheme clusters within the columns given: wide
// characters count two, combining marks and joined emoji stay with their
// base.
func TestHeadAndColumns(t *testing.T) {
	for _, c := range []struct {
		in   string
		cols int
		want string
	}{
		{"/api/orders", 4, "/api"},
		{"/api", 10, "/api"},
		{"/日本語", 4, "/日"}, // 1 + 2, and the next would make 5
		{"/日本語", 5, "/日本"},
		{"e\u0301e\u0301x", 2, "e\u0301e\u0301"},
		{"a👩\u200d💻b", 2, "a"}, // the joined emoji takes two columns
		{"a👩\u200d💻b", 3, "a👩\u200d💻"},
		{"abc", 0, ""},
	} {
		got := Head(c.in, c.cols)
		if got != c.want {
			t.Errorf("Head(%q, %d) = %q, want %q", c.in, c.cols, got, c.want)
		}
		if w := Columns(got); w > c.cols {
			t.Errorf("Head(%q, %d) takes %d columns", c.in, c.cols, w)
		}
	}
	if w := Columns("/日本語"); w != 7 {
		t.Errorf("Columns(/日本語) = %d, want 7", w)
	}
}

// Fit counts columns, not runes: a wide character takes two, an accent
// none, and a cluster is never split.
func TestFit(t *testing.T) {
	for _, tc := range []struct {
		in   string
		cols int
		want string
	}{
		{"/api/orders", 0, "/api/orders"},
		{"/api/orders", 11, "/api/orders"},
		{"/api/orders", 8, "/api/or…"},
		{"/api/orders", 1, "/"},
		{"/日本語/x", 6, "/日本…"},
		{"/cafe\u0301s/x", 6, "/cafe\u0301…"},
	} {
		if got := Fit(tc.in, tc.cols); got != tc.want {
			t.Errorf("Fit(%q, %d) = %q, want %q", tc.in, tc.cols, got, tc.want)
		}
		if tc.cols > 0 && Columns(Fit(tc.in, tc.cols)) > tc.cols {
			t.Errorf("Fit(%q, %d) is wider than that", tc.in, tc.cols)
		}
	}
}

package ui

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"
	"github.com/rivo/uniseg"

	"github.com/codetop/codetop/sanitize"
)

// shown draws text the way every dashboard cell does (tview interprets
// style tags) on a simulated screen, and returns what a user would read and
// whether any cell got a style other than the one it was drawn with (which
// is what an interpreted "[red]" does).
func shown(t testing.TB, text string, cols int) (string, bool) {
	screen := tcell.NewSimulationScreen("UTF-8")
	if err := screen.Init(); err != nil {
		t.Fatal(err)
	}
	defer screen.Fini()
	screen.SetSize(cols+8, 1)
	tview.Print(screen, text, 0, 0, cols+8, tview.AlignLeft, tcell.ColorWhite)
	screen.Show()
	cells, w, _ := screen.GetContents()
	want := tcell.StyleDefault.Foreground(tcell.ColorWhite)
	var b strings.Builder
	restyled := false
	for x := 0; x < w; x++ {
		c := cells[x]
		if len(c.Runes) == 0 || (len(c.Runes) == 1 && c.Runes[0] == ' ' && c.Style == tcell.StyleDefault) {
			continue // never drawn (or the tail of a wide character)
		}
		if c.Style != want {
			restyled = true
		}
		b.WriteString(string(c.Runes))
	}
	return b.String(), restyled
}

// visible keeps the grapheme clusters of s that take screen columns: what a
// terminal shows of it.
func visible(s string) string {
	var b strings.Builder
	state := -1
	for len(s) > 0 {
		var c string
		var w int
		c, s, w, state = uniseg.FirstGraphemeClusterInString(s, state)
		if w > 0 {
			b.WriteString(c)
		}
	}
	return b.String()
}

func TestSanitizeHostileText(t *testing.T) {
	cases := []struct {
		in, want string
		max      int
	}{
		{"/api/orders", "/api/orders", 40},
		{"/[red]tag", "/[red]tag", 40},
		{"/[::b]bold[-]", "/[::b]bold[-]", 40},
		{"/x\x1b]2;pwned\x07", "/x\uFFFD]2;pwned\uFFFD", 40},
		{"/\x1b[31mred", "/\uFFFD[31mred", 40},
		{"/bad\xffutf8", "/bad\uFFFDutf8", 40},
		{"/c1\u009b31m", "/c1\uFFFD31m", 40},
		{"/averyveryverylongpath", "/averyver…", 10},
		{"/[red]tag", "/[red]…", 7},
		{"/日本語のパス", "/日本…", 7}, // wide characters take two columns
	}
	for _, c := range cases {
		got := Sanitize(c.in, c.max)
		text, restyled := shown(t, got, c.max)
		if text != c.want {
			t.Errorf("Sanitize(%q, %d) = %q, shows %q; want %q", c.in, c.max, got, text, c.want)
		}
		if restyled {
			t.Errorf("Sanitize(%q, %d) = %q changes the style of the cells: a tag was interpreted", c.in, c.max, got)
		}
		if w := width(c.want); w > c.max {
			t.Errorf("case %q: %d columns > %d", c.in, w, c.max)
		}
	}
}

func TestSanitizeCleanTextIsUnchanged(t *testing.T) {
	for _, s := range []string{"/", "/api/orders", "/static/app.js", "/ünïcødé"} {
		if got := Sanitize(s, 80); got != s {
			t.Errorf("Sanitize(%q) = %q, want it unchanged", s, got)
		}
	}
}

// FuzzSanitize checks, for any input, what the dashboard promises: no
// control byte or invalid UTF-8 reaches the screen, no tag is interpreted
// (the screen shows exactly the cleaned text, in the default style), and the
// text fits the width it was given.
func FuzzSanitize(f *testing.F) {
	for _, s := range []string{
		"/api/orders", "/[red]tag", "/x\x1b]2;pwned\x07", "[[red]]", "[red[]", "[]",
		"/\x1b[2J\x1b[H", "\xc2\x9b6n", "/日本語", "e\u0301\u0301", "[#ff0000::bu]x[-:-:-]",
		"[\"region\"]x[\"\"]", "[![]", "/[!]x[?[]", "[" + strings.Repeat("a", 300) + "]", "\x00\x7f\u200b\u202e",
	} {
		f.Add(s, 12)
	}
	f.Fuzz(func(t *testing.T, in string, max int) {
		if max < 1 || max > 200 {
			max = 1 + (max%200+200)%200
		}
		out := Sanitize(in, max)
		if !utf8.ValidString(out) {
			t.Fatalf("Sanitize(%q) = %q: invalid UTF-8", in, out)
		}
		for _, r := range out {
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
				t.Fatalf("Sanitize(%q) = %q: control character %U", in, out, r)
			}
		}
		want := sanitize.Fit(sanitize.Text(in, 0), max)
		if w := width(want); w > max {
			t.Fatalf("Sanitize(%q, %d) shows %d columns", in, max, w)
		}
		text, restyled := shown(t, out, max)
		if text != visible(want) || restyled {
			t.Fatalf("Sanitize(%q, %d) = %q shows %q (restyled %v), want %q", in, max, out, text, restyled, visible(want))
		}
	})
}

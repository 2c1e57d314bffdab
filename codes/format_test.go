package codes

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFormatHeadingAndSections(t *testing.T) {
	out := Format(Lookup(502), 80)
	lines := strings.Split(out, "\n")
	if lines[0] != "502 Bad Gateway  (5xx, standard, RFC 9110)" {
		t.Errorf("heading = %q", lines[0])
	}
	for _, want := range []string{"Usual causes:", "Check first:", "  - ", "upstream prematurely closed"} {
		if !strings.Contains(out, want) {
			t.Errorf("Format(502) lacks %q:\n%s", want, out)
		}
	}
	if strings.Index(out, "Usual causes:") > strings.Index(out, "Check first:") {
		t.Error("causes should come before checks")
	}
}

func TestFormatHeadingVariants(t *testing.T) {
	cases := map[int]string{
		0:   "000 No Response  (other, non-standard, ",
		499: "499 Client Closed Request  (4xx, non-standard, nginx)",
		305: "305 Use Proxy  (3xx, standard, deprecated, RFC 9110)",
		477: "477 Unknown 4xx code  (4xx, non-standard)",
		777: "777 Non-standard code  (other, non-standard)",
	}
	for code, want := range cases {
		first := strings.SplitN(Format(Lookup(code), 200), "\n", 2)[0]
		if !strings.HasPrefix(first, want) {
			t.Errorf("heading for %d = %q, want prefix %q", code, first, want)
		}
	}
}

func TestFormatNotes(t *testing.T) {
	out := Format(Lookup(494), 80)
	if !strings.Contains(out, "Notes: ") || !strings.Contains(out, "error_page") {
		t.Errorf("Format(494) lacks notes:\n%s", out)
	}
	if strings.Contains(Format(Lookup(200), 80), "Usual causes:") {
		t.Error("Format(200) shows an empty causes section")
	}
}

// checkWidth fails for any line longer than width unless it holds a single
// word (after its indentation or bullet) that could not be broken.
func checkWidth(t *testing.T, code, width int, out string) {
	t.Helper()
	for _, line := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
		if utf8.RuneCountInString(line) <= width {
			continue
		}
		body := strings.TrimPrefix(strings.TrimLeft(line, " "), "- ")
		if len(strings.Fields(body)) > 1 {
			t.Errorf("code %d width %d: line of %d columns: %q", code, width, utf8.RuneCountInString(line), line)
		}
	}
}

func TestFormatWraps(t *testing.T) {
	for _, width := range []int{30, 40, 60, 72, 100} {
		for _, e := range All() {
			checkWidth(t, e.Code, width, Format(e, width))
		}
		checkWidth(t, 477, width, Format(Lookup(477), width))
		checkWidth(t, 777, width, Format(Lookup(777), width))
	}
	// Wrapping must keep every word, in order.
	e := Lookup(504)
	out := Format(e, 40)
	if !strings.Contains(strings.Join(strings.Fields(out), " "), strings.Join(strings.Fields(e.Meaning), " ")) {
		t.Errorf("wrapped meaning lost words:\n%s", out)
	}
	// A narrow width really wraps: the meaning does not fit on one line.
	if strings.Count(out, "\n") < 15 {
		t.Errorf("Format(504, 40) has too few lines to be wrapped:\n%s", out)
	}
}

func TestFormatLongWord(t *testing.T) {
	e := Entry{Code: 599, Name: "X", Class: "5xx", Meaning: "short " + strings.Repeat("y", 50) + " end",
		Causes: []string{strings.Repeat("z", 50)}}
	out := Format(e, 20)
	checkWidth(t, 599, 20, out)
	if !strings.Contains(out, strings.Repeat("y", 50)) || !strings.Contains(out, "  - "+strings.Repeat("z", 50)) {
		t.Errorf("long words should be kept whole:\n%s", out)
	}
}

func TestFormatDefaultWidth(t *testing.T) {
	if Format(Lookup(502), 0) != Format(Lookup(502), DefaultWidth) {
		t.Error("width 0 should use DefaultWidth")
	}
}

func TestWrapContinuationIndent(t *testing.T) {
	got := wrap("alpha beta gamma delta", 12, "  - ", "    ")
	want := "  - alpha\n    beta\n    gamma\n    delta\n"
	if got != want {
		t.Errorf("wrap = %q, want %q", got, want)
	}
	got = wrap("alpha beta", 20, "  - ", "    ")
	if got != "  - alpha beta\n" {
		t.Errorf("wrap = %q", got)
	}
}

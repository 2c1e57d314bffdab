package ui

import (
	"strings"

	"github.com/rivo/uniseg"

	"github.com/codetop/codetop/sanitize"
)

// Sanitize makes untrusted log text (a path, agent, referer, host) safe to
// put in any cell of the dashboard, and fits it into max screen columns
// (max <= 0: no limit). Every such string goes through here and nowhere else.
//
// Three steps, in this order:
//  1. sanitize.Text replaces control bytes (C0, DEL, C1) and invalid UTF-8,
//     so no escape sequence reaches the terminal (a path carrying
//     "ESC ]2;...BEL" would otherwise retitle the operator's window);
//  2. the clean text is cut to max columns, by grapheme cluster and display
//     width, ending in "…" when cut;
//  3. escape neutralises "[red]"-style tags, which tview would otherwise
//     interpret in every table cell and text view (see escape for why
//     tview.Escape's own rule is not enough).
//
// Cutting before escaping is what keeps the cut from splitting an escape
// (a cut inside `[[""]` would leave a "[" that opens a tag), and the escape
// adds no visible columns, so the width bound still holds.
func Sanitize(s string, max int) string {
	return escape(sanitize.Fit(sanitize.Text(s, 0), max))
}

// escape puts an empty region tag, `[""]`, after every "[" of s. tview
// reads a tag only where a "[" is directly followed by what a tag may hold;
// "[" then "[" never is, so each bracket of the text shows as itself, and
// the inserted tag is consumed without a trace (region "" is the region
// every cell is in already). tview.Escape's rule, "[" before the closing
// "]", fails two ways, both found by fuzzing: tview takes "[x[]" for an
// escaped tag and swallows a bracket ("/[![]" showed as "/[!]"), and
// "[A:::[]" is not an escaped tag at all but a valid one whose URL part is
// "[", so "[A:::]" vanished.
//
// The tag goes after the whole grapheme cluster the bracket begins: a
// bracket can carry combining marks ("[" and two acute accents, found by
// fuzzing), and a tag between them made tview drop all but the first.
// A mark cannot start a tag either, so the bracket is just as inert.
func escape(s string) string {
	if !strings.Contains(s, "[") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for {
		i := strings.IndexByte(s, '[')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		cluster, rest, _, _ := uniseg.FirstGraphemeClusterInString(s[i:], -1)
		b.WriteString(s[:i])
		b.WriteString(cluster)
		b.WriteString(`[""]`)
		s = rest
	}
}

// width is the number of screen columns plain (untagged) text takes.
func width(s string) int { return sanitize.Columns(s) }

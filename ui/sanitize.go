package ui

import (
	"regexp"
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
//     interpret in every table cell and text view (tview.Escape's rule,
//     widened: see escape).
//
// Cutting before escaping is what keeps the cut from splitting an escape
// ("[red[]" cut to "[red[" would turn back into a live tag prefix), and the
// escape adds no visible columns, so the width bound still holds.
func Sanitize(s string, max int) string {
	return escape(fit(sanitize.Text(s, 0), max))
}

// bracketPair is tview.Escape's pattern with its character class widened
// to anything but brackets. tview.Escape only escapes what could be a real
// tag ("[red]"), but tview's drawing code reads any "[x[]" as an escaped
// tag and swallows a bracket, so a path like "/[![]" would show as "/[!]".
// Adding a "[" before every "]" that closes a bracketed run covers both.
var bracketPair = regexp.MustCompile(`(\[[^\[\]]+\[*)\]`)

func escape(s string) string {
	if !strings.Contains(s, "]") {
		return s
	}
	return bracketPair.ReplaceAllString(s, "$1[]")
}

// fit cuts s to at most max display columns, replacing the cut tail with
// "…". It never splits a grapheme cluster (a base letter and its combining
// marks, an emoji sequence), and counts wide (East Asian) characters as two.
func fit(s string, max int) string {
	if max <= 0 || uniseg.StringWidth(s) <= max {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	width, state := 0, -1
	for len(s) > 0 {
		var cluster string
		var w int
		cluster, s, w, state = uniseg.FirstGraphemeClusterInString(s, state)
		// Leave one column for the ellipsis.
		if width+w > max-1 {
			break
		}
		b.WriteString(cluster)
		width += w
	}
	b.WriteString("…")
	return b.String()
}

// width is the number of screen columns plain (untagged) text takes.
func width(s string) int { return uniseg.StringWidth(s) }

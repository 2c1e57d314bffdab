// Package sanitize makes untrusted log text (paths, agents, referers, hosts)
// safe to show: log lines are written by strangers, and a path can carry
// terminal escape sequences. The dashboard adds tview tag escaping on top.
package sanitize

import (
	"strings"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// Text replaces control bytes (C0, DEL, C1), the invisible marks that turn
// the direction of text (U+202E and its kin) and invalid UTF-8 with U+FFFD and
// cuts the result to at most max runes (0 = no limit), ending in "…" when
// cut. Text that needs no change is returned as is, without allocating.
func Text(s string, max int) string {
	if clean(s) && (max <= 0 || utf8.RuneCountInString(s) <= max) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	n := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if bad(r, size) {
			r = utf8.RuneError
		}
		if max > 0 && n == max-1 && i < len(s) {
			b.WriteRune('…')
			break
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

func bad(r rune, size int) bool {
	return (r == utf8.RuneError && size <= 1) || r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || bidi(r)
}

// bidi reports the Unicode marks that change the direction of the text
// after them: a path holding U+202E shows its end reversed, so that
// /x/gpj.exe reads as /x/exe.jpg, and it spills over into the columns
// that follow it on screen.
func bidi(r rune) bool {
	return r == 0x061c || r == 0x200e || r == 0x200f || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

func clean(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if bad(r, size) {
			return false
		}
		i += size
	}
	return true
}

// Columns is how many columns of a terminal s takes: an East Asian wide
// character takes two, a combining mark none.
func Columns(s string) int { return uniseg.StringWidth(s) }

// Fit cuts s to at most cols columns of a terminal (cols <= 0: no limit),
// ending in "…" when cut, and never splits a grapheme cluster. Whatever is
// shown on a terminal, the dashboard's cells, the text report's columns or
// the explain list, is fitted here.
func Fit(s string, cols int) string {
	if cols <= 0 || Columns(s) <= cols {
		return s
	}
	if cols == 1 {
		return Head(s, 1)
	}
	return Head(s, cols-1) + "…" // one column for the ellipsis
}

// Head returns the longest start of s that takes at most cols columns,
// never splitting a grapheme cluster (a letter and its accents, an emoji
// sequence).
func Head(s string, cols int) string {
	end, used, state := 0, 0, -1
	for rest := s; rest != ""; {
		var c string
		var w int
		c, rest, w, state = uniseg.FirstGraphemeClusterInString(rest, state)
		if used+w > cols {
			break
		}
		end += len(c)
		used += w
	}
	return s[:end]
}

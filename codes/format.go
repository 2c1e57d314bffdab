package codes

import (
	"strings"
	"unicode/utf8"
)

// DefaultWidth is the width Format uses when asked for width <= 0.
const DefaultWidth = 80

// Format renders e for the terminal as plain text, the way
// `codetop explain 502` prints it:
//
//	502 Bad Gateway  (5xx, standard, RFC 9110)
//
//	<meaning>
//
//	Usual causes:
//	  - ...
//
//	Check first:
//	  - ...
//
//	Notes: ...
//
// Every paragraph is wrapped to width columns; a single word longer than
// the line is never split, so it may overflow. Sections without content
// are left out. A width <= 0 means DefaultWidth.
func Format(e Entry, width int) string {
	if width <= 0 {
		width = DefaultWidth
	}
	var b strings.Builder

	b.WriteString(wrap(heading(e), width, "", "    "))
	if e.Meaning != "" {
		b.WriteString("\n")
		b.WriteString(wrap(e.Meaning, width, "", ""))
	}
	list := func(title string, items []string) {
		if len(items) == 0 {
			return
		}
		b.WriteString("\n")
		b.WriteString(title)
		b.WriteString("\n")
		for _, it := range items {
			b.WriteString(wrap(it, width, "  - ", "    "))
		}
	}
	list("Usual causes:", e.Causes)
	list("Check first:", e.Checks)
	if e.Notes != "" {
		b.WriteString("\n")
		b.WriteString(wrap("Notes: "+e.Notes, width, "", ""))
	}
	return b.String()
}

// heading returns "502 Bad Gateway  (5xx, standard, RFC 9110)".
func heading(e Entry) string {
	code := Label(e.Code)
	tags := []string{e.Class}
	if e.Standard {
		tags = append(tags, "standard")
	} else {
		tags = append(tags, "non-standard")
	}
	if e.Deprecated {
		tags = append(tags, "deprecated")
	}
	if e.Source != "" {
		tags = append(tags, e.Source)
	}
	return code + " " + e.Name + "  (" + strings.Join(tags, ", ") + ")"
}

// wrap breaks text into lines of at most width runes. The first line
// starts with first, the following ones with rest. If the text fits on one
// line it is returned unchanged apart from the prefix, keeping runs of
// spaces (the heading uses two spaces before its parenthesis). Every line,
// including the last, ends with a newline.
func wrap(text string, width int, first, rest string) string {
	if utf8.RuneCountInString(first)+utf8.RuneCountInString(text) <= width && !strings.Contains(text, "\n") {
		return first + text + "\n"
	}
	var b strings.Builder
	line := first
	lineLen := utf8.RuneCountInString(first)
	empty := true // no word on the current line yet
	for _, w := range strings.Fields(text) {
		wl := utf8.RuneCountInString(w)
		if !empty && lineLen+1+wl > width {
			b.WriteString(line)
			b.WriteString("\n")
			line, lineLen, empty = rest, utf8.RuneCountInString(rest), true
		}
		if !empty {
			line += " "
			lineLen++
		}
		line += w
		lineLen += wl
		empty = false
	}
	b.WriteString(line)
	b.WriteString("\n")
	return b.String()
}

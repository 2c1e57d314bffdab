package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/rivo/tview"

	"github.com/codetop/codetop/sanitize"
	"github.com/codetop/codetop/units"
)

// renderHeader writes the three header lines: what is read, how far, and
// the spike banner. It reports whether they changed.
func (d *Dashboard) renderHeader() bool {
	if d.snap == nil {
		return false
	}
	_, _, w, _ := d.header.GetInnerRect()
	if w <= 0 {
		w = 80
	}
	return setText(d.header, &d.headerText, d.headLine(w)+"\n"+d.stateLine(w)+"\n"+d.banner(w))
}

// headLayouts are the ways the first header line is laid out, widest
// first; the first that leaves the input's name its columns is taken, the
// last whatever the room. The counts are never cut: the format's name
// gives way first, then the rate, then the name is cut to 8 columns, then
// "malformed" is said "bad", and last the name gets what is left. "+1
// more" always stays.
var headLayouts = []struct {
	format, rate bool
	malformed    string
	name         int // the fewest columns the name may have; 0: its file's name
}{
	{true, true, "malformed", 0},
	{false, true, "malformed", 0},
	{false, false, "malformed", 0},
	{false, false, "malformed", 8},
	{false, false, "bad", 8},
	{false, false, "bad", 1},
}

// headLine is the first header line: the inputs read, their format, the
// lines counted (of those read, with a filter), lines per second and the
// malformed lines.
func (d *Dashboard) headLine(w int) string {
	s, t := d.snap, d.theme
	in, more := "(no input)", ""
	if len(d.opts.Inputs) > 0 {
		in = d.opts.Inputs[0]
		if n := len(d.opts.Inputs); n > 1 {
			more = fmt.Sprintf(" +%d more", n-1)
		}
	}
	perSec := rate(d.ingest.Rate())
	// The rate keeps the widest room it has had, or a narrow header would
	// cut the input's name one way, then another, and show the rate or
	// not, as the rate goes up and down.
	d.rateRoom = max(d.rateRoom, len(perSec))
	lines := thousands(s.Lines)
	if s.Read > s.Lines {
		// A filter keeps some: "12 of 5,300 lines", not a log that
		// looks empty.
		lines += " of " + thousands(s.Read)
	}
	format := d.opts.Format
	if d.opts.FormatName != nil {
		format = d.opts.FormatName()
	}
	name := sanitize.Text(in, 0)
	// Which log it is, "…/b-access.log", is worth more than the format
	// or the rate; a file's name longer than 20 columns is not.
	file := width(name)
	if i := strings.LastIndexByte(name, '/'); i > 0 {
		file = 1 + width(name[i:])
	}
	file = min(file, 20)
	for i, l := range headLayouts {
		room := w - len("codetop ") - len(more)
		counts := " · " + lines + " lines"
		if l.rate {
			counts += " · " + perSec + "/s"
			room -= d.rateRoom - len(perSec)
		}
		if s.Malformed > 0 {
			counts += " · " + tag(t.warn) + thousands(s.Malformed) + " " + l.malformed + reset
		} else {
			counts += " · 0 " + l.malformed
		}
		room -= tview.TaggedStringWidth(counts)
		f := ""
		if l.format && format != "" {
			f = " · " + Sanitize(format, min(24, max(8, room-12-3)))
			room -= tview.TaggedStringWidth(f)
		}
		least := l.name
		if least == 0 {
			least = file
		}
		if room >= min(least, width(name)) || i == len(headLayouts)-1 {
			return tag(t.title) + "codetop" + reset + " " + fitName(name, max(1, room)) + more + f + counts
		}
	}
	return "" // the last layout is always taken
}

// fitName cuts a file's path to cols columns, keeping its end when that
// fits from a "/" on: "…/logs/b-access.log" says which log it is,
// "/tmp/dr…" does not. name is sanitized text already.
func fitName(name string, cols int) string {
	if width(name) > cols {
		for i := 1; i < len(name); i++ {
			if name[i] == '/' && 1+width(name[i:]) <= cols {
				return escape("…" + name[i:])
			}
		}
	}
	return Sanitize(name, cols)
}

// setText sets v's text to s unless *last, the text set before, is s
// already, and reports whether it did.
func setText(v *tview.TextView, last *string, s string) bool {
	if s == *last {
		return false
	}
	*last = s
	v.SetText(s)
	return true
}

// stateLine is the second header line: the span of event time read, the
// window, a picked range, and the reading side's state. While the history
// loads, the load comes first, and the span (partial anyway) is left out
// when the line would not fit, so that the window, the state and PAUSED
// stay in sight on a narrow terminal.
func (d *Dashboard) stateLine(w int) string {
	s, t := d.snap, d.theme
	withDate := spansDays(s)
	when, short, newest := "no timestamps yet", "", ""
	switch {
	case !s.First.IsZero():
	case s.Read > 0 && s.Parsed == 0 && s.Malformed == 0:
		// The filters (--status, a range after the input) kept nothing:
		// "yet" would have the user wait for lines that came.
		when = "no line matches the filters"
	case s.Read > 0:
		when = "no line read has a time"
	}
	if !s.First.IsZero() {
		// Every time on the screen is UTC, as the report's are; the
		// header says so once.
		short = clock(s.First, withDate) + " → " + clock(s.Last, withDate) + " UTC"
		when = short + " (" + units.Span(s.Last.Sub(s.First)) + ")"
		newest = "→ " + clock(s.Last, withDate) + " UTC"
	}
	var rest strings.Builder
	rest.WriteString("window " + windowName(d.choice.window))
	if !d.rangeFrom.IsZero() || !d.rangeTo.IsZero() {
		rest.WriteString(" · " + tag(t.warn) + "range " + rangeText(d.rangeFrom, d.rangeTo, withDate) + reset)
	}
	if d.gone > 0 {
		rest.WriteString(" · " + tag(t.warn) + thousands(d.gone) + " lines read before are no longer in the files" + reset)
	} else if !d.lost.IsZero() {
		rest.WriteString(" · " + tag(t.warn) + "lines before " + clock(d.lost, withDate) + " are no longer in the files read" + reset)
	}
	if d.status != "" {
		rest.WriteString(" · " + Sanitize(d.status, max(40, w/2))) // wider screens show it whole
	}
	if d.quiet > 0 {
		rest.WriteString(" · " + tag(t.warn) + "no new line for " + units.Span(d.quiet.Truncate(time.Second)) + reset)
	}
	if d.paused {
		rest.WriteString(" · " + tag(t.banner) + " PAUSED " + reset + " (p resumes)")
	}
	load := ""
	if d.opts.Loading != nil {
		load = loadingText(d.load, d.loadSpeed.Rate())
	}
	if load == "" {
		// On a narrow screen the span gives way first, then the first
		// time, then the newest (what a stalled log is asked first): the
		// state at the end ("end of input") is kept whole.
		for _, lead := range []string{when, short, newest} {
			if full := lead + " · " + rest.String(); lead != "" && tview.TaggedStringWidth(full) <= w {
				return full
			}
		}
		return rest.String()
	}
	load = tag(t.title) + load + reset
	if full := load + " · " + when + " · " + rest.String(); tview.TaggedStringWidth(full) <= w {
		return full
	}
	return load + " · " + rest.String()
}

// rangeText shows a picked time range, "…" for an open end.
func rangeText(from, to time.Time, withDate bool) string {
	a, b := "…", "…"
	if !from.IsZero() {
		a = clock(from, withDate)
	}
	if !to.IsZero() {
		b = clock(to, withDate)
	}
	return a + "–" + b
}

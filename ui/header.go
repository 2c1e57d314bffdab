package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/rivo/tview"

	"github.com/codetop/codetop/units"
)

// renderHeader writes the three header lines: what is read, how far, and
// the spike banner. It reports whether they changed.
func (d *Dashboard) renderHeader() bool {
	s, t := d.snap, d.theme
	if s == nil {
		return false
	}
	_, _, w, _ := d.header.GetInnerRect()
	if w <= 0 {
		w = 80
	}
	in, more := "(no input)", ""
	if len(d.opts.Inputs) > 0 {
		in = d.opts.Inputs[0]
		if n := len(d.opts.Inputs); n > 1 {
			more = fmt.Sprintf(" +%d more", n-1)
		}
	}
	// The counts are kept whole; the input's name, then the format's, give
	// way on a narrow screen (80 columns), never "+2 more".
	perSec := rate(d.ingest.Rate())
	lines := thousands(s.Lines)
	if s.Read > s.Lines {
		// A filter keeps some: "12 of 5,300 lines", not a log that
		// looks empty.
		lines += " of " + thousands(s.Read)
	}
	counts := " · " + lines + " lines · " + perSec + "/s"
	if s.Malformed > 0 {
		counts += " · " + tag(t.warn) + thousands(s.Malformed) + " malformed" + reset
	} else {
		counts += " · 0 malformed"
	}
	// The rate keeps the widest room it has had, or a narrow header would
	// cut the input's name one way, then another, as the rate goes up and
	// down.
	d.rateRoom = max(d.rateRoom, len(perSec))
	room := w - len("codetop ") - tview.TaggedStringWidth(counts) - len(more) - (d.rateRoom - len(perSec))
	format := d.opts.Format
	if d.opts.FormatName != nil {
		format = d.opts.FormatName()
	}
	if format != "" {
		format = " · " + Sanitize(format, min(24, max(8, room-12-3)))
	}
	in = Sanitize(in, max(8, room-tview.TaggedStringWidth(format)))
	l1 := tag(t.title) + "codetop" + reset + " " + in + more + format + counts
	return setText(d.header, &d.headerText, l1+"\n"+d.stateLine(w)+"\n"+d.banner(w))
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
	if !d.lost.IsZero() {
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

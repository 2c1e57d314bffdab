package report

import (
	"strconv"
	"strings"
	"time"

	"github.com/codetop/codetop/stats"
	"github.com/codetop/codetop/units"
)

// The timeline at the top of the text report: requests per time bucket over
// the whole input in rows of block characters, the spikes marked under it,
// so that a week of logs shows its incident at a glance.
//
//	Timeline (requests per 1m; each row scaled to its own peak)
//	  2xx     ██████████████████████████████▇▇█▇██████████████████████████  peak 472
//	  4xx     ▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁█████▁▁▁▁▁▁▁▁▁▁  peak 1511
//	  5xx     ▁▁▁▁ ▁▁▁ ▁▁▁▁▁▁▁▁▁▁ ▁▁▁▁ ▁▁▁▁▁▇█▄▆ ▁▁▁ ▁▁▁▁ ▁▁ ▁▁▁▁  ▁▁▁ ▁ ▁  peak 69
//	  429                                                  █████            peak 1500
//	  spikes                                ^^^^ 5xx       ^^^^^ 429
//	          2026-11-20 14:00Z          14:30Z                     15:00Z

// TimelineWidth is the most columns the bars of the text timeline take; with
// the labels a timeline row is about 80 columns wide.
const TimelineWidth = 64

// barBlocks are the bar heights, from an eighth to a full cell.
var barBlocks = []rune("▁▂▃▄▅▆▇█")

// timelineRows are the rows of the text timeline: the classes an operator
// watches, and 429 (rate limiting, which hides under 4xx).
var timelineRows = []string{"2xx", "4xx", "5xx", "429"}

// timelineLabelWidth is the width of a row's label column, indent included.
const timelineLabelWidth = 10

// timelineColumns re-buckets a timeline of n steps into at most TimelineWidth
// columns of whole steps each, so every column covers the same time: it
// returns the steps per column and the number of columns.
func timelineColumns(n int) (per, cols int) {
	per = (n + TimelineWidth - 1) / TimelineWidth
	return per, (n + per - 1) / per
}

func rebucket(counts []int64, per, cols int) []int64 {
	out := make([]int64, cols)
	for i, n := range counts {
		out[i/per] += n
	}
	return out
}

// barRow draws counts scaled to their peak: a blank for zero, at least the
// lowest block for any request, a full block for the peak.
func barRow(counts []int64, peak int64) string {
	var b strings.Builder
	for _, n := range counts {
		if n <= 0 || peak <= 0 {
			b.WriteByte(' ')
			continue
		}
		level := (n*int64(len(barBlocks)) + peak - 1) / peak // 1..8, rounded up
		b.WriteRune(barBlocks[level-1])
	}
	return b.String()
}

func writeTimeline(ew *errWriter, p painter, s *stats.Snapshot) {
	tl := &s.Timeline
	if tl.Len() == 0 {
		return
	}
	per, cols := timelineColumns(tl.Len())
	colDur := time.Duration(per) * tl.Step
	ew.printf("\n%s %s\n", p.bold("Timeline"), p.dim("(requests per "+units.Step(colDur)+"; each row scaled to its own peak)"))
	for _, kind := range timelineRows {
		counts := rebucket(tl.Kind(kind), per, cols)
		var peak int64
		for _, n := range counts {
			peak = max(peak, n)
		}
		right := "none"
		if peak > 0 {
			right = "peak " + strconv.FormatInt(peak, 10)
		}
		colour := p.class(kind)
		if kind == "429" {
			colour = p.class("4xx")
		}
		line := "  " + padRight(kind, timelineLabelWidth-2) + barRow(counts, peak) + "  " + right
		ew.printf("%s\n", colour(line))
	}
	if marks := spikeMarks(s, tl.Start, colDur, cols); marks != "" {
		ew.printf("%s%s\n", p.dim("  "+padRight("spikes", timelineLabelWidth-2)), p.class("5xx")(marks))
	}
	ew.printf("%s\n", p.dim(strings.Repeat(" ", timelineLabelWidth)+timeAxis(tl.Start, colDur, cols)))
}

func padRight(s string, n int) string {
	if len(s) >= n {
		return s
	}
	return s + strings.Repeat(" ", n-len(s))
}

// spikeMarks is a row with ^ under the columns each spike covers, each run
// of marks followed by the kinds it shows where there is room. An active
// spike runs to the newest entry.
func spikeMarks(s *stats.Snapshot, start time.Time, colDur time.Duration, cols int) string {
	if len(s.Spikes) == 0 {
		return ""
	}
	kinds := make([][]string, cols)
	for _, sp := range s.Spikes {
		end := sp.End
		if sp.Active || end.IsZero() {
			end = s.Last
		}
		from := int(sp.Start.Sub(start) / colDur)
		to := int((end.Sub(start) + colDur - 1) / colDur) // exclusive, rounded up
		from, to = max(0, min(from, cols-1)), max(from+1, min(to, cols))
		for c := from; c < to; c++ {
			if !hasString(kinds[c], sp.Kind) {
				kinds[c] = append(kinds[c], sp.Kind)
			}
		}
	}
	row := []rune(strings.Repeat(" ", cols))
	used := 0 // the row is written up to here
	for c := 0; c < cols; {
		if kinds[c] == nil {
			c++
			continue
		}
		// A run of marked columns, and the kinds it covers.
		first := c
		label, end := runLabel(kinds, c)
		for ; c < end; c++ {
			row[c] = '^'
		}
		// The label goes after the run when the row is free up to the
		// next run (or the end of the row, which may grow past cols).
		next := c
		for next < cols && kinds[next] == nil {
			next++
		}
		room := next - c - 2
		if next == cols {
			room = Width - timelineLabelWidth - c - 1
		}
		if len(label) <= room {
			for len(row) < c+1+len(label) {
				row = append(row, ' ')
			}
			copy(row[c+1:], label)
			used = c + 1 + len(label)
			continue
		}
		// No room after the run (the next one follows too soon): before
		// it, with a space on each side, if the row is free there, unless
		// the next run says the same.
		if at := first - 1 - len(label); at >= 0 && (used == 0 || at > used) {
			if nextLabel, _ := runLabel(kinds, next); next == cols || string(nextLabel) != string(label) {
				copy(row[at:], label)
			}
		}
		used = c
	}
	return strings.TrimRight(string(row), " ")
}

// runLabel returns the kinds of the run of marked columns that starts at
// c, joined with commas, and the column after the run.
func runLabel(kinds [][]string, c int) ([]rune, int) {
	var names []string
	for ; c < len(kinds) && kinds[c] != nil; c++ {
		for _, k := range kinds[c] {
			if !hasString(names, k) {
				names = append(names, k)
			}
		}
	}
	return []rune(strings.Join(names, ",")), c
}

func hasString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// timeAxis labels the start of the first column, the middle and the end of
// the last column; the start carries the date, the others only what
// changed since it.
func timeAxis(start time.Time, colDur time.Duration, cols int) string {
	start = start.UTC()
	end := start.Add(time.Duration(cols) * colDur)
	first := start.Format("2006-01-02 15:04Z")
	last := axisTime(end, start)
	if len([]rune(first))+len(last)+2 > cols {
		return first + " .. " + last // too narrow for a spread-out axis
	}
	row := []rune(strings.Repeat(" ", cols))
	copy(row, []rune(first))
	copy(row[cols-len(last):], []rune(last))
	mid := cols / 2
	midLabel := axisTime(start.Add(time.Duration(mid)*colDur), start)
	at := mid - len(midLabel)/2
	if at > len(first)+1 && at+len(midLabel) < cols-len(last)-1 {
		copy(row[at:], []rune(midLabel))
	}
	return string(row)
}

// axisTime writes t for the axis: the time of day when it falls on
// start's date, with the month and day when it falls in start's year, and
// whole otherwise (a set of logs from several years).
func axisTime(t, start time.Time) string {
	switch {
	case t.Year() != start.Year():
		return t.Format("2006-01-02 15:04Z")
	case t.YearDay() == start.YearDay():
		return t.Format("15:04Z")
	}
	return t.Format("01-02 15:04Z")
}

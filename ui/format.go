package ui

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/codetop/codetop/stats"
	"github.com/codetop/codetop/units"
)

// count formats n for a narrow column: 987, 12,345, 1.23M.
func count(n int64) string {
	switch {
	case n < 0:
		return "-" + count(-n)
	case n < 100_000:
		return thousands(n)
	case n < 999_500:
		return strconv.FormatFloat(float64(n)/1e3, 'f', 0, 64) + "k"
	case n < 10_000_000:
		return strconv.FormatFloat(float64(n)/1e6, 'f', 2, 64) + "M"
	case n < 1_000_000_000:
		return strconv.FormatFloat(float64(n)/1e6, 'f', 0, 64) + "M"
	}
	return strconv.FormatFloat(float64(n)/1e9, 'f', 2, 64) + "G"
}

// countIn writes n whole when it fits in w columns (132,659 in a column
// of 7), else as count does: a figure an operator checks against awk is
// not rounded where the screen has room for it.
func countIn(n int64, w int) string {
	if s := thousands(n); n >= 0 && len(s) <= w {
		return s
	}
	return count(n)
}

// thousands formats n with comma separators.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	if len(s) <= 3 {
		return s
	}
	var b strings.Builder
	pre := len(s) % 3
	if pre > 0 {
		b.WriteString(s[:pre])
	}
	for i := pre; i < len(s); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

// rate formats a rate with about three significant digits: 0.02, 1.35,
// 12.4, 1,234.
func rate(r float64) string {
	switch {
	case r <= 0 || math.IsNaN(r) || math.IsInf(r, 0):
		return "0"
	case r < 0.01:
		return "<0.01"
	case r < 10:
		return strconv.FormatFloat(r, 'f', 2, 64)
	case r < 100:
		return strconv.FormatFloat(r, 'f', 1, 64)
	}
	return thousands(int64(math.Round(r)))
}

// percent formats a share (0..1) as "12.3%", "0.04%" or "100%".
func percent(share float64) string {
	p := share * 100
	switch {
	case p <= 0 || math.IsNaN(p):
		return "0%"
	case p < 0.1:
		return strconv.FormatFloat(p, 'f', 2, 64) + "%"
	case p < 99.95:
		return strconv.FormatFloat(p, 'f', 1, 64) + "%"
	}
	return "100%"
}

// windowName names a window of stats.StandardWindows: "1m" ... "1h", "all".
func windowName(d time.Duration) string {
	if d == 0 {
		return "all"
	}
	return units.Step(d)
}

// latency formats a request time: 850µs, 12ms, 1.2s; "-" when unknown
// (negative).
func latency(d time.Duration) string {
	switch {
	case d < 0:
		return "-"
	case d == 0:
		return "0" // nginx's 0.000: faster than its millisecond
	case d < 985*time.Microsecond:
		// From 985µs on, ms: a sketch's 999µs is the 0.001 nginx logged
		// (its quantiles are within 1/64 of the values).
		return strconv.Itoa(int(d.Round(time.Microsecond)/time.Microsecond)) + "µs"
	case d < time.Second-time.Millisecond/2:
		// Rounded: a sketch's 3.99 ms is the 4 ms nginx logged.
		return strconv.Itoa(int(d.Round(time.Millisecond)/time.Millisecond)) + "ms"
	case d < 10*time.Second:
		return strconv.FormatFloat(d.Seconds(), 'f', 1, 64) + "s"
	}
	return strconv.Itoa(int(d/time.Second)) + "s"
}

// clock formats an event time: the time of day when the input spans less
// than a day (the common case), the date too otherwise. Event times are
// shown in UTC, as the log's own offsets differ between servers.
func clock(t time.Time, withDate bool) string {
	if t.IsZero() {
		return "-"
	}
	t = t.UTC()
	if withDate {
		return t.Format("Jan 02 15:04:05")
	}
	return t.Format("15:04:05")
}

// sparkBlocks are the eight heights of a sparkline cell; a zero count is
// left blank so that "nothing at all" differs from "a little".
var sparkBlocks = []rune("▁▂▃▄▅▆▇█")

// sparkline renders counts as at most cols cells, summing neighbouring
// steps when there are more steps than cells (the newest step always ends
// the line). Each line is scaled to its own peak: the point is the shape
// of one class over time, not a comparison between classes.
func sparkline(counts []int64, cols int) string {
	if cols <= 0 || len(counts) == 0 {
		return ""
	}
	per := (len(counts) + cols - 1) / cols
	n := (len(counts) + per - 1) / per
	cells := make([]int64, n)
	// Align buckets on the newest step so the last cell is never partial.
	off := n*per - len(counts)
	var peak int64
	for i, c := range counts {
		j := (i + off) / per
		cells[j] += c
		peak = max(peak, cells[j])
	}
	// Fewer steps than columns (the 15 minutes of the 15m window in 30
	// columns): each step takes as many columns as fit, and the line
	// ends at the right edge, where the newest step is in every window.
	// Blank columns are left of the oldest step, where there was no input
	// yet; at the right they would read as traffic that stopped.
	rep := max(1, cols/n)
	var b strings.Builder
	b.WriteString(strings.Repeat(" ", cols-n*rep))
	for _, c := range cells {
		r := ' '
		if c > 0 && peak > 0 {
			r = sparkBlocks[int(int64(len(sparkBlocks)-1)*c/peak)]
		}
		for k := 0; k < rep; k++ {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// spansDays reports whether times need their date: the input covers more
// than a day, or crosses midnight (UTC).
func spansDays(s *stats.Snapshot) bool {
	if s == nil || s.First.IsZero() {
		return false
	}
	a, b := s.First.UTC(), s.Last.UTC()
	return a.YearDay() != b.YearDay() || a.Year() != b.Year()
}

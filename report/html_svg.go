package report

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/codetop/codetop/codes"
	"github.com/codetop/codetop/sanitize"
	"github.com/codetop/codetop/stats"
	"github.com/codetop/codetop/units"
)

// The HTML report's timeline: one lane per status class (and per code that
// spiked), each scaled to its own peak, over the whole input at the
// snapshot's full resolution, with the spikes shaded across every lane.
// Geometry is computed here, so the template only places numbers.

// Timeline geometry, in SVG user units (the picture scales to the page).
const (
	svgWidth  = 1100.0
	svgLeft   = 56.0  // lane labels
	svgRight  = 104.0 // peak labels
	svgTop    = 22.0  // spike labels
	svgLaneH  = 52.0
	svgGap    = 10.0
	svgAxis   = 26.0
	svgPlotW  = svgWidth - svgLeft - svgRight
	svgMaxTik = 8
)

type svgTimeline struct {
	Width, Height       string
	Left, Right, PlotW  string
	BandY, BandH, AxisY string
	Step                string // the step of the series, "1m"
	Lanes               []svgLane
	Bands               []svgBand
	Labels              []svgLabel
	Ticks               []svgTick
}

type svgLane struct {
	Kind, Class string
	Y           string // the lane's top
	Mid, Bottom string // for its label
	Area, Line  string // path data, lane-local coordinates
	Peak        string
	Total       int64
	Marks       []svgBand // this lane's own spikes, shaded darker
}

// svgBand is a spike's time range.
type svgBand struct {
	X, W  string
	Kind  string
	Class string
	Title string
}

type svgLabel struct{ X, Text string }

type svgTick struct{ X, Label string }

// laneKinds are the lanes to draw: the classes that occur, then the codes
// that spiked and 429, which hides under 4xx otherwise.
func laneKinds(s *stats.Snapshot) []string {
	var kinds []string
	for _, class := range []string{"2xx", "3xx", "4xx", "5xx", "1xx", "other"} {
		if s.Class(class) > 0 {
			kinds = append(kinds, class)
		}
	}
	var codeKinds []int
	add := func(code int) {
		for _, c := range codeKinds {
			if c == code {
				return
			}
		}
		if s.Timeline.Code(code) != nil {
			codeKinds = append(codeKinds, code)
		}
	}
	for _, sp := range s.Spikes {
		if n, err := strconv.Atoi(sp.Kind); err == nil {
			add(n)
		}
	}
	add(429)
	sort.Ints(codeKinds)
	for _, c := range codeKinds {
		kinds = append(kinds, codes.Label(c))
	}
	return kinds
}

func buildTimeline(s *stats.Snapshot) *svgTimeline {
	tl := &s.Timeline
	n := tl.Len()
	if n == 0 {
		return nil
	}
	kinds := laneKinds(s)
	span := time.Duration(n) * tl.Step
	xOf := func(t time.Time) float64 {
		f := float64(t.Sub(tl.Start)) / float64(span)
		return svgLeft + svgPlotW*min(max(f, 0), 1)
	}
	bandH := float64(len(kinds))*(svgLaneH+svgGap) - svgGap
	v := &svgTimeline{
		Width: svgNum(svgWidth), Height: svgNum(svgTop + bandH + svgAxis),
		Left: svgNum(svgLeft), Right: svgNum(svgLeft + svgPlotW), PlotW: svgNum(svgPlotW),
		BandY: svgNum(svgTop), BandH: svgNum(bandH), AxisY: svgNum(svgTop + bandH),
		Step: units.Step(tl.Step),
	}
	bands := map[string][]svgBand{}
	var marks []spikeMark
	for _, sp := range s.Spikes {
		end := sp.End
		if sp.Active || end.IsZero() {
			end = s.AsOf()
		}
		x0, x1 := xOf(sp.Start), xOf(end)
		w := max(x1-x0, 2)
		kind := sanitize.Text(sp.Kind, 8)
		until := "still active at the end of the log"
		if !sp.Active && !sp.End.IsZero() {
			until = "until " + clockSec(sp.End, sp.Start)
		}
		b := svgBand{X: svgNum(x0), W: svgNum(w), Kind: kind, Class: kindClass(sp.Kind),
			Title: kind + " spike from " + sp.Start.UTC().Format("2006-01-02 15:04:05Z") + " " + until + ": " +
				strconv.FormatInt(sp.Count, 10) + " responses, peak " + perMin(sp.PeakPerMin) + "/min against " +
				perMin(sp.BaselinePerMin) + "/min before"}
		v.Bands = append(v.Bands, b)
		bands[sp.Kind] = append(bands[sp.Kind], b)
		marks = append(marks, spikeMark{x0, kind})
	}
	v.Labels = spikeLabels(marks)
	for i, kind := range kinds {
		counts := tl.Kind(kind)
		y := svgTop + float64(i)*(svgLaneH+svgGap)
		lane := svgLane{Kind: kind, Class: kindClass(kind), Y: svgNum(y), Mid: svgNum(svgLaneH / 2), Bottom: svgNum(svgLaneH),
			Marks: bands[kind]}
		var peak int64
		for _, c := range counts {
			peak = max(peak, c)
			lane.Total += c
		}
		lane.Area, lane.Line = stepPaths(counts, peak, n)
		lane.Peak = "peak " + strconv.FormatInt(peak, 10) + " / " + v.Step
		v.Lanes = append(v.Lanes, lane)
	}
	v.Ticks = ticks(tl.Start, span, xOf)
	return v
}

// spikeMark is where a spike starts on the timeline, for its label.
type spikeMark struct {
	x    float64
	kind string
}

// spikeLabels names the spikes above the lanes, left to right (spikes come
// oldest first): a spike that starts under the previous label joins it, so
// labels never overlap ("▼ 5xx, 502").
func spikeLabels(marks []spikeMark) []svgLabel {
	// About the width of a label in the 11px bold of the page.
	width := func(kinds []string) float64 { return 14 + 6.6*float64(len(strings.Join(kinds, ", "))) }
	var out []svgLabel
	var x float64
	var kinds []string
	flush := func() {
		if kinds != nil {
			out = append(out, svgLabel{X: svgNum(min(x, svgWidth-width(kinds))), Text: strings.Join(kinds, ", ")})
		}
	}
	for _, m := range marks {
		if kinds != nil && m.x < x+width(kinds)+6 {
			if !hasString(kinds, m.kind) {
				kinds = append(kinds, m.kind)
			}
			continue
		}
		flush()
		x, kinds = m.x, []string{m.kind}
	}
	flush()
	return out
}

// stepPaths draws counts as steps: an area closed along the lane's bottom
// and the line along its top, scaled so that peak nearly fills the lane.
func stepPaths(counts []int64, peak int64, n int) (area, line string) {
	if peak <= 0 {
		return "", ""
	}
	dx := svgPlotW / float64(n)
	yOf := func(c int64) float64 { return svgLaneH - float64(c)/float64(peak)*(svgLaneH-4) }
	var a, l strings.Builder
	a.WriteString("M" + svgNum(svgLeft) + " " + svgNum(svgLaneH))
	prev := -1.0
	for i, c := range counts {
		x0, x1, y := svgLeft+float64(i)*dx, svgLeft+float64(i+1)*dx, yOf(c)
		if y != prev {
			a.WriteString("L" + svgNum(x0) + " " + svgNum(y))
			if l.Len() == 0 {
				l.WriteString("M")
			} else {
				l.WriteString("L")
			}
			l.WriteString(svgNum(x0) + " " + svgNum(y))
		}
		if i == len(counts)-1 || yOf(counts[i+1]) != y {
			a.WriteString("L" + svgNum(x1) + " " + svgNum(y))
			l.WriteString("L" + svgNum(x1) + " " + svgNum(y))
		}
		prev = y
	}
	a.WriteString("L" + svgNum(svgLeft+float64(len(counts))*dx) + " " + svgNum(svgLaneH) + "Z")
	return a.String(), l.String()
}

// tickSteps are the spacings the time axis may use.
var tickSteps = []time.Duration{
	time.Minute, 2 * time.Minute, 5 * time.Minute, 10 * time.Minute, 15 * time.Minute, 30 * time.Minute,
	time.Hour, 2 * time.Hour, 3 * time.Hour, 6 * time.Hour, 12 * time.Hour,
	24 * time.Hour, 2 * 24 * time.Hour, 7 * 24 * time.Hour, 14 * 24 * time.Hour, 28 * 24 * time.Hour,
}

// ticks places at most svgMaxTik labels on round times (UTC): a time of
// day, with the date where the day changes and on the first label.
func ticks(start time.Time, span time.Duration, xOf func(time.Time) float64) []svgTick {
	step := tickSteps[len(tickSteps)-1]
	for _, st := range tickSteps {
		if span/st <= svgMaxTik {
			step = st
			break
		}
	}
	var out []svgTick
	first := start.UTC().Truncate(step)
	if first.Before(start) {
		first = first.Add(step)
	}
	lastDay := ""
	for t := first; !t.After(start.Add(span)); t = t.Add(step) {
		day := t.Format("Jan 2")
		label := t.Format("15:04")
		switch {
		case step >= 24*time.Hour:
			label = day
		case day != lastDay && (lastDay != "" || span > 24*time.Hour):
			label = day + " " + label
		}
		lastDay = day
		out = append(out, svgTick{X: svgNum(xOf(t)), Label: label})
	}
	return out
}

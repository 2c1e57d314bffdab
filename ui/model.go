package ui

import (
	"sort"
	"strings"
	"time"

	"github.com/codetop/codetop/codes"
	"github.com/codetop/codetop/stats"
)

// The model turns one immutable snapshot and the user's choices into the
// rows the widgets draw. It runs on the UI goroutine at each tick (or key
// press); widgets keep the rows (copies, never the snapshot's slices) and
// draw only from them.

// sortKey is how the paths table is ordered.
type sortKey int

const (
	byRequests sortKey = iota
	byErrors           // 4xx+5xx, or the selected code's count while filtering by one
)

// choices is everything the user picked that changes what is shown.
type choices struct {
	window     time.Duration // one of stats.StandardWindows; 0 = whole input
	sort       sortKey
	codeFilter int    // paths only with this code; -1 = none
	text       string // paths containing this text (case-insensitive); "" = all
}

type classRow struct {
	class  int // index into stats.ClassNames
	count  int64
	share  float64
	perSec float64
	series []int64
}

type codeRow struct {
	code       int
	name       string
	count      int64   // in the window
	share      float64 // of the window's requests
	perMin     float64 // over the window
	basePerMin float64 // the code's own baseline; valid when trended
	trended    bool
	mark       string // ↑ ↓ →, or "" when the code has no baseline
	spike      bool   // an active spike is this code (or its class, led by it)
}

type pathRow struct {
	path      string
	other     bool // the bucket of paths beyond the tracked ones
	total     int64
	classes   [len(stats.ClassNames)]int64
	errors    int64 // 4xx + 5xx
	codeCount int64 // of the filter code, when filtering
	p50, p99  time.Duration
}

// windowRate returns the snapshot's rates over d, falling back to the whole
// input when the snapshot has no windows (a log without times).
func windowRate(s *stats.Snapshot, d time.Duration) *stats.WindowRate {
	if w := s.Rate(d); w != nil {
		return w
	}
	if w := s.Rate(0); w != nil {
		return w
	}
	w := &stats.WindowRate{Span: s.Last.Sub(s.First), Classes: s.Classes, Codes: s.Codes}
	for _, n := range s.Classes {
		w.Total += n
	}
	return w
}

// classSeries picks the series a window's sparklines draw from: per second
// for the short windows, per minute for the hour, the whole timeline for
// "all"; it returns the steps that fall inside the window.
func classSeries(s *stats.Snapshot, d time.Duration) (*stats.Series, int) {
	var ser *stats.Series
	switch {
	case d == 0:
		return &s.Timeline, s.Timeline.Len()
	case d <= 5*time.Minute && s.PerSecond.Len() > 0:
		ser = &s.PerSecond
	default:
		ser = &s.PerMinute
	}
	steps := ser.Len()
	if ser.Step > 0 {
		steps = min(steps, int(d/ser.Step))
	}
	return ser, steps
}

func classRows(s *stats.Snapshot, d time.Duration) []classRow {
	w := windowRate(s, d)
	ser, steps := classSeries(s, d)
	rows := make([]classRow, 0, 5)
	for c := 1; c <= 5; c++ {
		r := classRow{class: c, count: w.Classes[c], perSec: w.PerSecond(w.Classes[c])}
		if w.Total > 0 {
			r.share = float64(r.count) / float64(w.Total)
		}
		if all := ser.Classes[c]; len(all) > 0 {
			r.series = append([]int64(nil), all[len(all)-min(steps, len(all)):]...)
		}
		rows = append(rows, r)
	}
	// Statuses outside 100-599 (000 from proxies, 999 from bot walls) are
	// rare; they get a row only when present, so they are never hidden.
	if w.Classes[0] > 0 || s.Classes[0] > 0 {
		r := classRow{class: 0, count: w.Classes[0], perSec: w.PerSecond(w.Classes[0])}
		if w.Total > 0 {
			r.share = float64(r.count) / float64(w.Total)
		}
		rows = append(rows, r)
	}
	return rows
}

// classOrder ranks classes for the codes table: what is failing first.
var classOrder = [len(stats.ClassNames)]int{0: 2, 1: 5, 2: 3, 3: 4, 4: 1, 5: 0}

func classOf(code int) int {
	if code >= 100 && code <= 599 {
		return code / 100
	}
	return 0
}

// codeRows lists every code seen in the input (so rows do not vanish when
// a code leaves a short window), with its counts over the window: 5xx
// first, then 4xx and codes outside 100-599, then the rest; by code within
// a class, so rows keep their place from one tick to the next.
func codeRows(s *stats.Snapshot, d time.Duration) []codeRow {
	w := windowRate(s, d)
	trends := make(map[string]stats.Trend, len(s.Trends))
	for _, t := range s.Trends {
		trends[t.Kind] = t
	}
	active := s.ActiveSpikes()
	rows := make([]codeRow, 0, len(s.Codes))
	for _, c := range s.Codes {
		r := codeRow{code: c.Code, name: codes.Name(c.Code), count: w.Code(c.Code)}
		if w.Total > 0 {
			r.share = float64(r.count) / float64(w.Total)
		}
		if w.Span > 0 {
			r.perMin = float64(r.count) / w.Span.Minutes()
		}
		// Before the detector has learnt what is normal, a baseline is a
		// median of a few minutes, the first of them partial: none is
		// shown rather than a misleading one.
		if t, ok := trends[codes.Label(c.Code)]; ok && !learning(s) {
			// The arrow judges the rate shown, over the window picked,
			// against the code's baseline: over 1m, a code that has
			// stopped is not still going up.
			r.trended, r.basePerMin, r.mark = true, t.BaselinePerMin, stats.TrendMark(t.DirectionAt(r.perMin))
		} else if !learning(s) {
			// No trend: none of it in the trend window nor in the hour
			// before. Its normal is known, and it is none; "-" is for
			// not known yet.
			r.trended = true
		}
		r.spike = spikeCovers(active, c.Code)
		if r.spike && r.perMin > r.basePerMin {
			// A spike says it rose: the arrow agrees, whatever the spread
			// of an hour that held an earlier outage makes of its row.
			r.mark = "↑"
		}
		rows = append(rows, r)
	}
	sort.SliceStable(rows, func(i, j int) bool {
		ci, cj := classOrder[classOf(rows[i].code)], classOrder[classOf(rows[j].code)]
		if ci != cj {
			return ci < cj
		}
		return rows[i].code < rows[j].code
	})
	return rows
}

// spikeCovers reports whether one of the spikes is about code: a spike of
// the code itself, or of its class with the code among its top codes.
func spikeCovers(spikes []stats.Spike, code int) bool {
	kind, class := codes.Label(code), stats.ClassNames[classOf(code)]
	for _, sp := range spikes {
		if sp.Kind == kind {
			return true
		}
		if sp.Kind == class {
			for _, tc := range sp.TopCodes {
				if tc.Code == code {
					return true
				}
			}
		}
	}
	return false
}

// pathRows filters and sorts the snapshot's paths (which cover the whole
// input, or the picked time range). The bucket of untracked paths stays
// last, whatever the order.
func pathRows(s *stats.Snapshot, c choices) []pathRow {
	needle := strings.ToLower(c.text)
	rows := make([]pathRow, 0, len(s.Paths))
	var other pathRow
	hasOther := false
	for i := range s.Paths {
		p := &s.Paths[i]
		if needle != "" && !strings.Contains(strings.ToLower(p.Path), needle) {
			continue
		}
		r := pathRow{path: p.Path, other: p.Path == stats.OtherPath, total: p.Total,
			p50: p.Latency.P50, p99: p.Latency.P99}
		if p.Latency.Count == 0 {
			r.p50, r.p99 = -1, -1 // no request times: unlike all of them 0
		}
		for _, cc := range p.Codes {
			r.classes[classOf(cc.Code)] += cc.Count
			if cc.Code == c.codeFilter {
				r.codeCount = cc.Count
			}
		}
		r.errors = r.classes[4] + r.classes[5]
		if c.codeFilter >= 0 && r.codeCount == 0 {
			continue
		}
		if r.other {
			other, hasOther = r, true
			continue
		}
		rows = append(rows, r)
	}
	key := func(r *pathRow) int64 {
		switch {
		case c.sort == byErrors && c.codeFilter >= 0:
			return r.codeCount
		case c.sort == byErrors:
			return r.errors
		}
		return r.total
	}
	sort.SliceStable(rows, func(i, j int) bool {
		ki, kj := key(&rows[i]), key(&rows[j])
		if ki != kj {
			return ki > kj
		}
		if rows[i].total != rows[j].total {
			return rows[i].total > rows[j].total
		}
		return rows[i].path < rows[j].path
	})
	if hasOther {
		rows = append(rows, other)
	}
	return rows
}

// spikeRows lists active spikes first (as the snapshot orders them), then
// the history, newest first.
func spikeRows(s *stats.Snapshot) []stats.Spike {
	rows := make([]stats.Spike, 0, len(s.Spikes))
	for _, sp := range s.Spikes {
		if sp.Active {
			rows = append(rows, sp)
		}
	}
	for i := len(s.Spikes) - 1; i >= 0; i-- {
		if !s.Spikes[i].Active {
			rows = append(rows, s.Spikes[i])
		}
	}
	return rows
}

// leadSpike picks the active spike the banner shows: a single code before
// a class (it says more), then the steepest.
func leadSpike(s *stats.Snapshot) (stats.Spike, int, bool) {
	var best stats.Spike
	n, found := 0, false
	for _, sp := range s.Spikes {
		if !sp.Active {
			continue
		}
		n++
		_, isCode := spikeCode(sp)
		_, bestIsCode := spikeCode(best)
		if !found || (isCode && !bestIsCode) || (isCode == bestIsCode && sp.PeakPerMin > best.PeakPerMin) {
			best, found = sp, true
		}
	}
	return best, n, found
}

// spikeCode returns the code a spike is about: its own kind when that is a
// code, else the dominant code of its class.
func spikeCode(sp stats.Spike) (int, bool) {
	if n, ok := sp.Code(); ok {
		return n, true
	}
	if len(sp.TopCodes) > 0 {
		return sp.TopCodes[0].Code, false
	}
	return -1, false
}

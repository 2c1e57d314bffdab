package stats

import (
	"math"
	"sort"
	"time"
)

// The spike and trend parts of a Snapshot, read from the detector and the
// per-minute counts.

// kindName names a series as Spike.Kind does.
func (a *Aggregator) kindName(series int) string {
	if series < numClasses {
		return ClassNames[series]
	}
	return kindOfCode(a.track.codeOf(series))
}

// spikes runs the detector: minutes safely in the past are committed, the
// newest ones are judged on a copy, so that a spike shows while it grows.
// It also returns the first minute judged, plus one (0: none yet).
func (a *Aggregator) spikes(nowMin int64) ([]Spike, int64) {
	if a.touched != 0 && a.det.started && a.touched-1 < a.det.next {
		// Minutes already judged got more counts: judge them all again.
		// The detector is a fold over minutes, and folding a week of
		// them takes a few milliseconds.
		a.det = detector{}
	}
	a.touched = 0
	a.det.advance(a, nowMin-lateMinutes-1)
	d := a.det.clone()
	d.advance(a, nowMin)
	if a.passedTo != 0 {
		// The input went on past the range: its last minutes are known
		// quiet, and a spike that stopped long enough before its end is
		// over, not waiting for a minute with traffic to end it.
		last := floorDiv(a.passedTo-1, 60_000)
		hold := a.holdMinutes()
		for s, sp := range d.active {
			if last-sp.lastHot >= hold {
				d.end(s, sp)
			}
		}
	}
	recs := make([]spikeRec, 0, len(d.done)+len(d.active))
	for _, r := range d.done {
		if !a.beforeRange(r.lastHot) {
			recs = append(recs, r)
		}
	}
	nDone := len(recs)
	for _, sp := range d.active {
		// One still "active" whose hot minutes all lie before the
		// range is the lead-in's, waiting out its hold time.
		if !a.beforeRange(sp.lastHot) {
			recs = append(recs, *sp)
		}
	}
	var out []Spike
	for i, r := range recs {
		out = append(out, a.spike(r, i >= nDone, nowMin))
	}
	// A burst of one 5xx code is reported as the 5xx class spike that names
	// it; the code's own spike would say the same thing twice.
	var classSpans [][2]int64
	for i, r := range recs {
		if r.series == class5xx {
			classSpans = append(classSpans, [2]int64{r.start, spikeLast(&out[i], r, nowMin)})
		}
	}
	kept := out[:0]
	for i, r := range recs {
		if a.leadFrom != 0 && out[i].Count == 0 {
			// Hot only in the part of its last minute before a range that
			// starts inside that minute: none of it is the range's.
			continue
		}
		if r.series >= numClasses {
			if code := a.track.codeOf(r.series); code >= 500 && code <= 599 && overlaps(classSpans, r.start, spikeLast(&out[i], r, nowMin)) {
				continue
			}
		}
		kept = append(kept, out[i])
	}
	out = kept
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].Start.Equal(out[j].Start) {
			return out[i].Start.Before(out[j].Start)
		}
		return out[i].Kind < out[j].Kind
	})
	return out, d.judged
}

func spikeLast(s *Spike, r spikeRec, nowMin int64) int64 {
	if s.Active {
		return nowMin
	}
	return r.lastHot
}

func overlaps(spans [][2]int64, from, to int64) bool {
	for _, sp := range spans {
		if from <= sp[1] && sp[0] <= to {
			return true
		}
	}
	return false
}

// topN is how many paths, clients and codes a spike names.
const topN = 5

func (a *Aggregator) spike(r spikeRec, active bool, nowMin int64) Spike {
	sp := Spike{
		Kind:           a.kindName(r.series),
		Start:          secTime(r.startSec),
		Active:         active,
		BaselinePerMin: r.base,
		BaselineRatio:  r.baseR,
	}
	last := r.lastHot
	// The minutes' counts of codes, paths and clients are made those of
	// its span from start to end, as its count is.
	moves := edgeShifts(r, !active)
	var end edgeShift // an active spike's end so far: after its last second
	if active {
		last = nowMin
		// Live, the last response of its kind so far: how long it has
		// been quiet says whether it is over before the hold time does.
		seen := a.activeLast(r)
		sp.LastSeen = secTime(seen)
		// So far, it runs to then: the usual errors of a code that comes
		// all day, after its burst stopped, are not its.
		end = edgeShift{seen + 1, nowMin*60 + 60}
		moves = append(moves, end)
	} else {
		sp.LastSeen = secTime(r.lastSec)
		sp.End = secTime(r.lastSec + 1)
	}
	var codeSums [numSeries]int64
	for m := r.start; m <= last; m++ {
		n := a.mins.get(m, r.series)
		sp.Count += n
		if float64(n) > sp.PeakPerMin {
			var total int64
			for _, c := range a.totalSeries() {
				total += a.mins.get(m, c)
			}
			sp.PeakPerMin = float64(n)
			sp.PeakRatio = float64(n) / float64(total)
		}
		if r.series == class5xx {
			for i, code := range a.track.codes {
				if code >= 500 && code <= 599 {
					codeSums[numClasses+i] += a.mins.get(m, numClasses+i)
				}
			}
		}
	}
	if r.series == class5xx {
		for i, code := range a.track.codes {
			if code >= 500 && code <= 599 {
				s := numClasses + i
				codeSums[s] = max(0, codeSums[s]+a.shiftedBy(s, moves))
			}
		}
		sp.TopCodes = a.codeCounts(codeSums[:])
		sort.SliceStable(sp.TopCodes, func(i, j int) bool { return sp.TopCodes[i].Count > sp.TopCodes[j].Count })
		if len(sp.TopCodes) > topN {
			sp.TopCodes = sp.TopCodes[:topN]
		}
	}
	// The count is of its span, to the second where the ring has it, and
	// so are the codes; the paths and clients where the edge log has
	// the seconds. None of them is said to carry more than all of it.
	sp.Count += r.startAdj
	if !active {
		sp.Count += r.endAdj
	} else {
		sp.Count += a.edgeAdj(r.series, end.from, end.to)
	}
	sp.Count = max(sp.Count, 0)
	for i := range sp.TopCodes {
		sp.TopCodes[i].Count = min(sp.TopCodes[i].Count, sp.Count)
	}
	paths, clients, inputs := a.attr.top(r.series, r.start, last, func(pc, cc, ic map[uint32]int64) {
		a.attr.edges.shift(moves, a.seriesIn(r.series), pc, cc, ic)
	}, topN)
	for _, in := range inputs {
		sp.TopInputs = append(sp.TopInputs, in.name)
		sp.TopInputCounts = append(sp.TopInputCounts, min(in.n, sp.Count))
	}
	for _, p := range paths {
		sp.TopPaths = append(sp.TopPaths, p.name)
		sp.TopPathCounts = append(sp.TopPathCounts, min(p.n, sp.Count))
	}
	for _, c := range clients {
		sp.TopClients = append(sp.TopClients, c.name)
		sp.TopClientCounts = append(sp.TopClientCounts, min(c.n, sp.Count))
	}
	if len(clients) > 0 {
		sp.TopClientElsewhere = a.attr.elsewhere(clients[0].id, sp.TopClientCounts[0], sp.Count)
	}
	return sp
}

// activeLast returns the last second of active spike r so far: its last
// response, or for a code that comes all day (404s) the last second its
// rate was above the baseline, found as an ended spike's end is, so that
// the usual ones after its burst are not taken for more of it.
func (a *Aggregator) activeLast(r spikeRec) int64 {
	now := a.ring.newest
	seen := a.lastSecondIn(max(r.startSec, now-ringSeconds+1), now, r.series, r.lastSec)
	from := r.lastHot * 60
	if r.base == 0 || now < from || now-from >= ringSeconds {
		return seen
	}
	if sec, ok := a.edgeIn(from, make([]float64, now-from+1), r.series, r.base, false); ok {
		seen = max(min(seen, sec), r.startSec)
	}
	return seen
}

// seriesIn returns whether an edge log event of series e is one of series
// s: its own, or a 5xx code's for the 5xx class.
func (a *Aggregator) seriesIn(s int) func(e int) bool {
	if s != class5xx {
		return func(e int) bool { return e == s }
	}
	return func(e int) bool {
		if e == class5xx {
			return true
		}
		code := 0
		if e >= numClasses {
			code = a.track.codeOf(e)
		}
		return code >= 500 && code <= 599
	}
}

// shiftedBy is what the edge moves do to the count of series s, from the
// per-second ring (as edgeAdj, by which the detector moved the count).
func (a *Aggregator) shiftedBy(s int, moves []edgeShift) int64 {
	var n int64
	for _, mv := range moves {
		n += a.edgeAdj(s, mv.from, mv.to)
	}
	return n
}

// trends compares, for each class and tracked code, the rate over the trend
// window with the median per-minute rate of the hour before it.
func (a *Aggregator) trends(now int64) []Trend {
	tw := int64(a.cfg.TrendWindow / time.Second)
	span := a.covered(now, tw)
	var acc [numSeries]int64
	for sec := now - tw + 1; sec <= now; sec++ {
		if c := a.ring.at(sec); c != nil {
			for i, n := range c {
				acc[i] += int64(n)
			}
		}
	}
	// Minutes with traffic in the hour before the window. In a range,
	// those before its start are its lead-in's, as the detector's are: a
	// range of a few minutes has a baseline too.
	to := floorDiv(now-tw, 60)
	from := to - 59
	var mins []int64
	for m := from; m <= to; m++ {
		for _, c := range a.totalSeries() {
			if a.minCount(m, c) > 0 {
				mins = append(mins, m)
				break
			}
		}
	}
	var out []Trend
	v := make([]float64, 0, len(mins))
	for s := 0; s < numClasses+len(a.track.codes); s++ {
		v = v[:0]
		for _, m := range mins {
			v = append(v, float64(a.minCount(m, s)))
		}
		base := median(v)
		for i := range v {
			v[i] = math.Abs(v[i] - base)
		}
		t := Trend{Kind: a.kindName(s), NowPerMin: float64(acc[s]) * 60 / float64(span), BaselinePerMin: base}
		if t.NowPerMin == 0 && base == 0 {
			continue
		}
		if len(mins) > 0 {
			t.Sigma = max(1.4826*median(v), math.Sqrt(base), 1)
		}
		t.Direction = t.DirectionAt(t.NowPerMin)
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].NowPerMin != out[j].NowPerMin {
			return out[i].NowPerMin > out[j].NowPerMin
		}
		return out[i].Kind < out[j].Kind
	})
	return out
}

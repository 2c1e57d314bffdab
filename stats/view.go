package stats

import (
	"math"
	"sort"
	"time"
)

// The parts of a Snapshot read from the event-time counts. All of them end
// at now, the second of the newest entry.

func secTime(sec int64) time.Time { return time.Unix(sec, 0).UTC() }

// covered returns how much of a window of w seconds ending at second now
// the input covers (it may have started later).
func (a *Aggregator) covered(now, w int64) int64 {
	have := now - floorDiv(a.first, 1000) + 1
	if w <= 0 || have < w {
		return have
	}
	return w
}

func (a *Aggregator) rates(now int64) []WindowRate {
	out := make([]WindowRate, 0, len(StandardWindows))
	var acc [numSeries]int64
	sec := now
	for _, w := range StandardWindows {
		wr := WindowRate{Window: w}
		if w == 0 {
			wr.Span = time.Duration(a.covered(now, 0)) * time.Second
			wr.Classes = a.classes
			for code, n := range a.codes {
				if n > 0 {
					wr.Codes = append(wr.Codes, CodeCount{code, n})
				}
			}
		} else {
			ws := int64(w / time.Second)
			// The windows nest, so one pass backwards serves them all.
			for ; sec > now-ws; sec-- {
				if c := a.ring.at(sec); c != nil {
					for i, n := range c {
						acc[i] += int64(n)
					}
				}
			}
			wr.Span = time.Duration(a.covered(now, ws)) * time.Second
			copy(wr.Classes[:], acc[:numClasses])
			wr.Codes = a.codeCounts(acc[:])
		}
		for _, n := range wr.Classes {
			wr.Total += n
		}
		out = append(out, wr)
	}
	return out
}

// codeCounts lists the tracked codes with a count in acc, by code.
func (a *Aggregator) codeCounts(acc []int64) []CodeCount {
	var out []CodeCount
	for i, code := range a.track.codes {
		if n := acc[numClasses+i]; n > 0 {
			out = append(out, CodeCount{code, n})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// grid is counts per step for every series, turned into a Series at the end.
type grid struct {
	start time.Time
	step  time.Duration
	rows  [numSeries][]int64
}

func newGrid(start time.Time, step time.Duration, n int) *grid {
	g := &grid{start: start, step: step}
	for i := 0; i < numClasses; i++ {
		g.rows[i] = make([]int64, n)
	}
	return g
}

func (g *grid) add(series, i int, n int64) {
	if g.rows[series] == nil {
		g.rows[series] = make([]int64, len(g.rows[0]))
	}
	g.rows[series][i] += n
}

func (g *grid) series(t *tracker) Series {
	s := Series{Start: g.start, Step: g.step, Total: make([]int64, len(g.rows[0]))}
	for c := 0; c < numClasses; c++ {
		s.Classes[c] = g.rows[c]
		for i, n := range g.rows[c] {
			s.Total[i] += n
		}
	}
	for i, code := range t.codes {
		if row := g.rows[numClasses+i]; row != nil {
			s.Codes = append(s.Codes, CodeSeries{Code: code, Counts: row})
		}
	}
	sort.Slice(s.Codes, func(i, j int) bool { return s.Codes[i].Code < s.Codes[j].Code })
	return s
}

func (a *Aggregator) perSecond(now int64) Series {
	from := now - RecentSeconds + 1
	g := newGrid(secTime(from), time.Second, RecentSeconds)
	for sec := from; sec <= now; sec++ {
		if c := a.ring.at(sec); c != nil {
			for s, n := range c {
				if n != 0 {
					g.add(s, int(sec-from), int64(n))
				}
			}
		}
	}
	return g.series(&a.track)
}

func (a *Aggregator) perMinute(nowMin int64) Series {
	from := nowMin - 59
	g := newGrid(secTime(from*60), time.Minute, 60)
	a.minuteRange(from, nowMin, func(m int64, s int, n int64) { g.add(s, int(m-from), n) })
	return g.series(&a.track)
}

// minuteRange calls f for every non-zero per-minute count in [from, to].
func (a *Aggregator) minuteRange(from, to int64, f func(m int64, series int, n int64)) {
	visit := func(hour int64, b *hourBlock) {
		for s, row := range b.series {
			if row == nil {
				continue
			}
			for i, n := range row {
				if m := hour*60 + int64(i); n != 0 && m >= from && m <= to {
					f(m, s, int64(n))
				}
			}
		}
	}
	if h0, h1 := floorDiv(from, 60), floorDiv(to, 60); h1-h0 < int64(len(a.mins.blocks)) {
		for h := h0; h <= h1; h++ {
			if b := a.mins.blocks[h]; b != nil {
				visit(h, b)
			}
		}
		return
	}
	for h, b := range a.mins.blocks {
		visit(h, b)
	}
}

// timelineSteps are the round step lengths a timeline may use, in minutes.
var timelineSteps = []int64{1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080}

func (a *Aggregator) timeline() Series {
	if len(a.mins.blocks) == 0 {
		return Series{}
	}
	first, last := floorDiv(a.first, 60000), floorDiv(a.last, 60000)
	var step int64
	for _, st := range timelineSteps {
		step = st
		if (last-floorDiv(first, st)*st)/st+1 <= int64(a.cfg.TimelineBuckets) {
			break
		}
	}
	for (last-floorDiv(first, step)*step)/step+1 > int64(a.cfg.TimelineBuckets) {
		step += 10080 // weeks for archives of years
	}
	start := floorDiv(first, step) * step
	n := int((last-start)/step + 1)
	g := newGrid(secTime(start*60), time.Duration(step)*time.Minute, n)
	a.minuteRange(start, last, func(m int64, s int, c int64) { g.add(s, int((m-start)/step), c) })
	return g.series(&a.track)
}

// burnWindows are the windows of Burn, per the SRE workbook's multiwindow,
// multi-burn-rate alerts.
var burnWindows = []time.Duration{5 * time.Minute, 30 * time.Minute, time.Hour, 6 * time.Hour}

func (a *Aggregator) burn(now int64) Burn {
	b := Burn{Objective: a.cfg.Objective}
	budget := 1 - a.cfg.Objective
	for _, w := range burnWindows {
		ws := int64(w / time.Second)
		bw := BurnWindow{Window: w, Span: time.Duration(a.covered(now, ws)) * time.Second}
		if ws <= 3600 {
			for sec := now - ws + 1; sec <= now; sec++ {
				if c := a.ring.at(sec); c != nil {
					for cls := 0; cls < numClasses; cls++ {
						bw.Total += int64(c[cls])
					}
					bw.Errors += int64(c[class5xx])
				}
			}
		} else {
			// Past the ring, whole minutes: the window's oldest minute is
			// the one its start falls in.
			nowMin := floorDiv(now, 60)
			a.minuteRange(floorDiv(now-ws+1, 60), nowMin, func(m int64, s int, n int64) {
				if s < numClasses {
					bw.Total += n
				}
				if s == class5xx {
					bw.Errors += n
				}
			})
		}
		if bw.Total > 0 {
			bw.Rate = float64(bw.Errors) / float64(bw.Total) / budget
		}
		b.Windows = append(b.Windows, bw)
	}
	r5, r30, r1h, r6h := b.Windows[0].Rate, b.Windows[1].Rate, b.Windows[2].Rate, b.Windows[3].Rate
	b.Page = r1h >= 14.4 && r5 >= 14.4
	b.Ticket = r6h >= 6 && r30 >= 6
	return b
}

// kindName names a series as Spike.Kind does.
func (a *Aggregator) kindName(series int) string {
	if series < numClasses {
		return ClassNames[series]
	}
	return kindOfCode(a.track.codeOf(series))
}

// spikes runs the detector: minutes safely in the past are committed, the
// newest ones are judged on a copy, so that a spike shows while it grows.
func (a *Aggregator) spikes(nowMin int64) []Spike {
	a.det.advance(a, nowMin-lateMinutes-1)
	d := a.det.clone()
	d.advance(a, nowMin)
	recs := make([]spikeRec, 0, len(d.done)+len(d.active))
	recs = append(recs, d.done...)
	nDone := len(recs)
	for _, sp := range d.active {
		recs = append(recs, *sp)
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
	return out
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
		Start:          secTime(r.start * 60),
		Active:         active,
		BaselinePerMin: r.base,
		BaselineRatio:  r.baseR,
	}
	last := r.lastHot
	if active {
		last = nowMin
	} else {
		sp.End = secTime((r.lastHot + 1) * 60)
	}
	var codeSums [numSeries]int64
	for m := r.start; m <= last; m++ {
		n := a.mins.get(m, r.series)
		sp.Count += n
		if float64(n) > sp.PeakPerMin {
			var total int64
			for c := 0; c < numClasses; c++ {
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
		sp.TopCodes = a.codeCounts(codeSums[:])
		sort.SliceStable(sp.TopCodes, func(i, j int) bool { return sp.TopCodes[i].Count > sp.TopCodes[j].Count })
		if len(sp.TopCodes) > topN {
			sp.TopCodes = sp.TopCodes[:topN]
		}
	}
	paths, clients := a.attr.top(r.series, r.start, last, topN)
	for _, p := range paths {
		sp.TopPaths = append(sp.TopPaths, p.name)
		sp.TopPathCounts = append(sp.TopPathCounts, p.n)
	}
	for _, c := range clients {
		sp.TopClients = append(sp.TopClients, c.name)
		sp.TopClientCounts = append(sp.TopClientCounts, c.n)
	}
	return sp
}

// trends compares, for each watched kind, the rate over the trend window
// with the median per-minute rate of the hour before it.
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
	// Minutes with traffic in the hour before the window.
	to := floorDiv(now-tw, 60)
	from := to - 59
	var mins []int64
	for m := from; m <= to; m++ {
		for c := 0; c < numClasses; c++ {
			if a.mins.get(m, c) > 0 {
				mins = append(mins, m)
				break
			}
		}
	}
	var out []Trend
	v := make([]float64, 0, len(mins))
	for _, s := range a.watched() {
		v = v[:0]
		for _, m := range mins {
			v = append(v, float64(a.mins.get(m, s)))
		}
		base := median(v)
		for i := range v {
			v[i] = math.Abs(v[i] - base)
		}
		sigma := max(1.4826*median(v), math.Sqrt(base), 1)
		t := Trend{Kind: a.kindName(s), NowPerMin: float64(acc[s]) * 60 / float64(span), BaselinePerMin: base}
		if t.NowPerMin == 0 && base == 0 {
			continue
		}
		switch {
		case len(mins) == 0:
		case t.NowPerMin > base+2*sigma && t.NowPerMin > 1.5*base:
			t.Direction = 1
		case t.NowPerMin < base-2*sigma && t.NowPerMin < base/1.5:
			t.Direction = -1
		}
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

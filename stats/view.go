package stats

import (
	"slices"
	"sort"
	"time"
)

// The parts of a Snapshot read from the event-time counts. All of them end
// at now, the second of the newest entry.

func secTime(sec int64) time.Time { return time.Unix(sec, 0).UTC() }

// covered returns how much of a window of w seconds ending at second now
// the input covers (it may have started later).
func (a *Aggregator) covered(now, w int64) int64 {
	first, _ := a.seriesSpan()
	have := now - floorDiv(first, 1000) + 1
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
		if w == 0 {
			out = append(out, a.wholeRate(now))
			continue
		}
		wr := WindowRate{Window: w}
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
		for _, n := range wr.Classes {
			wr.Total += n
		}
		if a.traffic {
			wr.Total = acc[seriesAll] // with a status filter, shares are of all traffic
		}
		out = append(out, wr)
	}
	return out
}

// wholeRate is the whole input's WindowRate, up to now (a second; 0 when
// no entry had a time).
func (a *Aggregator) wholeRate(now int64) WindowRate {
	wr := WindowRate{Classes: a.classes}
	if now != 0 {
		wr.Span = time.Duration(a.covered(now, 0)) * time.Second
	}
	for code, n := range a.codes {
		if n > 0 {
			wr.Codes = append(wr.Codes, CodeCount{code, n})
		}
	}
	for _, n := range wr.Classes {
		wr.Total += n
	}
	wr.Total += a.out // with a status filter, shares are of all traffic
	return wr
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
					for _, s := range a.totalSeries() {
						bw.Total += int64(c[s])
					}
					bw.Errors += int64(c[class5xx])
				}
			}
		} else {
			// Past the ring, whole minutes: the window's oldest minute is
			// the one its start falls in.
			nowMin := floorDiv(now, 60)
			total := a.totalSeries()
			a.minuteRange(floorDiv(now-ws+1, 60), nowMin, func(m int64, s int, n int64) {
				if slices.Contains(total, s) {
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
	// A pair of windows judges only once the log covers the shorter one:
	// one error among the two requests of a 7-second log is no page.
	b.Page = b.Windows[0].covered() && r1h >= 14.4 && r5 >= 14.4
	b.Ticket = b.Windows[1].covered() && r6h >= 6 && r30 >= 6
	return b
}

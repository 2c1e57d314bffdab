package stats

import (
	"math"
	"sort"
	"time"
)

// Spike detection runs over the per-minute counts, one minute at a time, in
// event-time order. For each watched kind (the 5xx class and each tracked
// error code) a minute starts a spike when all of these hold:
//
//   - the count reaches an absolute floor (Config.SpikeFloorPerMin), so
//     three errors among five requests at night are not an incident;
//   - the count is far above the kind's baseline: the median of its counts
//     over the last baseMinutes minutes that had traffic, plus startK
//     robust deviations (1.4826 MAD, at least the Poisson deviation sqrt of
//     the median, at least 1);
//   - its share of all requests is far above the baseline share (three
//     times, and half a percentage point more), so that a rise of all
//     traffic, errors included, is not an incident.
//
// A spike goes on while minutes stay elevated (a looser test: half the
// floor, holdK deviations, 1.5 times the share) and ends once none has been
// for Config.SpikeHold. They are judged against the baseline the spike
// started from: the moving one takes in the spike's own minutes, and after
// half a window an outage would pass for normal and seem to end while it
// goes on. After frozenFor, a spike that has not ended is judged against
// the moving baseline again: a shift that lasts that long is the new
// normal. Minutes without any traffic are skipped, not taken as zeros: a
// silent hour says nothing about error rates. Medians resist a short burst
// in their own window.
//
// The detector is a pure fold over minutes, so the spikes of an archive are
// the same whichever workers counted which chunks. Live use commits minutes
// once they are lateMinutes behind the newest entry and evaluates the rest
// provisionally at each snapshot.

const (
	baseMinutes = 60 // baseline window, in minutes with traffic
	minHistory  = 10 // minutes with traffic needed before anything is flagged
	startK      = 4.0
	holdK       = 3.0
	lateMinutes = 1 // entries may arrive this late (nginx logs at request end)
	frozenFor   = 6 * 60
)

// LearnTime is how much traffic the detector sees before it flags anything
// (minHistory minutes that had requests). A time range learns from the
// hour before it (LeadIn); an input learns from its own first minutes.
const LearnTime = minHistory * time.Minute

type detector struct {
	started bool
	next    int64 // first minute not processed yet

	hist   [baseMinutes]histMin // ring of the last minutes with traffic
	nhist  int                  // entries in hist (<= baseMinutes)
	hpos   int                  // next write position
	active map[int]*spikeRec    // in progress, by series
	done   []spikeRec           // ended, in the order they ended
	judged int64                // the first minute judged, plus one; 0: none yet

	scratch []float64
}

type histMin struct {
	min   int64
	total int64
}

// spikeRec is a spike as the detector sees it; counts, peak and attribution
// are read from the per-minute data when a snapshot is taken.
type spikeRec struct {
	series         int
	start, lastHot int64 // minutes
	// The baseline it started from: its count, deviation and share.
	base, sigma, baseR float64
	// startSec is the second it began: the second of its start minute at
	// which its series rose above the baseline (edgeSecond), while the
	// per-second ring still holds that minute (live, it always does); else
	// the minute's start.
	startSec int64
	// lastSec is the last second of its last hot minute at which it was
	// still above, found the same way (else that minute's last second):
	// the spike ends after it, not at the end of the minute, which made
	// a burst that stopped at 14:10:00 last until 14:11.
	lastSec int64
	// startAdj and endAdj are what the seconds between its edges and
	// those of its first and last minutes add to its count (negative for
	// the usual errors of a minute before a burst began in it), so that
	// the count is of its span, start to end, as the ring held it.
	startAdj, endAdj int64
}

func (d *detector) clone() detector {
	c := *d
	c.active = make(map[int]*spikeRec, len(d.active))
	for k, v := range d.active {
		cp := *v
		c.active[k] = &cp
	}
	c.done = append([]spikeRec(nil), d.done...)
	c.scratch = nil
	return c
}

// watched lists the series the detector watches.
func (a *Aggregator) watched() []int {
	out := []int{class5xx}
	for i, code := range a.track.codes {
		if errorKind(code) {
			out = append(out, numClasses+i)
		}
	}
	return out
}

// advance processes every minute with traffic from d.next through last.
func (d *detector) advance(a *Aggregator, last int64) {
	if !d.started {
		if len(a.mins.blocks) == 0 {
			return
		}
		d.started = true
		d.next = math.MinInt64
	}
	if last < d.next {
		return
	}
	if d.active == nil {
		d.active = map[int]*spikeRec{}
	}
	watched := a.watched()
	hold := a.holdMinutes()
	for _, hour := range a.detectedHours() {
		if (hour+1)*60 <= d.next {
			continue
		}
		if hour*60 > last {
			break
		}
		for i := 0; i < 60; i++ {
			m := hour*60 + int64(i)
			if m < d.next || m > last {
				continue
			}
			var total int64
			for _, c := range a.totalSeries() {
				total += a.minCount(m, c)
			}
			if total == 0 {
				continue
			}
			if d.judged == 0 && d.nhist >= minHistory {
				d.judged = m + 1
			}
			for _, s := range watched {
				d.step(a, s, m, a.minCount(m, s), total, hold)
			}
			d.hist[d.hpos] = histMin{m, total}
			d.hpos = (d.hpos + 1) % baseMinutes
			d.nhist = min(d.nhist+1, baseMinutes)
		}
	}
	d.next = last + 1
}

func (a *Aggregator) holdMinutes() int64 {
	return max(1, int64(a.cfg.SpikeHold.Minutes()+0.5))
}

// step judges minute m of one series: n of its responses among total.
func (d *detector) step(a *Aggregator, s int, m, n, total, hold int64) {
	floor := int64(a.cfg.SpikeFloorPerMin)
	sp := d.active[s]
	if sp != nil && m-sp.lastHot > hold {
		d.end(s, sp) // a silence longer than the hold time ended it
		sp = nil
	}
	if n*2 < floor || d.nhist < minHistory {
		if sp != nil && m-sp.lastHot >= hold {
			d.end(s, sp)
		}
		return
	}
	var base, sigma, baseR float64
	if sp != nil && m-sp.start < frozenFor {
		base, sigma, baseR = sp.base, sp.sigma, sp.baseR
	} else {
		base, sigma, baseR = d.baseline(a, s)
	}
	r := float64(n) / float64(total)
	if sp != nil {
		if float64(n) > base+holdK*sigma && r >= 1.5*baseR {
			sp.lastHot, sp.lastSec = m, a.lastSecond(m, s, sp.base)
			sp.endAdj = a.edgeAdj(s, sp.lastSec+1, m*60+60)
		} else if m-sp.lastHot >= hold {
			d.end(s, sp)
		}
		return
	}
	if n >= floor && float64(n) > base+startK*sigma && r >= 3*baseR && r >= baseR+0.005 {
		sp := &spikeRec{series: s, start: m, lastHot: m, base: base, sigma: sigma, baseR: baseR, startSec: a.firstSecond(m, s, base), lastSec: a.lastSecond(m, s, base)}
		sp.startAdj = a.edgeAdj(s, m*60, sp.startSec)
		sp.endAdj = a.edgeAdj(s, sp.lastSec+1, m*60+60)
		d.active[s] = sp
	}
}

func (d *detector) end(s int, sp *spikeRec) {
	d.done = append(d.done, *sp)
	delete(d.active, s)
}

// baseline returns the median count of series s over the history, its
// robust deviation, and the median share of all requests.
func (d *detector) baseline(a *Aggregator, s int) (base, sigma, baseR float64) {
	v := d.scratch[:0]
	for i := 0; i < d.nhist; i++ {
		v = append(v, float64(a.minCount(d.hist[i].min, s)))
	}
	base = median(v)
	for i := range v {
		v[i] = math.Abs(v[i] - base)
	}
	mad := median(v)
	v = v[:0]
	for i := 0; i < d.nhist; i++ {
		h := d.hist[i]
		v = append(v, float64(a.minCount(h.min, s))/float64(h.total))
	}
	baseR = median(v)
	d.scratch = v
	sigma = max(1.4826*mad, math.Sqrt(base), 1)
	return base, sigma, baseR
}

// median sorts v in place and returns its median (0 when empty).
func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	sort.Float64s(v)
	n := len(v)
	if n%2 == 1 {
		return v[n/2]
	}
	return (v[n/2-1] + v[n/2]) / 2
}

// firstSecond returns the second of minute m at which series s rose
// above its baseline (base a minute), as far as the per-second ring holds
// that minute, or the minute's first second. A burst that begins at
// 14:36:30 is then said to have begun then, not at 14:36:00 (which made
// its duration 30s too long on the dashboard), and a code that is never
// quite absent (404s all day long) is not said to have begun at its first
// usual one of the minute.
func (a *Aggregator) firstSecond(m int64, s int, base float64) int64 {
	if a.splitByRange(m) && a.lead.get(m, s) > 0 {
		// The ring has only the range's part of the minute, and the
		// lead-in's part had some too: a spike that began in the lead-in
		// keeps its start, at the minute.
		return m * 60
	}
	if sec, ok := a.edgeSecond(m, s, base, true); ok {
		return sec
	}
	return m * 60
}

// lastSecond returns the last second of minute m at which series s was
// still above its baseline, found as firstSecond finds the first, or the
// minute's last second.
func (a *Aggregator) lastSecond(m int64, s int, base float64) int64 {
	if sec, ok := a.edgeSecond(m, s, base, false); ok {
		return sec
	}
	return m*60 + 59
}

// edgeSecond finds the second at which series s rose above its baseline
// of base a minute in minute m (first), or the last one at which it still
// was (!first), as the ring holds it. ok is false when the ring does not
// hold the minute.
//
// The edge is the second with a count from which on (up to which) the
// counts most exceed a reference rate: first the level the detector calls
// clearly above the baseline, then a quarter of the way from the baseline
// to the burst's own rate (high enough to leave out usual errors, low
// enough for the gaps of a sparse burst). The usual errors of a code that
// comes all day (404s) then take from the excess rather than add, and the
// start is the burst's, not a usual one just before it. A burst that
// began in the last seconds of the minute before (too few of them for
// that minute to be hot) starts there: the edge moves on over the seconds
// next to it that stay clearly above the baseline.
func (a *Aggregator) edgeSecond(m int64, s int, base float64, first bool) (sec int64, ok bool) {
	var c [60]float64
	return a.edgeIn(m*60, c[:], s, base, first)
}

// edgeIn is edgeSecond over the seconds from second from on, as many as c
// holds (c is scratch space).
func (a *Aggregator) edgeIn(from int64, c []float64, s int, base float64, first bool) (sec int64, ok bool) {
	for i := range c {
		c[i] = 0
		if row := a.ring.at(from + int64(i)); row != nil {
			c[i], ok = float64(row[s]), true
		}
	}
	if !ok {
		return 0, false
	}
	above := (base + startK*math.Sqrt(base)) / 60
	ref := above
	at := excessEdge(c, ref, first)
	if at < 0 {
		return 0, false
	}
	lo, hi := at, len(c)
	if !first {
		lo, hi = 0, at+1
	}
	var n float64
	for _, x := range c[lo:hi] {
		n += x
	}
	if mid := base/60 + (n/float64(hi-lo)-base/60)/4; mid > ref {
		ref = mid
		if e := excessEdge(c, ref, first); e >= 0 {
			at = e
		}
	}
	sec, step := from+int64(at), int64(-1)
	if !first {
		step = 1
	}
	// The seconds next to the edge that are still clearly above the
	// baseline belong to the burst: its first, partial second (a burst
	// that began at 14:20:44.9), or the end of the minute before.
	for k := 0; k < 59; k++ {
		row := a.ring.at(sec + step)
		if row == nil || row[s] == 0 || float64(row[s]) <= above {
			break
		}
		sec += step
	}
	return sec, true
}

// excessEdge returns the index of the second with a count from which to
// the end of c (first), or from c's start up to which (!first), the counts
// most exceed ref a second; -1 when no second has a count.
func excessEdge(c []float64, ref float64, first bool) int {
	best, at, sum := math.Inf(-1), -1, 0.0
	for k := len(c) - 1; k >= 0; k-- {
		i := k
		if !first {
			i = len(c) - 1 - k
		}
		sum += c[i] - ref
		if c[i] > 0 && sum >= best {
			best, at = sum, i
		}
	}
	return at
}

// edgeAdj is what moving an edge of a spike from second from to second to
// does to its count of series s: the ring's counts in [from, to) come off
// when to is later, those in [to, from) are added when it is earlier.
func (a *Aggregator) edgeAdj(s int, from, to int64) int64 {
	sign := int64(-1)
	if to < from {
		from, to, sign = to, from, 1
	}
	var n int64
	for sec := from; sec < to; sec++ {
		if c := a.ring.at(sec); c != nil {
			n += int64(c[s])
		}
	}
	return sign * n
}

// splitByRange reports whether a range starts inside minute m, whose
// seconds before it are the lead-in's, counted per minute only.
func (a *Aggregator) splitByRange(m int64) bool {
	return a.leadFrom != 0 && m*60_000 < a.leadFrom && a.leadFrom < (m+1)*60_000
}

// lastSecondIn returns the last second in [from, to] in which series s has
// a count in the ring, or otherwise when none does.
func (a *Aggregator) lastSecondIn(from, to int64, s int, otherwise int64) int64 {
	for sec := to; sec >= from; sec-- {
		if c := a.ring.at(sec); c != nil && c[s] > 0 {
			return sec
		}
	}
	return otherwise
}

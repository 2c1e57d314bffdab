package stats

import (
	"sort"
	"time"

	"github.com/codetop/codetop/parser"
)

// A time range cut out of a log (--since, or a range picked in the
// dashboard) leaves the spike detector nothing to learn from: it needs
// minHistory minutes of traffic before it judges any, so a range of 12
// minutes was judged over its last 2, and an incident in the first 10
// went unflagged while the report said "none". The hour before the range
// is its lead-in: its entries that pass the other filters are counted per
// minute, apart from everything else, and the detector learns from them
// as from the minutes of the range. They count nowhere else: not in the
// totals, the paths, the timeline or a spike's count, and a spike that
// ended before the range is not one of its spikes.

// LeadIn is how long before a range's start entries are read for the spike
// detector only: the hour its baseline spans.
const LeadIn = baseMinutes * time.Minute

// inLeadIn reports whether e is in the lead-in of f's range and passes the
// other filters (--status aside, which lead-in entries are counted under
// as the range's are).
func (f *Filter) inLeadIn(e *parser.Entry) bool {
	return f.From != 0 && e.Time != 0 && e.Time < f.From && e.Time >= f.From-LeadIn.Milliseconds() &&
		(f.To == 0 || e.Time < f.To) && f.matchOthers(e)
}

// addLeadIn counts e, an entry of the lead-in of a range that starts at
// from, for the detector: in its class and code series, and in all traffic
// when a status filter is in use (what addTraffic counts for the range).
func (a *Aggregator) addLeadIn(e *parser.Entry, status *StatusSet, from int64) {
	a.leadFrom = from
	m := floorDiv(e.Time, 60_000)
	a.touch(m)
	st := statusIndex(e.Status)
	if status == nil || status.Has(st) {
		a.lead.addN(m, classIndex(st), 1)
		if s := a.track.seriesOf(st); s >= 0 {
			a.lead.addN(m, s, 1)
		}
	}
	if a.traffic {
		a.lead.addN(m, seriesAll, 1)
	}
}

// minCount is the count of series s in minute m as the detector sees it:
// the range's and the lead-in's.
func (a *Aggregator) minCount(m int64, s int) int64 {
	n := a.mins.get(m, s)
	if a.leadFrom != 0 {
		n += a.lead.get(m, s)
	}
	return n
}

// detectedHours returns the hours that hold counts for the detector, in
// order.
func (a *Aggregator) detectedHours() []int64 {
	hs := a.mins.hours()
	if a.leadFrom == 0 {
		return hs
	}
	seen := make(map[int64]bool, len(hs))
	for _, h := range hs {
		seen[h] = true
	}
	for _, h := range a.lead.hours() {
		if !seen[h] {
			hs = append(hs, h)
		}
	}
	sort.Slice(hs, func(i, j int) bool { return hs[i] < hs[j] })
	return hs
}

// beforeRange reports whether a spike whose last hot minute is lastHot had
// all its hot minutes before the range began: the lead-in's, not the
// range's, even while its hold time runs into the range.
func (a *Aggregator) beforeRange(lastHot int64) bool {
	return a.leadFrom != 0 && (lastHot+1)*60_000 <= a.leadFrom
}

package stats

import (
	"bytes"
	"cmp"
	"slices"
	"sort"
	"time"
)

// Snapshot is an immutable copy of what an Aggregator counted. The ui and
// report packages read only snapshots; nothing in a Snapshot is shared with
// the Aggregator, so readers need no lock.
//
// Every window ends at Last, the newest event time (the log's own clock),
// not at the wall clock: an archive replays as it happened.
type Snapshot struct {
	Lines, Parsed, Malformed int64
	// Read is every line handed to the Worker, filtered out or not: what
	// tells that an input still grows when a filter keeps nothing of it.
	Read        int64
	First, Last time.Time // zero when no entry had a time
	// Newest is the time of the newest entry of all traffic: with a status
	// filter, Last is the newest line kept, which stands still once the
	// codes kept stop, while Newest goes on with the other codes. The
	// windows, the spikes and how long they have lasted end at Newest.
	// Never before Last; zero when no entry had a time.
	Newest time.Time

	Classes [numClasses]int64 // indexed like ClassNames
	Codes   []CodeCount       // sorted by code
	// Paths are sorted by Total, descending, with OtherPath last if present.
	// Which paths are listed, and how exactly, is described in the package
	// comment (Space-Saving with an exact OtherPath remainder).
	Paths []PathStat
	// PathCount is how many entries Paths holds without a limit: more than
	// len(Paths) when the snapshot was taken with SnapshotTop.
	PathCount int

	Malformations []Malformation // sorted by count, descending

	// Spikes found so far, oldest first; active ones have Active set.
	Spikes []Spike
	// SpikesJudgedFrom is the first minute the spike detector judged,
	// having learnt what is normal from LearnTime of traffic (before a
	// range, from its lead-in); zero when it never had that much.
	SpikesJudgedFrom time.Time

	// Rates holds one entry per StandardWindows entry (1m, 5m, 15m, 1h and
	// the whole input), in that order. See Rate.
	Rates []WindowRate
	// PerSecond covers the last RecentSeconds seconds up to Last, for
	// sparklines of the current minutes.
	PerSecond Series
	// PerMinute covers the last hour up to Last, one step per minute.
	PerMinute Series
	// Timeline covers the whole input from First to Last in at most
	// Config.TimelineBuckets steps of a round length (1m, 5m, 1h, ...),
	// for a timeline of an archive.
	Timeline Series

	// Latency per class (indexed like ClassNames) and over all requests,
	// from the request time the log carries (or the upstream time when
	// that is all it has).
	Latency    [numClasses]Quantiles
	LatencyAll Quantiles
	// LatencyHist holds the same per-class distributions in the fixed
	// buckets of LatencyBounds, for the Prometheus exporter.
	LatencyHist [numClasses]Histogram

	// Burn is the SLO burn rate of 5xx against Config.Objective.
	Burn Burn
	// Trends compares the current rate of each class ("2xx") and each
	// tracked code ("404") with its own baseline, heaviest current rate
	// first; kinds with neither a current rate nor a baseline are left out.
	Trends []Trend
}

// StandardWindows are the windows of Snapshot.Rates; 0 means the whole input.
var StandardWindows = []time.Duration{time.Minute, 5 * time.Minute, 15 * time.Minute, time.Hour, 0}

// RecentSeconds is how many seconds Snapshot.PerSecond covers.
const RecentSeconds = 300

// Rate returns the rates over window d (one of StandardWindows; 0 for the
// whole input), or nil.
func (s *Snapshot) Rate(d time.Duration) *WindowRate {
	for i := range s.Rates {
		if s.Rates[i].Window == d {
			return &s.Rates[i]
		}
	}
	return nil
}

// ActiveSpikes returns the spikes still going at Last.
func (s *Snapshot) ActiveSpikes() []Spike {
	var out []Spike
	for _, sp := range s.Spikes {
		if sp.Active {
			out = append(out, sp)
		}
	}
	return out
}

// CodeCount is the number of entries with one status code.
type CodeCount struct {
	Code  int
	Count int64
}

// PathStat is one path's traffic by status code.
type PathStat struct {
	Path  string
	Total int64
	Codes []CodeCount // sorted by code
	// Undercount bounds the requests of this path that were counted under
	// OtherPath before it earned a row (Space-Saving's error); 0 means the
	// row is exact.
	Undercount int64
	// Latency of this path's requests.
	Latency Quantiles
}

// Malformation is one reason lines were rejected, with samples.
type Malformation struct {
	Reason  string
	Count   int64
	Samples []Sample
}

// Class returns the count of a class by name ("5xx", "other").
func (s *Snapshot) Class(name string) int64 {
	for i, n := range ClassNames {
		if n == name {
			return s.Classes[i]
		}
	}
	return 0
}

func msTime(ms int64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms).UTC()
}

// AsOf is the event time the snapshot is as of: Newest, or Last for a
// snapshot made without it. An active spike has lasted until then.
func (s *Snapshot) AsOf() time.Time {
	if s.Newest.After(s.Last) {
		return s.Newest
	}
	return s.Last
}

// Snapshot copies the current state and runs spike detection up to the
// newest entry. It costs time proportional to the number of distinct paths
// and codes and to the minutes not yet examined, not to the lines read.
func (a *Aggregator) Snapshot() *Snapshot { return a.SnapshotTop(0) }

// SnapshotTop is Snapshot with Paths cut to the first n entries (0 for
// all of them): a report that lists the top 50 paths need not sort and
// copy out 10,000 rows.
func (a *Aggregator) SnapshotTop(n int) *Snapshot {
	_, newest := a.seriesSpan()
	s := &Snapshot{
		Lines: a.lines, Parsed: a.parsed, Malformed: a.malformed, Read: a.read,
		First: msTime(a.first), Last: msTime(a.last), Newest: msTime(newest),
		Classes: a.classes,
	}
	for code, n := range a.codes {
		if n > 0 {
			s.Codes = append(s.Codes, CodeCount{code, n})
		}
	}
	s.Paths, s.PathCount = a.pathStats(n)
	s.Malformations = a.malformations()

	var all sketch
	for i := range a.lat {
		s.Latency[i] = a.lat[i].quantiles()
		s.LatencyHist[i] = a.lat[i].histogram(LatencyBounds)
		all.merge(&a.lat[i])
	}
	s.LatencyAll = all.quantiles()

	if a.last != 0 {
		// With a status filter, the counts over time end with the newest
		// of all traffic: a spike ends when the other codes go on.
		now := floorDiv(newest, 1000)
		s.Rates = a.rates(now)
		s.PerSecond = a.perSecond(now)
		s.PerMinute = a.perMinute(floorDiv(now, 60))
		s.Timeline = a.timeline()
		s.Burn = a.burn(now)
		var judged int64
		s.Spikes, judged = a.spikes(floorDiv(now, 60))
		if judged != 0 {
			// Judged from the lead-in of a range: from the range's start,
			// as far as what is shown goes.
			s.SpikesJudgedFrom = secTime((judged - 1) * 60)
			if s.SpikesJudgedFrom.Before(s.First) {
				s.SpikesJudgedFrom = s.First
			}
		}
		s.Trends = a.trends(now)
	} else if a.parsed > 0 {
		// No times: the whole input is the one window there is.
		s.Rates = []WindowRate{a.wholeRate(0)}
	}
	return s
}

func (a *Aggregator) malformations() []Malformation {
	var out []Malformation
	bases := a.chunks.bases()
	for _, r := range a.bad.reasons {
		m := Malformation{Reason: r.reason, Count: r.count}
		for _, smp := range r.samples {
			smp.Line += bases[smp.chunk]
			m.Samples = append(m.Samples, smp)
		}
		sort.Slice(m.Samples, func(i, j int) bool {
			if m.Samples[i].chunk != m.Samples[j].chunk {
				return m.Samples[i].chunk < m.Samples[j].chunk
			}
			return m.Samples[i].Line < m.Samples[j].Line
		})
		if len(m.Samples) > a.cfg.SamplesPerReason {
			m.Samples = m.Samples[:a.cfg.SamplesPerReason]
		}
		for i := range m.Samples {
			m.Samples[i].chunk = 0 // served its purpose: Line is now file-wide
		}
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Reason < out[j].Reason
	})
	return out
}

// pathStats lists the rows by total, OtherPath last. The codes of all rows
// share one backing array: a snapshot of 10k paths costs a few allocations,
// not tens of thousands.
func (a *Aggregator) pathStats(limit int) ([]PathStat, int) {
	rows := a.paths.rows
	heavier := func(i, j int32) int {
		ri, rj := &rows[i], &rows[j]
		if ri.total != rj.total {
			return cmp.Compare(rj.total, ri.total)
		}
		return bytes.Compare(ri.key(), rj.key())
	}
	count := len(rows)
	if a.paths.other.total > 0 {
		count++
	}
	var order []int32
	if limit > 0 && limit < len(rows) {
		order = firstN(len(rows), limit, heavier)
	} else {
		// The order of the last snapshot is kept and re-sorted: between
		// two snapshots few rows move, and sorting a nearly sorted list
		// is about one comparison per row.
		order = a.paths.order
		for i := len(order); i < len(rows); i++ {
			order = append(order, int32(i))
		}
		a.paths.order = order
		slices.SortFunc(order, heavier)
	}
	ncodes := a.paths.other.ncodes()
	for _, i := range order {
		ncodes += rows[i].ncodes()
	}
	out := make([]PathStat, 0, len(order)+1)
	codes := make([]CodeCount, 0, ncodes)
	var buf []codeN
	add := func(r *pathRow) {
		from := len(codes)
		buf = r.codes(buf[:0])
		for _, c := range buf {
			codes = append(codes, CodeCount{int(c.code), c.n})
		}
		cc := codes[from:len(codes):len(codes)]
		slices.SortFunc(cc, func(x, y CodeCount) int { return cmp.Compare(x.Code, y.Code) })
		out = append(out, PathStat{Path: r.path(), Total: r.total, Undercount: r.err, Codes: cc, Latency: r.quantiles()})
	}
	for _, i := range order {
		add(&rows[i])
	}
	if a.paths.other.total > 0 && (limit <= 0 || len(out) < limit) {
		add(&a.paths.other)
	}
	return out, count
}

// firstN returns the n smallest of 0..size-1 under cmp, sorted: a bounded
// max-heap of the n best so far, whose top most candidates fail to beat.
func firstN(size, n int, cmp func(i, j int32) int) []int32 {
	h := make([]int32, 0, n)
	for i := int32(0); int(i) < size; i++ {
		if len(h) < n {
			h = append(h, i)
			for c := len(h) - 1; c > 0; { // sift up
				p := (c - 1) / 2
				if cmp(h[c], h[p]) <= 0 {
					break
				}
				h[c], h[p] = h[p], h[c]
				c = p
			}
			continue
		}
		if cmp(i, h[0]) >= 0 {
			continue
		}
		h[0] = i
		for p := 0; ; { // sift down
			c := 2*p + 1
			if c >= n {
				break
			}
			if c+1 < n && cmp(h[c+1], h[c]) > 0 {
				c++
			}
			if cmp(h[c], h[p]) <= 0 {
				break
			}
			h[c], h[p] = h[p], h[c]
			p = c
		}
	}
	slices.SortFunc(h, cmp)
	return h
}

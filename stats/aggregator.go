// Package stats turns parsed entries into what an operator reads: exact
// totals by class and code, per-path detail, latency quantiles, rates over
// sliding windows, a timeline, spikes and SLO burn rates, all in event time
// (the timestamps in the log, never the wall clock).
//
// An Aggregator is owned by one goroutine (the one that parses); batch mode
// runs one per core and merges them at the end. Readers never touch an
// Aggregator: they get an immutable Snapshot. Live wraps one for a followed
// log and publishes snapshots a few times a second.
//
// Exactness and bounds:
//
//   - Lines, class and code counts are exact, always.
//   - Per-path detail uses Space-Saving (a heavy-hitter summary) over at
//     most Config.MaxPaths rows. When the table is full, a new path takes
//     the row of the path with the smallest estimated count, whose counts
//     move to the OtherPath row. Rows hold only what was counted while the
//     path had its row, so the rows plus OtherPath always add up to the
//     exact total; a heavy path that had a row from its first request is
//     exact, and PathStat.Undercount bounds what any other row missed.
//   - Latency comes from log-bucketed histograms with a fixed relative
//     error (SketchRelativeError), per class and per path row.
//   - Per-second counts live in a ring covering a bit over an hour of event
//     time; per-minute counts cover the whole input (memory grows with the
//     time span, not with the lines); spikes are found over the per-minute
//     counts, so they are the same whatever the number of merged workers.
//   - The paths and clients behind each error kind are kept per minute
//     (up to 64 of each per minute and kind, the rest counted unnamed), so
//     a spike found after merging can name who carried it.
//
// Merging workers gives exactly the snapshot one worker would, as long as
// no cap overflows: at most MaxPaths distinct paths, 48 distinct codes
// (codes past that are exact in totals but have no series), and 64 paths
// and clients per minute and error kind. Past a cap, totals stay exact and
// only which names fill the bounded tables may depend on the order of lines.
package stats

import (
	"time"

	"github.com/codetop/codetop/parser"
)

// Config bounds what an Aggregator keeps and tunes spike detection. The
// zero Config is usable: every zero field takes its default.
type Config struct {
	// MaxPaths caps the distinct paths tracked with their own row; the
	// rest are counted under OtherPath. 0 means DefaultMaxPaths; at most
	// 16,777,216.
	MaxPaths int
	// SamplesPerReason is how many malformed lines are kept per reason.
	SamplesPerReason int
	// GroupPaths folds path segments that are numeric IDs, UUIDs or long
	// hex strings into ":id", so /users/123 and /users/456 are one path.
	GroupPaths bool

	// Objective is the availability SLO for burn rates (0.999 = 99.9%).
	// 0 means DefaultObjective.
	Objective float64
	// SpikeFloorPerMin is the fewest responses of a kind per minute that
	// can count as a spike, whatever the baseline. 0 means 10.
	SpikeFloorPerMin int
	// SpikeHold is how long a kind must stay back near its baseline
	// before a spike ends. 0 means 3 minutes.
	SpikeHold time.Duration
	// TimelineBuckets is the most steps Snapshot.Timeline has. 0 means 240.
	TimelineBuckets int
	// TrendWindow is the "now" window of Snapshot.Trends. 0 means 5m.
	TrendWindow time.Duration
	// LogName says which log an input file is part of, for Spike.TopInputs:
	// the files of a rotated set are one log (access.log.2.gz and
	// access.log are access.log). nil: each file is a log of its own.
	LogName func(input string) string
}

const (
	// DefaultMaxPaths is how many paths get their own row by default.
	DefaultMaxPaths = 10000
	// OtherPath is the bucket for paths beyond the cap.
	OtherPath = "(other)"
	// NoPath is how reports, metrics and the dashboard show the empty path
	// of a request line that was no request (TLS bytes sent to a plain
	// port, an empty string): there was no path to count it under.
	NoPath = "(no path)"
	// DefaultObjective is the availability objective burn rates use.
	DefaultObjective = 0.999
)

// Class indexes: 0 is "other" (a status outside 100-599).
const numClasses = 6

// ClassNames maps a class index to its report name.
var ClassNames = [numClasses]string{"other", "1xx", "2xx", "3xx", "4xx", "5xx"}

func classIndex(status int) int {
	if status >= 100 && status <= 599 {
		return status / 100
	}
	return 0
}

// Aggregator accumulates one stream of entries. Not safe for concurrent use.
type Aggregator struct {
	cfg Config

	lines, parsed, malformed int64
	read                     int64 // lines handed to a Worker (Snapshot.Read)
	first, last              int64 // Unix ms; 0 when no entry had a time
	classes                  [numClasses]int64
	codes                    [1000]int64 // parser guarantees 0 <= status <= 999
	lat                      [numClasses]sketch

	paths   paths
	pathBuf []byte // reused by GroupPaths; valid during one Add
	bad     malformedLog
	chunks  chunks

	track tracker
	ring  *ring
	mins  minutes
	now   secondCache // where the counts of the latest second go
	attr  attribution
	det   detector
	// touched is the earliest minute counted since the detector last ran,
	// plus one (0: none). Counts for a minute it has already judged come
	// from lines read out of time order (a rotated set's .gz read after
	// the plain files' history, a request logged minutes late): it judges
	// every minute again then (see spikes).
	touched int64
	// traffic: a status filter is in use, and seriesAll counts all traffic;
	// the out entries the filter left out span [outFirst, outLast] (Unix
	// ms).
	traffic           bool
	out               int64
	outFirst, outLast int64
	// lead holds the per-minute counts of the lead-in of a range that
	// starts at leadFrom (Unix ms; 0: none seen), for the detector only
	// (see leadin.go).
	lead     minutes
	leadFrom int64
	// filteredLast is the newest time of the entries filters left out
	// (Unix ms; 0: none), for NewestSeen.
	filteredLast int64
	// passedTo is the end of a range (Filter.To) once an entry at or
	// after it was seen: the input went on past it, so the range's quiet
	// end is known to be quiet, not the input's end (0: not known).
	passedTo int64
	_        cacheLinePad
}

// NewestSeen returns the time of the newest entry parsed, counted or left
// out by the filters (zero when none had a time). A duration in --since is
// counted back from the newest entry as the inputs' last lines give it;
// inputs out of time order have a newer one elsewhere, which this finds.
func (a *Aggregator) NewestSeen() time.Time {
	ms := max(a.last, a.outLast, a.filteredLast)
	if ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms).UTC()
}

// New returns an empty Aggregator.
func New(cfg Config) *Aggregator {
	if cfg.MaxPaths <= 0 {
		cfg.MaxPaths = DefaultMaxPaths
	}
	cfg.MaxPaths = min(cfg.MaxPaths, maxRows)
	if cfg.SamplesPerReason <= 0 {
		cfg.SamplesPerReason = 3
	}
	if cfg.Objective <= 0 || cfg.Objective >= 1 {
		cfg.Objective = DefaultObjective
	}
	if cfg.SpikeFloorPerMin <= 0 {
		cfg.SpikeFloorPerMin = 10
	}
	if cfg.SpikeHold <= 0 {
		cfg.SpikeHold = 3 * time.Minute
	}
	if cfg.TimelineBuckets <= 0 {
		cfg.TimelineBuckets = 240
	}
	if cfg.TrendWindow <= 0 {
		cfg.TrendWindow = 5 * time.Minute
	}
	a := &Aggregator{cfg: cfg, ring: newRing()}
	a.paths.init(cfg.MaxPaths)
	return a
}

// Add counts one parsed entry. Fields of e are not kept past the call.
func (a *Aggregator) Add(e *parser.Entry) {
	a.lines++
	a.parsed++
	st := statusIndex(e.Status)
	a.codes[st]++
	cls := classIndex(st)
	a.classes[cls]++
	lat := e.RequestTime
	if lat < 0 {
		lat = e.UpstreamTime
	}
	if lat >= 0 {
		a.lat[cls].add(lat)
	}
	path := a.shownPath(e.Path)
	row := a.paths.add(path, st, lat)
	if e.Time != 0 {
		if a.first == 0 || e.Time < a.first {
			a.first = e.Time
		}
		if e.Time > a.last {
			a.last = e.Time
		}
		a.addTimed(e.Time, cls, st, row, path, e.Client)
	}
}

// statusIndex is where a status is counted: the parser yields 0-999, and
// anything else would be a bug, counted as 0 rather than a crash.
func statusIndex(st int) int {
	if st < 0 || st >= 1000 {
		return 0
	}
	return st
}

// shownPath is path as reports show it: with Config.GroupPaths, its IDs
// folded into :id (in a buffer valid until the next call). A folded path
// has nothing left to fold.
func (a *Aggregator) shownPath(path []byte) []byte {
	if !a.cfg.GroupPaths {
		return path // the usual case, decided inline on the hot path
	}
	return a.foldedPath(path)
}

func (a *Aggregator) foldedPath(path []byte) []byte {
	if !hasIDSegment(path) {
		return path
	}
	a.pathBuf = foldPath(a.pathBuf[:0], path)
	return a.pathBuf
}

// addTimed counts an entry in the per-second ring, the per-minute counts
// and, for errors, the attribution of its minute.
func (a *Aggregator) addTimed(ms int64, cls, code int, row *pathRow, path, client []byte) {
	c := &a.now
	if ms < c.from || ms >= c.to {
		c.enter(ms, a.ring)
		a.touch(c.min)
	}
	min := c.min
	series := a.track.seriesOf(code)
	c.count(cls, &a.mins)
	if a.traffic {
		c.count(seriesAll, &a.mins)
	}
	if series >= 0 {
		c.count(series, &a.mins)
	}
	byClass, byCode := cls == class5xx, series >= 0 && errorKind(code)
	if byClass || byCode {
		pid, cid := a.pathID(row, path), a.attr.clients.id(client)
		if byClass {
			a.attr.add(min, class5xx, pid, cid)
		}
		if byCode {
			a.attr.add(min, series, pid, cid)
		}
		// One event for both: a code's series says its class.
		ev := class5xx
		if byCode {
			ev = series
		}
		a.attr.edges.add(c.sec, a.attr.input, ev, pid, cid)
		a.attr.countClient(cid)
	}
}

// enterInput makes input the file the next lines come from, for the
// attribution of errors to the files of a run of several.
func (a *Aggregator) enterInput(input string) {
	if a.cfg.LogName != nil {
		input = a.cfg.LogName(input)
	}
	a.attr.enter(input)
}

// touch notes that minute m gets counts (see touched).
func (a *Aggregator) touch(m int64) {
	if a.touched == 0 || m+1 < a.touched {
		a.touched = m + 1
	}
}

// addTraffic counts, in seriesAll only, an entry at ms (0: no time) that a
// status filter left out.
func (a *Aggregator) addTraffic(ms int64) {
	a.out++
	if ms == 0 {
		return
	}
	a.outFirst, a.outLast = earliest(a.outFirst, ms), max(a.outLast, ms)
	c := &a.now
	if ms < c.from || ms >= c.to {
		c.enter(ms, a.ring)
		a.touch(c.min)
	}
	c.count(seriesAll, &a.mins)
}

// seriesSpan returns the first and last entry times (Unix ms) that the
// counts over time hold: with a status filter, those of all traffic.
func (a *Aggregator) seriesSpan() (first, last int64) {
	return earliest(a.first, a.outFirst), max(a.last, a.outLast)
}

// earliest returns the earlier of two entry times, 0 standing for none.
func earliest(x, y int64) int64 {
	if x == 0 || y != 0 && y < x {
		return y
	}
	return x
}

// totalSeries returns the series that add up to all traffic.
func (a *Aggregator) totalSeries() []int {
	if a.traffic {
		return allSeries
	}
	return classSeries
}

// pathID returns the attribution id of path, whose row is r, or nil when
// the request was counted under OtherPath.
func (a *Aggregator) pathID(r *pathRow, path []byte) uint32 {
	if r == nil {
		return a.attr.paths.id(path)
	}
	if r.attr != 0 {
		return r.attr - 1
	}
	id := a.attr.paths.idHashed(r.key(), r.hash)
	r.attr = id + 1 // 0 again for otherID: looked up each time, still right
	return id
}

// classByName returns the class index of "1xx".."5xx" or "other".
func classByName(name string) (int, bool) {
	for i, n := range ClassNames {
		if n == name {
			return i, true
		}
	}
	return 0, false
}

// codeOfKind parses a code kind ("429", "000").
func codeOfKind(kind string) (int, bool) {
	if len(kind) != 3 {
		return 0, false
	}
	n := 0
	for i := 0; i < 3; i++ {
		c := kind[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// kindOfCode names a code as Spike.Kind does: "502", and "000" for 0.
func kindOfCode(code int) string {
	b := [3]byte{byte('0' + code/100%10), byte('0' + code/10%10), byte('0' + code%10)}
	return string(b[:])
}

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
package stats

import (
	"time"

	"github.com/codetop/codetop/parser"
)

// Config bounds what an Aggregator keeps and tunes spike detection. The
// zero Config is usable: every zero field takes its default.
type Config struct {
	// MaxPaths caps the distinct paths tracked with their own row; the
	// rest are counted under OtherPath. 0 means DefaultMaxPaths.
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
}

const (
	DefaultMaxPaths = 10000
	// OtherPath is the bucket for paths beyond the cap.
	OtherPath = "(other)"
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
	first, last              int64 // Unix ms; 0 when no entry had a time
	classes                  [numClasses]int64
	codes                    [1000]int64 // parser guarantees 0 <= status <= 999

	paths  paths
	bad    malformedLog
	chunks chunks
}

// New returns an empty Aggregator.
func New(cfg Config) *Aggregator {
	if cfg.MaxPaths <= 0 {
		cfg.MaxPaths = DefaultMaxPaths
	}
	if cfg.SamplesPerReason <= 0 {
		cfg.SamplesPerReason = 3
	}
	a := &Aggregator{cfg: cfg}
	a.paths.init(cfg.MaxPaths)
	return a
}

// Add counts one parsed entry. Fields of e are not kept past the call.
func (a *Aggregator) Add(e *parser.Entry) {
	a.lines++
	a.parsed++
	st := e.Status
	if st < 0 || st >= len(a.codes) {
		st = 0
	}
	a.codes[st]++
	a.classes[classIndex(st)]++
	if e.Time != 0 {
		if a.first == 0 || e.Time < a.first {
			a.first = e.Time
		}
		if e.Time > a.last {
			a.last = e.Time
		}
	}
	a.paths.add(e.Path, st)
}

// Merge adds everything b counted into a. b must not be used afterwards.
func (a *Aggregator) Merge(b *Aggregator) {
	a.lines += b.lines
	a.parsed += b.parsed
	a.malformed += b.malformed
	if b.first != 0 && (a.first == 0 || b.first < a.first) {
		a.first = b.first
	}
	if b.last > a.last {
		a.last = b.last
	}
	for i := range a.classes {
		a.classes[i] += b.classes[i]
	}
	for i := range a.codes {
		a.codes[i] += b.codes[i]
	}
	a.paths.merge(&b.paths)
	a.bad.merge(&b.bad)
	a.chunks.merge(&b.chunks)
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

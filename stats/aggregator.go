// Package stats turns parsed entries into counts an operator reads: exact
// totals by class and code, per-path detail, malformed-line reasons.
//
// An Aggregator is owned by one goroutine (the one that parses); batch mode
// runs one per core and merges them at the end. Readers never touch an
// Aggregator: they get an immutable Snapshot.
package stats

import (
	"github.com/codetop/codetop/parser"
)

// Config bounds what an Aggregator keeps.
type Config struct {
	// MaxPaths caps the distinct paths tracked exactly; the rest are
	// counted under OtherPath. 0 means DefaultMaxPaths.
	MaxPaths int
	// SamplesPerReason is how many malformed lines are kept per reason.
	SamplesPerReason int
}

const (
	DefaultMaxPaths = 10000
	// OtherPath is the bucket for paths beyond the cap.
	OtherPath = "(other)"
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

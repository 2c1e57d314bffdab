package stats

import (
	"sync/atomic"
	"time"

	"github.com/codetop/codetop/parser"
)

// PublishInterval is the least time between two snapshots a Live publishes.
const PublishInterval = 250 * time.Millisecond

// Live is the dashboard's view of a followed log: it owns a Worker and its
// Aggregator in the ingest goroutine (it implements the source package's
// Sink and its optional Flush) and publishes an immutable Snapshot at most
// every PublishInterval, which any goroutine reads with Latest.
//
// Begin, Line, TooLong, End and Flush must be called from one goroutine;
// Latest is safe from any.
type Live struct {
	w    *Worker
	snap atomic.Pointer[Snapshot]

	// now is the wall clock; tests replace it.
	now       func() time.Time
	published time.Time // wall time of the last publish
	dirty     bool      // lines arrived since the last publish
	sinceTick int       // lines since the clock was last read
}

// NewLive returns a Live that parses with p and counts with cfg. Latest
// returns an empty Snapshot until the first publish.
func NewLive(p parser.Parser, cfg Config) *Live {
	l := &Live{w: NewWorker(p, New(cfg)), now: time.Now}
	l.snap.Store(l.w.Agg.Snapshot())
	return l
}

// SetFilter makes the Live drop entries f rejects before counting them.
// Call it before the first line.
func (l *Live) SetFilter(f Filter) { l.w.Filter = f }

// Filter is what SetFilter set.
func (l *Live) Filter() Filter { return l.w.Filter }

// Absorb adds what other aggregators counted (a log's history, read on
// every core) to the Live's, and publishes. Like Line, it is called from
// the ingest goroutine; the aggregators must not be used afterwards.
func (l *Live) Absorb(aggs ...*Aggregator) {
	for _, a := range aggs {
		l.w.Agg.Merge(a)
	}
	l.Publish()
}

// Latest returns the newest published snapshot (never nil). Safe for
// concurrent use.
func (l *Live) Latest() *Snapshot { return l.snap.Load() }

// Begin starts a chunk of an input (see Worker.Begin).
func (l *Live) Begin(input string, seq int, first bool) { l.w.Begin(input, seq, first) }

// Line counts one line, and publishes when PublishInterval has passed.
func (l *Live) Line(b []byte) {
	l.w.Line(b)
	l.touch()
}

// TooLong counts an over-long line (see Worker.TooLong).
func (l *Live) TooLong(prefix []byte) {
	l.w.TooLong(prefix)
	l.touch()
}

// Cut counts the line an input broke off in (see Worker.Cut).
func (l *Live) Cut(start []byte) {
	l.w.Cut(start)
	l.touch()
}

// End closes the current chunk.
func (l *Live) End() { l.w.End() }

// Flush is called by the follower after each read batch and, while the
// files are idle, every so often: it publishes what arrived since the last
// snapshot, unless that was less than PublishInterval ago, in which case a
// later Flush or line publishes it. A caller that stops calling Flush
// should call Publish once, so the last lines are not left unpublished.
func (l *Live) Flush() {
	if l.dirty && l.now().Sub(l.published) >= PublishInterval {
		l.Publish()
	}
}

// Publish takes and publishes a snapshot now.
func (l *Live) Publish() {
	l.snap.Store(l.w.Agg.Snapshot())
	l.published = l.now()
	l.dirty = false
	l.sinceTick = 0
}

// clockEvery is how many lines pass between two reads of the clock: reading
// it per line would cost more than counting the line.
const clockEvery = 256

func (l *Live) touch() {
	l.dirty = true
	l.sinceTick++
	if l.sinceTick < clockEvery {
		return
	}
	l.sinceTick = 0
	if l.now().Sub(l.published) >= PublishInterval {
		l.Publish()
	}
}

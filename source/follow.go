package source

import (
	"context"
	"errors"
	"os"
	"slices"
	"time"
)

// FollowOptions tune Follow.
type FollowOptions struct {
	Options
	// NoFollow stops at the end of every input instead of waiting for more.
	NoFollow bool
	// Poll is how long Follow waits when no input has anything new.
	// 0 means DefaultPoll.
	Poll time.Duration
	// Grace is how long a file rotated away is still read after it last gave
	// data: servers go on writing to it until they reopen their logs.
	// 0 means DefaultGrace.
	Grace time.Duration
	// Clock replaces the real clock (tests step time by hand).
	Clock Clock
	// Errors, when set, is told of each problem with an input as it happens
	// (once per problem), from Follow's goroutine. Some are notices, not
	// failures (IsNotice): a file not there yet is waited for.
	Errors func(error)
	// History, when set, has the plain files' present content read on
	// every core before they are followed (see History).
	History *History
	// Once lists inputs read to their end and not followed: the files
	// rotated away from a followed path (see Rotated), read again for a
	// time range. One that is gone is passed over without a word.
	Once []string
	// Rotated, when set, is told from Follow's goroutine of each file
	// rotated away from a followed path: the path, and the file's
	// identity (for os.SameFile). RenamedTo finds the name it has later:
	// access.log.1 today may be access.log.2 tomorrow.
	Rotated func(path string, file os.FileInfo)
}

const (
	DefaultPoll  = 100 * time.Millisecond
	DefaultGrace = 5 * time.Second
)

// followBudget is about how many bytes one file may give per round before
// the other files get their turn.
const followBudget = 4 << 20

// Follow reads each input from its start and then follows it as it grows,
// through rotation (rename and create, copytruncate, delete and recreate)
// and files that do not exist yet, until ctx is done: one path looks like
// one endless stream of lines, each line written counted once. A partial
// last line is handed over only once its newline arrives. Archives are read
// once; standard input is read until it ends.
//
// Follow calls sink from one goroutine at a time: the calling one, except
// while History reads the start of the files on every core, each of its
// Sinks in a goroutine of its own. If sink is a Flusher,
// Flush is called after each batch of lines, before waiting for more, and
// after each idle poll.
//
// The returned error joins the problems inputs still had when Follow
// returned (each was also passed to opts.Errors as it happened), the
// notices of paths still waited for among them (see Failures and Notices);
// the end of ctx is not an error.
func Follow(ctx context.Context, inputs []string, opts FollowOptions, sink Sink) error {
	if opts.Poll <= 0 {
		opts.Poll = DefaultPoll
	}
	if opts.Grace <= 0 {
		opts.Grace = DefaultGrace
	}
	if opts.Clock == nil {
		opts.Clock = realClock{}
	}
	opts.Progress.sizeUp(inputs)
	fw := &follower{opts: opts, max: opts.maxLine(), sink: sink, active: -1, budget: followBudget}
	fw.flusher, _ = sink.(Flusher)
	ts := make([]*tracker, len(inputs))
	for i, p := range inputs {
		ts[i] = &tracker{path: p, once: slices.Contains(opts.Once, p)}
	}
	fw.trackers = ts
	defer func() {
		for _, t := range ts {
			for _, o := range t.old {
				o.close()
			}
			if t.cur != nil {
				t.cur.close()
			}
		}
		if fw.active >= 0 {
			sink.End()
		}
	}()
	if opts.History != nil {
		fw.readHistory(ctx, ts)
	}
	for ctx.Err() == nil {
		busy, live := false, false
		now := opts.Clock.Now()
		for _, t := range ts {
			if t.poll(fw, now) {
				busy = true
			}
			if !t.done || len(t.old) > 0 {
				live = true
			}
		}
		// Flush after a batch, and on every idle round too: a sink that
		// held lines back to limit its work (stats.Live publishes at most
		// every 250 ms) must get the chance to catch up once input stops.
		if fw.flusher != nil && (fw.emitted || !busy) {
			fw.flusher.Flush()
		}
		fw.emitted = false
		if !live {
			break
		}
		if busy {
			continue
		}
		select {
		case <-ctx.Done():
		case <-opts.Clock.After(opts.Poll):
		case <-fw.wake:
		}
	}
	var errs []error
	for _, t := range ts {
		if t.err != nil {
			errs = append(errs, t.err)
		}
	}
	return errors.Join(errs...)
}

// Failures returns the errors of err, as Follow returns it, that are not
// notices (see IsNotice), joined; nil when there are none.
func Failures(err error) error {
	var out []error
	for _, e := range splitJoined(err) {
		if !IsNotice(e) {
			out = append(out, e)
		}
	}
	return errors.Join(out...)
}

// Notices returns the notices among the errors of err, as Follow returns
// it: the paths still waited for when it returned.
func Notices(err error) []error {
	var out []error
	for _, e := range splitJoined(err) {
		if IsNotice(e) {
			out = append(out, e)
		}
	}
	return out
}

func splitJoined(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	if err == nil {
		return nil
	}
	return []error{err}
}

// follower is Follow's state: the sink and the chunk it is in.
type follower struct {
	opts    FollowOptions
	max     int
	sink    Sink
	flusher Flusher
	active  int // seq of the chunk the sink is in, -1 for none
	seq     int
	budget  int64
	emitted bool // lines since the last Flush

	stdin *chanReader
	wake  chan struct{} // nil (never ready) unless stdin or a pipe is read

	trackers []*tracker // every path followed, for handing a file over
}

func (fw *follower) newSeq() int {
	fw.seq++
	return fw.seq - 1
}

// enter puts the sink in fl's chunk: Follow interleaves files, and the sink
// numbers lines per chunk.
func (fw *follower) enter(fl *followed) {
	if fw.active == fl.seq {
		return
	}
	if fw.active >= 0 {
		fw.sink.End()
	}
	fw.sink.Begin(fl.name, fl.seq, !fl.begun)
	fl.begun, fw.active = true, fl.seq
}

// drain hands the sink the complete lines fl has now. got says whether it
// gave any; more that it stopped at the budget with more to read.
func (fw *follower) drain(fl *followed) (got, more bool) {
	p0, n := fl.lr.pos(), 0
	for {
		b, k := fl.lr.next()
		if k == none {
			fw.opts.Progress.drained(fl, p0, n)
			return got, false
		}
		fw.give(fl, b, k)
		got = true
		n++
		if fl.lr.pos()-p0 >= fw.budget {
			fw.opts.Progress.drained(fl, p0, n)
			return true, true
		}
	}
}

func (fw *follower) give(fl *followed, b []byte, k kind) {
	fw.enter(fl)
	switch k {
	case tooLong:
		fw.sink.TooLong(b)
	case cut:
		giveCut(fw.sink, b)
	default:
		fw.sink.Line(b)
	}
	fw.emitted = true
}

// flush hands over a partial last line of a file that is abandoned: it
// will not be completed, and what was written is counted.
func (fw *follower) flush(fl *followed) {
	if b, k := fl.lr.flush(); k != none {
		fw.give(fl, b, k)
	}
}

// finish flushes fl, leaves its chunk and closes it.
func (fw *follower) finish(fl *followed) {
	fw.flush(fl)
	if fw.active == fl.seq {
		fw.sink.End()
		fw.active = -1
	}
	fl.close()
}

package source

import (
	"context"
	"errors"
	"io"
	"os"
	"sync"
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
		ts[i] = &tracker{path: p}
	}
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

// errStreamEnd is the end of standard input while following: unlike io.EOF
// ("nothing more for now"), nothing more will come.
var errStreamEnd = errors.New("end of stream")

// stdinReader starts reading standard input in a goroutine of its own (a
// read from a pipe blocks; Follow's goroutine must not) and returns the
// reader Follow takes its data from.
func (fw *follower) stdinReader() io.Reader {
	if fw.stdin == nil {
		fw.stdin = newChanReader(stdinSource, fw.wakeChan())
	}
	return fw.stdin
}

// pipeReader starts reading the named pipe or device at path as stdin is
// read: opening a pipe blocks until a writer opens it, and reading it
// blocks until data comes.
func (fw *follower) pipeReader(path string) *chanReader {
	return newChanReader(func() (io.Reader, func(error) error, func(), error) {
		f, err := os.Open(path)
		if err != nil {
			return nil, nil, nil, openError(path, err)
		}
		p := &pipeStream{in: &input{name: path, file: f, size: -1}}
		// Closing the file is all it takes to end a read under way, the
		// first included, which looks for an archive's magic bytes.
		return p, p.describe, func() { f.Close() }, nil
	}, fw.wakeChan())
}

// pipeStream reads a pipe through an input that is set up on the first
// read: that looks at the first bytes, and waits for them.
type pipeStream struct {
	in    *input
	ready bool
}

func (p *pipeStream) Read(b []byte) (int, error) {
	if !p.ready {
		if err := p.in.openStream(p.in.file); err != nil {
			return 0, err
		}
		p.ready = true
	}
	return p.in.stream.Read(b)
}

func (p *pipeStream) describe(err error) error {
	if !p.ready {
		return err // openStream's errors name the path
	}
	return p.in.streamError(err)
}

// wakeChan returns the channel that readers in goroutines of their own
// signal when they have data, made on first use.
func (fw *follower) wakeChan() chan struct{} {
	if fw.wake == nil {
		fw.wake = make(chan struct{}, 1)
	}
	return fw.wake
}

// stdinSource opens standard input, decompressing it if it is an archive.
// Tests replace it.
var stdinSource = func() (io.Reader, func(error) error, func(), error) {
	in, err := openInput(Stdin)
	if err != nil {
		return nil, nil, nil, err
	}
	return in.stream, in.streamError, nil, nil
}

// chanReader hands over data read by another goroutine without blocking:
// Read returns io.EOF when nothing is there yet, errStreamEnd at the end.
// At most a few blocks are in flight, so a fast writer waits for Follow.
type chanReader struct {
	data chan []byte
	free chan []byte
	cur  []byte // the unread rest of the block being read
	blk  []byte // that block, returned to free once read
	err  error  // why the stream ended, set before data is closed

	quit     chan struct{} // closed by stop
	mu       sync.Mutex
	stopped  bool
	closeSrc func() // closes what the goroutine reads, once it is open
}

// newChanReader reads, in a goroutine, what open opens: a reader, a
// function that describes its errors, and one that closes it (nil for
// stdin, which is never closed).
func newChanReader(open func() (io.Reader, func(error) error, func(), error), wake chan struct{}) *chanReader {
	c := &chanReader{data: make(chan []byte, 4), free: make(chan []byte, 4), quit: make(chan struct{})}
	for i := 0; i < 4; i++ {
		c.free <- make([]byte, 64<<10)
	}
	signal := func() {
		select {
		case wake <- struct{}{}:
		default:
		}
	}
	go func() {
		defer signal()
		defer close(c.data)
		r, describe, closeSrc, err := open()
		if err != nil {
			c.err = err
			return
		}
		if closeSrc != nil {
			c.mu.Lock()
			stopped := c.stopped
			c.closeSrc = closeSrc
			c.mu.Unlock()
			if stopped {
				closeSrc()
				return
			}
		}
		for {
			var b []byte
			select {
			case b = <-c.free:
			case <-c.quit:
				return
			}
			n, err := r.Read(b[:cap(b)])
			if n > 0 {
				select {
				case c.data <- b[:n]:
				case <-c.quit:
					return
				}
				signal()
			} else {
				c.free <- b
			}
			if err == io.EOF {
				c.err = errStreamEnd
				return
			}
			if err != nil {
				c.err = describe(err)
				return
			}
		}
	}()
	return c
}

// stop ends the goroutine: it closes what it reads, which ends a read
// under way. A pipe still being opened (no writer yet) holds the goroutine
// until a writer comes.
func (c *chanReader) stop() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.stopped {
		return
	}
	c.stopped = true
	close(c.quit)
	if c.closeSrc != nil {
		c.closeSrc()
	}
}

func (c *chanReader) Read(p []byte) (int, error) {
	if len(c.cur) == 0 {
		if c.blk != nil {
			c.free <- c.blk
			c.blk = nil
		}
		select {
		case b, ok := <-c.data:
			if !ok {
				return 0, c.err
			}
			c.blk, c.cur = b, b
		default:
			return 0, io.EOF
		}
	}
	n := copy(p, c.cur)
	c.cur = c.cur[n:]
	return n, nil
}

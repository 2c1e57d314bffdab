package source

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// stepClock is a Clock moved by the test. Follow asks it for a timer only
// when it has read everything there is, so a registered timer also tells
// the test that Follow is idle.
type stepClock struct {
	mu      sync.Mutex
	now     time.Time
	pending []pendingTimer
	regs    int // timers asked for so far
}

type pendingTimer struct {
	at time.Time
	ch chan time.Time
}

func newStepClock() *stepClock {
	return &stepClock{now: time.Date(2026, 11, 20, 14, 0, 0, 0, time.UTC)}
}

func (c *stepClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *stepClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := make(chan time.Time, 1)
	c.pending = append(c.pending, pendingTimer{c.now.Add(d), ch})
	c.regs++
	return ch
}

// waitFor polls cond under the lock until it holds.
func (c *stepClock) waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		c.mu.Lock()
		ok := cond()
		c.mu.Unlock()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("Follow never %s", what)
		}
		time.Sleep(200 * time.Microsecond)
	}
}

// advance waits until Follow is idle, moves time by d, fires the timers due,
// and waits until Follow has read what there is and is idle again.
func (c *stepClock) advance(t testing.TB, d time.Duration) {
	t.Helper()
	c.waitFor(t, "waited", func() bool { return len(c.pending) > 0 })
	c.mu.Lock()
	regs := c.regs
	c.now = c.now.Add(d)
	kept := c.pending[:0]
	for _, p := range c.pending {
		if !p.at.After(c.now) {
			p.ch <- c.now
		} else {
			kept = append(kept, p)
		}
	}
	c.pending = kept
	c.mu.Unlock()
	c.waitFor(t, "went idle again", func() bool { return c.regs > regs })
}

const (
	testPoll  = 100 * time.Millisecond
	testGrace = time.Second
)

// followRun runs Follow on paths in the background with a step clock.
type followRun struct {
	clk    *stepClock
	sink   *flushSink
	cancel context.CancelFunc
	done   chan error
	mu     sync.Mutex
	errs   []string
}

// flushSink is a recSink that counts Flush calls and checks that lines are
// flushed before Follow waits.
type flushSink struct {
	*recSink
	lines, flushed int
}

func (f *flushSink) Line(b []byte)    { f.recSink.Line(b); f.lines++ }
func (f *flushSink) TooLong(p []byte) { f.recSink.TooLong(p); f.lines++ }
func (f *flushSink) Flush()           { f.flushed = f.lines }

func startFollow(t *testing.T, paths []string, mod func(*FollowOptions)) *followRun {
	t.Helper()
	fs := &flushSink{recSink: newRecSink(t)}
	fr := startFollowWith(t, paths, fs, mod)
	fr.sink = fs
	return fr
}

// startFollowWith runs Follow into a sink of the test's choice.
func startFollowWith(t *testing.T, paths []string, sink Sink, mod func(*FollowOptions)) *followRun {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	fr := &followRun{clk: newStepClock(), cancel: cancel, done: make(chan error, 1)}
	opts := FollowOptions{Options: Options{MaxLine: 100}, Poll: testPoll, Grace: testGrace, Clock: fr.clk,
		Errors: func(err error) {
			fr.mu.Lock()
			fr.errs = append(fr.errs, err.Error())
			fr.mu.Unlock()
		}}
	if mod != nil {
		mod(&opts)
	}
	go func() { fr.done <- Follow(ctx, paths, opts, sink) }()
	t.Cleanup(func() { fr.stop(t) })
	return fr
}

func (fr *followRun) stop(t *testing.T) error {
	fr.cancel()
	select {
	case err := <-fr.done:
		fr.done <- err
		return err
	case <-time.After(10 * time.Second):
		t.Fatal("Follow did not return after cancel")
		return nil
	}
}

// step lets Follow catch up and checks that what it handed over was flushed.
func (fr *followRun) step(t *testing.T, d time.Duration) {
	t.Helper()
	fr.clk.advance(t, d)
	fr.clk.mu.Lock()
	defer fr.clk.mu.Unlock()
	if fr.sink != nil && fr.sink.flushed != fr.sink.lines {
		t.Errorf("Follow waits with %d lines not flushed", fr.sink.lines-fr.sink.flushed)
	}
}

// lines returns what each path gave, in seq order: the files a path named
// one after the other, each in order.
func (fr *followRun) lines() map[string][]string {
	fr.clk.mu.Lock()
	defer fr.clk.mu.Unlock()
	var cs []*recChunk
	for _, c := range fr.sink.chunks {
		cs = append(cs, c)
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i].seq < cs[j].seq })
	out := map[string][]string{}
	for _, c := range cs {
		out[c.input] = append(out[c.input], c.lines...)
	}
	return out
}

// logFile appends numbered lines to a file the way a server does: opened
// once with O_APPEND, written line by line.
type logFile struct {
	t *testing.T
	f *os.File
	n *int // shared line counter, so that every line written is unique
}

func openLog(t *testing.T, path string, n *int) *logFile {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return &logFile{t: t, f: f, n: n}
}

// write appends k lines and returns them.
func (l *logFile) write(k int) []string {
	var out []string
	for i := 0; i < k; i++ {
		*l.n++
		s := fmt.Sprintf("line %d", *l.n)
		if _, err := l.f.WriteString(s + "\n"); err != nil {
			l.t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

func sameSet(t *testing.T, what string, got, want []string) {
	t.Helper()
	g := append([]string(nil), got...)
	w := append([]string(nil), want...)
	sort.Strings(g)
	sort.Strings(w)
	if strings.Join(g, ",") != strings.Join(w, ",") {
		t.Errorf("%s: got %d lines %q\nwant %d lines %q", what, len(g), g, len(w), w)
	}
}

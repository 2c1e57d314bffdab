package demo

import (
	"bytes"
	"context"
	"sync"
	"testing"
	"time"
)

// recorder is a sink that keeps what it was fed.
type recorder struct {
	mu      sync.Mutex
	lines   int
	bytes   int
	flushes int
	last    []byte
}

func (r *recorder) Begin(string, int, bool) {}
func (r *recorder) End()                    {}
func (r *recorder) Line(b []byte) {
	r.mu.Lock()
	r.lines++
	r.bytes += len(b) + 1
	r.last = append(r.last[:0], b...)
	r.mu.Unlock()
}
func (r *recorder) Flush() { r.mu.Lock(); r.flushes++; r.mu.Unlock() }

func (r *recorder) count() int { r.mu.Lock(); defer r.mu.Unlock(); return r.lines }

// fakeClock is a clock that only moves when a sleeper asks: each wait
// jumps straight to its deadline, so a replay of half an hour runs in
// milliseconds and the schedule can be checked exactly.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
	ch := make(chan time.Time, 1)
	ch <- c.now
	return ch
}

func TestReplayFeedsEveryLineOnSchedule(t *testing.T) {
	clk := &fakeClock{now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}
	start := clk.now
	r := NewReplay(25*time.Minute, 60)
	r.now, r.after = clk.Now, clk.After
	var rec recorder
	if err := r.Run(context.Background(), &rec); err != nil {
		t.Fatal(err)
	}
	log := Log()
	if want := bytes.Count(log, []byte("\n")); rec.lines != want {
		t.Fatalf("fed %d lines, the sample has %d", rec.lines, want)
	}
	if rec.bytes != len(log) {
		t.Fatalf("fed %d bytes, the sample has %d", rec.bytes, len(log))
	}
	// The last line is at 14:59:59: 35 minutes less a second after the
	// preload, at 60x: 34.98 seconds of wall time.
	paced := SampleLength - time.Second - 25*time.Minute
	want := time.Duration(float64(paced) / 60)
	if got := clk.Now().Sub(start); got != want {
		t.Fatalf("replay took %v of (fake) wall time, want %v", got, want)
	}
	if rec.flushes < 100 {
		t.Fatalf("only %d flushes: the sink must be flushed whenever the replay waits", rec.flushes)
	}
	if s := r.Status(); s != "demo replay finished" {
		t.Fatalf("status %q after the end", s)
	}
}

func TestReplayPreloadsAtOnceThenPaces(t *testing.T) {
	r := NewReplay(25*time.Minute, 1) // real time after the preload
	ctx, cancel := context.WithCancel(context.Background())
	var rec recorder
	done := make(chan error, 1)
	go func() { done <- r.Run(ctx, &rec) }()
	deadline := time.Now().Add(5 * time.Second)
	for r.Position().Before(Start.Add(25*time.Minute)) && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	n := rec.count()
	if n < 10_000 {
		t.Fatalf("only %d lines preloaded", n)
	}
	// At 1x, the next half second adds at most one second of lines (6 to
	// 10 per second in the sample).
	time.Sleep(500 * time.Millisecond)
	if more := rec.count() - n; more > 25 {
		t.Fatalf("%d lines in half a second at 1x: the replay is not paced", more)
	}
	cancel()
	if err := <-done; err != context.Canceled {
		t.Fatalf("Run after cancel: %v", err)
	}
}

func TestReplayPauseStopsTheFeed(t *testing.T) {
	r := NewReplay(time.Minute, 600) // ten minutes of log per second
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var rec recorder
	done := make(chan error, 1)
	go func() { done <- r.Run(ctx, &rec) }()
	for rec.count() < 1000 {
		time.Sleep(5 * time.Millisecond)
	}
	r.Pause(true)
	time.Sleep(50 * time.Millisecond) // let the feed reach its next wait
	n := rec.count()
	pos := r.Position()
	time.Sleep(300 * time.Millisecond)
	if got := rec.count(); got != n {
		t.Fatalf("paused, yet %d more lines were fed", got-n)
	}
	if s := r.Status(); s != "demo replay paused at "+pos.UTC().Format("15:04:05") {
		t.Fatalf("status while paused: %q", s)
	}
	r.Pause(false)
	deadline := time.Now().Add(5 * time.Second)
	for rec.count() == n && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if rec.count() == n {
		t.Fatal("the replay did not resume")
	}
	cancel()
	<-done
}

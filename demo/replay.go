package demo

import (
	"bytes"
	"context"
	"fmt"
	"sync"
	"time"
)

// Sink receives the replayed lines. It has the shape of the source
// package's Sink (this package imports nothing of ours), so a stats.Live
// fits; if it also has Flush, that is called whenever the replay waits, so
// what was fed so far gets published.
type Sink interface {
	Begin(input string, seq int, first bool)
	Line(b []byte)
	End()
}

type flusher interface{ Flush() }

// Replay feeds the sample to a sink as if it were being written live, with
// event time running faster than the clock: the first minutes of the
// sample arrive at once (so rates and baselines exist from the first
// frame), the rest several times faster than real time. With the defaults,
// the 502 burst starts four seconds after the dashboard opens.
type Replay struct {
	preload time.Duration
	speed   float64

	mu          sync.Mutex
	paused      bool
	wake        chan struct{} // closed and replaced on every Pause
	pausedSince time.Time
	pausedTotal time.Duration // wall time spent paused: the schedule moves by it
	shown       time.Time     // event time of the last line fed
	finished    bool

	// now and after are the clock; tests replace them.
	now   func() time.Time
	after func(time.Duration) <-chan time.Time
}

const (
	DefaultPreload = 28 * time.Minute
	DefaultSpeed   = 30
)

// NewReplay returns a replay that feeds the first preload of the sample at
// once and the rest at speed seconds of log per second (0 for either means
// its default).
func NewReplay(preload time.Duration, speed float64) *Replay {
	if preload <= 0 {
		preload = DefaultPreload
	}
	if speed <= 0 {
		speed = DefaultSpeed
	}
	return &Replay{preload: preload, speed: speed, now: time.Now, after: time.After}
}

// Run feeds the whole sample to sink, pacing it, until the end or ctx.
// Lines are handed over one by one from this goroutine; the byte slice is
// only valid during the call, like any sink's.
func (r *Replay) Run(ctx context.Context, sink Sink) error {
	log := Log()
	fl, _ := sink.(flusher)
	sink.Begin("demo", 0, true)
	defer sink.End()

	var (
		wallStart time.Time // when the paced part started
		stamp     []byte    // the timestamp of the previous line
		at        time.Time
	)
	for len(log) > 0 {
		line := log
		if i := bytes.IndexByte(log, '\n'); i >= 0 {
			line, log = log[:i], log[i+1:]
		} else {
			log = nil
		}
		// The sample is in time order, many lines per second: parse the
		// timestamp only when it changes.
		if ts := timestamp(line); ts != nil && !bytes.Equal(ts, stamp) {
			stamp = ts
			t, err := time.Parse("02/Jan/2006:15:04:05 -0700", string(ts))
			if err != nil {
				return fmt.Errorf("demo: bad timestamp %q in the sample", ts)
			}
			at = t
			if off := at.Sub(Start); off >= r.preload {
				if wallStart.IsZero() {
					wallStart = r.now()
				}
				if fl != nil {
					fl.Flush()
				}
				if err := r.wait(ctx, wallStart, time.Duration(float64(off-r.preload)/r.speed)); err != nil {
					return err
				}
			}
			r.mu.Lock()
			r.shown = at
			r.mu.Unlock()
		}
		sink.Line(line)
	}
	if fl != nil {
		fl.Flush()
	}
	r.mu.Lock()
	r.finished = true
	r.mu.Unlock()
	return nil
}

// timestamp returns the bracketed time of a sample line, or nil.
func timestamp(line []byte) []byte {
	i := bytes.IndexByte(line, '[')
	if i < 0 {
		return nil
	}
	j := bytes.IndexByte(line[i:], ']')
	if j < 0 {
		return nil
	}
	return line[i+1 : i+j]
}

// wait sleeps until start+after (plus the time spent paused, which is not
// replay time), for as long as the replay is paused, or until ctx ends.
func (r *Replay) wait(ctx context.Context, start time.Time, after time.Duration) error {
	for {
		r.mu.Lock()
		paused, shift := r.paused, r.pausedTotal
		if r.wake == nil {
			r.wake = make(chan struct{})
		}
		wake := r.wake
		r.mu.Unlock()
		var timer <-chan time.Time
		if !paused {
			d := start.Add(after + shift).Sub(r.now())
			if d <= 0 {
				return nil
			}
			timer = r.after(d)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-wake:
		case <-timer:
		}
	}
}

// Pause stops (true) or resumes (false) the replay. It never blocks: the
// dashboard calls it from its key handler.
func (r *Replay) Pause(p bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if p == r.paused {
		return
	}
	r.paused = p
	if p {
		r.pausedSince = r.now()
	} else {
		r.pausedTotal += r.now().Sub(r.pausedSince)
	}
	if r.wake != nil {
		close(r.wake)
	}
	r.wake = make(chan struct{})
}

// Status says where the replay is, for the dashboard's header.
func (r *Replay) Status() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case r.finished:
		return "demo replay finished"
	case r.paused:
		return "demo replay paused at " + r.shown.UTC().Format("15:04:05")
	case r.shown.IsZero():
		return "demo replay starting"
	}
	return fmt.Sprintf("demo replay %s ×%g", r.shown.UTC().Format("15:04:05"), r.speed)
}

// Position is the event time of the last line fed.
func (r *Replay) Position() time.Time {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.shown
}

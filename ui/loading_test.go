package ui

import (
	"strings"
	"testing"
	"time"
)

// loadingFake plays the reading side of a dashboard whose inputs' history
// is still loading: the test sets the state and steps the redraw clock.
type loadingFake struct {
	state  LoadState
	status string
	now    time.Time
}

func (f *loadingFake) options() Options {
	o := opts5m()
	o.Loading = func() LoadState { return f.state }
	o.Status = func() string { return f.status }
	o.clock = func() time.Time { return f.now }
	return o
}

func (f *loadingFake) tick(h *harness, after time.Duration) {
	f.now = f.now.Add(after)
	h.tick(nil)
}

// header returns the second header line, where the load is told.
func header(h *harness) string { return h.lines()[1] }

// While a big file loads, the header says how much of it, how fast and how
// long yet, and the dashboard is usable: keys work, and the panes and the
// counts follow the partial snapshots. Once caught up it says following.
func TestHeaderShowsTheLoadThenFollowing(t *testing.T) {
	f := &loadingFake{state: LoadState{BytesTotal: 4_000_000_000}, now: t0}
	h := newHarness(t, incident(), 80, 24, f.options())
	if got := header(h); !strings.HasPrefix(got, "loading 0 B of 4.00 GB (0%) · 0 B/s · ") || !strings.HasSuffix(got, "window 5m") {
		t.Fatalf("first frame: %q", got)
	}
	// The speed is measured from the start, not from the first tick.
	f.state.BytesRead = 1_210_000_000
	f.tick(h, 2*time.Second)
	// 80 columns: the partial span gives way, the window stays.
	if got, want := header(h), "loading 1.21 GB of 4.00 GB (30%) · 605 MB/s · 5s left · window 5m"; got != want {
		t.Fatalf("80 columns while loading:\n got %q\nwant %q", got, want)
	}
	h.mustNotShow("following")

	// Keys work while loading: the window changes, pause shows.
	h.keys("w")
	f.tick(h, 250*time.Millisecond)
	if got := header(h); !strings.Contains(got, "window 15m") || !strings.HasPrefix(got, "loading ") {
		t.Fatalf("after w while loading: %q", got)
	}
	h.keys("w")
	h.keys("w")
	h.keys("w")
	h.keys("w") // back to 5m
	// Partial numbers: a newer snapshot shows at once.
	more := *incident()
	more.Lines = 30_000
	h.tick(&more)
	h.mustShow("30,000 lines")

	// Wider: the span fits beside the load, and an input problem the
	// reading side reports is shown after it.
	f.status = "1 input problem(s), listed on exit"
	h.resize(160, 40)
	f.tick(h, 250*time.Millisecond)
	if got := header(h); !strings.HasPrefix(got, "loading 1.21 GB of 4.00 GB (30%) · ") ||
		!strings.Contains(got, " · 14:00:00 → 14:33:00 UTC (33m00s) · window 5m · 1 input problem(s), listed on exit") {
		t.Fatalf("160 columns while loading: %q", got)
	}

	// Caught up: the reading side says following, the load is gone.
	f.state.BytesRead, f.state.Done = 4_000_000_000, true
	f.status = "following"
	f.tick(h, 250*time.Millisecond)
	if got, want := header(h), "14:00:00 → 14:33:00 UTC (33m00s) · window 5m · following"; got != want {
		t.Fatalf("after the load:\n got %q\nwant %q", got, want)
	}
	h.mustNotShow("loading")

	// A time range reads the file again: loading from the start, and the
	// speed measured afresh (not from the bytes of the last read).
	f.state = LoadState{BytesTotal: 4_000_000_000}
	f.status = ""
	f.tick(h, time.Second)
	f.state.BytesRead = 100_000_000
	f.tick(h, time.Second)
	if got := header(h); !strings.HasPrefix(got, "loading 100 MB of 4.00 GB (2%) · 100 MB/s · 39s left · ") {
		t.Fatalf("loading again: %q", got)
	}
}

// An archive's bytes are compressed bytes, and say so; standard input has
// no size: no share and no time left, only what was read and how fast.
func TestHeaderLoadOfArchivesAndStdin(t *testing.T) {
	f := &loadingFake{state: LoadState{BytesTotal: 200_000_000, Compressed: true}, now: t0}
	h := newHarness(t, incident(), 120, 40, f.options())
	f.tick(h, 0)
	f.state.BytesRead = 50_000_000
	f.tick(h, time.Second)
	if got := header(h); !strings.HasPrefix(got, "loading 50.0 MB of 200 MB compressed (25%) · 50.0 MB/s · 3s left · ") {
		t.Fatalf("archive: %q", got)
	}

	f = &loadingFake{state: LoadState{BytesTotal: 0, Unsized: true}, now: t0}
	h = newHarness(t, incident(), 120, 40, f.options())
	f.tick(h, 0)
	f.state.BytesRead = 999
	f.tick(h, 500*time.Millisecond)
	if got := header(h); !strings.HasPrefix(got, "loading 999 B · 2.00 kB/s · ") || strings.Contains(got, "left") {
		t.Fatalf("stdin: %q", got)
	}
}

// Without a Loading callback (the demo) nothing is said about loading.
func TestHeaderWithoutLoading(t *testing.T) {
	o := opts5m()
	o.Status = func() string { return "following" }
	h := newHarness(t, incident(), 80, 24, o)
	h.tick(nil)
	if got := header(h); strings.Contains(got, "loading") || !strings.HasSuffix(got, "window 5m · following") {
		t.Fatalf("header: %q", got)
	}
}

// Paused, the header holds still: lines/s keeps the rate it had, instead of
// falling as if the log had gone quiet. After the pause, the rate spans it.
func TestPauseHoldsTheLineRate(t *testing.T) {
	f := &loadingFake{now: t0}
	o := opts5m()
	o.clock = func() time.Time { return f.now }
	snap := *incident()
	snap.Lines = 10_000
	h := newHarness(t, &snap, 120, 30, o)
	for i := 1; i <= 4; i++ {
		f.now = f.now.Add(time.Second)
		next := snap
		next.Lines = 10_000 + int64(i)*500
		h.tick(&next)
	}
	h.mustShow("500/s")
	h.keys("p")
	for i := 0; i < 20; i++ {
		f.now = f.now.Add(250 * time.Millisecond)
		h.tick(nil)
	}
	h.mustShow("PAUSED")
	h.mustShow("500/s")
}

// Lines read from the history are no traffic: lines/s stays 0 while a load
// (or the read again for a time range) goes on, and counts what arrives
// after it.
func TestLineRateCountsFromTheEndOfTheLoad(t *testing.T) {
	f := &loadingFake{state: LoadState{BytesTotal: 4_000_000_000}, now: t0}
	snap := *incident()
	snap.Lines = 0
	h := newHarness(t, &snap, 120, 30, f.options())
	for i := 1; i <= 4; i++ {
		f.now = f.now.Add(time.Second)
		next := snap
		next.Lines = int64(i) * 1_000_000
		f.state.BytesRead = int64(i) * 1_000_000_000
		h.tick(&next)
	}
	if got := h.lines()[0]; !strings.Contains(got, " 0/s") {
		t.Errorf("while loading: %q; want 0/s", got)
	}
	f.state.Done = true
	for i := 1; i <= 4; i++ {
		f.now = f.now.Add(time.Second)
		next := snap
		next.Lines = 4_000_000 + int64(i)*500
		h.tick(&next)
	}
	if got := h.lines()[0]; !strings.Contains(got, " 500/s") {
		t.Errorf("after the load: %q; want 500/s", got)
	}
}

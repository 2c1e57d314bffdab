package main

import (
	"context"
	"io"
	"runtime/debug"
	"sync/atomic"
	"testing"
	"time"
)

// A batch read turns the collector off while it reads; afterwards the
// process must collect as before (a dashboard or exporter runs for days).
func TestBatchReadRestoresTheCollector(t *testing.T) {
	usualGC(t)
	limit := debug.SetMemoryLimit(-1)
	if err := run(context.Background(), []string{"--report", "json", "testdata/logs/nasa_jul95_slice_common.log"}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GC percent after a batch read = %d, want 100", got)
	}
	if got := debug.SetMemoryLimit(-1); got != limit {
		t.Errorf("memory limit after a batch read = %d, want %d", got, limit)
	}
}

// Inside the read the collector is off, with the limit as a safety net.
func TestPauseGC(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	resume := pauseGC()
	percent := debug.SetGCPercent(-1)
	limit := debug.SetMemoryLimit(-1)
	resume()
	if percent != -1 || limit != batchGCLimit {
		t.Errorf("during a read: GC percent %d, limit %d; want -1, %d", percent, limit, batchGCLimit)
	}
	t.Setenv("GOGC", "50")
	before := debug.SetGCPercent(80)
	pauseGC()()
	if got := debug.SetGCPercent(before); got != 80 {
		t.Errorf("with GOGC set by the user, pauseGC changed the GC percent to %d", got)
	}
}

// Overlapping reads (tests run them in parallel) must leave the collector
// as it was when the last one ends, in whichever order they end.
func TestPauseGCNests(t *testing.T) {
	usualGC(t)
	a := pauseGC()
	b := pauseGC()
	a()
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Errorf("with one read still under way the GC percent is %d, want -1", got)
	}
	b()
	b() // a second call changes nothing
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("after both reads the GC percent is %d, want 100", got)
	}
}

// The watch falls back once the heap passes its mark, and not before.
func TestWatchHeapFallsBack(t *testing.T) {
	var heap atomic.Uint64
	heap.Store(10)
	fell := make(chan struct{})
	stop := make(chan struct{})
	defer close(stop)
	go watchHeap(stop, time.Millisecond, heap.Load, 100, func() { close(fell) })
	select {
	case <-fell:
		t.Fatal("fell back with the heap under its mark")
	case <-time.After(20 * time.Millisecond):
	}
	heap.Store(101)
	select {
	case <-fell:
	case <-time.After(5 * time.Second):
		t.Fatal("no fallback with the heap over its mark")
	}
}

// The fallback restores the collector during the pause, and the end of the
// pause leaves it so.
func TestRestoreGCDuringPause(t *testing.T) {
	usualGC(t)
	resume := pauseGC()
	restoreGC()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("after the fallback the GC percent is %d, want 100", got)
	}
	resume()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("after the pause the GC percent is %d, want 100", got)
	}
	if liveHeap() == 0 {
		t.Error("liveHeap reads 0: the runtime metric is missing")
	}
}

// usualGC starts a test with the collector at its defaults and no user
// setting in the environment, and puts the GC percent back afterwards.
func usualGC(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	before := debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetGCPercent(before) })
}

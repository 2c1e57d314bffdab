package main

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"time"
)

// batchGCLimit is the heap size at which the collector runs during a batch
// read. The counting tables are bounded (a few tens of megabytes even with
// millions of distinct paths), so a read rarely reaches it.
const batchGCLimit = 256 << 20

// gcPause counts the batch reads under way (tests run several at once),
// so that the first turns the collector off and the last turns it back on.
var gcPause pausedGC

type pausedGC struct {
	sync.Mutex
	depth          int
	percent, limit int64         // the settings before the pause
	stop           chan struct{} // ends the watch of the heap
}

// putBack restores the settings from before the pause; p is locked.
func (p *pausedGC) putBack() {
	debug.SetGCPercent(int(p.percent))
	debug.SetMemoryLimit(p.limit)
}

// pauseGC turns the collector off for a batch read, up to batchGCLimit,
// and returns the function that turns it back on. The hot path allocates
// nothing per line: what a read allocates is the tables as they grow.
// Collecting while they grow frees little, and on a virtual machine the
// pages the runtime returns and faults back in cost more than the
// collection itself: about a fifth of the CPU time of a 100 MB read. A
// user's own GOGC or GOMEMLIMIT is left alone.
//
// Should the tables outgrow half the limit (months of errors keep their
// attribution minute by minute), collecting at the limit would run the
// collector over and over: the usual setting comes back at once instead.
func pauseGC() (resume func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	gcPause.Lock()
	defer gcPause.Unlock()
	if gcPause.depth == 0 {
		gcPause.percent = int64(debug.SetGCPercent(-1))
		gcPause.limit = debug.SetMemoryLimit(batchGCLimit)
		gcPause.stop = make(chan struct{})
		go watchHeap(gcPause.stop, 50*time.Millisecond, liveHeap, batchGCLimit/2, restoreGC)
	}
	gcPause.depth++
	var once sync.Once
	return func() {
		once.Do(func() {
			gcPause.Lock()
			defer gcPause.Unlock()
			if gcPause.depth--; gcPause.depth == 0 {
				close(gcPause.stop)
				gcPause.putBack()
			}
		})
	}
}

// restoreGC puts the collector back as it was before the pause, while the
// pause lasts.
func restoreGC() {
	gcPause.Lock()
	defer gcPause.Unlock()
	if gcPause.depth > 0 {
		gcPause.putBack()
	}
}

// watchHeap calls fallback once, the first time live() passes max, looking
// every interval until stop closes.
func watchHeap(stop <-chan struct{}, interval time.Duration, live func() uint64, max uint64, fallback func()) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			if live() > max {
				fallback()
				return
			}
		}
	}
}

// liveHeap is the heap in use: what the tables hold, plus whatever garbage
// has not been collected, which is what counts against the limit.
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

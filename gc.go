package main

import (
	"os"
	"runtime/debug"
	"sync"
)

// batchGCLimit is the heap size at which the collector runs during a batch
// read. The counting tables are bounded (a few tens of megabytes even with
// millions of distinct paths), so a read rarely reaches it.
const batchGCLimit = 256 << 20

// gcPause counts the batch reads under way (tests run several at once),
// so that the first turns the collector off and the last turns it back on.
var gcPause struct {
	sync.Mutex
	depth          int
	percent, limit int64
}

// pauseGC turns the collector off for a batch read, up to batchGCLimit,
// and returns the function that turns it back on. The hot path allocates
// nothing per line: what a read allocates is the tables as they grow.
// Collecting while they grow frees little, and on a virtual machine the
// pages the runtime returns and faults back in cost more than the
// collection itself: about a fifth of the CPU time of a 100 MB read. A
// user's own GOGC or GOMEMLIMIT is left alone.
func pauseGC() (resume func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	gcPause.Lock()
	defer gcPause.Unlock()
	if gcPause.depth == 0 {
		gcPause.percent = int64(debug.SetGCPercent(-1))
		gcPause.limit = debug.SetMemoryLimit(batchGCLimit)
	}
	gcPause.depth++
	var once sync.Once
	return func() {
		once.Do(func() {
			gcPause.Lock()
			defer gcPause.Unlock()
			if gcPause.depth--; gcPause.depth == 0 {
				debug.SetGCPercent(int(gcPause.percent))
				debug.SetMemoryLimit(gcPause.limit)
			}
		})
	}
}

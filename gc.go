package main

import (
	"os"
	"runtime/debug"
)

// batchGCLimit is the heap size at which the collector runs during a batch
// read. The counting tables are bounded (a few tens of megabytes even with
// millions of distinct paths), so a read rarely reaches it.
const batchGCLimit = 256 << 20

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
	percent := debug.SetGCPercent(-1)
	limit := debug.SetMemoryLimit(batchGCLimit)
	return func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
}

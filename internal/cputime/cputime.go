// Package cputime reads the CPU time the process has used, for benchmarks
// on machines shared with other work: there the wall time of an operation
// depends on how often the scheduler lets it run, while the CPU time it
// takes mostly does not, so two versions timed in turns compare fairly.
package cputime

import "time"

// Process returns the user plus system CPU time of the whole process (every
// thread, the garbage collector's too), or 0 where it cannot be read.
func Process() time.Duration { return process() }

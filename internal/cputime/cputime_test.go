package cputime

import (
	"testing"
	"time"
)

func TestProcessCountsWork(t *testing.T) {
	before := Process()
	if before == 0 {
		t.Skip("CPU time cannot be read on this system")
	}
	// Spin until the process has used at least 20 ms more.
	deadline := time.Now().Add(10 * time.Second)
	x := 1
	for Process()-before < 20*time.Millisecond {
		for i := 0; i < 1e6; i++ {
			x = x*31 + i
		}
		if time.Now().After(deadline) {
			t.Fatalf("10 s of spinning did not add 20 ms of CPU time (from %v to %v)", before, Process())
		}
	}
	if x == 0 {
		t.Log(x) // keeps the loop from being optimised away
	}
}

//go:build race

package stats

// raceEnabled: the race detector slows every memory access about tenfold,
// so the longest single-goroutine tests scale down under it.
const raceEnabled = true

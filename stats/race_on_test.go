//go:build race

package stats

// raceDetector is true under -race, which makes sync.Pool (and with it the
// regexp package's machine cache) drop items at random, so allocation
// counts there say nothing about normal builds.
const raceDetector = true

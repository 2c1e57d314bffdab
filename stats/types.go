package stats

import "time"

// Spike is a burst of one kind of response far above its own recent
// baseline: a class ("5xx"), or a single code ("429", "502").
type Spike struct {
	Kind       string
	Start, End time.Time // End is the last minute above baseline; zero while active
	Active     bool
	Count      int64 // responses of this kind between Start and End
	// Rates per minute: the baseline before the spike and the worst minute.
	BaselinePerMin, PeakPerMin float64
	TopPaths                   []string    // the paths that carry it, heaviest first
	TopClients                 []string    // the client addresses that carry it
	TopCodes                   []CodeCount // for a class spike, its dominant codes
}

// Quantiles summarises a latency distribution; zero Count means the log had
// no request times.
type Quantiles struct {
	Count         int64
	P50, P90, P99 time.Duration
}

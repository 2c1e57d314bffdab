package stats

// LatencyBounds are the upper bounds, in seconds, of the buckets of
// Snapshot.LatencyHist: the usual web latencies from 5 ms to a minute.
// Exporters need fixed buckets (a Prometheus histogram is summed across
// hosts bucket by bucket); the sketch keeps far finer ones, so these are
// read from it, never kept per line.
var LatencyBounds = []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60}

// Histogram is a latency distribution in the buckets of LatencyBounds.
type Histogram struct {
	Count uint64
	// Sum is the total of the values in seconds, taken at the middle of
	// each sketch bucket, so within SketchRelativeError of the exact sum.
	Sum float64
	// Cumulative[i] counts the values at most LatencyBounds[i] (a value is
	// placed by the middle of its sketch bucket); values above the last
	// bound count only in Count.
	Cumulative []uint64
}

// histogram reads the sketch into the fixed buckets of bounds (seconds,
// ascending).
func (s *sketch) histogram(bounds []float64) Histogram {
	h := Histogram{Cumulative: make([]uint64, len(bounds))}
	if s.n == 0 {
		return h
	}
	b := 0
	for i, c := range s.counts {
		if c == 0 {
			continue
		}
		lo, hi := bucketBounds(s.lo + i)
		mid := lo + (hi-lo-1)/2
		if mid > s.max {
			mid = s.max
		}
		sec := float64(mid) / 1e6
		h.Count += uint64(c)
		h.Sum += float64(c) * sec
		for b < len(bounds) && sec > bounds[b] {
			b++
		}
		if b < len(bounds) {
			h.Cumulative[b] += uint64(c)
		}
	}
	for i := 1; i < len(h.Cumulative); i++ {
		h.Cumulative[i] += h.Cumulative[i-1]
	}
	return h
}

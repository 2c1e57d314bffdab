package stats

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestSketchHistogram(t *testing.T) {
	var s sketch
	add := func(n int, us int64) {
		for range n {
			s.add(us)
		}
	}
	add(1000, 3_000)    // 3 ms
	add(100, 200_000)   // 200 ms
	add(10, 2_000_000)  // 2 s
	add(1, 120_000_000) // 2 min: above every bound
	add(5, 7)           // 7 µs, kept exactly
	h := s.histogram(LatencyBounds)
	want := map[float64]uint64{0.005: 1005, 0.01: 1005, 0.1: 1005, 0.25: 1105, 1: 1105, 2.5: 1115, 60: 1115}
	for i, b := range LatencyBounds {
		if w, ok := want[b]; ok && h.Cumulative[i] != w {
			t.Errorf("le=%g: %d, want %d", b, h.Cumulative[i], w)
		}
	}
	if h.Count != 1116 {
		t.Errorf("count %d, want 1116", h.Count)
	}
	exact := 1000*0.003 + 100*0.2 + 10*2.0 + 120 + 5*7e-6
	if math.Abs(h.Sum-exact)/exact > SketchRelativeError {
		t.Errorf("sum %g, want %g within %g", h.Sum, exact, SketchRelativeError)
	}
}

// TestSketchHistogramMatchesExactCounts: for values not within the
// sketch's precision of a bound, every cumulative bucket is exact.
func TestSketchHistogramMatchesExactCounts(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var s sketch
	exact := make([]uint64, len(LatencyBounds))
	var n uint64
	for n < 100000 {
		us := int64(math.Exp(r.Float64() * math.Log(90e6))) // 1 µs .. 90 s, log-uniform
		sec := float64(us) / 1e6
		near := false
		for _, b := range LatencyBounds {
			if math.Abs(sec-b)/b < 0.05 {
				near = true
			}
		}
		if near {
			continue
		}
		s.add(us)
		n++
		for i, b := range LatencyBounds {
			if sec <= b {
				exact[i]++
			}
		}
	}
	h := s.histogram(LatencyBounds)
	for i := range exact {
		if h.Cumulative[i] != exact[i] {
			t.Errorf("le=%g: %d, want %d", LatencyBounds[i], h.Cumulative[i], exact[i])
		}
	}
	if h.Count != n {
		t.Errorf("count %d, want %d", h.Count, n)
	}
}

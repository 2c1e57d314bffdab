package stats

import (
	"math"
	"math/rand"
	"sort"
	"testing"
	"time"

	"github.com/codetop/codetop/parser"
)

func TestBucketsCoverValuesInOrder(t *testing.T) {
	prev := -1
	for _, v := range []int64{0, 1, 31, 32, 33, 63, 64, 65, 1000, 1 << 20, 1<<40 + 12345} {
		i := bucketOf(v)
		lo, hi := bucketBounds(i)
		if v < lo || v >= hi {
			t.Errorf("value %d in bucket %d = [%d,%d)", v, i, lo, hi)
		}
		if i < prev {
			t.Errorf("bucket of %d (%d) before the previous value's (%d)", v, i, prev)
		}
		// Below 2^subBits every integer has its own bucket (exact).
		if i >= 1<<subBits && float64(hi-lo)/float64(lo) > 1.0/(1<<subBits)+1e-12 {
			t.Errorf("bucket %d [%d,%d) wider than 1/%d of its lower bound", i, lo, hi, 1<<subBits)
		}
		prev = i
	}
}

// Quantiles from the sketch stay within SketchRelativeError of the exact
// nearest-rank quantiles, for a heavy-tailed distribution over six decades.
func TestSketchQuantilesWithinRelativeError(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	var s sketch
	vals := make([]int64, 200_000)
	for i := range vals {
		v := int64(math.Exp(rng.NormFloat64()*2 + 9)) // median ~8ms, long tail
		vals[i] = v
		s.add(v)
	}
	sort.Slice(vals, func(i, j int) bool { return vals[i] < vals[j] })
	exact := func(p float64) time.Duration {
		return time.Duration(vals[int(math.Ceil(p*float64(len(vals))))-1]) * time.Microsecond
	}
	q := s.quantiles()
	for _, c := range []struct {
		p   float64
		got time.Duration
	}{{0.5, q.P50}, {0.9, q.P90}, {0.99, q.P99}} {
		want := exact(c.p)
		if rel := math.Abs(float64(c.got-want)) / float64(want); rel > SketchRelativeError {
			t.Errorf("p%v = %v, exact %v: relative error %.4f over %.2f", c.p*100, c.got, want, rel, SketchRelativeError)
		}
	}
	if q.Count != int64(len(vals)) || q.Max != time.Duration(vals[len(vals)-1])*time.Microsecond {
		t.Errorf("count %d max %v, want %d and %v", q.Count, q.Max, len(vals), time.Duration(vals[len(vals)-1])*time.Microsecond)
	}
}

func TestSketchMergeEqualsOneSketch(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	var all, a, b sketch
	for i := 0; i < 50_000; i++ {
		v := int64(rng.ExpFloat64() * 20000)
		if i%1000 < 300 {
			v *= 100 // b's values reach further: merge must widen a's range
		}
		all.add(v)
		if i%3 == 0 {
			a.add(v)
		} else {
			b.add(v)
		}
	}
	a.merge(&b)
	if a.quantiles() != all.quantiles() {
		t.Errorf("merged %+v, one sketch %+v", a.quantiles(), all.quantiles())
	}
	// Bucket by bucket, too.
	for v := int64(0); v < 5_000_000; v = v*5/4 + 1 {
		i := bucketOf(v)
		get := func(s *sketch) uint32 {
			if i < s.lo || i >= s.lo+len(s.counts) {
				return 0
			}
			return s.counts[i-s.lo]
		}
		if get(&a) != get(&all) {
			t.Fatalf("bucket %d: merged %d, one sketch %d", i, get(&a), get(&all))
		}
	}
}

func TestSketchEmptyAndReset(t *testing.T) {
	var s sketch
	if q := s.quantiles(); q != (Quantiles{}) {
		t.Errorf("empty sketch: %+v", q)
	}
	s.add(5000)
	s.reset()
	s.add(7)
	if q := s.quantiles(); q.Count != 1 || q.P50 != 7*time.Microsecond || q.P99 != 7*time.Microsecond {
		t.Errorf("after reset and one value of 7µs: %+v", q)
	}
}

// A line can claim any request time the parser accepts: twelve digits of
// seconds is over 30,000 years, and a Duration ends at 292. The latency
// shown saturates at the longest Duration instead of wrapping around to a
// negative one. (Two of the three times are absurd, so p50 is one.)
func TestAbsurdRequestTimeSaturates(t *testing.T) {
	f, err := parser.Compile("combined")
	if err != nil {
		t.Fatal(err)
	}
	w := NewWorker(f.NewParser(), New(Config{}))
	w.Begin("access.log", 0, true)
	for _, rt := range []string{"0.250", "9999999999", "999999999999.999"} {
		w.Line([]byte(`192.0.2.1 - - [21/Nov/2026:10:00:00 +0000] "GET /slow HTTP/1.1" 200 1 "-" "x" rt=` + rt))
	}
	w.End()
	s := w.Agg.Snapshot()
	if s.Parsed != 3 {
		t.Fatalf("parsed %d lines, want 3", s.Parsed)
	}
	all := s.LatencyAll
	for name, d := range map[string]time.Duration{"p50": all.P50, "p90": all.P90, "p99": all.P99, "max": all.Max} {
		if d < 200*365*24*time.Hour {
			t.Errorf("%s = %v: wrapped around, want two centuries or more", name, d)
		}
	}
	if all.Max != math.MaxInt64 {
		t.Errorf("max = %v, want the longest Duration", all.Max)
	}
}

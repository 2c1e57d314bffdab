package stats

import (
	"math"
	"math/bits"
	"time"
)

// sketch is a log-bucketed histogram of durations in microseconds, in the
// spirit of HDR histograms: a value v >= 2^subBits falls in one of 2^subBits
// equal sub-buckets of its power of two, so a bucket is at most 1/2^subBits
// of its lower bound wide and its midpoint is within half that of any value
// in it. Values below 2^subBits are kept exactly. Indexing costs a few
// integer operations (no logarithm), and two sketches merge by adding
// buckets, so merged workers give exactly the histogram one worker would.
//
// Buckets are stored densely between the lowest and highest index seen:
// latencies of one path span a few powers of ten, a few hundred buckets.
type sketch struct {
	lo     int      // index of counts[0]
	counts []uint32 // saturating; 4 billion values per bucket is plenty
	n      int64
	max    int64
	// saturated is set once a bucket stopped counting at its limit; the
	// quantiles then rank over the bucket sums instead of n.
	saturated bool
}

// subBits sets the precision: 32 sub-buckets per power of two bound the
// relative error of a quantile by 1/64 (under SketchRelativeError).
const subBits = 5

// bucketOf maps a value to its bucket index (monotonic in v).
func bucketOf(v int64) int {
	if v < 1<<subBits {
		if v < 0 {
			return 0
		}
		return int(v)
	}
	e := bits.Len64(uint64(v)) - 1 // 2^e <= v < 2^(e+1), e >= subBits
	shift := e - subBits
	return (shift+1)<<subBits + int(v>>shift) - 1<<subBits
}

// bucketBounds returns the range [lo, hi) of values in bucket i.
func bucketBounds(i int) (lo, hi int64) {
	if i < 1<<subBits {
		return int64(i), int64(i) + 1
	}
	shift := i>>subBits - 1
	mant := int64(i&(1<<subBits-1)) + 1<<subBits
	return mant << shift, (mant + 1) << shift
}

func (s *sketch) add(v int64) {
	i := bucketOf(v)
	switch {
	case len(s.counts) == 0:
		s.lo = i
		if cap(s.counts) == 0 {
			// Room for a few neighbours: a path's latencies rarely
			// stay in one bucket.
			s.counts = make([]uint32, 1, 16)
		} else {
			s.counts = append(s.counts[:0], 0)
		}
	case i < s.lo:
		s.grow(i, s.lo+len(s.counts)-1)
	case i >= s.lo+len(s.counts):
		s.grow(s.lo, i)
	}
	if c := &s.counts[i-s.lo]; *c != math.MaxUint32 {
		*c++
	} else {
		s.saturated = true
	}
	s.n++
	if v > s.max {
		s.max = v
	}
}

// grow makes counts cover indexes lo..hi, keeping what it holds. Growing
// happens while a sketch learns its range; steady traffic does not grow it.
func (s *sketch) grow(lo, hi int) {
	// Leave some room on the side that grew, so a slowly widening range
	// does not reallocate every time.
	if lo < s.lo {
		lo = max(0, lo-8)
	}
	if hi >= s.lo+len(s.counts) {
		hi += 8
	}
	need := hi - lo + 1
	var nc []uint32
	if cap(s.counts) >= need {
		// Reuse the backing array (a row recycled by the path table).
		nc = s.counts[:need]
		off := s.lo - lo
		copy(nc[off:off+len(s.counts)], s.counts)
		clear(nc[:off])
		clear(nc[off+len(s.counts):])
	} else {
		// At least double, so that a row recycled for paths of ever wider
		// ranges reallocates a few times in its life, not once per path.
		nc = make([]uint32, need, max(need, 2*cap(s.counts)))
		copy(nc[s.lo-lo:], s.counts)
	}
	s.counts, s.lo = nc, lo
}

func (s *sketch) reset() {
	s.counts = s.counts[:0]
	s.lo, s.n, s.max, s.saturated = 0, 0, 0, false
}

// merge adds b's values to s.
func (s *sketch) merge(b *sketch) {
	if b.n == 0 {
		return
	}
	bhi := b.lo + len(b.counts) - 1
	if len(s.counts) == 0 {
		s.lo = b.lo
		s.counts = append(s.counts[:0], make([]uint32, len(b.counts))...)
	} else if b.lo < s.lo || bhi >= s.lo+len(s.counts) {
		s.grow(min(s.lo, b.lo), max(s.lo+len(s.counts)-1, bhi))
	}
	for i, c := range b.counts {
		d := &s.counts[b.lo+i-s.lo]
		if sum := uint64(*d) + uint64(c); sum > math.MaxUint32 {
			*d = math.MaxUint32
			s.saturated = true
		} else {
			*d = uint32(sum)
		}
	}
	s.n += b.n
	s.max = max(s.max, b.max)
	s.saturated = s.saturated || b.saturated
}

// quantiles reads p50, p90 and p99 in one pass over the buckets.
func (s *sketch) quantiles() Quantiles {
	q := Quantiles{Count: s.n, Max: micros(s.max)}
	if s.n == 0 {
		return q
	}
	total := uint64(s.n)
	if s.saturated {
		total = 0
		for _, c := range s.counts {
			total += uint64(c)
		}
	}
	// Nearest rank: the p-quantile is the value of rank ceil(p*n).
	ranks := [3]uint64{(total*50 + 99) / 100, (total*90 + 99) / 100, (total*99 + 99) / 100}
	var out [3]time.Duration
	k := 0
	var run uint64
	for i, c := range s.counts {
		run += uint64(c)
		for k < len(ranks) && run >= ranks[k] {
			lo, hi := bucketBounds(s.lo + i)
			v := min(lo+(hi-lo-1)/2, s.max)
			out[k] = micros(v)
			k++
		}
		if k == len(ranks) {
			break
		}
	}
	q.P50, q.P90, q.P99 = out[0], out[1], out[2]
	return q
}

// micros converts microseconds to a Duration, saturating at the longest
// one. A log line can claim a request took centuries (rt=9999999999), and
// beyond about 292 years the product would wrap around to a negative
// latency in every report.
func micros(v int64) time.Duration {
	if v > math.MaxInt64/int64(time.Microsecond) {
		return math.MaxInt64
	}
	return time.Duration(v) * time.Microsecond
}

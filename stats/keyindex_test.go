package stats

import (
	"bytes"
	"cmp"
	"fmt"
	"math/rand"
	"slices"
	"testing"
	"unsafe"
)

// The index is checked against a map under heavy collisions: the test
// picks the hashes itself, so that runs of slots cross the end of the table
// and removals have slots to move back.
func TestKeyIndexAgainstMap(t *testing.T) {
	for _, spread := range []uint64{1, 5, 1 << 40} {
		t.Run(fmt.Sprint("spread=", spread), func(t *testing.T) {
			rng := rand.New(rand.NewSource(int64(spread)))
			hashOf := func(k int) uint64 {
				// Homes bunched at the end of the table wrap around.
				return uint64(60) + uint64(k)%spread*0x9e3779b97f4a7c15
			}
			// A path table's own lookup over rows this test manages.
			var p paths
			x := &p.index
			x.reset(0)
			where := map[int]int32{} // key -> row
			var free []int32
			for step := 0; step < 20000; step++ {
				k := rng.Intn(300)
				key := []byte(fmt.Sprint("/k/", k))
				row, slot := p.find(hashOf(k), key)
				want, ok := where[k]
				if ok != (row >= 0) || ok && row != want {
					t.Fatalf("step %d: find(%d) = %d, want %d (present %v)", step, k, row, want, ok)
				}
				switch {
				case !ok && len(where) < 200:
					var r int32
					if len(free) > 0 {
						r, free = free[len(free)-1], free[:len(free)-1]
						p.rows[r].setKey(key)
					} else {
						r = int32(len(p.rows))
						p.rows = append(p.rows, pathRow{})
						p.rows[r].setKey(key)
					}
					x.put(slot, hashOf(k), r)
					where[k] = r
				case ok && rng.Intn(2) == 0:
					x.remove(hashOf(k), row)
					p.rows[row].setKey([]byte("/removed"))
					free = append(free, row)
					delete(where, k)
				}
				if x.n != len(where) || 2*x.n > len(x.slots) {
					t.Fatalf("step %d: %d slots used of %d, want %d and at most half", step, x.n, len(x.slots), len(where))
				}
			}
			for k := 0; k < 300; k++ {
				row, _ := p.find(hashOf(k), []byte(fmt.Sprint("/k/", k)))
				if want, ok := where[k]; ok != (row >= 0) || ok && row != want {
					t.Errorf("find(%d) = %d, want %d (present %v)", k, row, want, ok)
				}
			}
		})
	}
}

// refSpaceSaving is Space-Saving written the slow, obvious way: a linear
// scan for the smallest estimate (the lowest row among equals), to check
// that the indexed table with its lazy heap recycles exactly the same rows.
// Its doorkeeper is a set of the bit positions the table's bitmap uses.
type refSpaceSaving struct {
	max   int
	rows  []refRow
	other int64
	met   map[uint64]bool
}

type refRow struct {
	path            string
	total, err, est int64
}

func (s *refSpaceSaving) add(path string) {
	for i := range s.rows {
		if s.rows[i].path == path {
			s.rows[i].total++
			s.rows[i].est++
			return
		}
	}
	if len(s.rows) < s.max {
		s.rows = append(s.rows, refRow{path, 1, 0, 1})
		return
	}
	if bit := hashKey([]byte(path)) >> (64 - seenBits); !s.met[bit] {
		if s.met == nil {
			s.met = map[uint64]bool{}
		}
		s.met[bit] = true
		s.other++
		return
	}
	m := 0
	for i := range s.rows {
		if s.rows[i].est < s.rows[m].est {
			m = i
		}
	}
	s.other += s.rows[m].total
	s.met[hashKey([]byte(s.rows[m].path))>>(64-seenBits)] = true
	s.rows[m] = refRow{path, 1, s.rows[m].est, s.rows[m].est + 1}
}

func TestSpaceSavingMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	ids := rand.NewZipf(rng, 1.2, 1, 5000)
	var p paths
	p.init(100)
	ref := &refSpaceSaving{max: 100}
	for i := 0; i < 200_000; i++ {
		path := fmt.Sprint("/item/", ids.Uint64())
		p.add([]byte(path), 200, -1)
		ref.add(path)
		if i%997 != 0 && i != 199_999 {
			continue
		}
		if len(p.rows) != len(ref.rows) || p.other.total != ref.other {
			t.Fatalf("after %d: %d rows, other %d; want %d rows, other %d", i+1, len(p.rows), p.other.total, len(ref.rows), ref.other)
		}
		for j, r := range ref.rows {
			got := &p.rows[j]
			if got.path() != r.path || got.total != r.total || got.err != r.err || got.est() != r.est {
				t.Fatalf("after %d, row %d: %s total %d err %d est %d; want %s %d %d %d",
					i+1, j, got.path(), got.total, got.err, got.est(), r.path, r.total, r.err, r.est)
			}
		}
	}
	if ref.other == 0 {
		t.Fatal("no row was ever recycled: the test did not exercise eviction")
	}
}

// A merge over the cap keeps the rows of the largest estimates, ties going
// to the smaller path, whatever order the rows come in and whichever table
// holds them: checked against a full sort, with estimates from a small
// range so that ties abound.
func TestMergeKeepsLargestEstimatesThenSmallestPaths(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	for round := 0; round < 200; round++ {
		var rows []pathRow
		n := 20 + rng.Intn(300)
		seen := map[string]bool{}
		for len(rows) < n {
			path := fmt.Sprint("/p/", rng.Intn(1_000_000))
			if seen[path] {
				continue
			}
			seen[path] = true
			est := int64(1 + rng.Intn(6))
			rows = append(rows, pathRow{total: est, hash: hashKey([]byte(path))})
			rows[len(rows)-1].setKey([]byte(path))
		}
		want := append([]pathRow(nil), rows...)
		slices.SortFunc(want, func(x, y pathRow) int {
			if x.est() != y.est() {
				return cmp.Compare(y.est(), x.est())
			}
			return bytes.Compare(x.key(), y.key())
		})
		max := 1 + rng.Intn(n-1)
		var a, b paths
		a.init(max)
		b.init(max)
		for _, r := range rows {
			into := &b
			if len(a.rows) < max && (len(b.rows) == max || rng.Intn(2) == 0) {
				into = &a
			}
			into.rows = append(into.rows, r)
		}
		for _, x := range []*paths{&a, &b} {
			x.index.reset(len(x.rows))
			for i := range x.rows {
				x.index.add(x.rows[i].hash, int32(i))
			}
		}
		a.merge(&b)
		wantKeys := map[string]bool{}
		var cut int64
		for i, r := range want {
			if i < max {
				wantKeys[string(r.key())] = true
			} else {
				cut += r.total
			}
		}
		if len(a.rows) != max {
			t.Fatalf("round %d: kept %d rows, want %d", round, len(a.rows), max)
		}
		for i := range a.rows {
			r := &a.rows[i]
			if !wantKeys[string(r.key())] {
				t.Fatalf("round %d: kept %s (est %d), which a sort by estimate then path leaves out", round, r.key(), r.est())
			}
			if row, _ := a.find(r.hash, r.key()); row != int32(i) {
				t.Fatalf("round %d: %s is row %d, the index says %d", round, r.key(), i, row)
			}
		}
		if a.other.total != cut {
			t.Fatalf("round %d: other got %d, want the %d of the rows cut", round, a.other.total, cut)
		}
	}
}

// nthLargest agrees with sorting, with and without repeated values.
func TestNthLargest(t *testing.T) {
	rng := rand.New(rand.NewSource(9))
	for round := 0; round < 500; round++ {
		v := make([]int64, 1+rng.Intn(200))
		spread := 1 + rng.Intn(1000)
		for i := range v {
			v[i] = int64(rng.Intn(spread))
		}
		n := 1 + rng.Intn(len(v))
		sorted := slices.Clone(v)
		slices.Sort(sorted)
		want := sorted[len(sorted)-n]
		if got := nthLargest(slices.Clone(v), n); got != want {
			t.Fatalf("round %d: %d-th largest of %d values = %d, want %d", round, n, len(v), got, want)
		}
		// Cut short after a few rounds, the rest is sorted instead.
		for _, rounds := range []int{0, 1, 2} {
			if got := nthLargestWithin(slices.Clone(v), n, rounds); got != want {
				t.Fatalf("round %d, sorting after %d rounds: %d-th largest = %d, want %d", round, rounds, n, got, want)
			}
		}
	}
}

// Rows of a multiple of 64 bytes keep each row's hot fields in one cache
// line of the table's array; a field added to pathRow must keep it so.
func TestPathRowFillsWholeCacheLines(t *testing.T) {
	if unsafe.Sizeof(uintptr(0)) != 8 {
		t.Skip("the layout is tuned for 64-bit platforms")
	}
	var r pathRow
	if size := unsafe.Sizeof(r); size%64 != 0 || unsafe.Offsetof(r.err) != 64 || unsafe.Offsetof(r.lat) != 128 {
		t.Errorf("pathRow is %d bytes, its second line at %d, its sketch at %d: want a multiple of 64, 64 and 128",
			size, unsafe.Offsetof(r.err), unsafe.Offsetof(r.lat))
	}
}

// Heap keys order by estimate, then by row; an estimate past what a key
// holds saturates instead of wrapping into a small one.
func TestHeapKeyOrder(t *testing.T) {
	keys := []heapKey{makeKey(1, 5), makeKey(1, 7), makeKey(2, 0), makeKey(1<<39, 3), makeKey(maxEst, 1), makeKey(1<<62, 2)}
	for i := 1; i < len(keys); i++ {
		if keys[i-1] >= keys[i] {
			t.Errorf("key %d (est %d row %d) does not sort before key %d (est %d row %d)",
				i-1, keys[i-1].est(), keys[i-1].row(), i, keys[i].est(), keys[i].row())
		}
	}
	if k := makeKey(1<<62, maxRows-1); k.est() != maxEst || k.row() != maxRows-1 {
		t.Errorf("saturated key: est %d row %d", k.est(), k.row())
	}
}

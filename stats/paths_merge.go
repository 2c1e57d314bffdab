package stats

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"math/bits"
	"slices"
)

// Merging two path tables: the union of their rows, cut back to max rows
// by estimate, with what is cut counted under OtherPath. The merge works in
// p's array of rows: p's rows stay where they are, the rows only b has
// move into the places of p's rows that are cut, and nothing else is
// copied. (Building the union in a new array of 256-byte rows, then
// compacting it, was most of a merge's time, page faults included.)

// union is the rows of a merge: p's rows, then the rows of b that p has
// no row for (b.rows[fresh[i]]), numbered in that order.
type union struct {
	p, b  *paths
	fresh []int32
}

func (u *union) len() int { return len(u.p.rows) + len(u.fresh) }

func (u *union) row(i int32) *pathRow {
	if n := int32(len(u.p.rows)); i >= n {
		return &u.b.rows[u.fresh[i-n]]
	}
	return &u.p.rows[i]
}

// keep returns which rows of u to keep: the max with the largest
// estimates, ties going to the smaller path, so that the choice does not
// depend on the order of the rows (which worker saw what first). Only the
// rows tied at the threshold are compared by path.
func (u *union) keep(max int) []bool {
	n := u.len()
	ests := make([]int64, n)
	for i := range ests {
		ests[i] = u.row(int32(i)).est()
	}
	threshold := nthLargest(slices.Clone(ests), max)
	var tied []int32
	above := 0
	keep := make([]bool, n)
	for i, e := range ests {
		switch {
		case e > threshold:
			keep[i] = true
			above++
		case e == threshold:
			tied = append(tied, int32(i))
		}
	}
	key := func(i int32) []byte { return u.row(i).key() }
	for _, i := range smallestKeys(key, tied, max-above) {
		keep[i] = true
	}
	return keep
}

// nthLargest returns the n-th largest of v (n from 1), reordering v: a
// quickselect that splits three ways, since estimates repeat a lot (most
// rows of a long tail hold 1, 2 or 3).
func nthLargest(v []int64, n int) int64 { return nthLargestWithin(v, n, selectRounds(len(v))) }

// selectRounds bounds the rounds of a quickselect over n items. Counts
// come from logs, which strangers write: should their order defeat the
// pivots, what is left is sorted instead, so a merge never goes quadratic.
func selectRounds(n int) int { return 2*bits.Len(uint(n)) + 8 }

func nthLargestWithin(v []int64, n, rounds int) int64 {
	k := n - 1 // v's k-th element in descending order
	lo, hi := 0, len(v)
	for round := 0; ; round++ {
		if round == rounds {
			slices.SortFunc(v[lo:hi], func(x, y int64) int { return cmp.Compare(y, x) })
			return v[k]
		}
		pivot := v[lo+(hi-lo)/2]
		// v[lo:gt] > pivot, v[gt:i] == pivot, v[lt:hi] < pivot.
		gt, i, lt := lo, lo, hi
		for i < lt {
			switch x := v[i]; {
			case x > pivot:
				v[gt], v[i] = x, v[gt]
				gt++
				i++
			case x < pivot:
				lt--
				v[lt], v[i] = x, v[lt]
			default:
				i++
			}
		}
		switch {
		case k < gt:
			hi = gt
		case k >= lt:
			lo = lt
		default:
			return pivot
		}
	}
}

// smallestKeys returns the k rows of tied whose paths sort first, in no
// particular order. Paths are distinct, so which rows those are does not
// depend on how they are found: a quickselect, with each path's first
// eight bytes kept beside its index so that most comparisons stay in one
// small array instead of reading two rows.
func smallestKeys(key func(int32) []byte, tied []int32, k int) []int32 {
	return smallestKeysWithin(key, tied, k, selectRounds(len(tied)))
}

func smallestKeysWithin(key func(int32) []byte, tied []int32, k, rounds int) []int32 {
	type tiedKey struct {
		pre uint64
		row int32
	}
	ks := make([]tiedKey, len(tied))
	for i, r := range tied {
		var b [8]byte
		copy(b[:], key(r))
		ks[i] = tiedKey{binary.BigEndian.Uint64(b[:]), r}
	}
	less := func(x, y tiedKey) bool {
		if x.pre != y.pre {
			return x.pre < y.pre
		}
		return bytes.Compare(key(x.row), key(y.row)) < 0
	}
	lo, hi := 0, len(ks) // the k-th smallest lies in ks[lo:hi]
	for round := 0; hi-lo > 1; round++ {
		if round == rounds {
			slices.SortFunc(ks[lo:hi], func(x, y tiedKey) int {
				switch {
				case less(x, y):
					return -1
				case less(y, x):
					return 1
				}
				return 0
			})
			break
		}
		m := lo + (hi-lo)/2 // ks is in row order, not sorted: a fair pivot
		ks[m], ks[hi-1] = ks[hi-1], ks[m]
		pivot, j := ks[hi-1], lo
		for i := lo; i < hi-1; i++ {
			if less(ks[i], pivot) {
				ks[i], ks[j] = ks[j], ks[i]
				j++
			}
		}
		ks[j], ks[hi-1] = ks[hi-1], ks[j] // the pivot lands at its rank j
		switch {
		case j == k:
			hi = lo
		case j < k:
			lo = j + 1
		default:
			hi = j
		}
	}
	out := make([]int32, k)
	for i := range out {
		out[i] = ks[i].row
	}
	return out
}

// merge adds b into p. Rows present in both add up; the union is cut back
// to max rows by estimate, and whatever is cut goes to other, so totals stay
// exact. When the union fits in max rows, the result is exactly what one
// table fed both streams would hold.
func (p *paths) merge(b *paths) {
	// The smallest estimate of a full table bounds what it may have missed
	// of any path it has no row for.
	var pMin, bMin int64
	if p.heap != nil {
		pMin = p.rows[p.victim()].est()
	}
	if b.heap != nil {
		bMin = b.rows[b.victim()].est()
	}
	matched := make([]bool, len(b.rows))
	for i := range p.rows {
		r := &p.rows[i]
		if j, _ := b.find(r.hash, r.key()); j >= 0 {
			br := &b.rows[j]
			r.absorb(br)
			r.err += br.err
			matched[j] = true
		} else {
			r.err += bMin
		}
	}
	u := union{p: p, b: b}
	for j := range b.rows {
		if !matched[j] {
			r := &b.rows[j] // its arrays change owner: b is not used again
			r.err += pMin
			r.attr = 0 // an id in b's names, not in p's
			u.fresh = append(u.fresh, int32(j))
		}
	}
	p.other.absorb(&b.other)
	// Paths b met only at its doorkeeper were counted in b.other: they
	// stay met, so that their next request takes a row.
	if b.seen != nil {
		if p.seen == nil {
			p.seen = b.seen
		} else {
			for i, w := range b.seen {
				p.seen[i] |= w
			}
		}
	}
	fresh := u.fresh
	if u.len() > p.max {
		keep := u.keep(p.max)
		var holes []int32 // p's rows that are cut
		for i := range p.rows {
			if !keep[i] {
				p.cutRow(&p.rows[i])
				holes = append(holes, int32(i))
			}
		}
		fresh = fresh[:0]
		for i, j := range u.fresh {
			if keep[len(p.rows)+i] {
				fresh = append(fresh, j)
			} else {
				p.cutRow(&b.rows[j])
			}
		}
		// As many rows are kept as there are places, and p had no more
		// rows than places: the holes are fewer than the rows that come.
		for _, h := range holes {
			p.rows[h] = b.rows[fresh[0]]
			fresh = fresh[1:]
		}
	}
	if p.rows == nil && len(fresh) > 0 {
		p.rows = make([]pathRow, 0, p.max) // as insert makes them
	}
	for _, j := range fresh {
		p.rows = append(p.rows, b.rows[j])
	}
	p.order = nil
	p.index.reset(len(p.rows))
	for i := range p.rows {
		p.index.add(p.rows[i].hash, int32(i))
	}
	p.heap = nil
	if len(p.rows) == p.max {
		p.buildHeap()
	}
}

// cutRow moves a row's counts to other in a merge; the path stays met.
func (p *paths) cutRow(r *pathRow) {
	p.other.absorb(r)
	p.meet(r.hash)
}

package stats

import (
	"bytes"
	"encoding/binary"
	"slices"
)

// Merging two path tables: the union of their rows, cut back to max rows
// by estimate, with what is cut counted under OtherPath.

// cut keeps the max rows of all with the largest estimates, ties going to
// the smaller path so that the choice does not depend on the order of the
// rows (which worker saw what first), and moves the others' counts to
// other. Only rows tied at the threshold are sorted: sorting all of them
// by estimate and path was most of the cost of a merge.
func (p *paths) cut(all []pathRow) []pathRow {
	ests := make([]int64, len(all))
	for i := range all {
		ests[i] = all[i].est()
	}
	slices.Sort(ests)
	threshold := ests[len(ests)-p.max] // the smallest estimate kept
	var tied []int32
	above := 0
	for i := range all {
		switch {
		case all[i].est() > threshold:
			above++
		case all[i].est() == threshold:
			tied = append(tied, int32(i))
		}
	}
	keep := make([]bool, len(all))
	for _, i := range smallestKeys(all, tied, p.max-above) {
		keep[i] = true
	}
	n := 0
	for i := range all {
		if all[i].est() > threshold || keep[i] {
			all[n] = all[i]
			n++
		} else {
			p.other.absorb(&all[i])
			p.meet(all[i].hash)
		}
	}
	clear(all[n:]) // let go of the arrays of the rows cut
	return all[:n]
}

// smallestKeys returns the k rows of tied whose paths sort first, in no
// particular order. Paths are distinct, so which rows those are does not
// depend on how they are found: a quickselect, with each path's first
// eight bytes kept beside its index so that most comparisons stay in one
// small array instead of reading two rows.
func smallestKeys(all []pathRow, tied []int32, k int) []int32 {
	type tiedKey struct {
		pre uint64
		row int32
	}
	ks := make([]tiedKey, len(tied))
	for i, r := range tied {
		var b [8]byte
		copy(b[:], all[r].key())
		ks[i] = tiedKey{binary.BigEndian.Uint64(b[:]), r}
	}
	less := func(x, y tiedKey) bool {
		if x.pre != y.pre {
			return x.pre < y.pre
		}
		return bytes.Compare(all[x.row].key(), all[y.row].key()) < 0
	}
	lo, hi := 0, len(ks) // the k-th smallest lies in ks[lo:hi]
	for hi-lo > 1 {
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
	all := make([]pathRow, 0, len(p.rows)+len(b.rows))
	seen := make([]bool, len(b.rows))
	for i := range p.rows {
		r := p.rows[i]
		if j, _ := b.find(r.hash, r.key()); j >= 0 {
			br := &b.rows[j]
			r.absorb(br)
			r.err += br.err
			seen[j] = true
		} else {
			r.err += bMin
		}
		all = append(all, r)
	}
	for i := range b.rows {
		if seen[i] {
			continue
		}
		r := b.rows[i] // its arrays change owner: b is not used again
		r.err += pMin
		r.attr = 0 // an id in b's names, not in p's
		all = append(all, r)
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
	if len(all) > p.max {
		all = p.cut(all)
	}
	p.rows = all
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

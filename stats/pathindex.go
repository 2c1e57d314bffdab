package stats

import "hash/maphash"

// pathSeed seeds the hash of every path table in the process. Paths come
// from strangers: a seed chosen at random when the program starts keeps
// them from aiming requests at one chain of the table. One seed for all
// tables lets a merge reuse the hashes the workers computed.
var pathSeed = maphash.MakeSeed()

func hashPath(b []byte) uint64 { return maphash.Bytes(pathSeed, b) }

// pathIndex finds a path's row from its bytes without making a string: an
// open-addressing table with linear probing, at most half full. A slot holds
// the low 32 bits of the path's hash beside the row index, so that a probe
// that meets another path is almost always rejected without reading that
// row, and the table can grow or close a gap without hashing anything
// again. It replaces a map[string]int32, which needs a string to insert (an
// allocation each time Space-Saving recycles a row) and a delete and an
// insert per recycled row.
type pathIndex struct {
	slots []pathSlot
	mask  uint32
	n     int // occupied slots
}

type pathSlot struct {
	hash uint32 // low bits of the hash: the home slot is hash&mask
	row  int32  // row index + 1; 0 marks an empty slot
}

const minIndexSlots = 64

func (x *pathIndex) reset(rows int) {
	size := minIndexSlots
	for size < 2*rows {
		size *= 2
	}
	if cap(x.slots) >= size {
		x.slots = x.slots[:size]
		clear(x.slots)
	} else {
		x.slots = make([]pathSlot, size)
	}
	x.mask = uint32(size - 1)
	x.n = 0
}

// find returns the row holding path (hash h), or -1 and the empty slot
// where it belongs.
func (x *pathIndex) find(h uint64, path []byte, rows []pathRow) (row int32, slot uint32) {
	tag := uint32(h)
	for i := tag & x.mask; ; i = (i + 1) & x.mask {
		s := x.slots[i]
		if s.row == 0 {
			return -1, i
		}
		if s.hash == tag && string(rows[s.row-1].key) == string(path) {
			return s.row - 1, i
		}
	}
}

// put records row (hash h) in slot i, an empty slot that find returned
// with no change to the table since, and grows the table when it gets
// more than half full.
func (x *pathIndex) put(i uint32, h uint64, row int32) {
	x.slots[i] = pathSlot{uint32(h), row + 1}
	x.n++
	if 2*x.n > len(x.slots) {
		x.grow()
	}
}

// add records row (hash h), which must not be in the table yet.
func (x *pathIndex) add(h uint64, row int32) {
	i := uint32(h) & x.mask
	for x.slots[i].row != 0 {
		i = (i + 1) & x.mask
	}
	x.put(i, h, row)
}

func (x *pathIndex) grow() {
	old := x.slots
	x.slots = make([]pathSlot, 2*len(old))
	x.mask = uint32(len(x.slots) - 1)
	for _, s := range old {
		if s.row == 0 {
			continue
		}
		i := s.hash & x.mask
		for x.slots[i].row != 0 {
			i = (i + 1) & x.mask
		}
		x.slots[i] = s
	}
}

// remove takes row (hash h) out of the table. The slots after it in its
// run move back over the gap when that brings them closer to their home
// slot, so no tombstones are needed and probes stay short however many
// rows are recycled.
func (x *pathIndex) remove(h uint64, row int32) {
	i := uint32(h) & x.mask
	for x.slots[i].row != row+1 {
		i = (i + 1) & x.mask
	}
	x.n--
	for j := (i + 1) & x.mask; ; j = (j + 1) & x.mask {
		s := x.slots[j]
		if s.row == 0 {
			break
		}
		// s may fill the gap at i unless its home lies cyclically in
		// (i, j]: then it would move before its home and be lost.
		if home := s.hash & x.mask; (j-home)&x.mask >= (j-i)&x.mask {
			x.slots[i] = s
			i = j
		}
	}
	x.slots[i] = pathSlot{}
}

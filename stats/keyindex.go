package stats

import "hash/maphash"

// keySeed seeds the hash of every key table in the process. Paths come
// from strangers: a seed chosen at random when the program starts keeps
// them from aiming requests at one chain of the table. One seed for all
// tables lets a merge reuse the hashes the workers computed.
var keySeed = maphash.MakeSeed()

func hashKey(b []byte) uint64 { return maphash.Bytes(keySeed, b) }

// keyIndex finds the row of a key (a path, a client address) from its
// bytes without making a string: an open-addressing table with linear
// probing, at most half full. A slot holds the low 32 bits of the key's
// hash beside the row index, so that a probe that meets another key is
// almost always rejected without reading that row, and the table can grow
// or close a gap without hashing anything again. For the path table it
// replaces a map[string]int32, which needs a string to insert (an
// allocation each time Space-Saving recycles a row) and a delete and an
// insert per recycled row.
type keyIndex struct {
	slots []keySlot
	mask  uint32
	n     int // occupied slots
}

type keySlot struct {
	hash uint32 // low bits of the hash: the home slot is hash&mask
	row  int32  // row index + 1; 0 marks an empty slot
}

const minIndexSlots = 64

func (x *keyIndex) reset(rows int) {
	size := minIndexSlots
	for size < 2*rows {
		size *= 2
	}
	if cap(x.slots) >= size {
		x.slots = x.slots[:size]
		clear(x.slots)
	} else {
		x.slots = newSlots(size)
	}
	x.mask = uint32(size - 1)
	x.n = 0
}

// probe returns the first slot from i on that is empty or carries tag (the
// low 32 bits of a hash), and the row it holds, -1 for the empty slot. A
// lookup probes from the home slot, tag&mask, compares the keys of the rows
// it is given, and goes on from the next slot until the keys match or the
// slot is empty: there the key belongs.
func (x *keyIndex) probe(i, tag uint32) (uint32, int32) {
	for ; ; i = (i + 1) & x.mask {
		s := x.slots[i]
		if s.row == 0 {
			return i, -1
		}
		if s.hash == tag {
			return i, s.row - 1
		}
	}
}

// put records row (hash h) in slot i, the empty slot a lookup ended on,
// with no change to the table since, and grows the table when it gets
// more than half full.
func (x *keyIndex) put(i uint32, h uint64, row int32) {
	x.slots[i] = keySlot{uint32(h), row + 1}
	x.n++
	if 2*x.n > len(x.slots) {
		x.grow()
	}
}

// add records row (hash h), which must not be in the table yet.
func (x *keyIndex) add(h uint64, row int32) {
	i := uint32(h) & x.mask
	for x.slots[i].row != 0 {
		i = (i + 1) & x.mask
	}
	x.put(i, h, row)
}

func (x *keyIndex) grow() {
	old := x.slots
	x.slots = newSlots(2 * len(old))
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

// newSlots returns a zeroed table written through once. A large array
// comes straight from the system, its pages mapped to the shared zero
// page on first read; the first write to each then costs a copy-on-write
// fault and a TLB flush on every core, which probing (a read, then a write
// to the same slot) met once per page, mid-run. Writing the zeros up front
// takes plain faults instead.
func newSlots(n int) []keySlot {
	s := make([]keySlot, n)
	clear(s)
	return s
}

// remove takes row (hash h) out of the table. The slots after it in its
// run move back over the gap when that brings them closer to their home
// slot, so no tombstones are needed and probes stay short however many
// rows are recycled.
func (x *keyIndex) remove(h uint64, row int32) {
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
	x.slots[i] = keySlot{}
}

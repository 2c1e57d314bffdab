package parser

import (
	"encoding/binary"
	"strings"
)

// The key tree of a JSON mapping (see jsonfmt.go): one node per object
// level, its keys found by a hash of their first word, length and last
// byte: a key of a line costs one probe, and no string is made of it.

// jtarget is what a key maps to: a field, a nested node, or both (the value
// decides: an object descends, anything else fills the field).
type jtarget struct {
	f     field
	rank  uint8 // lower wins when several keys fill one field
	child *jnode
}

type jnode struct {
	targets []jtarget
	names   []string       // the key of each target
	keys    map[string]int // key to target index, while compiling
	// slots is an open-addressing table over the keys, for lookups per
	// line: hashing the first eight bytes, the length and the last byte is
	// much cheaper than a map's hash of the whole key, a key nobody maps
	// usually lands on an empty slot at once, and a key of up to 16 bytes
	// is compared as two words. The largest built-in mapping (json, about
	// 80 keys) fits in 6 KB of slots.
	slots []jslot
	mask  uint32
	shift uint8 // 64 - log2(len(slots)): the hash is the product's top bits
}

type jslot struct {
	k8  uint64 // the key's first eight bytes, little-endian, zero-padded
	k16 uint64 // its next eight, likewise: keys up to 16 bytes need no memcmp
	n   int32  // the key's length
	idx int32  // target index + 1; 0 is an empty slot
}

func newJNode() *jnode {
	n := &jnode{keys: map[string]int{}}
	n.rehash()
	return n
}

// first8 loads up to eight bytes of key as a little-endian word. A key is a
// sub-slice of its line, so its capacity usually reaches eight bytes even
// when the key is shorter: one load, then a mask.
func first8(key []byte) uint64 {
	var x uint64
	if cap(key) >= 8 {
		x = binary.LittleEndian.Uint64(key[:8])
	} else {
		for i, c := range key {
			x |= uint64(c) << (8 * i)
		}
	}
	if len(key) < 8 {
		x &= 1<<(8*len(key)) - 1
	}
	return x
}

// slotHash is Fibonacci hashing of the key's first word, length and last
// byte: the top bits of the product depend on every input bit.
func slotHash(x uint64, n int, last byte, shift uint8) uint32 {
	return uint32((x ^ uint64(n)<<58 ^ uint64(last)<<50) * 0x9E3779B97F4A7C15 >> (shift & 63))
}

func lastOf(key []byte) byte {
	if len(key) == 0 {
		return 0
	}
	return key[len(key)-1]
}

// lookup finds the target of key, or nil.
func (n *jnode) lookup(key []byte) *jtarget {
	return n.lookupWord(first8(key), key)
}

// lookupWord is lookup with the key's first word already loaded.
func (n *jnode) lookupWord(x uint64, key []byte) *jtarget {
	h := slotHash(x, len(key), lastOf(key), n.shift)
	for {
		s := &n.slots[h]
		if s.idx == 0 {
			return nil
		}
		if s.k8 == x && int(s.n) == len(key) {
			switch {
			case len(key) <= 8:
				return &n.targets[s.idx-1]
			case len(key) <= 16:
				if s.k16 == first8(key[8:]) {
					return &n.targets[s.idx-1]
				}
			case n.names[s.idx-1][8:] == string(key[8:]):
				return &n.targets[s.idx-1]
			}
		}
		h = (h + 1) & n.mask
	}
}

// rehash rebuilds the slot table, at most a third full.
func (n *jnode) rehash() {
	size, bits := 8, uint8(3)
	for size < 3*len(n.keys) {
		size, bits = size*2, bits+1
	}
	n.slots, n.mask, n.shift = make([]jslot, size), uint32(size-1), 64-bits
	for k, i := range n.keys {
		n.place(k, i)
	}
}

// place puts key (target index i) in the slot table, which has room.
func (n *jnode) place(key string, i int) {
	kb := []byte(key)
	x := first8(kb[:len(kb):len(kb)])
	h := slotHash(x, len(kb), lastOf(kb), n.shift)
	for n.slots[h].idx != 0 {
		h = (h + 1) & n.mask
	}
	var x2 uint64
	if len(kb) > 8 {
		x2 = first8(kb[8:len(kb):len(kb)])
	}
	n.slots[h] = jslot{k8: x, k16: x2, n: int32(len(kb)), idx: int32(i + 1)}
}

func (n *jnode) target(key string) *jtarget {
	if i, ok := n.keys[key]; ok {
		return &n.targets[i]
	}
	n.keys[key] = len(n.targets)
	n.targets = append(n.targets, jtarget{})
	n.names = append(n.names, key)
	// Growing the table only when it gets a third full keeps compiling
	// the built-in mappings, at start-up, from rebuilding it per key.
	if 3*len(n.keys) > len(n.slots) {
		n.rehash()
	} else {
		n.place(key, len(n.targets)-1)
	}
	return &n.targets[len(n.targets)-1]
}

// add maps the dotted path to f, both nested and flat. It reports false when
// a key is already mapped to another field.
func (n *jnode) add(path string, f field, rank uint8) bool {
	t := n.target(path)
	if t.f != fSkip && t.f != f {
		return false
	}
	if t.f == fSkip || rank < t.rank {
		t.f, t.rank = f, rank
	}
	if dot := strings.IndexByte(path, '.'); dot > 0 && dot < len(path)-1 {
		head := n.target(path[:dot])
		if head.child == nil {
			head.child = newJNode()
		}
		return head.child.add(path[dot+1:], f, rank)
	}
	return true
}

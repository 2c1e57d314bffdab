package stats

// paths counts requests per path with Space-Saving over at most max rows
// (see the package comment). Until the table fills, every path has a row
// and every count is exact. Once full, a min-heap on the estimate finds the
// row to recycle.
//
// The heap is lazy: a hit only bumps its row's estimate, and the heap's
// copy of that key is brought up to date when the row comes to the top.
// Keys only grow, so a top whose key is current is the true minimum; a
// stale top is refreshed and sifted down, and the search goes on. Most hits
// land on rows that never reach the top, and a burst of hits on one tail
// row costs one sift, not one per hit.
type paths struct {
	max   int
	index keyIndex
	rows  []pathRow
	heap  []heapKey // a min-heap of (est, row), built when rows fill
	other pathRow   // evicted rows' counts, so the rows always add up
	order []int32   // row indexes in the order of the last snapshot

	// seen is the doorkeeper of a full table: a bitmap over the hashes of
	// the paths that lost their row or came while the table was full. A
	// path whose bit is clear has never been counted; its first request
	// is counted under other and sets the bit, and its next one takes a
	// row. About a tenth of the requests of a busy site go to paths seen
	// once (IDs, links with tokens, scanners): each would otherwise evict
	// a row likely to be hit again, for a heap sift and two index updates.
	// Bits are never cleared, so a path without a row has had at most
	// max(1, what it had when its row went) requests, and the smallest
	// estimate of the full table (at least 1, and never less than an
	// evicted row's) still bounds it: Space-Saving's guarantees hold as
	// they are. Once most bits are set it admits nearly everything, which
	// is plain Space-Saving again.
	seen []uint64
}

// seenBits is the doorkeeper's size: 2^21 bits, 256 KiB, small enough to
// stay in a core's second-level cache.
const seenBits = 21

// heapKey is a row's place in the heap: the row's est when last looked at
// (at most its est now) in the high 40 bits, the row in the low 24. One
// comparison of keys compares the estimates and breaks ties by row, and
// the four children of a node take half a cache line.
type heapKey uint64

const (
	rowBits = 24
	maxRows = 1 << rowBits        // New caps Config.MaxPaths here
	maxEst  = 1<<(64-rowBits) - 1 // a trillion requests; beyond, keys saturate
)

func makeKey(est int64, row int32) heapKey {
	return heapKey(uint64(min(est, maxEst))<<rowBits | uint64(row))
}

func (k heapKey) est() int64 { return int64(k >> rowBits) }
func (k heapKey) row() int32 { return int32(k & (maxRows - 1)) }

// pathRow is one path's counts, laid out for the hit path: 256 bytes, four
// cache lines, in a page-aligned array when the table is full. A hit reads
// and writes the first line only, as long as the path is short and has
// seen at most two codes (most are and have), and then the latency
// sketch's header in the third line. A test holds the layout.
type pathRow struct {
	// Line 1: what a lookup and a hit touch.
	total int64     // requests counted while the path held this row (exact)
	n     [2]int64  // counts of the first two codes
	code  [2]uint16 // those codes plus one; 0 marks a free place
	klen  uint32    // length of the path
	short [inlineKey]byte

	// Line 2: what recycling a row touches.
	err  int64  // Space-Saving error: what the path may have had before
	hash uint64 // hashKey(key)
	// long holds the path when it is longer than short (short then holds
	// its start). The row owns the array and reuses it when recycled, so
	// recycling allocates nothing once it has grown to the usual length.
	long []byte
	more []codeN // codes past the first two

	lat sketch
	// attr is the path's id in the attribution's names plus one, 0 until
	// an error on the path looked it up: the next errors skip the lookup.
	// The sketch's header shares its cache line.
	attr uint32
	_    [4]byte

	// name is string(key), made the first time a snapshot needs it and
	// kept while the row holds the same path ("" until then).
	name string

	// The row's quantiles as of the last snapshot, reused while no latency
	// was added: most rows of a long tail do not change between two of the
	// four snapshots a second that Live takes.
	q Quantiles
	_ [8]byte
}

// inlineKey is how long a path can be and still be told from others in
// the row's first cache line.
const inlineKey = 32

// est is the Space-Saving estimate of the path's count: at least what it
// had, at most est.
func (r *pathRow) est() int64 { return r.total + r.err }

// key returns the row's path, valid until the row changes.
func (r *pathRow) key() []byte {
	if r.klen <= inlineKey {
		return r.short[:r.klen]
	}
	return r.long
}

// is reports whether the row holds path.
func (r *pathRow) is(path []byte) bool {
	if int(r.klen) != len(path) {
		return false
	}
	if len(path) <= inlineKey {
		return string(r.short[:len(path)]) == string(path)
	}
	return string(r.short[:]) == string(path[:inlineKey]) && string(r.long) == string(path)
}

// setKey makes path the row's path.
func (r *pathRow) setKey(path []byte) {
	r.klen = uint32(len(path))
	n := copy(r.short[:], path)
	clear(r.short[n:])
	if len(path) > inlineKey {
		r.long = append(r.long[:0], path...)
	}
}

// path returns the row's path as a string, made once per path.
func (r *pathRow) path() string {
	if r.name == "" {
		r.name = string(r.key())
	}
	return r.name
}

// quantiles returns the row's latency quantiles, cached.
func (r *pathRow) quantiles() Quantiles {
	if r.q.Count != r.lat.n || r.lat.n == 0 {
		r.q = r.lat.quantiles()
	}
	return r.q
}

// codeN is a count for one status; a path sees few distinct codes, so a
// short list searched linearly beats a map (and never allocates once the
// path has seen its codes).
type codeN struct {
	code uint16
	n    int64
}

func (r *pathRow) addCode(code int, n int64) {
	c := uint16(code) + 1
	switch {
	case r.code[0] == c:
		r.n[0] += n
		return
	case r.code[0] == 0:
		r.code[0], r.n[0] = c, n
		return
	case r.code[1] == c:
		r.n[1] += n
		return
	case r.code[1] == 0:
		r.code[1], r.n[1] = c, n
		return
	}
	for i := range r.more {
		if r.more[i].code == uint16(code) {
			r.more[i].n += n
			return
		}
	}
	if r.more == nil {
		// A path with a third code usually has a few more.
		r.more = make([]codeN, 0, 4)
	}
	r.more = append(r.more, codeN{uint16(code), n})
}

// codes appends the row's counts per code to dst.
func (r *pathRow) codes(dst []codeN) []codeN {
	for i, c := range r.code {
		if c != 0 {
			dst = append(dst, codeN{c - 1, r.n[i]})
		}
	}
	return append(dst, r.more...)
}

// ncodes is how many codes the row has seen.
func (r *pathRow) ncodes() int {
	n := len(r.more)
	for _, c := range r.code {
		if c != 0 {
			n++
		}
	}
	return n
}

// resetCounts forgets the row's counts, keeping its arrays.
func (r *pathRow) resetCounts() {
	r.total, r.err = 0, 0
	r.code, r.n = [2]uint16{}, [2]int64{}
	r.more = r.more[:0]
	r.lat.reset()
	r.q = Quantiles{}
}

// absorb adds b's counts (not its identity) to r.
func (r *pathRow) absorb(b *pathRow) {
	r.total += b.total
	for i, c := range b.code {
		if c != 0 {
			r.addCode(int(c-1), b.n[i])
		}
	}
	for _, c := range b.more {
		r.addCode(int(c.code), c.n)
	}
	r.lat.merge(&b.lat)
}

func (p *paths) init(max int) {
	p.max = max
	p.index.reset(0)
	p.other = pathRow{name: OtherPath}
}

// add counts one request; lat is its latency in µs, or -1. It returns the
// path's row, valid until the next add, or nil when the request went to
// other because the table is full and the path was not seen before.
func (p *paths) add(path []byte, status int, lat int64) *pathRow {
	h := hashKey(path)
	idx, slot := p.find(h, path)
	if idx < 0 {
		if p.heap != nil && p.firstSighting(h) {
			r := &p.other
			r.total++
			r.addCode(status, 1)
			if lat >= 0 {
				r.lat.add(lat)
			}
			return nil
		}
		idx = p.insert(path, h, slot)
	}
	r := &p.rows[idx]
	r.total++
	r.addCode(status, 1)
	if lat >= 0 {
		r.lat.add(lat)
	}
	return r
}

// firstSighting reports whether the doorkeeper had not met hash h before,
// and marks it met.
func (p *paths) firstSighting(h uint64) bool {
	w, m := p.seenBit(h)
	if p.seen[w]&m != 0 {
		return false
	}
	p.seen[w] |= m
	return true
}

// meet marks hash h met, for a path whose row goes.
func (p *paths) meet(h uint64) {
	w, m := p.seenBit(h)
	p.seen[w] |= m
}

func (p *paths) seenBit(h uint64) (word int, mask uint64) {
	if p.seen == nil {
		// Written through once, as newSlots does: a probe reads a word
		// before it writes it.
		p.seen = make([]uint64, 1<<seenBits/64)
		clear(p.seen)
	}
	bit := h >> (64 - seenBits) // the index's slots come from the low bits
	return int(bit / 64), 1 << (bit % 64)
}

// find returns the row of path (hash h), or -1 and the index slot where
// it belongs.
func (p *paths) find(h uint64, path []byte) (int32, uint32) {
	tag := uint32(h)
	i, row := p.index.probe(tag&p.index.mask, tag)
	for row >= 0 && !p.rows[row].is(path) {
		i, row = p.index.probe((i+1)&p.index.mask, tag)
	}
	return row, i
}

// insert gives path (hash h, whose empty index slot find returned) a row
// and returns its index: a new row while there is room, else the row of
// the smallest estimate, whose counts go to other. The newcomer inherits
// that estimate as its error, as Space-Saving does, so that it is not
// recycled again at once and heavy newcomers can climb.
func (p *paths) insert(path []byte, h uint64, slot uint32) int32 {
	if len(p.rows) < p.max {
		if p.rows == nil {
			// All the rows at once: growing an array of rows that hold
			// pointers copies it with a write barrier per pointer, which
			// cost 5% of a run over an archive. Untouched rows cost no
			// memory until the table fills them.
			p.rows = make([]pathRow, 0, p.max)
		}
		idx := int32(len(p.rows))
		p.rows = append(p.rows, pathRow{hash: h})
		p.rows[idx].setKey(path)
		p.index.put(slot, h, idx)
		if len(p.rows) == p.max {
			p.buildHeap()
		}
		return idx
	}
	idx := p.victim()
	r := &p.rows[idx]
	p.other.absorb(r)
	p.meet(r.hash)
	// Removing the old path may move slots, so the new one is placed
	// afresh rather than in slot.
	p.index.remove(r.hash, idx)
	inherited := r.est()
	r.resetCounts()
	r.err = inherited
	r.setKey(path)
	r.hash = h
	r.name = ""
	r.attr = 0
	p.index.add(h, idx)
	// The heap still holds the old key, which equals the new est: the
	// caller's increment makes it stale, which the heap allows.
	return idx
}

// victim returns the row with the smallest estimate, the oldest row among
// equals, bringing stale heap keys up to date on the way.
func (p *paths) victim() int32 {
	for {
		top := p.heap[0]
		row := top.row()
		fresh := makeKey(p.rows[row].est(), row)
		if top == fresh {
			return row
		}
		p.heap[0] = fresh
		p.down(0)
	}
}

// The heap is 4-ary: a sift goes half as deep as in a binary heap, and the
// four children of a node (8 bytes each) never straddle a cache line,
// because the array is page-aligned and starts three entries in.
const heapArity = 4

func (p *paths) buildHeap() {
	p.heap = make([]heapKey, len(p.rows)+heapArity-1)[heapArity-1:]
	for i := range p.heap {
		p.heap[i] = makeKey(p.rows[i].est(), int32(i))
	}
	for i := (len(p.heap) - 2) / heapArity; i >= 0; i-- {
		p.down(i)
	}
}

// down restores the heap below position i after its key grew. Equal
// estimates order by row, so the choice of victim is deterministic.
func (p *paths) down(i int) {
	h := p.heap
	n := len(h)
	for {
		first := heapArity*i + 1
		if first >= n {
			return
		}
		m, km := first, h[first]
		for c := first + 1; c < min(first+heapArity, n); c++ {
			if h[c] < km {
				m, km = c, h[c]
			}
		}
		if km >= h[i] {
			return
		}
		h[i], h[m] = km, h[i]
		i = m
	}
}

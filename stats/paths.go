package stats

import "sort"

// paths counts requests per path with Space-Saving over at most max rows
// (see the package comment). Until the table fills, every path has a row
// and every count is exact. Once full, a min-heap on the estimate finds the
// row to recycle; a hit on a heavy row costs nothing to keep the heap in
// order, because heavy rows sit at the bottom of a min-heap.
type paths struct {
	max   int
	index map[string]int32
	rows  []pathRow
	heap  []int32 // row indexes, a min-heap on est; built when rows fill
	other pathRow // evicted rows' counts, so the rows always add up
	order []int32 // row indexes in the order of the last snapshot
}

type pathRow struct {
	path  string
	total int64 // requests counted while the path held this row (exact)
	err   int64 // Space-Saving error: what the path may have had before
	est   int64 // total + err, the heap's key
	codes []codeN
	lat   sketch
	pos   int32 // position in heap

	// The row's quantiles as of the last snapshot, reused while no latency
	// was added: most rows of a long tail do not change between two of the
	// four snapshots a second that Live takes.
	q Quantiles
}

// quantiles returns the row's latency quantiles, cached.
func (r *pathRow) quantiles() Quantiles {
	if r.q.Count != r.lat.n || r.lat.n == 0 {
		r.q = r.lat.quantiles()
	}
	return r.q
}

// codeN is a count for one status; a path sees few distinct codes, so a
// short slice searched linearly beats a map (and never allocates once
// the path has seen its codes).
type codeN struct {
	code uint16
	n    int64
}

func (r *pathRow) addCode(code int, n int64) {
	for i := range r.codes {
		if r.codes[i].code == uint16(code) {
			r.codes[i].n += n
			return
		}
	}
	r.codes = append(r.codes, codeN{uint16(code), n})
}

// absorb adds b's counts (not its identity) to r.
func (r *pathRow) absorb(b *pathRow) {
	r.total += b.total
	for _, c := range b.codes {
		r.addCode(int(c.code), c.n)
	}
	r.lat.merge(&b.lat)
}

func (p *paths) init(max int) {
	p.max = max
	p.index = make(map[string]int32)
	p.other = pathRow{path: OtherPath}
}

// add counts one request; lat is its latency in µs, or -1.
func (p *paths) add(path []byte, status int, lat int64) {
	// A plain lookup with string(b) does not allocate; the key is copied
	// only when a path gets a row.
	idx, ok := p.index[string(path)]
	if !ok {
		idx = p.insert(string(path), 0)
	}
	r := &p.rows[idx]
	r.total++
	r.est++
	r.addCode(status, 1)
	if lat >= 0 {
		r.lat.add(lat)
	}
	if p.heap != nil {
		p.down(int(r.pos))
	}
}

// insert gives path a row and returns its index: a new row while there is
// room, else the row of the smallest estimate, whose counts go to other.
// The newcomer inherits that estimate as its error, as Space-Saving does,
// so that it is not recycled again at once and heavy newcomers can climb.
func (p *paths) insert(path string, err int64) int32 {
	if len(p.rows) < p.max {
		idx := int32(len(p.rows))
		p.rows = append(p.rows, pathRow{path: path, err: err, est: err})
		p.index[path] = idx
		if len(p.rows) == p.max {
			p.buildHeap()
		}
		return idx
	}
	idx := p.heap[0]
	r := &p.rows[idx]
	p.other.absorb(r)
	delete(p.index, r.path)
	inherited := r.est
	r.path = path
	r.total = 0
	r.err = max(inherited, err)
	r.est = r.err
	r.codes = r.codes[:0]
	r.lat.reset()
	r.q = Quantiles{}
	p.index[path] = idx
	// est did not shrink; the caller's increment restores heap order.
	return idx
}

func (p *paths) buildHeap() {
	p.heap = make([]int32, len(p.rows))
	for i := range p.heap {
		p.heap[i] = int32(i)
		p.rows[i].pos = int32(i)
	}
	for i := len(p.heap)/2 - 1; i >= 0; i-- {
		p.down(i)
	}
}

func (p *paths) less(i, j int) bool {
	ri, rj := p.heap[i], p.heap[j]
	if a, b := p.rows[ri].est, p.rows[rj].est; a != b {
		return a < b
	}
	return ri < rj // ties: the older row goes first, deterministically
}

func (p *paths) swap(i, j int) {
	p.heap[i], p.heap[j] = p.heap[j], p.heap[i]
	p.rows[p.heap[i]].pos = int32(i)
	p.rows[p.heap[j]].pos = int32(j)
}

// down restores the heap below position i after its key grew.
func (p *paths) down(i int) {
	n := len(p.heap)
	for {
		l := 2*i + 1
		if l >= n {
			return
		}
		m := l
		if r := l + 1; r < n && p.less(r, l) {
			m = r
		}
		if !p.less(m, i) {
			return
		}
		p.swap(i, m)
		i = m
	}
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
		pMin = p.rows[p.heap[0]].est
	}
	if b.heap != nil {
		bMin = b.rows[b.heap[0]].est
	}
	all := make([]pathRow, 0, len(p.rows)+len(b.rows))
	seen := make(map[string]bool, len(b.rows))
	for i := range p.rows {
		r := p.rows[i]
		if j, ok := b.index[r.path]; ok {
			br := &b.rows[j]
			r.absorb(br)
			r.err += br.err
			seen[r.path] = true
		} else {
			r.err += bMin
		}
		r.est = r.total + r.err
		all = append(all, r)
	}
	for i := range b.rows {
		r := b.rows[i]
		if seen[r.path] {
			continue
		}
		r.codes = append([]codeN(nil), r.codes...)
		r.lat.counts = append([]uint32(nil), r.lat.counts...)
		r.err += pMin
		r.est = r.total + r.err
		all = append(all, r)
	}
	p.other.absorb(&b.other)
	sort.Slice(all, func(i, j int) bool {
		if all[i].est != all[j].est {
			return all[i].est > all[j].est
		}
		return all[i].path < all[j].path
	})
	if len(all) > p.max {
		for i := p.max; i < len(all); i++ {
			p.other.absorb(&all[i])
		}
		all = all[:p.max]
	}
	p.rows = all
	p.order = nil
	clear(p.index)
	for i := range p.rows {
		p.index[p.rows[i].path] = int32(i)
	}
	p.heap = nil
	if len(p.rows) == p.max {
		p.buildHeap()
	}
}

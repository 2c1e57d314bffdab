package stats

// paths counts requests per path and per status, exactly for up to max
// distinct paths; later newcomers go to the OtherPath bucket. A cap keeps
// memory bounded however many distinct URLs a scanner throws at the server.
type paths struct {
	max   int
	index map[string]int32
	rows  []pathRow
	other pathRow
}

type pathRow struct {
	path  string
	total int64
	codes map[uint16]int64
}

func (p *paths) init(max int) {
	p.max = max
	p.index = make(map[string]int32)
	p.other = pathRow{path: OtherPath, codes: map[uint16]int64{}}
}

func (p *paths) add(path []byte, status int) {
	// A plain lookup with string(b) does not allocate; the key is copied
	// only when a new path is inserted.
	idx, ok := p.index[string(path)]
	var r *pathRow
	switch {
	case ok:
		r = &p.rows[idx]
	case len(p.rows) < p.max:
		p.index[string(path)] = int32(len(p.rows))
		p.rows = append(p.rows, pathRow{path: string(path), codes: make(map[uint16]int64, 2)})
		r = &p.rows[len(p.rows)-1]
	default:
		r = &p.other
	}
	r.total++
	r.codes[uint16(status)]++
}

func (p *paths) merge(b *paths) {
	for i := range b.rows {
		br := &b.rows[i]
		idx, ok := p.index[br.path]
		var r *pathRow
		switch {
		case ok:
			r = &p.rows[idx]
		case len(p.rows) < p.max:
			p.index[br.path] = int32(len(p.rows))
			p.rows = append(p.rows, pathRow{path: br.path, codes: make(map[uint16]int64, len(br.codes))})
			r = &p.rows[len(p.rows)-1]
		default:
			r = &p.other
		}
		r.total += br.total
		for c, n := range br.codes {
			r.codes[c] += n
		}
	}
	p.other.total += b.other.total
	for c, n := range b.other.codes {
		p.other.codes[c] += n
	}
}

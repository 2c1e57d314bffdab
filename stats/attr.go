package stats

import (
	"bytes"
	"cmp"
	"slices"
)

// Attribution: which paths and clients carry each error kind, minute by
// minute, so that a spike found later (after workers merge, over any span
// of minutes) can name its top paths and clients.
//
// A cell holds, for one minute and one error series, exact counts of up to
// attrCap distinct paths and attrCap distinct clients; any more in that
// minute are counted as "other" without a name. Paths and clients are
// interned once (up to maxNames each) and cells hold their small ids.
// Cells exist only for minutes where the error occurred, so memory follows
// the number of error lines, at most about 1.2 kilobytes per minute per kind.

const (
	attrCap  = 64
	maxNames = 1 << 17
	otherID  = ^uint32(0)
)

type attrKey struct {
	min    int64
	series int16
}

type idCount struct {
	id uint32
	n  uint32
}

type attrCell struct {
	paths, clients           []idCount
	otherPaths, otherClients int64
	pathSeen, clientSeen     idFilter
	// inputs are the files of a run of several, counted as paths are.
	inputs      []idCount
	otherInputs int64
	inputSeen   idFilter
}

// idFilter is a 512-bit Bloom filter (one bit per id) over the ids of a
// cell's list. Once a list holds its attrCap ids, most ids that come are
// not in it (a long tail of paths and clients during an incident); the
// filter answers so for most of them without scanning the 64 entries.
type idFilter [8]uint64

func filterBit(id uint32) (word int, bit uint64) {
	h := (id * 0x9e3779b1) >> 23 // 9 well-mixed bits
	return int(h >> 6), 1 << (h & 63)
}

func (f *idFilter) has(id uint32) bool {
	w, b := filterBit(id)
	return f[w]&b != 0
}

func (f *idFilter) set(id uint32) {
	w, b := filterBit(id)
	f[w] |= b
}

func addID(list []idCount, seen *idFilter, other *int64, id uint32, n uint32) []idCount {
	if id != otherID {
		if seen.has(id) {
			for i := range list {
				if list[i].id == id {
					list[i].n += n
					return list
				}
			}
		}
		if len(list) < attrCap {
			seen.set(id)
			return append(list, idCount{id, n})
		}
	}
	*other += int64(n)
	return list
}

// names interns byte strings to small ids, up to maxNames of them. Names
// are never forgotten, so their bytes lie end to end in one array, found by
// a keyIndex: interning a name allocates nothing once the arrays have grown,
// and looking one up makes no string.
type names struct {
	index keyIndex
	bytes []byte
	ends  []int // name id ends at bytes[ends[id]]
}

// key returns the bytes of name id, valid until the next id call.
func (n *names) key(id uint32) []byte {
	from := 0
	if id > 0 {
		from = n.ends[id-1]
	}
	return n.bytes[from:n.ends[id]]
}

func (n *names) name(id uint32) string { return string(n.key(id)) }

// id returns the id of b, interning it when there is room; otherID when
// the table is full and b is not in it.
func (n *names) id(b []byte) uint32 { return n.idHashed(b, hashKey(b)) }

// idHashed is id for a key whose hashKey the caller already has.
func (n *names) idHashed(b []byte, h uint64) uint32 {
	if n.index.slots == nil {
		n.index.reset(0)
	}
	tag := uint32(h)
	i, row := n.index.probe(tag&n.index.mask, tag)
	for row >= 0 && string(n.key(uint32(row))) != string(b) {
		i, row = n.index.probe((i+1)&n.index.mask, tag)
	}
	if row >= 0 {
		return uint32(row)
	}
	if len(n.ends) >= maxNames {
		return otherID
	}
	id := uint32(len(n.ends))
	n.bytes = append(n.bytes, b...)
	n.ends = append(n.ends, len(n.bytes))
	n.index.put(i, h, int32(id))
	return id
}

type attribution struct {
	cells          map[attrKey]*attrCell
	paths, clients names
	// inputs names the files read, up to maxInputs; input is the id of
	// the one lines come from now (Worker.Begin sets it).
	inputs names
	input  uint32

	// The cell last used per series: lines come in time order, so most
	// lines find their minute's cell here without a map lookup, even when
	// errors of several codes interleave.
	lastMin  [numSeries]int64
	lastCell [numSeries]*attrCell

	edges edgeLog // the newest errors one by one, for spikes' edges

	// errsBy counts the error responses of each client id, errs all of
	// them (once per response, whatever series count it), for
	// Spike.TopClientElsewhere.
	errsBy []int64
	errs   int64
}

// countClient counts one error response from client id.
func (a *attribution) countClient(id uint32) {
	a.errs++
	if id != otherID {
		a.countClientN(id, 1)
	}
}

func (a *attribution) countClientN(id uint32, n int64) {
	if int(id) >= len(a.errsBy) {
		a.errsBy = append(a.errsBy, make([]int64, int(id)+1-len(a.errsBy))...)
	}
	a.errsBy[id] += n
}

// elsewhere returns the share of the error responses other than a spike's
// (n of them from client id, total in all) that client id sent; 0 when
// fewer than minElsewhere are left.
func (a *attribution) elsewhere(id uint32, n, total int64) float64 {
	rest := a.errs - total
	if id == otherID || int(id) >= len(a.errsBy) || rest < minElsewhere {
		return 0
	}
	return float64(max(0, a.errsBy[id]-n)) / float64(rest)
}

func (a *attribution) cell(k attrKey) *attrCell {
	if c := a.lastCell[k.series]; c != nil && a.lastMin[k.series] == k.min {
		return c
	}
	c := a.cells[k]
	if c == nil {
		if a.cells == nil {
			a.cells = make(map[attrKey]*attrCell)
		}
		c = &attrCell{}
		a.cells[k] = c
	}
	a.lastMin[k.series], a.lastCell[k.series] = k.min, c
	return c
}

// add counts one error response of series in minute min, from the path
// and client of ids pid and cid (interned once per line by the caller),
// read from the current input.
func (a *attribution) add(min int64, series int, pid, cid uint32) {
	c := a.cell(attrKey{min, int16(series)})
	c.paths = addID(c.paths, &c.pathSeen, &c.otherPaths, pid, 1)
	c.clients = addID(c.clients, &c.clientSeen, &c.otherClients, cid, 1)
	c.inputs = addID(c.inputs, &c.inputSeen, &c.otherInputs, a.input, 1)
}

// maxInputs is how many files the attribution names; the edge log keeps
// an input's id in a byte, the last value for the others.
const maxInputs = 255

// enter makes input the one lines come from.
func (a *attribution) enter(input string) {
	a.input = otherID
	if id := a.inputs.id([]byte(input)); id < maxInputs {
		a.input = id
	}
}

func (a *attribution) merge(b *attribution, remap *[numSeries]int) {
	a.lastCell = [numSeries]*attrCell{}
	// A name shows up in many cells: translate each of b's ids once.
	pmemo := make([]uint32, len(b.paths.ends))
	cmemo := make([]uint32, len(b.clients.ends))
	imemo := make([]uint32, len(b.inputs.ends))
	trInput := func(id uint32) uint32 {
		if x := translate(&a.inputs, &b.inputs, imemo, id); x < maxInputs {
			return x
		}
		return otherID
	}
	// Every input b read is one the run read, errors or not: a spike
	// names its file only when there were several.
	for id := range b.inputs.ends {
		trInput(uint32(id))
	}
	for k, bc := range b.cells {
		if remap[k.series] < 0 {
			continue
		}
		c := a.cell(attrKey{k.min, int16(remap[k.series])})
		for _, e := range bc.paths {
			c.paths = addID(c.paths, &c.pathSeen, &c.otherPaths, translate(&a.paths, &b.paths, pmemo, e.id), e.n)
		}
		for _, e := range bc.clients {
			c.clients = addID(c.clients, &c.clientSeen, &c.otherClients, translate(&a.clients, &b.clients, cmemo, e.id), e.n)
		}
		c.otherPaths += bc.otherPaths
		c.otherClients += bc.otherClients
		for _, e := range bc.inputs {
			c.inputs = addID(c.inputs, &c.inputSeen, &c.otherInputs, trInput(e.id), e.n)
		}
		c.otherInputs += bc.otherInputs
	}
	a.lastCell = [numSeries]*attrCell{}
	a.errs += b.errs
	for id, n := range b.errsBy {
		if n != 0 {
			if x := translate(&a.clients, &b.clients, cmemo, uint32(id)); x != otherID {
				a.countClientN(x, n)
			}
		}
	}
	a.edges.merge(&b.edges, func(pid, cid, iid uint32) (uint32, uint32, uint32) {
		return translate(&a.paths, &b.paths, pmemo, pid), translate(&a.clients, &b.clients, cmemo, cid), trInput(iid)
	}, remap)
}

// translate returns a's id for the name b knows as id (otherID stays
// otherID); memo, indexed by b's ids, holds answers given before, plus one.
func translate(a, b *names, memo []uint32, id uint32) uint32 {
	if id == otherID {
		return otherID
	}
	if m := memo[id]; m != 0 {
		return m - 1
	}
	x := a.id(b.key(id))
	memo[id] = x + 1
	return x
}

// namedCount is a name (a path or a client) with a count.
type namedCount struct {
	name string
	n    int64
	id   uint32
}

// top sums the cells of series over minutes [from, to], lets adjust change
// the sums (nil: no change), and returns the k heaviest paths and clients,
// ties broken by name.
func (a *attribution) top(series int, from, to int64, adjust func(pc, cc, ic map[uint32]int64), k int) (paths, clients, inputs []namedCount) {
	pc := map[uint32]int64{}
	cc := map[uint32]int64{}
	ic := map[uint32]int64{}
	if to-from+1 < int64(len(a.cells)) {
		for m := from; m <= to; m++ {
			if c := a.cells[attrKey{m, int16(series)}]; c != nil {
				sumCell(c, pc, cc, ic)
			}
		}
	} else {
		for key, c := range a.cells {
			if int(key.series) == series && key.min >= from && key.min <= to {
				sumCell(c, pc, cc, ic)
			}
		}
	}
	if adjust != nil {
		adjust(pc, cc, ic)
	}
	if len(a.inputs.ends) > 1 {
		// With one input, where a spike is needs no saying.
		inputs = topNames(ic, &a.inputs, k)
	}
	return topNames(pc, &a.paths, k), topNames(cc, &a.clients, k), inputs
}

func sumCell(c *attrCell, pc, cc, ic map[uint32]int64) {
	for _, e := range c.inputs {
		ic[e.id] += int64(e.n)
	}
	for _, e := range c.paths {
		pc[e.id] += int64(e.n)
	}
	for _, e := range c.clients {
		cc[e.id] += int64(e.n)
	}
}

func topNames(m map[uint32]int64, n *names, k int) []namedCount {
	ids := make([]uint32, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	// Sorted by bytes, so that only the k names kept become strings.
	slices.SortFunc(ids, func(x, y uint32) int {
		if m[x] != m[y] {
			return cmp.Compare(m[y], m[x])
		}
		return bytes.Compare(n.key(x), n.key(y))
	})
	if len(ids) > k {
		ids = ids[:k]
	}
	out := make([]namedCount, len(ids))
	for i, id := range ids {
		out[i] = namedCount{n.name(id), m[id], id}
	}
	return out
}

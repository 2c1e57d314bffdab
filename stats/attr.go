package stats

import "sort"

// Attribution: which paths and clients carry each error kind, minute by
// minute, so that a spike found later (after workers merge, over any span
// of minutes) can name its top paths and clients.
//
// A cell holds, for one minute and one error series, exact counts of up to
// attrCap distinct paths and attrCap distinct clients; any more in that
// minute are counted as "other" without a name. Paths and clients are
// interned once (up to maxNames each) and cells hold their small ids.
// Cells exist only for minutes where the error occurred, so memory follows
// the number of error lines, at most about a kilobyte per minute per kind.

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
}

func addID(list []idCount, other *int64, id uint32, n uint32) []idCount {
	if id != otherID {
		for i := range list {
			if list[i].id == id {
				list[i].n += n
				return list
			}
		}
		if len(list) < attrCap {
			return append(list, idCount{id, n})
		}
	}
	*other += int64(n)
	return list
}

// names interns strings to small ids, up to maxNames of them.
type names struct {
	index map[string]uint32
	list  []string
}

func (n *names) id(b []byte) uint32 {
	if id, ok := n.index[string(b)]; ok {
		return id
	}
	if len(n.list) >= maxNames {
		// Full: answer before string(b) is made, which would allocate
		// for every unseen name on the hot path.
		return otherID
	}
	return n.insert(string(b))
}

func (n *names) insert(s string) uint32 {
	if id, ok := n.index[s]; ok {
		return id
	}
	if len(n.list) >= maxNames {
		return otherID
	}
	if n.index == nil {
		n.index = make(map[string]uint32)
	}
	id := uint32(len(n.list))
	n.list = append(n.list, s)
	n.index[s] = id
	return id
}

type attribution struct {
	cells          map[attrKey]*attrCell
	paths, clients names

	lastKey  [2]attrKey // a tiny cache: lines come in time order
	lastCell [2]*attrCell
}

func (a *attribution) cell(k attrKey, slot int) *attrCell {
	if a.lastCell[slot] != nil && a.lastKey[slot] == k {
		return a.lastCell[slot]
	}
	c := a.cells[k]
	if c == nil {
		if a.cells == nil {
			a.cells = make(map[attrKey]*attrCell)
		}
		c = &attrCell{}
		a.cells[k] = c
	}
	a.lastKey[slot], a.lastCell[slot] = k, c
	return c
}

// add counts one error response of series (slot 0 for a class, 1 for a
// code: the cache keeps one cell of each) in minute min.
func (a *attribution) add(min int64, series, slot int, path, client []byte) {
	c := a.cell(attrKey{min, int16(series)}, slot)
	c.paths = addID(c.paths, &c.otherPaths, a.paths.id(path), 1)
	c.clients = addID(c.clients, &c.otherClients, a.clients.id(client), 1)
}

func (a *attribution) merge(b *attribution, remap *[numSeries]int) {
	a.lastCell = [2]*attrCell{}
	for k, bc := range b.cells {
		if remap[k.series] < 0 {
			continue
		}
		c := a.cell(attrKey{k.min, int16(remap[k.series])}, 0)
		for _, e := range bc.paths {
			c.paths = addID(c.paths, &c.otherPaths, a.paths.insert(b.paths.list[e.id]), e.n)
		}
		for _, e := range bc.clients {
			c.clients = addID(c.clients, &c.otherClients, a.clients.insert(b.clients.list[e.id]), e.n)
		}
		c.otherPaths += bc.otherPaths
		c.otherClients += bc.otherClients
	}
	a.lastCell = [2]*attrCell{}
}

// NamedCount is a name (a path or a client) with a count.
type namedCount struct {
	name string
	n    int64
}

// top sums the cells of series over minutes [from, to] and returns the k
// heaviest paths and clients, ties broken by name.
func (a *attribution) top(series int, from, to int64, k int) (paths, clients []namedCount) {
	pc := map[uint32]int64{}
	cc := map[uint32]int64{}
	if to-from+1 < int64(len(a.cells)) {
		for m := from; m <= to; m++ {
			if c := a.cells[attrKey{m, int16(series)}]; c != nil {
				sumCell(c, pc, cc)
			}
		}
	} else {
		for key, c := range a.cells {
			if int(key.series) == series && key.min >= from && key.min <= to {
				sumCell(c, pc, cc)
			}
		}
	}
	return topNames(pc, a.paths.list, k), topNames(cc, a.clients.list, k)
}

func sumCell(c *attrCell, pc, cc map[uint32]int64) {
	for _, e := range c.paths {
		pc[e.id] += int64(e.n)
	}
	for _, e := range c.clients {
		cc[e.id] += int64(e.n)
	}
}

func topNames(m map[uint32]int64, list []string, k int) []namedCount {
	out := make([]namedCount, 0, len(m))
	for id, n := range m {
		out = append(out, namedCount{list[id], n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].n != out[j].n {
			return out[i].n > out[j].n
		}
		return out[i].name < out[j].name
	})
	if len(out) > k {
		out = out[:k]
	}
	return out
}

package stats

// The attribution cells count by minute, but a spike starts and ends at a
// second. Its first minute may hold usual errors from before it began, and
// its first seconds may lie in the calm minute before; the same goes for
// its end. edgeLog keeps the newest error responses one by one (second,
// series, path, client), so that the paths and clients of a spike can be
// counted over its span to the second, as its count is, while the log
// still holds the seconds between its edges and those of its minutes.

// edgeEvents is how many error responses the log keeps: 4 MiB, touched
// only as errors come. A spike's edges are seconds of its first and last
// minutes. Live they are recent, and a burst of a thousand errors a second
// keeps its start for four minutes; an archive's last spikes keep theirs
// while fewer errors than this came after them.
const edgeEvents = 1 << 18

// errEvent is one error response as the attribution counted it.
type errEvent struct {
	key      int64 // its second<<16 | its input<<8 | its series: sorts by time
	pid, cid uint32
}

func (e errEvent) sec() int64  { return e.key >> 16 }
func (e errEvent) series() int { return int(uint8(e.key)) }

// input is the event's input id, otherID for one past maxInputs.
func (e errEvent) input() uint32 {
	if i := uint32(uint8(e.key >> 8)); i < maxInputs {
		return i
	}
	return otherID
}

// eventKey packs an event's second, input and series (numSeries and
// maxInputs fit a byte each; otherID becomes maxInputs).
func eventKey(sec int64, input uint32, series int) int64 {
	return sec<<16 | int64(min(input, maxInputs))<<8 | int64(uint8(series))
}

type edgeLog struct {
	ev   []errEvent // a ring of edgeEvents once allocated
	n    int        // events held: ev[:n] until the ring is full
	next int        // where the next event goes: the oldest once full
	// lost says events were pushed out, the newest of them of second
	// lostTo: every event of a later second is still here.
	lost   bool
	lostTo int64
}

func (l *edgeLog) add(sec int64, input uint32, series int, pid, cid uint32) {
	if l.ev == nil {
		l.ev = make([]errEvent, edgeEvents)
	}
	e := &l.ev[l.next]
	if l.n == len(l.ev) {
		l.lose(e.sec())
	} else {
		l.n++
	}
	*e = errEvent{eventKey(sec, input, series), pid, cid}
	if l.next++; l.next == len(l.ev) {
		l.next = 0
	}
}

// lose notes that the events of second sec and before may be gone.
func (l *edgeLog) lose(sec int64) {
	if !l.lost || sec > l.lostTo {
		l.lostTo = sec
	}
	l.lost = true
}

// holds reports whether every event from second lo on is in the log.
func (l *edgeLog) holds(lo int64) bool { return !l.lost || lo > l.lostTo }

// events returns the events the log holds, in no particular order.
func (l *edgeLog) events() []errEvent { return l.ev[:l.n] }

// merge adds b's events to l, their ids and series made l's by tr and
// remap; b is not used afterwards. When both hold more than the log keeps,
// the newest are kept: each log is a run in the order its events came,
// nearly in time order, and the two are merged from their newest ends,
// with no sort (a sort made a run over a 1 GB archive 8% slower: it
// came after the workers were done, on one core). Whatever order they come in, what is
// dropped is said lost.
func (l *edgeLog) merge(b *edgeLog, tr func(pid, cid, iid uint32) (uint32, uint32, uint32), remap *[numSeries]int) {
	if b.lost {
		l.lose(b.lostTo)
	}
	// b's events become l's in place, in the order they came.
	bo, bn := b.runs()
	var y []errEvent
	if b.n < len(b.ev) || b.next == 0 {
		y = b.ev[:0]
	} else {
		y = make([]errEvent, 0, b.n)
	}
	for _, run := range [][]errEvent{bo, bn} {
		for _, e := range run {
			if s := remap[e.series()]; s >= 0 {
				pid, cid, iid := tr(e.pid, e.cid, e.input())
				y = append(y, errEvent{eventKey(e.sec(), iid, s), pid, cid})
			}
		}
	}
	if len(y) == 0 {
		return
	}
	xo, xn := l.runs()
	x := func(i int) errEvent {
		if i < len(xo) {
			return xo[i]
		}
		return xn[i-len(xo)]
	}
	out := make([]errEvent, edgeEvents)
	k := min(l.n+len(y), edgeEvents)
	i, j := l.n, len(y)
	for p := k - 1; p >= 0; p-- {
		if j == 0 || i > 0 && x(i-1).key >= y[j-1].key {
			i--
			out[p] = x(i)
		} else {
			j--
			out[p] = y[j]
		}
	}
	for ; i > 0; i-- {
		l.lose(x(i - 1).sec())
	}
	for _, e := range y[:j] {
		l.lose(e.sec())
	}
	l.ev, l.n, l.next = out, k, k%edgeEvents
}

// runs returns the events the log holds in the order they came, oldest
// first, as two runs.
func (l *edgeLog) runs() (older, newer []errEvent) {
	if l.n < len(l.ev) {
		return nil, l.ev[:l.n]
	}
	return l.ev[l.next:], l.ev[:l.next]
}

// edgeShift is the move of one edge of a spike from second from to second
// to, as edgeAdj takes it: the events in [from, to) come off its counts
// when to is later, those in [to, from) are added when it is earlier.
type edgeShift struct{ from, to int64 }

// edgeShifts returns the moves from the edges of r's minutes to its own
// (the end's only once it has ended).
func edgeShifts(r spikeRec, ended bool) []edgeShift {
	var out []edgeShift
	if m0 := r.start * 60; r.startSec != m0 {
		out = append(out, edgeShift{m0, r.startSec})
	}
	if m1 := r.lastHot*60 + 60; ended && r.lastSec+1 != m1 {
		out = append(out, edgeShift{r.lastSec + 1, m1})
	}
	return out
}

// shift applies the edge moves to the counts per path and client of a
// spike (pc and cc, summed from its minutes), counting the events whose
// series in says are its, for each move the log holds whole. A count never
// goes below zero: a path counted under "other" in its minute has nothing
// to take off.
func (l *edgeLog) shift(moves []edgeShift, in func(series int) bool, pc, cc, ic map[uint32]int64) {
	for _, mv := range moves {
		lo, hi, sign := mv.from, mv.to, int64(-1)
		if hi < lo {
			lo, hi, sign = hi, lo, 1
		}
		if !l.holds(lo) {
			continue
		}
		for _, e := range l.events() {
			if s := e.sec(); s < lo || s >= hi || !in(e.series()) {
				continue
			}
			bump(pc, e.pid, sign)
			bump(cc, e.cid, sign)
			bump(ic, e.input(), sign)
		}
	}
}

func bump(m map[uint32]int64, id uint32, by int64) {
	if id == otherID {
		return
	}
	if n := m[id] + by; n > 0 {
		m[id] = n
	} else {
		delete(m, id)
	}
}

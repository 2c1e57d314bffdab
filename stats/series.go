package stats

import "sort"

// Counts over event time. A "series" is one thing counted per unit of time:
// series 0..numClasses-1 are the classes (indexed like ClassNames), the
// rest are status codes, given a slot the first time they are seen, up to
// maxTrackedCodes codes (real logs have a few dozen distinct codes at most;
// a code past the cap is still counted exactly in Snapshot.Codes, only not
// over time).

const (
	maxTrackedCodes = 48
	// seriesAll counts every entry the filters other than --status keep,
	// and only while a status filter is in use: the share of a code and the
	// burn rate are measured against all traffic, not against the codes
	// selected (5xx among 5xx is always 100%).
	seriesAll = numClasses + maxTrackedCodes
	numSeries = seriesAll + 1
	class5xx  = 5
)

// classSeries and allSeries are what adds up to all traffic in a minute or
// a second: the classes, or with a status filter, seriesAll.
var (
	classSeries = []int{0, 1, 2, 3, 4, 5}
	allSeries   = []int{seriesAll}
)

// tracker assigns series slots to codes.
type tracker struct {
	slot  [1000]uint8 // 1 + slot index; 0 = no slot yet
	codes []int       // code per slot
}

// seriesOf returns the series index of code, giving it a slot when there
// is room; -1 when the code is not tracked.
func (t *tracker) seriesOf(code int) int {
	if s := t.slot[code]; s != 0 {
		return numClasses + int(s) - 1
	}
	if len(t.codes) >= maxTrackedCodes {
		return -1
	}
	t.codes = append(t.codes, code)
	t.slot[code] = uint8(len(t.codes))
	return numClasses + len(t.codes) - 1
}

// codeOf returns the code of a code series.
func (t *tracker) codeOf(series int) int { return t.codes[series-numClasses] }

// errorKind reports whether a code is watched for spikes on its own: client
// and server errors and the no-response pseudo-codes. Success and redirect
// codes are not incidents by themselves.
func errorKind(code int) bool { return code >= 400 || code < 100 }

// ring holds per-second counts of every series for the last ringSeconds
// seconds of event time (a bit over an hour). Slot i holds the second whose
// number is i modulo ringSeconds; its stamp says which second that is, so a
// jump forward in time needs no clearing: stale slots are recognised by
// their stamp and recycled when written.
type ring struct {
	newest int64 // newest second written; the window ends here
	stamp  [ringSeconds]int64
	counts [ringSeconds][numSeries]uint32
}

const ringSeconds = 4096 // power of two, >= 1h plus room for late entries

// noSecond stamps a slot never written.
const noSecond = -1 << 62

func newRing() *ring {
	r := &ring{newest: noSecond}
	for i := range r.stamp {
		r.stamp[i] = noSecond
	}
	return r
}

// row returns the counts of second sec, clearing a slot that held an older
// second; nil when sec is older than the ring covers, or older than what
// its slot holds. Entries left out are still in the exact totals and the
// per-minute counts.
func (r *ring) row(sec int64) *[numSeries]uint32 {
	if sec <= r.newest-ringSeconds {
		return nil
	}
	i := sec & (ringSeconds - 1)
	if r.stamp[i] != sec {
		if r.stamp[i] > sec {
			return nil
		}
		r.stamp[i] = sec
		r.counts[i] = [numSeries]uint32{}
	}
	if sec > r.newest {
		r.newest = sec
	}
	return &r.counts[i]
}

// at returns the counts of second sec, or nil when the ring has none.
func (r *ring) at(sec int64) *[numSeries]uint32 {
	if sec <= r.newest-ringSeconds || sec > r.newest {
		return nil
	}
	i := sec & (ringSeconds - 1)
	if r.stamp[i] != sec {
		return nil
	}
	return &r.counts[i]
}

// merge adds b's seconds to r; remap gives r's series for each of b's.
func (r *ring) merge(b *ring, remap *[numSeries]int) {
	newest := max(r.newest, b.newest)
	for i := range b.stamp {
		sec := b.stamp[i]
		// A slot b never wrote is not read either: its counts are pages
		// the process has not touched yet.
		if sec == noSecond || sec <= newest-ringSeconds {
			continue
		}
		if r.stamp[i] != sec {
			if r.stamp[i] > sec {
				continue
			}
			r.stamp[i] = sec
			r.counts[i] = [numSeries]uint32{}
		}
		for s, n := range b.counts[i] {
			if n != 0 && remap[s] >= 0 {
				r.counts[i][remap[s]] += n
			}
		}
	}
	r.newest = newest
}

// minutes holds per-minute counts of every series over the whole input,
// in blocks of an hour allocated when first written (a series gets its row
// in a block only when it occurs in that hour). Memory grows with the time
// the input spans, about a kilobyte per hour per active series, never with
// the number of lines.
type minutes struct {
	blocks   map[int64]*hourBlock
	lastHour int64
	last     *hourBlock
}

type hourBlock struct {
	series [numSeries]*[60]uint32
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func (m *minutes) block(hour int64, create bool) *hourBlock {
	if m.last != nil && m.lastHour == hour {
		return m.last
	}
	b := m.blocks[hour]
	if b == nil {
		if !create {
			return nil
		}
		if m.blocks == nil {
			m.blocks = make(map[int64]*hourBlock)
		}
		b = &hourBlock{}
		m.blocks[hour] = b
	}
	m.last, m.lastHour = b, hour
	return b
}

func (m *minutes) addN(min int64, series int, n uint32) {
	*m.cell(min, series) += n
}

// cell returns where the count of series in minute min is kept, making
// room for it when needed. The cell stays put for good.
func (m *minutes) cell(min int64, series int) *uint32 {
	hour := floorDiv(min, 60)
	b := m.block(hour, true)
	row := b.series[series]
	if row == nil {
		row = new([60]uint32)
		b.series[series] = row
	}
	return &row[min-hour*60]
}

// secondCache remembers where the counts of the current second and minute
// are kept: the lines of one second (hundreds on a busy server) then skip
// the divisions and lookups that find them. Lines out of order only cost
// a lookup when their second differs from the line before.
type secondCache struct {
	from, to int64 // the second in Unix ms, [from, to); empty when from >= to
	sec, min int64
	ring     *[numSeries]uint32 // the second's ring row; nil if not kept
	mins     [numSeries]*uint32 // the minute's cell per series; nil until used
}

// enter makes the second holding ms current.
func (c *secondCache) enter(ms int64, r *ring) {
	sec := floorDiv(ms, 1000)
	if min := floorDiv(sec, 60); min != c.min || c.from >= c.to {
		c.min = min
		c.mins = [numSeries]*uint32{}
	}
	c.sec, c.from, c.to = sec, sec*1000, sec*1000+1000
	c.ring = r.row(sec)
}

// forget empties the cache, for when the ring or the minutes change other
// than through it (a merge).
func (c *secondCache) forget() { *c = secondCache{} }

// count adds one to series in the current minute and second.
func (c *secondCache) count(series int, m *minutes) {
	if c.ring != nil {
		c.ring[series]++
	}
	p := c.mins[series]
	if p == nil {
		p = m.cell(c.min, series)
		c.mins[series] = p
	}
	*p++
}

// get returns the count of series in minute min.
func (m *minutes) get(min int64, series int) int64 {
	hour := floorDiv(min, 60)
	b := m.block(hour, false)
	if b == nil || b.series[series] == nil {
		return 0
	}
	return int64(b.series[series][min-hour*60])
}

// hours returns the hours that have blocks, in order.
func (m *minutes) hours() []int64 {
	hs := make([]int64, 0, len(m.blocks))
	for h := range m.blocks {
		hs = append(hs, h)
	}
	sort.Slice(hs, func(i, j int) bool { return hs[i] < hs[j] })
	return hs
}

func (m *minutes) merge(b *minutes, remap *[numSeries]int) {
	for hour, bb := range b.blocks {
		for s, row := range bb.series {
			if row == nil || remap[s] < 0 {
				continue
			}
			for i, n := range row {
				if n != 0 {
					m.addN(hour*60+int64(i), remap[s], n)
				}
			}
		}
	}
}

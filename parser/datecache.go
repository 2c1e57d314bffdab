package parser

import "encoding/binary"

// The caches that let a parser decode most timestamps without doing the
// arithmetic: a log's lines come in order, so the date, and often the
// second, are the same as on the line before.

// dateCache remembers the starts of the last two days decoded, keyed by the
// raw bytes of the date and the zone. Two, because some logs carry two
// timestamps in different zones (or a line per zone from two servers), and
// one entry would then miss on every line. It also remembers the last
// timestamp decoded.
type dateCache struct {
	e    [2]dateEntry
	next int // the entry put replaces
	sec  lastSecond
}

// lastSecond is the last timestamp decoded whole: a busy server writes
// hundreds of lines in the same second, and comparing four words takes far
// less than decoding date and clock. Only timestamps of minSecond to
// maxSecond bytes are remembered, which is every common-log and ISO 8601
// shape up to milliseconds with a zone.
type lastSecond struct {
	w   [4]uint64 // the timestamp's first 16 bytes and its last 16
	n   int       // its length; 0 while nothing is remembered
	iso bool      // which decoder read it: bytes one refuses, the other may take
	ms  int64
}

const minSecond, maxSecond = 16, 32

// remembered decodes b, a common-log time or an ISO 8601 one, unless it is
// the timestamp decoded last.
func (c *dateCache) remembered(b []byte, iso bool) (ms int64, ok bool) {
	n := len(b)
	if n < minSecond || n > maxSecond {
		return c.decode(b, iso)
	}
	w := [4]uint64{
		binary.LittleEndian.Uint64(b),
		binary.LittleEndian.Uint64(b[8:]),
		binary.LittleEndian.Uint64(b[n-16:]),
		binary.LittleEndian.Uint64(b[n-8:]),
	}
	if w == c.sec.w && n == c.sec.n && iso == c.sec.iso {
		return c.sec.ms, true
	}
	if ms, ok = c.decode(b, iso); ok {
		c.sec = lastSecond{w: w, n: n, iso: iso, ms: ms}
	}
	return ms, ok
}

func (c *dateCache) decode(b []byte, iso bool) (int64, bool) {
	if iso {
		return c.isoDecode(b)
	}
	return c.clfDecode(b)
}

type dateEntry struct {
	key   [24]byte
	nDate int // key[:nDate] is the date, key[nDate:n] the zone
	n     int
	dayMs int64 // Unix ms of the local midnight of that date, in UTC
}

func (d *dateEntry) match(date, zone []byte) bool {
	// string(x) == string(y) compiles to a memory compare: no allocation.
	return d.n != 0 && d.nDate == len(date) && d.n-d.nDate == len(zone) &&
		string(d.key[:d.nDate]) == string(date) && string(d.key[d.nDate:d.n]) == string(zone)
}

func (c *dateCache) get(date, zone []byte) (int64, bool) {
	if c.e[0].match(date, zone) {
		return c.e[0].dayMs, true
	}
	if c.e[1].match(date, zone) {
		return c.e[1].dayMs, true
	}
	return 0, false
}

func (c *dateCache) put(date, zone []byte, dayMs int64) {
	d := &c.e[c.next&1]
	c.next++
	if len(date)+len(zone) > len(d.key) {
		d.n = 0
		return
	}
	d.nDate = copy(d.key[:], date)
	d.n = d.nDate + copy(d.key[d.nDate:], zone)
	d.dayMs = dayMs
}

// clfDay is get for a 26-byte CLF time (no fraction, a five-byte zone),
// the shape nearly every line has: its date b[:11] and zone b[21:] fill a
// key of 16 bytes, compared as two words instead of two memory compares.
// Only clfTime puts 11-byte dates in the cache, after checking them.
func (c *dateCache) clfDay(b []byte) (int64, bool) {
	w0 := binary.LittleEndian.Uint64(b)
	w1 := uint64(binary.LittleEndian.Uint32(b[8:]))&0xffffff | binary.LittleEndian.Uint64(b[18:])&^0xffffff
	for k := range c.e {
		d := &c.e[k]
		if d.n == 16 && d.nDate == 11 && binary.LittleEndian.Uint64(d.key[:]) == w0 && binary.LittleEndian.Uint64(d.key[8:]) == w1 {
			return d.dayMs, true
		}
	}
	return 0, false
}

package parser

import (
	"encoding/binary"
	"time"
)

// The caches that let a parser decode most timestamps without doing the
// arithmetic: a log's lines come in order, so the date, and often the
// second, are the same as on the line before.

// dateCache remembers the starts of the last two days decoded, keyed by the
// raw bytes of the date and the zone. Two, because some logs carry two
// timestamps in different zones (or a line per zone from two servers), and
// one entry would then miss on every line. It also remembers the last
// timestamp each decoder read.
type dateCache struct {
	e      [2]dateEntry
	next   int // the entry put replaces
	clfSec lastSecond
	isoSec lastSecond
	loc    *time.Location // of times written without a zone; nil: UTC
}

// lastSecond is the last timestamp decoded whole: a busy server writes
// hundreds of lines in the same second, and comparing four words takes far
// less than decoding date and clock. Only timestamps of minSecond to
// maxSecond bytes are remembered, which is every common-log and ISO 8601
// shape up to milliseconds with a zone.
type lastSecond struct {
	w  [4]uint64 // the timestamp's first 16 bytes and its last 16
	n  int       // its length; 0 while nothing is remembered
	ms int64
}

const minSecond, maxSecond = 16, 32

// hit returns the time remembered for b, when b is the timestamp
// remembered. The last word, where the seconds are, is compared first.
func (s *lastSecond) hit(b []byte) (int64, bool) {
	n := len(b)
	if n != s.n || n < minSecond {
		return 0, false
	}
	le := binary.LittleEndian
	if le.Uint64(b[n-8:]) != s.w[3] || le.Uint64(b) != s.w[0] || le.Uint64(b[8:]) != s.w[1] || le.Uint64(b[n-16:]) != s.w[2] {
		return 0, false
	}
	return s.ms, true
}

// keep remembers ms as the time of b, when b is of a length that is
// remembered.
func (s *lastSecond) keep(b []byte, ms int64) {
	n := len(b)
	if n < minSecond || n > maxSecond {
		return
	}
	le := binary.LittleEndian
	*s = lastSecond{w: [4]uint64{le.Uint64(b), le.Uint64(b[8:]), le.Uint64(b[n-16:]), le.Uint64(b[n-8:])}, n: n, ms: ms}
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
// Only clfDecode puts 11-byte dates in the cache, after checking them.
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

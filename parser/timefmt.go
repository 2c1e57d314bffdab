package parser

import (
	"encoding/binary"
	"math"
)

// Timestamps are decoded by hand: time.Parse per line costs more than the
// rest of a combined line put together. The date part (day, month, year and
// zone) changes once a day in a log, so the last ones decoded are cached and
// only the clock is decoded per line, and a line in the same second as the
// one before is not decoded at all (datecache.go).
//
// Every decoder returns Unix milliseconds and refuses anything before 1970
// or after 9999: such a time is a corrupt line, not a request.

const maxTime = 253402300800000 // 10000-01-01T00:00:00Z in Unix ms

// daysFromCivil returns the days since 1970-01-01 of a proleptic Gregorian
// date (Howard Hinnant's algorithm), for years 0 and later.
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}

func digits2(b []byte) (int, bool) {
	if len(b) < 2 || b[0] < '0' || b[0] > '9' || b[1] < '0' || b[1] > '9' {
		return 0, false
	}
	return int(b[0]-'0')*10 + int(b[1]-'0'), true
}

func digits4(b []byte) (int, bool) {
	if len(b) < 4 {
		return 0, false
	}
	h, ok1 := digits2(b)
	l, ok2 := digits2(b[2:])
	return h*100 + l, ok1 && ok2
}

// month returns 1..12 for an English three-letter month abbreviation.
func month(b []byte) int {
	if len(b) < 3 {
		return 0
	}
	switch string(b[:3]) {
	case "Jan":
		return 1
	case "Feb":
		return 2
	case "Mar":
		return 3
	case "Apr":
		return 4
	case "May":
		return 5
	case "Jun":
		return 6
	case "Jul":
		return 7
	case "Aug":
		return 8
	case "Sep":
		return 9
	case "Oct":
		return 10
	case "Nov":
		return 11
	case "Dec":
		return 12
	}
	return 0
}

// inRange reports whether t, in Unix ms, is a time an Entry may hold:
// from 1970 to the end of 9999, in UTC. A zone can move a date written in
// either year across that line.
func inRange(t int64) bool { return t >= 0 && t < maxTime }

// latestClock is the latest time of day a clock decodes to: 23:59:60.999,
// in ms.
const latestClock = 86400999

// wholeDayInRange reports whether every time of the day starting at day
// (its local midnight in Unix ms) is in range, which is when the day may
// be cached: a hit skips the check of the time.
func wholeDayInRange(day int64) bool { return inRange(day) && inRange(day+latestClock) }

var daysIn = [13]int{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// dayStart validates a date and returns its local midnight in Unix ms.
// 1969 is a valid year: 31 Dec 1969 18:00 at -0700 is 1970 in UTC. Whether
// the time itself is in range is for the caller to check (inRange).
func dayStart(y, m, d int, off int64) (int64, bool) {
	if y < 1969 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysIn[m] {
		return 0, false
	}
	if m == 2 && d == 29 && (y%4 != 0 || (y%100 == 0 && y%400 != 0)) {
		return 0, false
	}
	return daysFromCivil(y, m, d)*86400000 - off*1000, true
}

// zoneOffset decodes "+hhmm", "+hh:mm", "+hh" or "Z" into seconds east of UTC.
func zoneOffset(b []byte) (int64, bool) {
	if len(b) == 1 && (b[0] == 'Z' || b[0] == 'z') {
		return 0, true
	}
	if len(b) < 3 || (b[0] != '+' && b[0] != '-') {
		return 0, false
	}
	hh, ok := digits2(b[1:])
	if !ok || hh > 23 {
		return 0, false
	}
	mm := 0
	switch {
	case len(b) == 3:
	case len(b) == 5:
		mm, ok = digits2(b[3:])
	case len(b) == 6 && b[3] == ':':
		mm, ok = digits2(b[4:])
	default:
		ok = false
	}
	if !ok || mm > 59 {
		return 0, false
	}
	off := int64(hh*3600 + mm*60)
	if b[0] == '-' {
		off = -off
	}
	return off, true
}

// clock decodes "hh:mm:ss" into milliseconds since midnight (a leap second
// 60 is accepted as written). Every line has one, so the eight bytes are
// checked as one word, first byte lowest: the colons in place, and with
// '0' put in their place every byte a digit (high nibble 3, and adding 6
// does not carry out of the low nibble).
func clock(b []byte) (int64, bool) {
	if len(b) < 8 {
		return 0, false
	}
	const colons = 0x0000ff0000ff0000 // bytes 2 and 5
	x := binary.LittleEndian.Uint64(b)
	if x&colons != 0x00003a00003a0000 {
		return 0, false
	}
	x = x&^colons | 0x0000300000300000
	if x&0xf0f0f0f0f0f0f0f0 != 0x3030303030303030 || (x+0x0606060606060606)&0xf0f0f0f0f0f0f0f0 != 0x3030303030303030 {
		return 0, false
	}
	x -= 0x3030303030303030 // each byte now holds its digit's value
	hh := int(x&0xff)*10 + int(x>>8&0xff)
	mi := int(x>>24&0xff)*10 + int(x>>32&0xff)
	ss := int(x>>48&0xff)*10 + int(x>>56&0xff)
	if hh > 23 || mi > 59 || ss > 60 {
		return 0, false
	}
	return int64(hh*3600+mi*60+ss) * 1000, true
}

// fraction decodes the digits after a decimal point into milliseconds and
// returns how many bytes it used (at least one digit is required).
func fraction(b []byte) (ms int64, n int) {
	scale := int64(100)
	for n < len(b) && b[n] >= '0' && b[n] <= '9' {
		ms += int64(b[n]-'0') * scale
		scale /= 10
		n++
	}
	return ms, n
}

// clfTime decodes "10/Oct/2000:13:55:36 -0700" (without brackets), also with
// a fraction after the seconds ("13:55:36.123 -0700").
func (c *dateCache) clfTime(b []byte) (int64, bool) {
	if ms, ok := c.clfSec.hit(b); ok {
		return ms, true
	}
	// A new second of a day already seen, the usual miss, is decoded here
	// rather than in clfDecode: a call less per line of a quiet log.
	if len(b) == 26 && b[11] == ':' && b[20] == ' ' {
		if day, ok := c.clfDay(b); ok {
			t, ok := clock(b[12:])
			if !ok {
				return 0, false
			}
			c.clfSec.keep(b, day+t)
			return day + t, true
		}
	}
	ms, ok := c.clfDecode(b)
	if ok {
		c.clfSec.keep(b, ms)
	}
	return ms, ok
}

// clfDecode decodes what clfTime's shortcuts do not: a fraction of a
// second, a day not yet cached, a time of another length.
func (c *dateCache) clfDecode(b []byte) (int64, bool) {
	if len(b) < 26 || b[2] != '/' || b[6] != '/' || b[11] != ':' {
		return 0, false
	}
	t, ok := clock(b[12:])
	if !ok {
		return 0, false
	}
	i := 20
	if b[i] == '.' {
		ms, n := fraction(b[i+1:])
		if n == 0 {
			return 0, false
		}
		t += ms
		i += 1 + n
	}
	if i >= len(b) || b[i] != ' ' {
		return 0, false
	}
	date, zone := b[:11], b[i+1:]
	if day, ok := c.get(date, zone); ok {
		return day + t, true
	}
	d, ok1 := digits2(b)
	y, ok2 := digits4(b[7:])
	off, ok3 := zoneOffset(zone)
	if !ok1 || !ok2 || !ok3 {
		return 0, false
	}
	day, ok := dayStart(y, month(b[3:6]), d, off)
	if !ok || !inRange(day+t) {
		return 0, false
	}
	if wholeDayInRange(day) {
		c.put(date, zone, day)
	}
	return day + t, true
}

// isoTime decodes ISO 8601 / RFC 3339: "2006-01-02T15:04:05", a space in
// place of the T, an optional fraction of any length, and an optional zone
// ("Z", "+09:00", "+0900"); no zone means UTC, or the zone InZone gave.
func (c *dateCache) isoTime(b []byte) (int64, bool) {
	if ms, ok := c.isoSec.hit(b); ok {
		return ms, true
	}
	ms, ok := c.isoDecode(b)
	if ok {
		c.isoSec.keep(b, ms)
	}
	return ms, ok
}

// isoDecode is isoTime without the remembered second.
func (c *dateCache) isoDecode(b []byte) (int64, bool) {
	if len(b) < 19 || b[4] != '-' || b[7] != '-' || (b[10] != 'T' && b[10] != ' ' && b[10] != 't') {
		return 0, false
	}
	t, ok := clock(b[11:])
	if !ok {
		return 0, false
	}
	i := 19
	if i < len(b) && (b[i] == '.' || b[i] == ',') {
		ms, n := fraction(b[i+1:])
		if n == 0 {
			return 0, false
		}
		t += ms
		i += 1 + n
	}
	if i+1 < len(b) && b[i] == ' ' {
		i++ // "2006-01-02 15:04:05 +0200"
	}
	date, zone := b[:10], b[i:]
	if day, ok := c.get(date, zone); ok {
		return day + t, true
	}
	y, ok1 := digits4(b)
	m, ok2 := digits2(b[5:])
	d, ok3 := digits2(b[8:])
	var off int64
	ok4 := true
	if len(zone) > 0 {
		off, ok4 = zoneOffset(zone)
	}
	if !ok1 || !ok2 || !ok3 || !ok4 {
		return 0, false
	}
	day, ok := dayStart(y, m, d, off)
	if !ok {
		return 0, false
	}
	if len(zone) == 0 && c.loc != nil {
		local, whole := c.localDay(y, m, d)
		if !whole {
			ms := c.localTime(y, m, d, t)
			return ms, inRange(ms)
		}
		day = local
	}
	if !inRange(day + t) {
		return 0, false
	}
	if wholeDayInRange(day) {
		c.put(date, zone, day)
	}
	return day + t, true
}

// epochTime decodes Unix time with an optional fraction ("1703373474.815").
// The unit follows from the magnitude, as a log of this century gives:
// seconds below 1e11, then milliseconds, microseconds, nanoseconds.
func epochTime(b []byte) (int64, bool) {
	var whole int64
	i := 0
	for ; i < len(b) && b[i] != '.'; i++ {
		if b[i] < '0' || b[i] > '9' {
			return 0, false
		}
		d := int64(b[i] - '0')
		if whole > (math.MaxInt64-d)/10 {
			return 0, false // would overflow: no time of this era
		}
		whole = whole*10 + d
	}
	if i == 0 {
		return 0, false
	}
	var ms int64
	if i < len(b) {
		f, n := fraction(b[i+1:])
		if n == 0 || n != len(b)-i-1 {
			return 0, false
		}
		ms = f
	}
	var t int64
	switch {
	case whole < 1e11:
		t = whole*1000 + ms
	case whole < 1e14:
		t = whole
	case whole < 1e17:
		t = whole / 1000
	default:
		t = whole / 1000000
	}
	if !inRange(t) {
		return 0, false
	}
	return t, true
}

// anyTime decodes whichever of the shapes above b has, optionally inside
// [brackets]: the JSON formats and custom templates may log any of them.
func (c *dateCache) anyTime(b []byte) (int64, bool) {
	if len(b) >= 2 && b[0] == '[' && b[len(b)-1] == ']' {
		b = b[1 : len(b)-1]
	}
	switch {
	case len(b) >= 19 && b[4] == '-':
		return c.isoTime(b)
	case len(b) >= 26 && b[2] == '/':
		return c.clfTime(b)
	}
	return epochTime(b)
}

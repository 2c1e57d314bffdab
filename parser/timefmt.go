package parser

// Timestamps are decoded by hand: time.Parse per line costs more than the
// rest of a combined line put together. The date part (day, month, year and
// zone) changes once a day in a log, so the last one decoded is cached.

// dateCache remembers the start of the last day decoded, keyed by the raw
// bytes of its date and zone.
type dateCache struct {
	key   [24]byte
	n     int
	dayMs int64 // Unix ms of local midnight shifted to UTC by the zone
}

func (c *dateCache) get(key []byte) (int64, bool) {
	if c.n == 0 || len(key) != c.n {
		return 0, false
	}
	if string(c.key[:c.n]) != string(key) { // compiles to a compare, no allocation
		return 0, false
	}
	return c.dayMs, true
}

func (c *dateCache) put(key []byte, dayMs int64) {
	if len(key) > len(c.key) {
		c.n = 0
		return
	}
	c.n = copy(c.key[:], key)
	c.dayMs = dayMs
}

// daysFromCivil returns the days since 1970-01-01 of a proleptic Gregorian
// date (Howard Hinnant's algorithm).
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era = (y - 399) / 400
	}
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
	h, ok1 := digits2(b)
	l, ok2 := digits2(b[2:])
	return h*100 + l, ok1 && ok2 && len(b) >= 4
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

// zoneOffset decodes "+hhmm", "-hhmm", "+hh:mm" or "Z" into seconds east of UTC.
func zoneOffset(b []byte) (int64, bool) {
	if len(b) == 1 && (b[0] == 'Z' || b[0] == 'z') {
		return 0, true
	}
	if len(b) < 5 || (b[0] != '+' && b[0] != '-') {
		return 0, false
	}
	hh, ok1 := digits2(b[1:])
	mmAt := 3
	if b[3] == ':' {
		mmAt = 4
	}
	if len(b) != mmAt+2 {
		return 0, false
	}
	mm, ok2 := digits2(b[mmAt:])
	if !ok1 || !ok2 || hh > 23 || mm > 59 {
		return 0, false
	}
	off := int64(hh*3600 + mm*60)
	if b[0] == '-' {
		off = -off
	}
	return off, true
}

// clfTime decodes "10/Oct/2000:13:55:36 -0700" (without brackets) into Unix
// milliseconds.
func (c *dateCache) clfTime(b []byte) (int64, bool) {
	if len(b) != 26 || b[2] != '/' || b[6] != '/' || b[11] != ':' || b[14] != ':' || b[17] != ':' || b[20] != ' ' {
		return 0, false
	}
	hh, ok1 := digits2(b[12:])
	mi, ok2 := digits2(b[15:])
	ss, ok3 := digits2(b[18:])
	if !ok1 || !ok2 || !ok3 || hh > 23 || mi > 59 || ss > 60 {
		return 0, false
	}
	clock := int64(hh*3600+mi*60+ss) * 1000
	// The cache key is the date and the zone: "10/Oct/2000" + "-0700".
	var keyBuf [16]byte
	key := append(append(keyBuf[:0], b[:11]...), b[21:]...)
	if day, ok := c.get(key); ok {
		return day + clock, true
	}
	d, ok1 := digits2(b)
	y, ok2 := digits4(b[7:])
	m := month(b[3:6])
	off, ok3 := zoneOffset(b[21:])
	if !ok1 || !ok2 || !ok3 || m == 0 || d < 1 || d > 31 {
		return 0, false
	}
	day := daysFromCivil(y, m, d)*86400000 - off*1000
	c.put(key, day)
	return day + clock, true
}

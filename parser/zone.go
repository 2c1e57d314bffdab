package parser

import "time"

// InZone returns f reading the times its lines write without a zone
// ("2026-11-20 14:00:00", JSON or a strftime layout) as times in loc
// instead of UTC: the clock of the server that wrote them, as a rule.
// Times that carry a zone, and epoch times, are the same in any loc. A
// nil loc, or UTC, gives f back.
func InZone(f Format, loc *time.Location) Format {
	if loc == nil || loc == time.UTC {
		return f
	}
	t := tune(f)
	t.loc = loc
	return t
}

// localDay returns the Unix ms of the midnight that starts day y-m-d in
// c.loc, and whether the day has 24 hours there: a day on which the clocks
// change cannot be cached as one start plus the time of day.
func (c *dateCache) localDay(y, m, d int) (dayMs int64, whole bool) {
	start := time.Date(y, time.Month(m), d, 0, 0, 0, 0, c.loc)
	next := time.Date(y, time.Month(m), d+1, 0, 0, 0, 0, c.loc)
	return start.UnixMilli(), next.Sub(start) == 24*time.Hour
}

// localTime returns the Unix ms of y-m-d plus ms after its midnight, on
// the wall clock of c.loc: for the days on which that clock changes.
func (c *dateCache) localTime(y, m, d int, ms int64) int64 {
	sec := ms / 1000
	t := time.Date(y, time.Month(m), d, int(sec/3600), int(sec/60%60), int(sec%60), int(ms%1000)*int(time.Millisecond), c.loc)
	return t.UnixMilli()
}

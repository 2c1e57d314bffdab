// Package units writes quantities for people to read at a glance: sizes in
// bytes, counts, time left, and how far a read has got. Batch mode's progress
// line and the dashboard's loading line both use it, so the two always say
// the same thing in the same words. It also reads the times people type
// (ParseTime), for the flags and the dashboard alike. It imports nothing of
// the program's.
package units

import (
	"math"
	"strconv"
	"time"
)

// Bytes writes n bytes in decimal units, with three significant digits:
// "812 B", "45.3 kB", "1.21 GB". Decimal, like disk and network speeds, so
// "MB/s" reads as people expect.
func Bytes(n int64) string {
	const prefixes = "kMGTPE"
	if n < 1000 {
		return strconv.FormatInt(n, 10) + " B"
	}
	v, u := float64(n)/1000, 0
	for v >= 999.5 && u < len(prefixes)-1 {
		v /= 1000
		u++
	}
	return threeDigits(v) + " " + prefixes[u:u+1] + "B"
}

// BytesPerSecond writes a byte rate: "605 MB/s".
func BytesPerSecond(r float64) string {
	return Bytes(int64(max(r, 0))) + "/s"
}

// Count writes a count compactly: "812", "45.3k", "5.20M", "2.00G".
func Count(n int64) string {
	switch {
	case n < 1000:
		return strconv.FormatInt(n, 10)
	case n < 999_500:
		return threeDigits(float64(n)/1e3) + "k"
	case n < 999_500_000:
		return threeDigits(float64(n)/1e6) + "M"
	}
	return threeDigits(float64(n)/1e9) + "G"
}

// threeDigits writes v (at least 1) with three significant digits. The
// callers move to the next unit at 999.5, so "1000" never appears.
func threeDigits(v float64) string {
	switch {
	case v >= 99.95:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case v >= 9.995:
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

// Countdown writes a duration to the second, the way a countdown reads:
// "7s", "2m05s", "1h02m". Anything under a second is "1s": a countdown that
// says "0s" while work remains looks stuck.
func Countdown(d time.Duration) string {
	s := int64(d.Round(time.Second) / time.Second)
	switch {
	case s < 60:
		return strconv.FormatInt(max(s, 1), 10) + "s"
	case s < 3600:
		return strconv.FormatInt(s/60, 10) + "m" + twoDigits(s%60) + "s"
	}
	return strconv.FormatInt(s/3600, 10) + "h" + twoDigits(s/60%60) + "m"
}

// Span writes how long something lasted, the way people say it, in at
// most two units: "45s", "3m12s", "1h05m", "2d03h". The dashboard and the
// reports write spike lengths and time spans so.
func Span(d time.Duration) string {
	s := int64(max(d, 0).Round(time.Second) / time.Second)
	switch {
	case s < 60:
		return strconv.FormatInt(s, 10) + "s"
	case s < 3600:
		return strconv.FormatInt(s/60, 10) + "m" + twoDigits(s%60) + "s"
	case s < 48*3600:
		return strconv.FormatInt(s/3600, 10) + "h" + twoDigits(s/60%60) + "m"
	}
	return strconv.FormatInt(s/86400, 10) + "d" + twoDigits(s/3600%24) + "h"
}

// Step writes a whole step of time in its largest unit, as PromQL ranges
// and window names are written: "30s", "5m", "1h", "1d"; any other length
// as Go writes it.
func Step(d time.Duration) string {
	for _, u := range []struct {
		d    time.Duration
		name string
	}{{24 * time.Hour, "d"}, {time.Hour, "h"}, {time.Minute, "m"}, {time.Second, "s"}} {
		if d > 0 && d%u.d == 0 {
			return strconv.FormatInt(int64(d/u.d), 10) + u.name
		}
	}
	return d.String()
}

func twoDigits(n int64) string {
	if n < 10 {
		return "0" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
}

// BytesOf says how much of total bytes is done: "1.21 GB of 4.00 GB (30%)",
// "50.0 MB of 200 MB compressed (25%)" when the bytes are an archive's on
// disk, or "1.21 GB" alone when the total is unknown (total <= 0). The share
// never passes 100%: a followed file grows past its size at start.
func BytesOf(done, total int64, compressed bool) string {
	s := Bytes(done)
	if total > 0 {
		s += " of " + Bytes(total)
	}
	if compressed {
		s += " compressed"
	}
	if total > 0 {
		s += " (" + strconv.FormatInt(min(100, 100*max(done, 0)/total), 10) + "%)"
	}
	return s
}

// Left is how long it takes yet to get from done to total at perSecond, as
// a Countdown; "" when that cannot be told (unknown total, no rate yet) or
// nothing is left.
func Left(done, total int64, perSecond float64) string {
	if total <= 0 || done >= total || !(perSecond > 0) {
		return ""
	}
	secs := float64(total-done) / perSecond
	if secs >= math.MaxInt64/float64(time.Second) {
		return Countdown(math.MaxInt64) // a crawl: no wrap to a negative duration
	}
	return Countdown(time.Duration(secs * float64(time.Second)))
}

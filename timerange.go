package main

import (
	"errors"
	"slices"
	"time"

	"github.com/codetop/codetop/parser"
	"github.com/codetop/codetop/source"
	"github.com/codetop/codetop/stats"
	"github.com/codetop/codetop/units"
)

// bound is a --since or --until value: a time, or a duration back from the
// newest entry.
type bound struct {
	at   time.Time
	back time.Duration
	set  bool
}

// parseBound reads a --since or --until value. A time without a zone is
// read in zone, the one --tz gives, and refused when --tz was not given
// (zone nil): an operator reading local logs thinks in local times, and
// reading "14:00" as UTC would silently count the wrong hours.
func parseBound(name, v string, zone *time.Location) (bound, error) {
	if v == "" {
		return bound{}, nil
	}
	t, err := units.ParseTime(v)
	if err != nil && zone != nil {
		for _, layout := range zonelessLayouts {
			if t, err = time.ParseInLocation(layout, v, zone); err == nil {
				break
			}
		}
	}
	if err == nil {
		if t.UnixMilli() <= 0 {
			// Log times start after it; 0 is also "no bound" in a Filter.
			return bound{}, usageErr("--%s %q: want a time after 1970-01-01T00:00:00Z, where log times start", name, v)
		}
		return bound{at: t, set: true}, nil
	}
	if d, err := time.ParseDuration(v); err == nil && d >= 0 {
		return bound{back: d, set: true}, nil
	}
	if zone == nil && zoneless(v) {
		return bound{}, usageErr("--%s %q: a time without a zone needs --tz to say which zone it is in (--tz UTC, --tz Local, --tz Europe/Berlin), or write it with one: 2026-11-20T14:00:00Z, or +01:00 for an offset", name, v)
	}
	return bound{}, usageErr("--%s %q: want an RFC 3339 time such as 2026-11-20T14:00:00Z (or with an offset, +01:00; without one, it is read in the zone --tz names), or a duration back from the newest entry such as 90m or 2h", name, v)
}

// zonelessLayouts are the date-and-time forms accepted without a zone.
var zonelessLayouts = []string{"2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02 15:04"}

// zoneless reports whether v is a date and time that only lacks a zone.
func zoneless(v string) bool {
	for _, layout := range zonelessLayouts {
		if _, err := time.Parse(layout, v); err == nil {
			return true
		}
	}
	return false
}

// checkTimeFlags checks the syntax of --since and --until.
func checkTimeFlags(since, until string, zone *time.Location) error {
	if _, err := parseBound("since", since, zone); err != nil {
		return err
	}
	_, err := parseBound("until", until, zone)
	return err
}

// timeFilter turns --since and --until into an entry filter. A duration
// counts back from the newest entry: the latest time in the last lines of
// the plain files among the inputs (read from their ends), or, when none
// has one, of the newest archive that has; from now when standard input is
// among the inputs, or when no entry was found and the inputs are followed
// (live) or pipes, whose entries are still to come. fromNow says that a
// duration was counted back from now; anchor is the entry time durations
// were counted back from otherwise (zero: none was).
func timeFilter(since, until string, zone *time.Location, inputs []string, f parser.Format, live bool, now func() time.Time) (flt stats.Filter, fromNow bool, anchor time.Time, err error) {
	s, err := parseBound("since", since, zone)
	if err != nil {
		return stats.Filter{}, false, time.Time{}, err
	}
	u, err := parseBound("until", until, zone)
	if err != nil {
		return stats.Filter{}, false, time.Time{}, err
	}
	if !s.set && !u.set {
		return stats.Filter{}, false, time.Time{}, nil
	}
	var newest time.Time
	if (s.set && s.at.IsZero()) || (u.set && u.at.IsZero()) {
		if newest, fromNow, err = newestEntry(inputs, f, live, now); err != nil {
			return stats.Filter{}, false, time.Time{}, err
		}
		if !fromNow {
			anchor = newest
		}
	}
	flt = boundsFrom(s, u, newest)
	if flt.From != 0 && flt.To != 0 && flt.From >= flt.To {
		return stats.Filter{}, false, time.Time{}, usageErr("--since %s is not before --until %s: nothing would be counted", time.UnixMilli(flt.From).UTC().Format(time.RFC3339), time.UnixMilli(flt.To).UTC().Format(time.RFC3339))
	}
	return flt, fromNow, anchor, nil
}

// reanchored is timeFilter's filter with its durations counted back from
// newest, for inputs whose newest entry was not among their last lines.
// The flags were checked by timeFilter before.
func reanchored(since, until string, zone *time.Location, newest time.Time) stats.Filter {
	s, _ := parseBound("since", since, zone)
	u, _ := parseBound("until", until, zone)
	return boundsFrom(s, u, newest)
}

// boundsFrom makes the filter of bounds s and u, durations counted back
// from newest.
func boundsFrom(s, u bound, newest time.Time) stats.Filter {
	resolve := func(b bound) int64 {
		switch {
		case !b.set:
			return 0
		case !b.at.IsZero():
			return b.at.UnixMilli()
		}
		return newest.Add(-b.back).UnixMilli()
	}
	return stats.Filter{From: resolve(s), To: resolve(u)}
}

// newestEntry finds the time of the newest entry. Every plain file is
// looked at, since several logs given together (one per virtual host) each
// end at their own time; archives, which are decompressed whole to find
// their ends, only when no plain file has a time, and from the last one
// (the newest of a rotated set) back. fromNow says that the answer is now,
// for inputs that cannot be looked at ahead.
func newestEntry(inputs []string, f parser.Format, live bool, now func() time.Time) (newest time.Time, fromNow bool, err error) {
	if slices.Contains(inputs, source.Stdin) {
		// Standard input cannot be read ahead, and its newest lines may
		// be those arriving now.
		return now(), true, nil
	}
	p := f.NewParser()
	var e parser.Entry
	anyLines, pipes, failed := false, false, false
	newestIn := func(name string, archives bool) int64 {
		lines, err := source.LastLines(name, archives)
		if err != nil {
			// An archive for later, a pipe (no end to look at yet), or a
			// problem reported when the input is read.
			pipes = pipes || errors.Is(err, source.ErrStream)
			failed = failed || !errors.Is(err, source.ErrStream)
			return 0
		}
		anyLines = anyLines || len(lines) > 0
		var ms int64
		for _, l := range lines {
			if p.Parse(l, &e) == nil && e.Time > ms {
				ms = e.Time
			}
		}
		return ms
	}
	var ms int64
	for _, name := range inputs {
		ms = max(ms, newestIn(name, false))
	}
	for i := len(inputs) - 1; i >= 0 && ms == 0; i-- {
		ms = newestIn(inputs[i], true)
	}
	if ms != 0 {
		return time.UnixMilli(ms).UTC(), false, nil
	}
	if !anyLines && (failed || len(inputs) == 0) {
		// Nothing could be looked at: the inputs are missing or cannot
		// be read. The read says which, by name, as it does without a
		// range; a word on durations would send the reader elsewhere.
		return now(), true, nil
	}
	if live && !anyLines || pipes {
		// Followed logs that have no line yet (empty after a rotation,
		// or not there yet) get their entries from now on, as standard
		// input does; so does a pipe, which is not read ahead. Lines
		// without a time are another matter: the error says so.
		return now(), true, nil
	}
	return time.Time{}, false, usageErr("a duration in --since or --until counts back from the newest entry, and no input ends with a line that has a time in format %s; give an RFC 3339 time instead", f.Name())
}

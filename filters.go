package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/codetop/codetop/parser"
	"github.com/codetop/codetop/source"
	"github.com/codetop/codetop/stats"
)

// filterFlags are the raw values of the flags that select entries.
type filterFlags struct {
	status, pathRegex, method, vhost string
	since, until                     string
}

// compile checks the selection flags and builds the filter, except for
// the time bounds, which may depend on the input (see resolveTimes).
// Errors name the flag and say what it accepts; they exit with status 2.
func (ff *filterFlags) compile() (stats.Filter, map[string]string, error) {
	var f stats.Filter
	desc := map[string]string{}
	var err error
	if ff.status != "" {
		if f.Status, err = stats.ParseStatusSet(ff.status); err != nil {
			return f, nil, usageErr("--status %q: %v", ff.status, err)
		}
		desc["status"] = ff.status
	}
	if ff.method != "" {
		if f.Methods, err = stats.ParseMethods(ff.method); err != nil {
			return f, nil, usageErr("--method %q: %v", ff.method, err)
		}
		desc["method"] = ff.method
	}
	if ff.vhost != "" {
		if f.VHosts, err = stats.ParseVHosts(ff.vhost); err != nil {
			return f, nil, usageErr("--vhost %q: %v", ff.vhost, err)
		}
		desc["vhost"] = ff.vhost
	}
	if ff.pathRegex != "" {
		if f.PathRegexp, err = regexp.Compile(ff.pathRegex); err != nil {
			return f, nil, usageErr("--path-regex %q: %v (the syntax is Go's RE2: https://golang.org/s/re2syntax)", ff.pathRegex, err)
		}
		desc["path-regex"] = ff.pathRegex
	}
	for _, b := range []struct{ name, v string }{{"since", ff.since}, {"until", ff.until}} {
		if b.v == "" {
			continue
		}
		if _, _, err := parseTimeBound(b.v); err != nil {
			return f, nil, usageErr("--%s %q: %v", b.name, b.v, err)
		}
	}
	return f, desc, nil
}

// parseTimeBound reads --since/--until: an RFC 3339 time, or a duration
// back from the newest entry ("2h", "90m", "3d").
func parseTimeBound(v string) (at time.Time, back time.Duration, err error) {
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t, 0, nil
	}
	if days, ok := strings.CutSuffix(v, "d"); ok {
		if n, err := strconv.ParseFloat(days, 64); err == nil && n > 0 {
			return time.Time{}, time.Duration(n * float64(24*time.Hour)), nil
		}
	}
	if d, err := time.ParseDuration(v); err == nil && d > 0 {
		return time.Time{}, d, nil
	}
	return time.Time{}, 0, fmt.Errorf("want an RFC 3339 time (2026-11-21T10:00:00Z) or a positive duration back from the newest entry (90m, 2h, 3d)")
}

// resolveTimes sets the filter's time bounds. A duration counts back from
// the newest entry, found by reading the ends of the plain inputs; when
// none can be read that way (standard input, compressed archives), it
// counts back from now and says so on stderr.
func resolveTimes(ff *filterFlags, f *stats.Filter, desc map[string]string, inputs []string, format parser.Format, stderr io.Writer) {
	var newest time.Time
	needNewest := false
	for _, v := range []string{ff.since, ff.until} {
		if _, back, _ := parseTimeBound(v); back > 0 {
			needNewest = true
		}
	}
	if needNewest {
		newest = newestEntry(inputs, format)
		if newest.IsZero() {
			newest = time.Now()
			fmt.Fprintf(stderr, "codetop: the newest entry cannot be found before reading (standard input or compressed files): durations in --since/--until count back from now\n")
		}
	}
	set := func(name, v string, dst *int64) {
		if v == "" {
			return
		}
		at, back, _ := parseTimeBound(v)
		if back > 0 {
			at = newest.Add(-back)
		}
		*dst = at.UnixMilli()
		desc[name] = at.UTC().Format(time.RFC3339)
	}
	set("since", ff.since, &f.From)
	set("until", ff.until, &f.To)
}

// tailBytes is how much of the end of each file newestEntry reads: many
// lines even for long ones, and a negligible read for any file.
const tailBytes = 256 << 10

// newestEntry returns the latest time among the last lines of the plain
// (uncompressed, seekable) inputs, or the zero time.
func newestEntry(inputs []string, format parser.Format) time.Time {
	p := format.NewParser()
	var e parser.Entry
	var newest int64
	for _, in := range inputs {
		if in == source.Stdin {
			continue
		}
		tail, ok := readTail(in)
		if !ok {
			continue
		}
		sc := bufio.NewScanner(bytes.NewReader(tail))
		sc.Buffer(make([]byte, 64<<10), tailBytes)
		for sc.Scan() {
			if p.Parse(sc.Bytes(), &e) == nil && e.Time > newest {
				newest = e.Time
			}
		}
	}
	if newest == 0 {
		return time.Time{}
	}
	return time.UnixMilli(newest).UTC()
}

func readTail(name string) ([]byte, bool) {
	f, err := os.Open(name)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	var magic [4]byte
	if n, _ := f.ReadAt(magic[:], 0); n >= 2 && (magic[0] == 0x1f && magic[1] == 0x8b ||
		n == 4 && bytes.Equal(magic[:], []byte{0x28, 0xb5, 0x2f, 0xfd})) {
		return nil, false // compressed: the end is not readable without the rest
	}
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return nil, false
	}
	off := max(fi.Size()-tailBytes, 0)
	buf := make([]byte, fi.Size()-off)
	n, _ := f.ReadAt(buf, off)
	buf = buf[:n]
	if off > 0 {
		// Drop the partial first line.
		if i := bytes.IndexByte(buf, '\n'); i >= 0 {
			buf = buf[i+1:]
		}
	}
	return buf, true
}

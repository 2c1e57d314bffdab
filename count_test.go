package main

import (
	"bufio"
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestCountsMatchIndependentCount checks codetop's exact counts on a real
// Apache common log against a count made here with a regular expression and
// time.Parse, a deliberately different (slow, obvious) method.
func TestCountsMatchIndependentCount(t *testing.T) {
	const log = "testdata/logs/nasa_jul95_slice_common.log"
	f, err := os.Open(log)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	re := regexp.MustCompile(`^(\S+) (\S+) (\S+) \[([^\]]+)\] "(.*)" (\d{3}) (\d+|-)$`)
	var lines, parsed int64
	codes := map[string]int64{}
	classes := map[string]int64{}
	pathTotals := map[string]int64{}
	var first, last time.Time
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		lines++
		m := re.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		ts, err := time.Parse("02/Jan/2006:15:04:05 -0700", m[4])
		if err != nil {
			continue
		}
		parsed++
		codes[m[6]]++
		classes[m[6][:1]+"xx"]++
		if first.IsZero() || ts.Before(first) {
			first = ts
		}
		if ts.After(last) {
			last = ts
		}
		parts := strings.Split(m[5], " ")
		if len(parts) >= 2 {
			target := strings.Join(parts[1:len(parts)-1], " ")
			if len(parts) == 2 || !strings.HasPrefix(parts[len(parts)-1], "HTTP/") {
				target = strings.Join(parts[1:], " ")
			}
			target, _, _ = strings.Cut(target, "?")
			pathTotals[target]++
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if lines < 1000 || parsed < lines*99/100 {
		t.Fatalf("independent count is off: %d lines, %d parsed", lines, parsed)
	}

	out, stderr, err := runArgs(t, "--report", "json", "--paths", "0", log)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, stderr)
	}
	var r struct {
		Lines, Parsed, Malformed int64
		First, Last              string
		Classes, Codes           map[string]int64
		Paths                    []struct {
			Path  string
			Total int64
		}
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Lines != lines || r.Parsed != parsed || r.Malformed != lines-parsed {
		t.Errorf("lines/parsed/malformed = %d/%d/%d, independent count %d/%d/%d",
			r.Lines, r.Parsed, r.Malformed, lines, parsed, lines-parsed)
	}
	for code, n := range codes {
		if r.Codes[code] != n {
			t.Errorf("code %s: codetop %d, independent %d", code, r.Codes[code], n)
		}
	}
	if len(r.Codes) != len(codes) {
		t.Errorf("codetop saw %d distinct codes, independent count %d", len(r.Codes), len(codes))
	}
	for class, n := range classes {
		if r.Classes[class] != n {
			t.Errorf("class %s: codetop %d, independent %d", class, r.Classes[class], n)
		}
	}
	if r.First != first.UTC().Format(time.RFC3339) || r.Last != last.UTC().Format(time.RFC3339) {
		t.Errorf("span %s..%s, independent %s..%s", r.First, r.Last, first.UTC().Format(time.RFC3339), last.UTC().Format(time.RFC3339))
	}
	if len(r.Paths) != len(pathTotals) {
		t.Errorf("codetop lists %d paths, independent count %d", len(r.Paths), len(pathTotals))
	}
	for i, p := range r.Paths {
		if pathTotals[p.Path] != p.Total {
			t.Errorf("path %q: codetop %d, independent %d", p.Path, p.Total, pathTotals[p.Path])
		}
		if i > 0 && p.Total > r.Paths[i-1].Total {
			t.Errorf("paths not sorted by total at %d", i)
		}
	}
	t.Logf("%d lines, %d codes, %d paths agree", lines, len(codes), len(pathTotals))
}

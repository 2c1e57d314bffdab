package benchmarks

import (
	"bytes"
	"context"
	"encoding/json"
	"strconv"
	"testing"
	"time"

	"github.com/codetop/codetop/benchmarks/genlog"
)

// TestPipelineCountsMatchGenerator runs the whole pipeline over generated
// logs and compares the report with what the generator says it wrote: every
// line, class and code exactly, and the time span.
func TestPipelineCountsMatchGenerator(t *testing.T) {
	for _, tc := range []struct {
		name string
		file string
		cfg  genlog.Config
	}{
		{"combined", "access.log", genlog.Config{Seed: 11}},
		{"combined with timings", "timed.log", genlog.Config{Seed: 12, Timings: true}},
		{"gzip", "access.log.gz", genlog.Config{Seed: 13}},
		{"distinct paths", "distinct.log", genlog.Config{Seed: 14, DistinctPaths: 12_000}},
		{"nginx json", "access.json", genlog.Config{Seed: 15, Format: genlog.JSON}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.cfg.Format == genlog.JSON {
				skipWithoutJSON(t)
			}
			data, want := genlog.Bytes(tc.cfg, genlog.Limit{Lines: 15_000})
			path := writeTemp(t, tc.file, data)
			var out bytes.Buffer
			if err := pipeline(context.Background(), []string{path}, 0, &out); err != nil {
				t.Fatal(err)
			}
			var r struct {
				Lines, Parsed, Malformed int64
				First, Last              string
				Classes, Codes           map[string]int64
				Paths                    []struct{ Total int64 }
			}
			if err := json.Unmarshal(out.Bytes(), &r); err != nil {
				t.Fatal(err)
			}
			if r.Lines != want.Lines || r.Parsed != want.Lines || r.Malformed != 0 {
				t.Errorf("lines/parsed/malformed %d/%d/%d, generated %d good lines", r.Lines, r.Parsed, r.Malformed, want.Lines)
			}
			for class := 1; class <= 5; class++ {
				name := strconv.Itoa(class) + "xx"
				if r.Classes[name] != want.Class(class) {
					t.Errorf("class %s: %d, generated %d", name, r.Classes[name], want.Class(class))
				}
			}
			var distinct int
			for code, n := range want.Codes {
				if n == 0 {
					continue
				}
				distinct++
				if got := r.Codes[strconv.Itoa(code)]; got != n {
					t.Errorf("code %d: %d, generated %d", code, got, n)
				}
			}
			if len(r.Codes) != distinct {
				t.Errorf("%d codes reported, %d generated", len(r.Codes), distinct)
			}
			if r.First != want.First.UTC().Format(time.RFC3339) || r.Last != want.Last.UTC().Format(time.RFC3339) {
				t.Errorf("span %s..%s, generated %s..%s", r.First, r.Last, want.First.UTC().Format(time.RFC3339), want.Last.UTC().Format(time.RFC3339))
			}
			// Per-path detail is capped, but the paths listed (with the
			// bucket for the rest) still account for every line.
			var total int64
			for _, p := range r.Paths {
				total += p.Total
			}
			if total != want.Lines {
				t.Errorf("paths add up to %d of %d lines", total, want.Lines)
			}
		})
	}
}

// TestGeneratedBurstIsASpike checks that the generator's burst is an
// incident the pipeline finds where it was put: a 5xx spike starting in the
// burst's first minutes.
func TestGeneratedBurstIsASpike(t *testing.T) {
	// 20 requests a second for 30 minutes: the burst is minutes 18 to 21.
	cfg := genlog.Config{Seed: 16, Rate: 20}
	lim := genlog.Limit{Lines: 36_000}
	data, _ := genlog.Bytes(cfg, lim)
	path := writeTemp(t, "burst.log", data)
	var out bytes.Buffer
	if err := pipeline(context.Background(), []string{path}, 10, &out); err != nil {
		t.Fatal(err)
	}
	var r struct {
		Spikes []struct {
			Kind, Start, End string
			Count            int64
		}
	}
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	from := genlog.DefaultStart.Add(18 * time.Minute)
	var found bool
	for _, s := range r.Spikes {
		start, err := time.Parse(time.RFC3339, s.Start)
		if err != nil {
			t.Fatalf("spike start %q: %v", s.Start, err)
		}
		if s.Kind == "5xx" && !start.Before(from) && start.Before(from.Add(2*time.Minute)) {
			found = true
		}
	}
	if !found {
		t.Errorf("no 5xx spike starting within 2 minutes of %s; spikes: %+v", from.Format(time.RFC3339), r.Spikes)
	}
}

package stats

import (
	"bytes"
	"fmt"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/codetop/codetop/parser"
)

// steadyLines returns 1000 combined lines with latencies, 5xx, 429 and 404
// responses and paths with IDs in them, all within a few minutes.
func steadyLines(t testing.TB) [][]byte {
	sc := &scenario{
		length: 3 * time.Minute, perSec: constRate(5), errShare: 0.05, seed: 9,
		incidents: []incident{{from: 0, to: time.Hour, client: "203.0.113.9", perSec: 1, status: 429, extraTo: "/api/search"}},
	}
	lines := bytes.Split(bytes.TrimSuffix(sc.generate(), []byte("\n")), []byte("\n"))
	if len(lines) < 1000 {
		t.Fatalf("generator gave %d lines", len(lines))
	}
	lines = lines[:1000]
	// Give a share of the lines ID-like paths for GroupPaths to fold.
	for i := 0; i < len(lines); i += 4 {
		lines[i] = bytes.Replace(lines[i], []byte("GET /"), []byte(fmt.Sprintf("GET /users/%d/orders/4f9c2a7e8b1d4c3a9e6f/", 1000+i)), 1)
	}
	return lines
}

func TestWorkerLineAllocatesNothing(t *testing.T) {
	lines := steadyLines(t)
	for _, group := range []bool{false, true} {
		f, _ := parser.Compile("combined")
		w := NewWorker(f.NewParser(), New(Config{GroupPaths: group}))
		w.Begin("test.log", 0, true)
		batch := func() {
			for _, l := range lines {
				w.Line(l)
			}
		}
		batch() // the first pass inserts paths, codes, minutes: allowed to allocate
		if got := testing.AllocsPerRun(20, batch); got != 0 {
			t.Errorf("GroupPaths=%v: %.2f allocations per batch of %d lines, want 0", group, got, len(lines))
		}
		if w.Agg.parsed != 22*1000 { // one pass, the warm-up run, 20 runs
			t.Fatalf("parsed %d lines, want %d: the lines must parse for the test to mean anything", w.Agg.parsed, 22*1000)
		}
	}
}

// Live adds a clock check every few hundred lines on top of the worker; that
// must not allocate either (publishing does, 4 times a second at most).
func TestLiveLineAllocatesNothing(t *testing.T) {
	lines := steadyLines(t)
	l, _ := newTestLive(t) // its clock stands still: no publish
	l.Begin("test.log", 0, true)
	batch := func() {
		for _, ln := range lines {
			l.Line(ln)
		}
		l.Flush()
	}
	batch()
	if got := testing.AllocsPerRun(20, batch); got != 0 {
		t.Errorf("%.2f allocations per batch of %d lines through Live, want 0", got, len(lines))
	}
}

func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// A scanner requesting two million distinct URLs, among steady traffic to a
// few real pages, must not grow memory without bound, must leave class
// counts exact, and must leave the heavy pages exact.
func TestDistinctPathsKeepMemoryBounded(t *testing.T) {
	distinct := 2_000_000
	if raceEnabled {
		// Still 40 times the path cap and 3 times the attribution name cap;
		// the full run is the plain `go test`.
		distinct = 400_000
		t.Logf("race detector on: %d distinct paths instead of 2 million", distinct)
	}
	heavy := []string{"/", "/api/orders", "/api/cart", "/static/app.js", "/login"}
	a := New(Config{})
	before := heapInUse()
	var e parser.Entry
	buf := make([]byte, 0, 64)
	var want4xx, want2xx int64
	wantHeavy := map[string]int64{}
	start := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC).UnixMilli()
	var atHalf uint64
	for i := 0; i < distinct; i++ {
		e.Reset()
		e.Time = start + int64(i)*3 // a line every 3 ms: 100 minutes for 2M
		e.Client = []byte("192.0.2.7")
		e.RequestTime = int64(500 + i%5000)
		if i%10 == 0 {
			p := heavy[(i/10)%len(heavy)]
			e.Path, e.Status = []byte(p), 200
			a.Add(&e)
			wantHeavy[p]++
			want2xx++
		}
		buf = append(strconv.AppendInt(append(buf[:0], "/wp-admin/probe-"...), int64(i), 10), ".php"...)
		e.Path, e.Status = buf, 404
		a.Add(&e)
		want4xx++
		if i == distinct/2 {
			atHalf = heapInUse()
		}
	}
	after := heapInUse()
	t.Logf("heap: %.1f MB before, %.1f MB halfway, %.1f MB after %d distinct paths", mb(before), mb(atHalf), mb(after), distinct)
	if grown := int64(after) - int64(before); grown > 64<<20 {
		t.Errorf("heap grew by %.1f MB over %d distinct paths, want under 64 MB", mb(uint64(grown)), distinct)
	}
	if grown := int64(after) - int64(atHalf); grown > 8<<20 {
		t.Errorf("heap grew by %.1f MB over the second half of the paths, want it flat (under 8 MB)", mb(uint64(grown)))
	}
	s := a.Snapshot()
	if s.Class("4xx") != want4xx || s.Class("2xx") != want2xx || s.Parsed != want4xx+want2xx {
		t.Errorf("classes 2xx=%d 4xx=%d parsed=%d, want exact %d, %d, %d", s.Class("2xx"), s.Class("4xx"), s.Parsed, want2xx, want4xx, want2xx+want4xx)
	}
	if len(s.Paths) > DefaultMaxPaths+1 {
		t.Errorf("%d path rows, want at most %d and the other bucket", len(s.Paths), DefaultMaxPaths)
	}
	var sum int64
	for i, p := range s.Paths {
		sum += p.Total
		if n, ok := wantHeavy[p.Path]; ok {
			if i >= len(heavy) || p.Total != n || p.Undercount != 0 {
				t.Errorf("heavy path %s: row %d total %d undercount %d, want one of the top rows with exactly %d", p.Path, i, p.Total, p.Undercount, n)
			}
			delete(wantHeavy, p.Path)
		}
	}
	if len(wantHeavy) > 0 {
		t.Errorf("heavy paths lost: %v", wantHeavy)
	}
	if sum != s.Parsed {
		t.Errorf("path rows add up to %d, want every request (%d)", sum, s.Parsed)
	}
	if last := s.Paths[len(s.Paths)-1]; last.Path != OtherPath || last.Total < int64(distinct-DefaultMaxPaths) {
		t.Errorf("last row %s with %d, want %s holding the evicted scanner paths", last.Path, last.Total, OtherPath)
	}
}

func mb(n uint64) float64 { return float64(n) / (1 << 20) }

// Under a long tail of paths, Space-Saving recycles rows all the time. A
// recycled row reuses its arrays (key, codes, latency buckets), which grow
// geometrically to the largest path and range they were given, a bounded
// number of times in the row's life, so allocations die out instead of
// costing one per recycled row (one every few lines here).
func TestRecyclingPathRowsAllocatesAlmostNothing(t *testing.T) {
	if raceEnabled {
		t.Skip("a million lines under the race detector take too long; the plain go test runs this")
	}
	lines := zipfLines(20_000)
	f, _ := parser.Compile("combined")
	w := NewWorker(f.NewParser(), New(Config{MaxPaths: 1000}))
	w.Begin("test.log", 0, true)
	batch := func() {
		for _, l := range lines {
			w.Line(l)
		}
	}
	for i := 0; i < 40; i++ {
		batch()
	}
	before := w.Agg.paths.other.total
	allocs := testing.AllocsPerRun(5, batch)
	recycled := (w.Agg.paths.other.total - before) / 6
	if recycled < int64(len(lines))/10 {
		t.Fatalf("only %d of %d lines went to recycled rows per batch: the test must exercise recycling", recycled, len(lines))
	}
	t.Logf("%.0f allocations per batch of %d lines, %d counts moved to the other row", allocs, len(lines), recycled)
	if allocs > float64(len(lines))/1000 {
		t.Errorf("%.0f allocations per batch of %d lines (%d counts moved to the other row), want under 1 per 1000 lines", allocs, len(lines), recycled)
	}
}

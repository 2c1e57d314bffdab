package stats

import (
	"fmt"
	"math/rand"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/codetop/codetop/internal/cputime"
	"github.com/codetop/codetop/parser"
)

// Hot path: one iteration counts a batch of 1000 combined lines (with
// latencies, errors, a 429 client and ID-like paths); SetBytes is the size
// of that one batch, so MB/s is real throughput.

func batchBytes(lines [][]byte) int64 {
	var n int64
	for _, l := range lines {
		n += int64(len(l)) + 1
	}
	return n
}

func benchWorker(b *testing.B, cfg Config) {
	lines := steadyLines(b)
	f, _ := parser.Compile("combined")
	w := NewWorker(f.NewParser(), New(cfg))
	w.Begin("bench.log", 0, true)
	for _, l := range lines {
		w.Line(l)
	}
	b.SetBytes(batchBytes(lines))
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cputime.Process()
	for i := 0; i < b.N; i++ {
		for _, l := range lines {
			w.Line(l)
		}
	}
	reportCPU(b, cpu)
}

// reportCPU adds the process CPU time per iteration since start: on a
// machine busy with other work it varies far less than the wall time.
func reportCPU(b *testing.B, start time.Duration) {
	if start != 0 {
		b.ReportMetric(float64(cputime.Process()-start)/float64(b.N), "cpu-ns/op")
	}
}

func BenchmarkWorkerLine(b *testing.B)           { benchWorker(b, Config{}) }
func BenchmarkWorkerLineGroupPaths(b *testing.B) { benchWorker(b, Config{GroupPaths: true}) }

// Baseline: the parser alone, to show what counting adds.
func BenchmarkParseOnly(b *testing.B) {
	lines := steadyLines(b)
	f, _ := parser.Compile("combined")
	p := f.NewParser()
	var e parser.Entry
	b.SetBytes(batchBytes(lines))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, l := range lines {
			p.Parse(l, &e)
		}
	}
}

// Baseline: the obvious way to count by path and status with the standard
// library, a map keyed by a string built per line.
func BenchmarkNaiveMapCount(b *testing.B) {
	lines := steadyLines(b)
	f, _ := parser.Compile("combined")
	p := f.NewParser()
	var e parser.Entry
	counts := map[string]int64{}
	b.SetBytes(batchBytes(lines))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, l := range lines {
			if p.Parse(l, &e) == nil {
				counts[string(e.Path)+" "+strconv.Itoa(e.Status)]++
			}
		}
	}
}

// Publishing cost: a snapshot of an aggregator holding 10k paths with
// latencies, an hour of per-second counts and a few spikes, as Live takes
// it 4 times a second.
func BenchmarkSnapshot10kPaths(b *testing.B) {
	a := New(Config{})
	var e parser.Entry
	start := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC).UnixMilli()
	var buf []byte
	for i := 0; i < 400_000; i++ {
		e.Reset()
		e.Time = start + int64(i)*9 // an hour
		buf = strconv.AppendInt(append(buf[:0], "/item/page-"...), int64(i%10_000), 10)
		e.Path, e.Client = buf, []byte("192.0.2.9")
		e.Status = []int{200, 200, 200, 304, 404, 500}[i%6]
		if m := (i * 9 / 60000) % 20; m == 7 && i%2 == 0 {
			e.Status = 502 // a burst every 20 minutes
		}
		e.RequestTime = int64(1000 + (i*7919)%200_000)
		a.Add(&e)
	}
	s := a.Snapshot()
	if len(s.Paths) != 10_000 || len(s.Spikes) == 0 {
		b.Fatalf("setup: %d paths, %d spikes", len(s.Paths), len(s.Spikes))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		a.Snapshot()
	}
}

// Live publishing as it happens: 1000 new lines (a quarter second of a busy
// server) between two snapshots, over 10k paths.
func BenchmarkLivePublish10kPaths(b *testing.B) {
	f, _ := parser.Compile("combined")
	l := NewLive(f.NewParser(), Config{})
	l.Begin("bench.log", 0, true)
	start := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	var lines [][]byte
	for i := 0; i < 40_000; i++ {
		t := start.Add(time.Duration(i) * 90 * time.Millisecond)
		lines = append(lines, []byte("192.0.2."+strconv.Itoa(i%250)+" - - ["+t.Format("02/Jan/2006:15:04:05 -0700")+
			"] \"GET /item/page-"+strconv.Itoa(i%10_000)+" HTTP/1.1\" "+[]string{"200", "200", "304", "404", "500"}[i%5]+
			" 512 \"-\" \"bench\" 0."+strconv.Itoa(10+i%900)))
	}
	for _, ln := range lines {
		l.Line(ln)
	}
	l.Publish()
	if n := len(l.Latest().Paths); n != 10_000 {
		b.Fatalf("setup: %d paths", n)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		off := (i * 1000) % len(lines)
		for _, ln := range lines[off : off+1000] {
			l.w.Line(ln)
		}
		l.Publish()
	}
}

// zipfLines returns n combined lines with request times whose paths carry
// IDs drawn from a Zipf law, as a shop's product and user pages do: a few
// hot paths and a long tail of tens of thousands more than the path table
// holds, so that Space-Saving recycles rows all the time. About one line in
// ten is an error, so attribution works too.
func zipfLines(n int) [][]byte {
	rng := rand.New(rand.NewSource(7))
	ids := rand.NewZipf(rng, 1.1, 1, 1<<20)
	prefixes := []string{"/api/v1/products/", "/images/", "/api/v1/users/", "/api/v1/orders/"}
	statuses := []int{200, 200, 200, 200, 200, 200, 200, 304, 404, 200, 200, 200, 200, 500, 502, 429, 200, 301, 200, 200}
	t := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	lines := make([][]byte, n)
	for i := range lines {
		t = t.Add(time.Duration(rng.Intn(4)) * time.Millisecond)
		path := "/"
		if k := rng.Intn(6); k < len(prefixes) {
			path = prefixes[k] + strconv.FormatUint(ids.Uint64(), 10)
		}
		lines[i] = fmt.Appendf(nil, "10.1.%d.%d - - [%s] \"GET %s HTTP/1.1\" %d %d \"-\" \"Mozilla/5.0 (X11; Linux x86_64)\" 0.%03d",
			rng.Intn(4), rng.Intn(256), t.Format("02/Jan/2006:15:04:05 -0700"), path,
			statuses[rng.Intn(len(statuses))], 200+rng.Intn(9000), 1+rng.Intn(300))
	}
	return lines
}

// BenchmarkWorkerLineZipf is the hot path under a long tail of paths: one
// iteration parses and counts the same 50,000 lines, after a first pass
// that filled the table.
func BenchmarkWorkerLineZipf(b *testing.B) {
	lines := zipfLines(50_000)
	f, _ := parser.Compile("combined")
	w := NewWorker(f.NewParser(), New(Config{}))
	w.Begin("bench.log", 0, true)
	for _, l := range lines {
		w.Line(l)
	}
	b.SetBytes(batchBytes(lines))
	b.ReportAllocs()
	cpu := cputime.Process()
	for b.Loop() {
		for _, l := range lines {
			w.Line(l)
		}
	}
	reportCPU(b, cpu)
}

// BenchmarkParseOnlyZipf is the parser alone on the same lines: what
// counting adds is the difference with BenchmarkWorkerLineZipf.
func BenchmarkParseOnlyZipf(b *testing.B) {
	lines := zipfLines(50_000)
	f, _ := parser.Compile("combined")
	p := f.NewParser()
	var e parser.Entry
	b.SetBytes(batchBytes(lines))
	b.ReportAllocs()
	cpu := cputime.Process()
	for b.Loop() {
		for _, l := range lines {
			if err := p.Parse(l, &e); err != nil {
				b.Fatal(err)
			}
		}
	}
	reportCPU(b, cpu)
}

// BenchmarkMerge is the serial end of a batch run: two workers' full path
// tables (10,000 rows each out of a long tail, most paths in only one of
// them), their per-minute counts and attribution merged into one. The
// workers are filled again, untimed, before each merge.
func BenchmarkMerge(b *testing.B) {
	lines := zipfLines(200_000)
	f, _ := parser.Compile("combined")
	p := f.NewParser()
	entries := make([]parser.Entry, len(lines))
	for i, l := range lines {
		if err := p.Parse(l, &entries[i]); err != nil {
			b.Fatal(err)
		}
	}
	half := len(entries) / 2
	fill := func(es []parser.Entry) *Aggregator {
		a := New(Config{})
		for i := range es {
			a.Add(&es[i])
		}
		return a
	}
	b.ReportAllocs()
	b.ResetTimer()
	var cpu time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		x, y := fill(entries[:half]), fill(entries[half:])
		if len(x.paths.rows) < DefaultMaxPaths || len(y.paths.rows) < DefaultMaxPaths {
			b.Fatalf("tables of %d and %d rows: the benchmark wants full ones", len(x.paths.rows), len(y.paths.rows))
		}
		runtime.GC() // so that collecting the filling's garbage is not timed
		b.StartTimer()
		start := cputime.Process()
		x.Merge(y)
		cpu += cputime.Process() - start
	}
	b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
}

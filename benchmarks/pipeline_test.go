package benchmarks

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"sync"
	"testing"

	"github.com/codetop/codetop/benchmarks/genlog"
	"github.com/codetop/codetop/parser"
	"github.com/codetop/codetop/report"
	"github.com/codetop/codetop/source"
	"github.com/codetop/codetop/stats"
)

// benchSize is the size of the in-memory log each iteration reads: large
// enough that path-table growth settles, small enough to stay in cache-ish
// memory and keep -benchtime 1s meaningful.
const benchSize = 8 << 20

type corpus struct {
	data   []byte   // the whole log
	lines  [][]byte // data split at newlines, without them
	counts genlog.Counts
}

var (
	combinedOnce sync.Once
	combined     corpus
)

// combinedLog returns the benchmark input, generated once per process.
func combinedLog() *corpus {
	combinedOnce.Do(func() {
		combined.data, combined.counts = genlog.Bytes(genlog.Config{Seed: 1, Timings: true}, genlog.Limit{Bytes: benchSize})
		combined.lines = splitLines(combined.data)
	})
	return &combined
}

func splitLines(b []byte) [][]byte {
	lines := make([][]byte, 0, bytes.Count(b, []byte("\n")))
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			lines = append(lines, b)
			break
		}
		lines = append(lines, b[:i])
		b = b[i+1:]
	}
	return lines
}

func mustFormat(tb testing.TB, name string) parser.Format {
	f, err := parser.Compile(name)
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

// BenchmarkParse is the parser alone: one Parse per line into a reused
// Entry.
func BenchmarkParse(b *testing.B) {
	c := combinedLog()
	p := mustFormat(b, "combined").NewParser()
	var e parser.Entry
	b.SetBytes(int64(len(c.data)))
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range c.lines {
			if err := p.Parse(l, &e); err != nil {
				b.Fatalf("%v: %q", err, l)
			}
		}
	}
	b.ReportMetric(float64(len(c.lines))*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}

var (
	plainOnce sync.Once
	plain     corpus
)

// BenchmarkParsePlain parses a combined log without timings (the lines end
// with the agent), with a full parser and with the one codetop uses, which
// leaves the referer and the agent out (parser.Counted).
func BenchmarkParsePlain(b *testing.B) {
	plainOnce.Do(func() {
		plain.data, plain.counts = genlog.Bytes(genlog.Config{Seed: 1}, genlog.Limit{Bytes: benchSize})
		plain.lines = splitLines(plain.data)
	})
	f := mustFormat(b, "combined")
	for name, p := range map[string]parser.Parser{"full": f.NewParser(), "counted": parser.Counted(f).NewParser()} {
		b.Run(name, func(b *testing.B) {
			var e parser.Entry
			b.SetBytes(int64(len(plain.data)))
			b.ReportAllocs()
			for b.Loop() {
				for _, l := range plain.lines {
					if err := p.Parse(l, &e); err != nil {
						b.Fatalf("%v: %q", err, l)
					}
				}
			}
			b.ReportMetric(float64(len(plain.lines))*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
		})
	}
}

// combinedRE is what a quick tool would write: one regular expression for
// the combined format, with submatches.
var combinedRE = regexp.MustCompile(`^(\S+) (\S+) (\S+) \[([^\]]+)\] "([A-Z]+) ([^ "]*) ?([^"]*)" (\d{3}) (\d+|-) "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)"`)

// BenchmarkParseRegexpBaseline parses the same lines with combinedRE and
// strconv, the standard-library way, for scale.
func BenchmarkParseRegexpBaseline(b *testing.B) {
	c := combinedLog()
	b.SetBytes(int64(len(c.data)))
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range c.lines {
			m := combinedRE.FindSubmatch(l)
			if m == nil {
				b.Fatalf("no match: %q", l)
			}
			if _, err := strconv.Atoi(string(m[8])); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(c.lines))*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}

// BenchmarkAggregate is counting alone: entries are parsed before the timer
// starts (their fields point into the log, which stays alive), then added to
// one Aggregator, warmed up as a long-running one would be.
func BenchmarkAggregate(b *testing.B) {
	c := combinedLog()
	p := mustFormat(b, "combined").NewParser()
	entries := make([]parser.Entry, len(c.lines))
	for i, l := range c.lines {
		if err := p.Parse(l, &entries[i]); err != nil {
			b.Fatal(err)
		}
	}
	agg := stats.New(stats.Config{})
	for i := range entries {
		agg.Add(&entries[i])
	}
	b.SetBytes(int64(len(c.data)))
	b.ReportAllocs()
	for b.Loop() {
		for i := range entries {
			agg.Add(&entries[i])
		}
	}
	b.ReportMetric(float64(len(c.lines))*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}

// BenchmarkParseAggregate is the hot path as the reader drives it: a Worker
// parses and counts each line.
func BenchmarkParseAggregate(b *testing.B) {
	c := combinedLog()
	w := stats.NewWorker(parser.Counted(mustFormat(b, "combined")).NewParser(), stats.New(stats.Config{}))
	feed := func() {
		w.Begin("bench", 0, true)
		for _, l := range c.lines {
			w.Line(l)
		}
		w.End()
	}
	feed()
	b.SetBytes(int64(len(c.data)))
	b.ReportAllocs()
	for b.Loop() {
		feed()
	}
	b.ReportMetric(float64(len(c.lines))*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}

// TestWorkerAllocatesNothingPerLine asserts the zero-allocation rule for
// the parse-and-count path in steady state, over a batch of many lines per
// call so that a fraction of an allocation per line cannot round down to 0.
func TestWorkerAllocatesNothingPerLine(t *testing.T) {
	data, _ := genlog.Bytes(genlog.Config{Seed: 2, Timings: true}, genlog.Limit{Lines: 2000})
	lines := splitLines(data)
	w := stats.NewWorker(parser.Counted(mustFormat(t, "combined")).NewParser(), stats.New(stats.Config{}))
	feed := func() {
		for _, l := range lines {
			w.Line(l)
		}
	}
	w.Begin("alloc", 0, true)
	feed() // first sight of each path and code inserts it: that may allocate
	if n := testing.AllocsPerRun(20, feed); n != 0 {
		t.Errorf("%v allocations per batch of %d lines, want 0", n, len(lines))
	}
}

// pipeline runs what main runs for --report json --paths N: detect the
// format from a sample, read every input with one parse-and-count worker
// per core, merge the workers' counts, and write the report.
func pipeline(ctx context.Context, inputs []string, paths int, out io.Writer) error {
	f, ok := parser.Detect(source.Sample(inputs, 50))
	if !ok {
		f, _ = parser.Compile("combined") // every line counts, as malformed
	}
	f = parser.Counted(f)
	workers := make([]*stats.Worker, runtime.GOMAXPROCS(0))
	sinks := make([]source.Sink, len(workers))
	for i := range workers {
		workers[i] = stats.NewWorker(f.NewParser(), stats.New(stats.Config{}))
		sinks[i] = workers[i]
	}
	readErr := source.ReadParallel(ctx, inputs, source.Options{}, sinks)
	agg := workers[0].Agg
	for _, w := range workers[1:] {
		agg.Merge(w.Agg)
	}
	if err := report.WriteJSON(out, agg.Snapshot(), report.Meta{Inputs: inputs, Format: f.Name(), Paths: paths}); err != nil {
		return err
	}
	return readErr
}

// writeTemp writes data to a file in a fresh temporary directory, gzipped
// when name ends in .gz.
func writeTemp(tb testing.TB, name string, data []byte) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), name)
	if filepath.Ext(name) == ".gz" {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf) // level 6, as gzip and logrotate write
		zw.Write(data)
		if err := zw.Close(); err != nil {
			tb.Fatal(err)
		}
		data = buf.Bytes()
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

func benchEndToEnd(b *testing.B, name string) {
	c := combinedLog()
	path := writeTemp(b, name, c.data)
	ctx := context.Background()
	b.SetBytes(int64(len(c.data))) // uncompressed bytes, as the user gets them
	b.ReportAllocs()
	for b.Loop() {
		if err := pipeline(ctx, []string{path}, 50, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(c.lines))*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}

// BenchmarkEndToEnd reads a file from the page cache to a JSON report.
func BenchmarkEndToEnd(b *testing.B) { benchEndToEnd(b, "access.log") }

// BenchmarkEndToEndGzip does the same through gzip; SetBytes counts the
// uncompressed bytes.
func BenchmarkEndToEndGzip(b *testing.B) { benchEndToEnd(b, "access.log.gz") }

var (
	jsonOnce sync.Once
	jsonLog  corpus
)

// BenchmarkEndToEndJSON reads nginx escape=json lines to a JSON report.
func BenchmarkEndToEndJSON(b *testing.B) {
	skipWithoutJSON(b)
	jsonOnce.Do(func() {
		jsonLog.data, jsonLog.counts = genlog.Bytes(genlog.Config{Seed: 1, Format: genlog.JSON}, genlog.Limit{Bytes: benchSize})
		jsonLog.lines = splitLines(jsonLog.data)
	})
	path := writeTemp(b, "access.json", jsonLog.data)
	b.SetBytes(int64(len(jsonLog.data)))
	b.ReportAllocs()
	for b.Loop() {
		if err := pipeline(context.Background(), []string{path}, 50, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(jsonLog.lines))*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}

// skipWithoutJSON skips while the parser has no nginx JSON format, so that
// the JSON measurements switch on by themselves once it lands.
func skipWithoutJSON(tb testing.TB) {
	if _, err := parser.Compile("nginx-json"); err != nil {
		tb.Skipf("nginx-json format not built yet: %v", err)
	}
}

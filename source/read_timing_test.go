package source_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	kgzip "github.com/klauspost/compress/gzip"

	"github.com/codetop/codetop/parser"
	"github.com/codetop/codetop/source"
	"github.com/codetop/codetop/stats"
)

// The benchmark log: a realistic combined log written once per test binary
// run to a temporary directory (page cache warm after the first read), with
// a gzip archive of it made as logrotate's gzip -6 would. CODETOP_BENCH_DIR
// names a directory to write them to and keep, to time other tools (wc -l,
// zcat, codetop itself) on the same files.
var bench struct {
	once      sync.Once
	dir       string
	log, gz   string
	size, gzN int64
	err       error
}

// benchSize is the size of the benchmark log, 200 MB by default;
// CODETOP_BENCH_MB changes it.
func benchSize() int {
	mb := 200
	if s := os.Getenv("CODETOP_BENCH_MB"); s != "" {
		fmt.Sscan(s, &mb)
	}
	return mb << 20
}

func benchFiles(b *testing.B) (log, gz string, size int64) {
	bench.once.Do(func() {
		if keep := os.Getenv("CODETOP_BENCH_DIR"); keep != "" {
			bench.err = os.MkdirAll(keep, 0o755)
			bench.log, bench.gz = filepath.Join(keep, "access.log"), filepath.Join(keep, "access.log.1.gz")
		} else {
			bench.dir, bench.err = os.MkdirTemp("", "codetop-bench-")
			bench.log, bench.gz = filepath.Join(bench.dir, "access.log"), filepath.Join(bench.dir, "access.log.1.gz")
		}
		if bench.err != nil {
			return
		}
		data, _ := genLog(11, benchSize(), 0)
		bench.size = int64(len(data))
		if bench.err = os.WriteFile(bench.log, data, 0o644); bench.err != nil {
			return
		}
		var z bytes.Buffer
		zw, _ := kgzip.NewWriterLevel(&z, 6)
		zw.Write(data)
		zw.Close()
		bench.err = os.WriteFile(bench.gz, z.Bytes(), 0o644)
	})
	if bench.err != nil {
		b.Fatal(bench.err)
	}
	return bench.log, bench.gz, bench.size
}

func TestMain(m *testing.M) {
	code := m.Run()
	if bench.dir != "" {
		os.RemoveAll(bench.dir)
	}
	os.Exit(code)
}

// lineCounter is the cheapest sink: it measures reading alone.
type lineCounter struct{ n, bytes int64 }

func (c *lineCounter) Begin(string, int, bool) {}
func (c *lineCounter) End()                    {}
func (c *lineCounter) Line(b []byte)           { c.n++; c.bytes += int64(len(b)) }
func (c *lineCounter) TooLong([]byte)          { c.n++ }

func counters(n int) ([]source.Sink, func() int64) {
	cs := make([]*lineCounter, n)
	ss := make([]source.Sink, n)
	for i := range cs {
		cs[i] = &lineCounter{}
		ss[i] = cs[i]
	}
	return ss, func() int64 {
		var t int64
		for _, c := range cs {
			t += c.n
		}
		return t
	}
}

// BenchmarkReadParallel measures the read path alone (lines counted) and the
// whole batch pipeline (parse and aggregate per core, then merge), on one
// core and on all of them. MB/s is of the uncompressed log.
func BenchmarkReadParallel(b *testing.B) {
	log, _, size := benchFiles(b)
	procs := runtime.GOMAXPROCS(0)
	for _, n := range []int{1, procs} {
		b.Run(fmt.Sprintf("count/sinks=%d", n), func(b *testing.B) {
			b.SetBytes(size)
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				ss, total := counters(n)
				if err := source.ReadParallel(context.Background(), []string{log}, source.Options{}, ss); err != nil {
					b.Fatal(err)
				}
				if total() == 0 {
					b.Fatal("no lines")
				}
			}
		})
		b.Run(fmt.Sprintf("stats/workers=%d", n), func(b *testing.B) {
			f, _ := parser.Compile("combined")
			b.SetBytes(size)
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				snap := readStats(b, f, []string{log}, n)
				if snap.Malformed != 0 {
					b.Fatalf("%d malformed lines", snap.Malformed)
				}
			}
		})
	}
}

func readStats(b *testing.B, f parser.Format, inputs []string, n int) *stats.Snapshot {
	ws := make([]*stats.Worker, n)
	ss := make([]source.Sink, n)
	for i := range ws {
		ws[i] = stats.NewWorker(f.NewParser(), stats.New(stats.Config{}))
		ss[i] = ws[i]
	}
	if err := source.ReadParallel(context.Background(), inputs, source.Options{}, ss); err != nil {
		b.Fatal(err)
	}
	for _, w := range ws[1:] {
		ws[0].Agg.Merge(w.Agg)
	}
	return ws[0].Agg.Snapshot()
}

// BenchmarkScannerBaseline is the standard library's way to count lines,
// for comparison with count/sinks=1.
func BenchmarkScannerBaseline(b *testing.B) {
	log, _, size := benchFiles(b)
	b.SetBytes(size)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		f, err := os.Open(log)
		if err != nil {
			b.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 256<<10), source.DefaultMaxLine)
		n := 0
		for sc.Scan() {
			n++
		}
		f.Close()
		if n == 0 {
			b.Fatal("no lines")
		}
	}
}

// BenchmarkGzip measures a gzip archive: decompression pipelined with
// counting, with parsing and aggregating on the other cores, and the
// standard library's decompression alone as the baseline. MB/s is of the
// uncompressed log.
func BenchmarkGzip(b *testing.B) {
	_, gz, size := benchFiles(b)
	procs := runtime.GOMAXPROCS(0)
	b.Run("count", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			ss, total := counters(procs)
			if err := source.ReadParallel(context.Background(), []string{gz}, source.Options{}, ss); err != nil {
				b.Fatal(err)
			}
			if total() == 0 {
				b.Fatal("no lines")
			}
		}
	})
	b.Run(fmt.Sprintf("stats/workers=%d", procs), func(b *testing.B) {
		f, _ := parser.Compile("combined")
		b.SetBytes(size)
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			readStats(b, f, []string{gz}, procs)
		}
	})
	b.Run("stdlib-decompress-only", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			f, _ := os.Open(gz)
			zr, err := gzip.NewReader(bufio.NewReaderSize(f, 64<<10))
			if err != nil {
				b.Fatal(err)
			}
			if _, err := io.Copy(io.Discard, zr); err != nil {
				b.Fatal(err)
			}
			f.Close()
		}
	})
}

// BenchmarkFollow appends lines to a file from another goroutine, the way
// a busy server does (a write per batch of lines), while Follow counts
// them. One iteration is one line; lines/s is reported.
func BenchmarkFollow(b *testing.B) {
	p := filepath.Join(b.TempDir(), "access.log")
	line, _ := genLog(5, 4096, 0)
	line = line[:bytes.IndexByte(line, '\n')+1]
	w, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	const batch = 64 // lines per write: nginx's buffered access_log does the same
	buf := bytes.Repeat(line, batch)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sink := &atomicCounter{}
	done := make(chan error, 1)
	go func() {
		done <- source.Follow(ctx, []string{p}, source.FollowOptions{Poll: 5 * time.Millisecond}, sink)
	}()
	b.SetBytes(int64(len(line)))
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for written := 0; written < b.N; written += batch {
		k := min(batch, b.N-written)
		if _, err := w.Write(buf[:k*len(line)]); err != nil {
			b.Fatal(err)
		}
	}
	for sink.n.Load() < int64(b.N) {
		time.Sleep(time.Millisecond)
	}
	el := time.Since(start)
	b.StopTimer()
	b.ReportMetric(float64(b.N)/el.Seconds(), "lines/s")
	cancel()
	if err := <-done; err != nil {
		b.Fatal(err)
	}
	if got := sink.n.Load(); got != int64(b.N) {
		b.Fatalf("counted %d lines of %d", got, b.N)
	}
}

type atomicCounter struct{ n atomic.Int64 }

func (c *atomicCounter) Begin(string, int, bool) {}
func (c *atomicCounter) End()                    {}
func (c *atomicCounter) Line([]byte)             { c.n.Add(1) }
func (c *atomicCounter) TooLong([]byte)          { c.n.Add(1) }

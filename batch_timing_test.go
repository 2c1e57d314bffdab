package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/codetop/codetop/benchmarks/genlog"
	"github.com/codetop/codetop/internal/cputime"
	"github.com/codetop/codetop/parser"
	"github.com/codetop/codetop/report"
	"github.com/codetop/codetop/source"
	"github.com/codetop/codetop/stats"
)

// The batch benchmark times what `codetop --report json FILE` does after
// its flags are parsed: readBatch (one parse+count worker per core, then
// the merge), the snapshot and the JSON report. Run it with -cpu 1,2 to see
// how the work spreads over the cores. CODETOP_BENCH_LOG names an existing
// log to time instead of the generated one.

// batchLogMB is the size of the generated log (the benchmarks package's
// generator: a shop's traffic with Zipf-distributed IDs in paths, tens of
// thousands of distinct paths, more than the path table's cap, and a 5xx
// burst): large enough that each worker gets several 8 MiB chunks and its
// path table reaches a steady state, small enough to generate in a second
// or two.
const batchLogMB = 64

var batchLog struct {
	once   sync.Once
	data   []byte
	counts genlog.Counts
}

// batchFile returns the log to time: CODETOP_BENCH_LOG, or the generated
// log (made once per process) written to a temporary directory that is
// removed when the benchmark ends.
func batchFile(b *testing.B) (string, int64) {
	if p := os.Getenv("CODETOP_BENCH_LOG"); p != "" {
		fi, err := os.Stat(p)
		if err != nil {
			b.Fatal(err)
		}
		return p, fi.Size()
	}
	batchLog.once.Do(func() {
		batchLog.data, batchLog.counts = genlog.Bytes(genlog.Config{Seed: 1, Timings: true}, genlog.Limit{Bytes: batchLogMB << 20})
	})
	path := filepath.Join(b.TempDir(), "access.log")
	if err := os.WriteFile(path, batchLog.data, 0o644); err != nil {
		b.Fatal(err)
	}
	return path, int64(len(batchLog.data))
}

func BenchmarkBatch(b *testing.B) {
	path, size := batchFile(b)
	inputs := []string{path}
	ctx := context.Background()
	f, ok := parser.Detect(source.Sample(inputs, 50))
	if !ok {
		b.Fatal("format not detected")
	}
	b.SetBytes(size)
	b.ReportAllocs()
	var lines int64
	cpu := cputime.Process()
	for b.Loop() {
		resume := pauseGC() // as run does around a batch read and its report
		agg, err := readBatch(ctx, inputs, f, source.Options{MaxLine: source.DefaultMaxLine}, stats.Config{}, stats.Filter{})
		if err != nil {
			b.Fatal(err)
		}
		snap := agg.Snapshot()
		if snap.Malformed*100 > snap.Lines {
			b.Fatalf("%d of %d lines malformed: the benchmark would not time the hot path", snap.Malformed, snap.Lines)
		}
		if batchLog.counts.Lines != 0 && snap.Lines != batchLog.counts.Lines {
			b.Fatalf("counted %d lines, the generator wrote %d", snap.Lines, batchLog.counts.Lines)
		}
		if err := report.WriteJSON(io.Discard, snap, report.Meta{Inputs: inputs, Format: f.Name(), Paths: 50}); err != nil {
			b.Fatal(err)
		}
		lines = snap.Lines
		resume()
	}
	b.ReportMetric(float64(lines)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
	// CPU time, of all cores, varies far less than wall time on a machine
	// busy with other work: compare versions by it there.
	if cpu != 0 {
		b.ReportMetric(float64(cputime.Process()-cpu)/float64(b.N), "cpu-ns/op")
	}
}

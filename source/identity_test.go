package source_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"

	"github.com/codetop/codetop/parser"
	"github.com/codetop/codetop/report"
	"github.com/codetop/codetop/source"
	"github.com/codetop/codetop/stats"
)

// realLogs are copies of public access logs (see testdata/README.md).
var realLogs = []string{
	"testdata/elastic_apache_logs_combined.log",
	"testdata/nasa_jul95_slice_common.log",
	"testdata/neutralbank_apache_combined_2024.log",
	"testdata/honeypot_nginx_main_xff_ipv6.log",
	"testdata/geolynx_vhost_combined_2020.log",
}

func compress(t testing.TB, dir, name string, b []byte) (gz, zst string) {
	t.Helper()
	var g, z bytes.Buffer
	gw := gzip.NewWriter(&g)
	gw.Write(b)
	gw.Close()
	zw, _ := zstd.NewWriter(&z)
	zw.Write(b)
	zw.Close()
	gz, zst = filepath.Join(dir, name+".gz"), filepath.Join(dir, name+".zst")
	if err := os.WriteFile(gz, g.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(zst, z.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return gz, zst
}

// report runs the whole batch pipeline the way main does and returns the
// JSON report and the merged snapshot. sinks 0 means ReadAll in one
// goroutine.
func batchReport(t testing.TB, inputs []string, f parser.Format, sinks int, filter stats.Filter) ([]byte, *stats.Snapshot) {
	t.Helper()
	var agg *stats.Aggregator
	var err error
	if sinks == 0 {
		agg = stats.New(stats.Config{})
		w := stats.NewWorker(f.NewParser(), agg)
		w.Filter = filter
		err = source.ReadAll(context.Background(), inputs, source.Options{}, w)
	} else {
		var ws []*stats.Worker
		var ss []source.Sink
		for i := 0; i < sinks; i++ {
			w := stats.NewWorker(f.NewParser(), stats.New(stats.Config{}))
			w.Filter = filter
			ws = append(ws, w)
			ss = append(ss, w)
		}
		err = source.ReadParallel(context.Background(), inputs, source.Options{}, ss)
		agg = ws[0].Agg
		for _, w := range ws[1:] {
			agg.Merge(w.Agg)
		}
	}
	if err != nil {
		t.Fatalf("reading %q: %v", inputs, err)
	}
	snap := agg.Snapshot()
	var buf bytes.Buffer
	if err := report.WriteJSON(&buf, snap, report.Meta{Inputs: inputs, Format: f.Name()}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), snap
}

func detect(t testing.TB, inputs []string) parser.Format {
	f, ok := parser.Detect(source.Sample(inputs, 50))
	if !ok {
		t.Fatalf("no format detected for %q", inputs)
	}
	return f
}

// The report of N parallel workers, merged, is the report of one worker:
// on real logs, their archives, a generated log with garbage lines, and all
// of them at once; with chunk and block boundaries all over the files.
func TestReadParallelSameReportAsOneWorker(t *testing.T) {
	defer source.SetChunking(64<<10, 40<<10)()
	dir := t.TempDir()
	// Few paths and clients: merging is exact within the caps of stats
	// (64 paths and clients per minute and error kind).
	gen, bad := genLogN(3, 1<<20, 331, 40, 50)
	genPath := filepath.Join(dir, "generated.log")
	os.WriteFile(genPath, gen, 0o644)
	sets := [][]string{{genPath}}
	var all []string
	for _, p := range append(realLogs, genPath) {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		gz, zst := compress(t, dir, filepath.Base(p), b)
		sets = append(sets, []string{p}, []string{gz}, []string{zst})
		all = append(all, gz, p)
	}
	sets = append(sets, all)
	for _, inputs := range sets {
		f := detect(t, inputs)
		one, snap := batchReport(t, inputs, f, 0, stats.Filter{})
		if snap.Lines == 0 {
			t.Fatalf("%q: no lines read", inputs)
		}
		for _, n := range []int{2, 3} {
			par, _ := batchReport(t, inputs, f, n, stats.Filter{})
			if !bytes.Equal(one, par) {
				t.Errorf("%q with %d workers: report differs from one worker's:\n%s", inputs, n, firstDiff(one, par))
			}
		}
	}

	// The line numbers are the file's, checked against the file itself.
	_, snap := batchReport(t, []string{genPath}, detect(t, []string{genPath}), 3, stats.Filter{})
	lines := strings.Split(string(gen), "\n")
	var total int64
	for _, m := range snap.Malformations {
		total += m.Count
		for _, s := range m.Samples {
			if s.Line < 1 || s.Line > int64(len(lines)) || !strings.HasPrefix(lines[s.Line-1], s.Excerpt) {
				t.Errorf("sample %q at line %d: the file has %.60q there", s.Excerpt, s.Line, lines[max(0, min(int(s.Line), len(lines))-1)])
			}
			if s.Line != bad[0] && s.Line != bad[1] && s.Line != bad[2] {
				t.Errorf("sample at line %d, want one of the first bad lines %d", s.Line, bad[:3])
			}
		}
	}
	if total != int64(len(bad)) {
		t.Errorf("%d malformed lines, want %d", total, len(bad))
	}
}

// firstDiff shows the lines around the first difference of two reports.
func firstDiff(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			lo, hi := max(0, i-3), min(i+4, len(al), len(bl))
			return fmt.Sprintf("one worker, lines %d-%d:\n%s\nseveral:\n%s", lo+1, hi, strings.Join(al[lo:hi], "\n"), strings.Join(bl[lo:hi], "\n"))
		}
	}
	return fmt.Sprintf("%d lines against %d", len(al), len(bl))
}

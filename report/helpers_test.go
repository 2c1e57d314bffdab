package report

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/codetop/codetop/demo"
	"github.com/codetop/codetop/parser"
	"github.com/codetop/codetop/stats"
)

// realLogs lists the real access logs kept for tests at the repository root.
func realLogs(t *testing.T) []string {
	t.Helper()
	logs, err := filepath.Glob(filepath.Join("..", "testdata", "logs", "*.log"))
	if err != nil || len(logs) == 0 {
		t.Fatalf("no logs under ../testdata/logs: %v", err)
	}
	return logs
}

// snapshotOf reads a log file through the real parser and aggregator, as
// codetop does, and returns the snapshot and the format's name.
func snapshotOf(t testing.TB, path string) (*stats.Snapshot, string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return snapshotOfBytes(t, path, data)
}

func snapshotOfBytes(t testing.TB, name string, data []byte) (*stats.Snapshot, string) {
	t.Helper()
	format, ok := parser.Detect(bytes.SplitAfterN(data, []byte("\n"), 50))
	if !ok {
		format, _ = parser.Compile("combined")
	}
	agg := stats.New(stats.Config{})
	w := stats.NewWorker(format.NewParser(), agg)
	w.Begin(name, 0, true)
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		w.Line(sc.Bytes())
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	w.End()
	return agg.Snapshot(), format.Name()
}

var (
	demoOnce   sync.Once
	demoSnap   *stats.Snapshot
	demoFormat string
)

// demoSnapshot is the snapshot of the embedded demo log (request times, a
// 502 burst, a 429 storm), read once for all tests: they must not change it.
func demoSnapshot(t testing.TB) (*stats.Snapshot, string) {
	demoOnce.Do(func() { demoSnap, demoFormat = snapshotOfBytes(t, "demo", demo.Log()) })
	return demoSnap, demoFormat
}

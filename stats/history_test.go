package stats

import (
	"bytes"
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/codetop/codetop/parser"
	"github.com/codetop/codetop/source"
)

// A dashboard reads a log's history on every core and then follows it with
// its Live: the counts are those of one reader, and a malformed line keeps
// its line number in the file whichever part read it (a history chunk, or
// the follower taking over after the history's last newline).
func TestLiveAbsorbsAHistoryReadOnEveryCore(t *testing.T) {
	var buf bytes.Buffer
	rng := rand.New(rand.NewSource(1))
	t0 := time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)
	for i := 1; i <= 40000; i++ { // 4 MB: several chunks
		if i == 12345 {
			buf.WriteString("garbage in the history\n")
			continue
		}
		genLine(&buf, fmt.Sprintf("10.0.0.%d", i%7), t0.Add(time.Duration(i)*100*time.Millisecond), fmt.Sprintf("/p/%d", i%13), []int{200, 404, 502}[i%3], rng)
	}
	buf.WriteString("garbage at the end, without its newline")
	path := filepath.Join(t.TempDir(), "access.log")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := parser.Compile("combined")
	if err != nil {
		t.Fatal(err)
	}
	live := NewLive(f.NewParser(), Config{})
	// As the dashboard does: the Live is one of the history's readers, so
	// that it shows partial counts while the history loads.
	other := NewWorker(f.NewParser(), New(Config{}))
	h := &source.History{Sinks: []source.Sink{live, other}, Done: func() {
		if live.w.Agg.lines == 0 || other.Agg.lines == 0 {
			t.Errorf("history lines per reader: %d and %d, want both cores used", live.w.Agg.lines, other.Agg.lines)
		}
		live.Absorb(other.Agg)
	}}
	opts := source.FollowOptions{NoFollow: true, History: h}
	if err := source.Follow(context.Background(), []string{path}, opts, live); err != nil {
		t.Fatal(err)
	}
	live.Publish()
	got := live.Latest()
	want := run(t, Config{}, "combined", buf.Bytes()).Snapshot()
	if got.Lines != 40001 || got.Lines != want.Lines || got.Malformed != 2 || got.Classes != want.Classes {
		t.Fatalf("lines %d malformed %d classes %v; one reader: lines %d malformed %d classes %v",
			got.Lines, got.Malformed, got.Classes, want.Lines, want.Malformed, want.Classes)
	}
	lines := map[int64]bool{}
	for _, m := range got.Malformations {
		for _, s := range m.Samples {
			lines[s.Line] = true
		}
	}
	if !lines[12345] || !lines[40001] || len(lines) != 2 {
		t.Errorf("malformed samples at lines %v, want 12345 and 40001", lines)
	}
}

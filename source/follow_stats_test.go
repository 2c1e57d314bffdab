package source

import (
	"path/filepath"
	"testing"

	"github.com/codetop/codetop/parser"
	"github.com/codetop/codetop/stats"
)

// Following two files written in turns, a stats worker numbers the bad lines
// of each file as lines of that file: the follower resumes each file's
// chunk when it switches, and a rotated file starts again at line 1.
func TestFollowLineNumbersPerFile(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.log"), filepath.Join(dir, "b.log")
	f, _ := parser.Compile("combined")
	w := stats.NewWorker(f.NewParser(), stats.New(stats.Config{}))
	ctxRun := startFollowWith(t, []string{a, b}, w, nil)
	good := `203.0.113.9 - - [20/Nov/2026:14:00:00 +0000] "GET / HTTP/1.1" 200 12 "-" "test"` + "\n"
	n := 0
	la, lb := openLog(t, a, &n), openLog(t, b, &n)
	// a: bad at line 3; b: bad at line 2; then more turns.
	la.f.WriteString(good + good + "bad a3\n")
	lb.f.WriteString(good + "bad b2\n")
	ctxRun.step(t, testPoll)
	la.f.WriteString(good + "bad a5\n")
	lb.f.WriteString(good + good + "bad b5\n")
	ctxRun.step(t, testPoll)
	ctxRun.clk.mu.Lock()
	snap := w.Agg.Snapshot()
	ctxRun.clk.mu.Unlock()
	want := map[string]int64{"bad a3": 3, "bad b2": 2, "bad a5": 5}
	found := 0
	for _, m := range snap.Malformations {
		for _, s := range m.Samples {
			if line, ok := want[s.Excerpt]; ok {
				found++
				if s.Line != line {
					t.Errorf("%q numbered line %d, want %d", s.Excerpt, s.Line, line)
				}
			}
		}
	}
	if found != 3 {
		t.Errorf("found %d of the first 3 bad lines in the samples: %+v", found, snap.Malformations)
	}
	if snap.Lines != 10 {
		t.Errorf("%d lines, want 10", snap.Lines)
	}
}

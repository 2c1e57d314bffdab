package source

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// With History, the files' present content goes to the history sinks in
// chunks (on every core), Done comes before Follow's own sink gets a line,
// and following takes over exactly where the history stopped: a partial
// last line is left to the follower and counted once it is complete, and
// lines appended afterwards are counted once too.
func TestFollowHistoryThenFollowEveryLineOnce(t *testing.T) {
	defer SetChunking(64, 1<<20)()
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.log"), filepath.Join(dir, "b.log")
	var wantA, wantB []string
	var content strings.Builder
	for i := 1; i <= 300; i++ {
		fmt.Fprintf(&content, "a line %d\n", i)
		wantA = append(wantA, fmt.Sprintf("a line %d", i))
	}
	content.WriteString("a part") // no newline yet
	writeAll(t, a, content.String())
	content.Reset()
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&content, "b line %d\n", i)
		wantB = append(wantB, fmt.Sprintf("b line %d", i))
		if i == 20 {
			long := strings.Repeat("x", 150) // over MaxLine (100)
			content.WriteString(long + "\n")
			wantB = append(wantB, "TOOLONG:"+long[:min(len(long), excerpt)])
		}
	}
	writeAll(t, b, content.String())

	hist, recs := recSinks(t, 2)
	fs := &flushSink{recSink: newRecSink(t)}
	var done atomic.Bool
	fr := startFollowWith(t, []string{a, b}, fs, func(o *FollowOptions) {
		o.History = &History{Sinks: hist, Done: func() {
			if fs.lines != 0 {
				t.Errorf("Follow's sink had %d lines before Done", fs.lines)
			}
			done.Store(true)
		}}
	})
	fr.sink = fs
	fr.step(t, testPoll)
	if !done.Load() {
		t.Fatal("Done was not called")
	}
	// The partial line completes, and more lines come.
	f, err := os.OpenFile(a, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("ial\n")
	wantA = append(wantA, "a partial")
	for i := 301; i <= 320; i++ {
		fmt.Fprintf(f, "a line %d\n", i)
		wantA = append(wantA, fmt.Sprintf("a line %d", i))
	}
	f.Close()
	fr.step(t, testPoll)
	fr.stop(t)

	histLines := 0
	for _, r := range recs {
		for _, c := range r.chunks {
			histLines += len(c.lines)
		}
	}
	if want := 300 + len(wantB); histLines != want {
		t.Errorf("the history sinks got %d lines, want the %d complete ones present at the start", histLines, want)
	}
	if n := len(recs[0].chunks) + len(recs[1].chunks); n < 10 {
		t.Errorf("the history came in %d chunks; with 64-byte chunks it should be many", n)
	}
	got := linesByInput(t, append(recs, fs.recSink)...)
	if strings.Join(got[a], "|") != strings.Join(wantA, "|") {
		t.Errorf("%s: got %d lines, want %d:\n%q\nwant\n%q", a, len(got[a]), len(wantA), got[a], wantA)
	}
	if strings.Join(got[b], "|") != strings.Join(wantB, "|") {
		t.Errorf("%s: got %q\nwant %q", b, got[b], wantB)
	}
}

func writeAll(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

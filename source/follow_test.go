package source

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestFollowReadsExistingThenNewLines(t *testing.T) {
	p := filepath.Join(t.TempDir(), "access.log")
	n := 0
	lf := openLog(t, p, &n)
	want := lf.write(5)
	fr := startFollow(t, []string{p}, nil)
	fr.step(t, testPoll)
	diffLines(t, "existing", fr.lines()[p], want)
	want = append(want, lf.write(3)...)
	lf.f.WriteString("partial")
	fr.step(t, testPoll)
	diffLines(t, "appended", fr.lines()[p], want)
	lf.f.WriteString(" line\n")
	fr.step(t, testPoll)
	diffLines(t, "completed", fr.lines()[p], append(want, "partial line"))
}

// nginx and logrotate's create: the file is renamed, a new one is created,
// and the server goes on writing to the old one until it reopens its logs.
func TestFollowRenameAndCreate(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "access.log")
	n := 0
	old := openLog(t, p, &n)
	want := old.write(10)
	fr := startFollow(t, []string{p}, nil)
	fr.step(t, testPoll)

	if err := os.Rename(p, p+".1"); err != nil {
		t.Fatal(err)
	}
	want = append(want, old.write(4)...) // before logrotate creates the new file
	fr.step(t, testPoll)
	cur := openLog(t, p, &n)
	want = append(want, cur.write(3)...)
	want = append(want, old.write(2)...) // the server has not reopened yet
	fr.step(t, testPoll)
	want = append(want, old.write(2)...)
	fr.step(t, testGrace/2)
	want = append(want, cur.write(3)...)
	fr.step(t, testGrace/2)
	sameSet(t, "during grace", fr.lines()[p], want)

	// Idle for the grace period: the old file is let go.
	fr.step(t, testGrace)
	fr.step(t, testPoll)
	lost := old.write(1)
	want = append(want, cur.write(2)...)
	fr.step(t, testPoll)
	sameSet(t, "after grace", fr.lines()[p], want)
	for _, l := range fr.lines()[p] {
		if l == lost[0] {
			t.Errorf("a line written to the old file after the grace period was read")
		}
	}
}

// logrotate's copytruncate: the same file is emptied in place.
func TestFollowCopyTruncate(t *testing.T) {
	p := filepath.Join(t.TempDir(), "access.log")
	n := 0
	lf := openLog(t, p, &n)
	want := lf.write(20)
	fr := startFollow(t, []string{p}, nil)
	fr.step(t, testPoll)
	lf.f.WriteString("cut sho")
	fr.step(t, testPoll)
	if err := os.Truncate(p, 0); err != nil {
		t.Fatal(err)
	}
	// The writer appends, so it goes on from offset 0.
	want = append(want, "cut sho")
	want = append(want, lf.write(3)...)
	fr.step(t, testPoll)
	diffLines(t, "after truncate", fr.lines()[p], want)
	want = append(want, lf.write(3)...)
	fr.step(t, testPoll)
	diffLines(t, "after more", fr.lines()[p], want)
}

// copytruncate on a small, busy log: by the next look the emptied file has
// grown past the offset already read. Its size does not show the cut; the
// bytes before that offset do.
func TestFollowCopyTruncateRegrownPastTheOffset(t *testing.T) {
	p := filepath.Join(t.TempDir(), "access.log")
	n := 0
	lf := openLog(t, p, &n)
	want := lf.write(5)
	fr := startFollow(t, []string{p}, nil)
	fr.step(t, testPoll)
	diffLines(t, "before", fr.lines()[p], want)
	fi, err := lf.f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(p, 0); err != nil {
		t.Fatal(err)
	}
	want = append(want, lf.write(12)...)
	if st, _ := lf.f.Stat(); st.Size() <= fi.Size() {
		t.Fatalf("the new content (%d bytes) must outgrow the old (%d)", st.Size(), fi.Size())
	}
	fr.step(t, testPoll)
	diffLines(t, "after the cut and regrowth", fr.lines()[p], want)
	want = append(want, lf.write(2)...)
	fr.step(t, testPoll)
	diffLines(t, "after more", fr.lines()[p], want)
}

// The file is deleted while the server still writes to it, and created anew
// later.
func TestFollowDeleteAndRecreate(t *testing.T) {
	p := filepath.Join(t.TempDir(), "access.log")
	n := 0
	old := openLog(t, p, &n)
	want := old.write(5)
	fr := startFollow(t, []string{p}, nil)
	fr.step(t, testPoll)
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	fr.step(t, testPoll)
	want = append(want, old.write(2)...) // to the deleted file
	fr.step(t, testPoll)
	fr.step(t, testPoll)
	cur := openLog(t, p, &n)
	want = append(want, cur.write(4)...)
	fr.step(t, testPoll)
	sameSet(t, "recreated", fr.lines()[p], want)
	fr.mu.Lock()
	defer fr.mu.Unlock()
	if len(fr.errs) != 0 {
		t.Errorf("a rotation was reported as a problem: %q", fr.errs)
	}
}

// A path that does not exist yet is waited for, with one notice.
func TestFollowFileNotThereYet(t *testing.T) {
	p := filepath.Join(t.TempDir(), "later.log")
	fr := startFollow(t, []string{p}, nil)
	for i := 0; i < 5; i++ {
		fr.step(t, testPoll)
	}
	n := 0
	lf := openLog(t, p, &n)
	want := lf.write(3)
	fr.step(t, testPoll)
	diffLines(t, "appeared", fr.lines()[p], want)
	fr.mu.Lock()
	errs := fr.errs
	fr.mu.Unlock()
	if len(errs) != 1 || !strings.Contains(errs[0], p+": no such file yet") {
		t.Errorf("notices %q, want one saying the file is awaited", errs)
	}
	if err := fr.stop(t); err != nil {
		t.Errorf("Follow returned %v: a file that turned up is no problem", err)
	}
}

// Several files at once, written in turns: each line once, and each file's
// lines numbered as in that file.
func TestFollowSeveralFiles(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.log"), filepath.Join(dir, "b.log")
	n := 0
	la, lb := openLog(t, a, &n), openLog(t, b, &n)
	wa, wb := la.write(3), lb.write(2)
	fr := startFollow(t, []string{a, b}, nil)
	for i := 0; i < 4; i++ {
		fr.step(t, testPoll)
		wa = append(wa, la.write(i+1)...)
		wb = append(wb, lb.write(2)...)
	}
	fr.step(t, testPoll)
	got := fr.lines()
	diffLines(t, "a", got[a], wa)
	diffLines(t, "b", got[b], wb)
	// One chunk per file, resumed at each switch: not one per switch.
	fr.clk.mu.Lock()
	chunks := len(fr.sink.chunks)
	fr.clk.mu.Unlock()
	if chunks != 2 {
		t.Errorf("%d chunks for 2 files", chunks)
	}
}

// With NoFollow, Follow stops at the end; a partial last line counts.
func TestFollowNoFollow(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.log")
	os.WriteFile(p, []byte("one\ntwo\nthree"), 0o644)
	z := filepath.Join(dir, "b.log.gz")
	os.WriteFile(z, gzipBytes(t, []byte("four\nfive\n")), 0o644)
	missing := filepath.Join(dir, "missing.log")
	r := newRecSink(t)
	err := Follow(context.Background(), []string{p, z, missing}, FollowOptions{NoFollow: true, Clock: newStepClock()}, r)
	if err == nil || !strings.Contains(err.Error(), missing+": no such file") {
		t.Errorf("error %v, want one naming %s", err, missing)
	}
	got := linesByInput(t, r)
	diffLines(t, "plain", got[p], []string{"one", "two", "three"})
	diffLines(t, "archive", got[z], []string{"four", "five"})
}

// Standard input is read until it ends, then Follow is done with it.
func TestFollowStdin(t *testing.T) {
	pr, pw := io.Pipe()
	old := stdinSource
	stdinSource = func() (io.Reader, func(error) error, func(), error) {
		return pr, func(e error) error { return e }, nil, nil
	}
	defer func() { stdinSource = old }()
	fr := startFollow(t, []string{Stdin}, nil)
	pw.Write([]byte("a\nb\npart"))
	fr.step(t, testPoll)
	diffLines(t, "stdin", fr.lines()[Stdin], []string{"a", "b"})
	pw.Write([]byte("ial\nlast"))
	pw.Close()
	select {
	case err := <-fr.done:
		fr.done <- err
		if err != nil {
			t.Errorf("Follow: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Follow did not return at the end of its only input")
	}
	diffLines(t, "stdin", fr.lines()[Stdin], []string{"a", "b", "partial", "last"})
}

// A directory is refused once, with a message naming it; with nothing else
// to follow, Follow returns.
func TestFollowDirectory(t *testing.T) {
	dir := t.TempDir()
	fr := startFollow(t, []string{dir}, nil)
	var err error
	select {
	case err = <-fr.done:
		fr.done <- err
	case <-time.After(10 * time.Second):
		t.Fatal("Follow goes on with nothing to follow")
	}
	if err == nil || !strings.Contains(err.Error(), dir+": is a directory") {
		t.Errorf("error %v, want one naming the directory", err)
	}
	fr.mu.Lock()
	defer fr.mu.Unlock()
	if len(fr.errs) != 1 {
		t.Errorf("told %d times: %q", len(fr.errs), fr.errs)
	}
}

func TestExamine(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a")
	os.WriteFile(p, []byte("12345"), 0o644)
	fi, _ := os.Stat(p)
	st, err := os.Stat(p)
	if c := examine(fi, 5, st, err); c != unchanged {
		t.Errorf("same file: %v", c)
	}
	if c := examine(fi, 6, st, err); c != truncated {
		t.Errorf("shorter: %v", c)
	}
	os.Rename(p, p+".1")
	st, err = os.Stat(p)
	if c := examine(fi, 5, st, err); c != vanished {
		t.Errorf("renamed away: %v", c)
	}
	os.WriteFile(p, []byte("123456789"), 0o644)
	st, err = os.Stat(p)
	if c := examine(fi, 5, st, err); c != replaced {
		t.Errorf("recreated: %v", c)
	}
}

// A sink slower than the writer makes Follow read slower, nothing else: the
// file is the buffer. Follow allocates nothing in proportion to what it
// reads, and every line arrives.
func TestFollowSlowSinkBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 40 MB")
	}
	p := filepath.Join(t.TempDir(), "access.log")
	line := strings.Repeat("x", 199) + "\n"
	chunk := strings.Repeat(line, 1000)
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sink := &slowSink{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	go func() { done <- Follow(ctx, []string{p}, FollowOptions{Poll: time.Millisecond}, sink) }()
	const total = 200_000
	for i := 0; i < total/1000; i++ {
		f.WriteString(chunk)
	}
	deadline := time.Now().Add(30 * time.Second)
	for sink.n.Load() < total && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	<-done
	runtime.ReadMemStats(&after)
	if n := sink.n.Load(); n != total {
		t.Fatalf("%d lines of %d", n, total)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 4<<20 {
		t.Errorf("Follow allocated %d bytes to read %d MB", grew, total*200>>20)
	}
}

type slowSink struct{ n atomic.Int64 }

func (s *slowSink) Begin(string, int, bool) {}
func (s *slowSink) End()                    {}
func (s *slowSink) TooLong([]byte)          { s.n.Add(1) }
func (s *slowSink) Line([]byte) {
	if s.n.Add(1)%20000 == 0 {
		time.Sleep(20 * time.Millisecond)
	}
}

// Follow's returned error keeps the paths still waited for as notices,
// apart from failures: one that came and was read is not among them.
func TestFollowReturnsWhatIsStillAwaited(t *testing.T) {
	dir := t.TempDir()
	came, never := filepath.Join(dir, "came.log"), filepath.Join(dir, "never.log")
	fr := startFollow(t, []string{came, never}, nil)
	fr.step(t, testPoll)
	n := 0
	openLog(t, came, &n).write(2)
	fr.step(t, testPoll)
	err := fr.stop(t)
	if Failures(err) != nil {
		t.Errorf("failures %v, want none", Failures(err))
	}
	ns := Notices(err)
	if len(ns) != 1 || !strings.Contains(ns[0].Error(), "never.log") {
		t.Errorf("notices %v, want never.log alone", ns)
	}
}

package source

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copyTruncate does what logrotate's copytruncate does to p in a numbered
// set: p.1 becomes p.2, p is copied to p.1, then emptied in place.
// between runs after the copy, before the truncation.
func copyTruncate(t *testing.T, p string, between func()) {
	t.Helper()
	if err := os.Rename(p+".1", p+".2"); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p+".1", data, 0o644); err != nil {
		t.Fatal(err)
	}
	between()
	if err := os.Truncate(p, 0); err != nil {
		t.Fatal(err)
	}
}

func allLines(fr *followRun) []string {
	var got []string
	for _, ls := range fr.lines() {
		got = append(got, ls...)
	}
	return got
}

// onceEach fails on any line counted more than once, then compares the
// lines with want as sets.
func onceEach(t *testing.T, what string, got, want []string) {
	t.Helper()
	seen := map[string]int{}
	for _, l := range got {
		if seen[l]++; seen[l] == 2 {
			t.Errorf("%s: %q counted more than once", what, l)
		}
	}
	sameSet(t, what, got, want)
}

// setOfTwo writes access.log.1 (yesterday's, 4 lines) and access.log (6
// lines) in a fresh directory: the live file's path, its writer, and the
// lines written.
func setOfTwo(t *testing.T) (p string, live *logFile, want []string) {
	p = filepath.Join(t.TempDir(), "access.log")
	n := new(int)
	want = openLog(t, p+".1", n).write(4)
	live = openLog(t, p, n)
	return p, live, append(want, live.write(6)...)
}

// settle steps Follow past everything pending: the copy's path, the wait
// for a copy, the grace period of the files rotated away.
func settle(t *testing.T, fr *followRun) {
	fr.step(t, testPoll)
	fr.step(t, testPoll)
	fr.step(t, testGrace)
	fr.step(t, testPoll)
}

// Followed as a rotated set, a copytruncate rotation puts a copy of
// access.log at access.log.1: its lines were read through access.log, up to
// where that path had got when it found its file emptied. The copy is read
// from there: the lines written after that last read and before the
// truncation are in the copy only, and are read once; no line is read
// twice. It holds whichever path looks first, and when the truncation
// comes a poll after the copy.
func TestFollowRotatedSetCopyTruncateReadsEachLineOnce(t *testing.T) {
	for _, c := range []struct {
		name      string
		copyFirst bool // the path of the copy is polled before access.log
		slowCut   bool // a poll between the copy and the truncation
	}{
		{"live path first", false, false},
		{"copy path first", true, false},
		{"truncated a poll after the copy", true, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, live, want := setOfTwo(t)
			paths := []string{p, p + ".1"}
			if c.copyFirst {
				paths = []string{p + ".1", p}
			}
			fr := startFollow(t, paths, nil)
			fr.step(t, testPoll)
			sameSet(t, "before", allLines(fr), want)

			// Written after the last read: in the copy, and then cut.
			want = append(want, live.write(2)...)
			var late []string
			copyTruncate(t, p, func() {
				if c.slowCut {
					fr.step(t, testPoll)
					// Written after the copy: logrotate's window. A
					// reader that sees them before the cut counts them.
					late = live.write(1)
					fr.step(t, testPoll)
				}
			})
			want = append(want, late...)
			want = append(want, live.write(3)...)
			fr.step(t, testPoll)
			fr.step(t, testPoll)
			fr.step(t, testGrace)
			want = append(want, live.write(1)...)
			fr.step(t, testPoll)
			sameSet(t, "after the copytruncate", allLines(fr), want)
		})
	}
}

// Two logs a server writes the same requests to start alike, and a
// rotation can make one start as the other does now: it is not a copy.
// The path waits for the other to find its file emptied for the grace
// period at most, then reads its file whole.
func TestFollowLogsThatStartAlikeAreBothRead(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.log"), filepath.Join(dir, "b.log")
	write := func(s string) {
		for _, p := range []string{a, b} {
			f, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
			if err != nil {
				t.Fatal(err)
			}
			f.WriteString(s + "\n")
			f.Close()
		}
	}
	write("request 1")
	fr := startFollow(t, []string{a, b}, nil)
	fr.step(t, testPoll)
	// Both rotated with create at once: the new files get the same lines.
	for _, p := range []string{a, b} {
		if err := os.Rename(p, p+".1"); err != nil {
			t.Fatal(err)
		}
	}
	write("request 2")
	write("request 3")
	fr.step(t, testPoll)
	fr.step(t, testPoll)
	fr.step(t, testGrace)
	fr.step(t, testPoll)
	got := fr.lines()
	for _, p := range []string{a, b} {
		diffLines(t, p, got[p], []string{"request 1", "request 2", "request 3"})
	}
}

// A copy that takes longer than the grace period to write (a large log, a
// slow disk) is still waited for while it is a shorter prefix of the live
// file, then read from where the live file had been read.
func TestFollowSlowCopyIsWaitedFor(t *testing.T) {
	p, live, want := setOfTwo(t)
	fr := startFollow(t, []string{p, p + ".1"}, nil)
	fr.step(t, testPoll)
	want = append(want, live.write(2)...) // not read yet: in the copy only

	if err := os.Rename(p+".1", p+".2"); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	cp, err := os.Create(p + ".1")
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	cp.Write(data[:len(data)/2])
	fr.step(t, testPoll)
	fr.step(t, 3*testGrace) // still copying
	fr.step(t, testPoll)
	cp.Write(data[len(data)/2:])
	if err := os.Truncate(p, 0); err != nil {
		t.Fatal(err)
	}
	want = append(want, live.write(3)...)
	settle(t, fr)
	onceEach(t, "a slow copy", allLines(fr), want)
}

// An access log whose lines are longer than the start kept (JSON logs
// often are) is known by its first 512 bytes.
func TestFollowCopyOfLongLines(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "access.log")
	pad := strings.Repeat("x", 600)
	k := 0
	write := func(path string, m int) []string {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		var out []string
		for range m {
			k++
			s := fmt.Sprintf("line %d %s", k, pad)
			f.WriteString(s + "\n")
			out = append(out, s)
		}
		return out
	}
	want := write(p+".1", 4)
	want = append(want, write(p, 6)...)
	fr := startFollow(t, []string{p, p + ".1"}, func(o *FollowOptions) { o.MaxLine = 4096 })
	fr.step(t, testPoll)
	want = append(want, write(p, 2)...)
	copyTruncate(t, p, func() {})
	want = append(want, write(p, 3)...)
	settle(t, fr)
	onceEach(t, "lines of 600 bytes", allLines(fr), want)
}

// A line half read when the file is emptied is counted as it was read (a
// line is never held back for ever); the rest of it, in the copy, is not
// counted as a line of its own.
func TestFollowCopyAfterAHalfReadLine(t *testing.T) {
	p, live, want := setOfTwo(t)
	fr := startFollow(t, []string{p, p + ".1"}, nil)
	fr.step(t, testPoll)
	live.f.WriteString("line 11 first half")
	fr.step(t, testPoll)
	live.f.WriteString(" second half\n")
	want = append(want, "line 11 first half")
	want = append(want, live.write(2)...) // after it: read from the copy
	copyTruncate(t, p, func() {})
	settle(t, fr)
	onceEach(t, "half a line at the cut", allLines(fr), want)
}

// A wait for a copy belongs to that copy: with compress and no
// delaycompress, day 1's copy is gzipped and removed just after the cut,
// and day 2's copy (which may get the same inode number) is waited for
// afresh.
func TestFollowCopyWaitEndsWithTheCopy(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "access.log")
	n := 0
	live := openLog(t, p, &n)
	want := live.write(6)
	fr := startFollow(t, []string{p, p + ".1"}, nil) // no .1 yet
	fr.step(t, testPoll)
	rotate := func() {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p+".1", data, 0o644); err != nil {
			t.Fatal(err)
		}
		fr.step(t, testPoll) // the copy is seen before the cut
		if err := os.Truncate(p, 0); err != nil {
			t.Fatal(err)
		}
		os.Remove(p + ".1") // gzipped into .1.gz
	}
	rotate()
	want = append(want, live.write(3)...)
	fr.step(t, testPoll)
	fr.step(t, 2*testGrace)
	want = append(want, live.write(5)...)
	fr.step(t, testPoll)
	rotate()
	want = append(want, live.write(2)...)
	settle(t, fr)
	onceEach(t, "two days", allLines(fr), want)
}

// A copytruncate between the end of the history read and the first look:
// the start kept is the one read, not the new lines, so the copy is known,
// and the next day's copy is not taken for that one.
func TestFollowCopyRightAfterTheHistory(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "access.log")
	n := 0
	want := openLog(t, p+".1", &n).write(4)
	live := openLog(t, p, &n)
	want = append(want, live.write(20)...)
	hist, recs := recSinks(t, 2)
	fs := &flushSink{recSink: newRecSink(t)}
	fr := startFollowWith(t, []string{p + ".1", p}, fs, func(o *FollowOptions) {
		o.History = &History{Sinks: hist, Done: func() {
			copyTruncate(t, p, func() {})
			want = append(want, live.write(2)...)
		}}
	})
	fr.sink = fs
	fr.step(t, testPoll)
	fr.step(t, testPoll)
	want = append(want, live.write(1)...)
	fr.step(t, testPoll)
	// The next day: a line not read yet when the copy is made.
	want = append(want, live.write(1)...)
	copyTruncate(t, p, func() {})
	want = append(want, live.write(1)...)
	settle(t, fr)
	var got []string
	for _, ls := range linesBySeq(append(recs, fs.recSink)...) {
		got = append(got, ls...)
	}
	onceEach(t, "rotated as the history was read", got, want)
}

// A set of three files, given in either order, through a copytruncate and
// the numbered renames, with the cut at once or a look later.
func TestFollowCopyInASetOfThree(t *testing.T) {
	for _, order := range [][]string{{"", ".1", ".2"}, {".2", ".1", ""}} {
		for _, slow := range []bool{false, true} {
			dir := t.TempDir()
			p := filepath.Join(dir, "access.log")
			n := 0
			want := openLog(t, p+".2", &n).write(3)
			want = append(want, openLog(t, p+".1", &n).write(4)...)
			live := openLog(t, p, &n)
			want = append(want, live.write(6)...)
			var paths []string
			for _, s := range order {
				paths = append(paths, p+s)
			}
			fr := startFollow(t, paths, nil)
			fr.step(t, testPoll)
			want = append(want, live.write(2)...)
			if err := os.Rename(p+".2", p+".3"); err != nil {
				t.Fatal(err)
			}
			copyTruncate(t, p, func() {
				if slow {
					fr.step(t, testPoll)
				}
			})
			want = append(want, live.write(3)...)
			settle(t, fr)
			want = append(want, live.write(1)...)
			fr.step(t, testPoll)
			onceEach(t, fmt.Sprintf("order %q, cut a look later %v", order, slow), allLines(fr), want)
		}
	}
}

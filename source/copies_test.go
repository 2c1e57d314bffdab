package source

import (
	"os"
	"path/filepath"
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
			dir := t.TempDir()
			p := filepath.Join(dir, "access.log")
			n := 0
			want := openLog(t, p+".1", &n).write(4) // yesterday's, rotated with create
			live := openLog(t, p, &n)
			want = append(want, live.write(6)...)
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

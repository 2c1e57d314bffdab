package source

import (
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
)

// Each file rotated away from a followed path is told to
// FollowOptions.Rotated, and RenamedTo finds the name it has now, when it
// keeps one in the directory (rename + create, dateext), and none when it
// was deleted. A path in Once is read to
// its end and not followed: lines added later are not read, Follow does not
// wait for it, and one that is gone is passed over in silence.
func TestFollowNamesRotatedFilesAndReadsOnceFilesOnce(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "access.log")
	n := 0
	old := openLog(t, p, &n)
	old.write(5)
	var mu sync.Mutex
	var got [][2]string
	fr := startFollow(t, []string{p}, func(o *FollowOptions) {
		o.Rotated = func(path string, file os.FileInfo) {
			mu.Lock()
			got = append(got, [2]string{path, RenamedTo(path, file)})
			mu.Unlock()
		}
	})
	fr.step(t, testPoll)
	if err := os.Rename(p, p+"-20261122"); err != nil {
		t.Fatal(err)
	}
	cur := openLog(t, p, &n)
	cur.write(2)
	fr.step(t, testPoll)
	// Delete and recreate: no name to give.
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	openLog(t, p, &n).write(1)
	fr.step(t, testPoll)
	fr.step(t, testGrace)
	mu.Lock()
	if want := [][2]string{{p, p + "-20261122"}, {p, ""}}; !slices.Equal(got, want) {
		t.Errorf("rotations told %v, want %v (the deleted file has no name)", got, want)
	}
	mu.Unlock()

	// Read the rotated file once beside the live one; a gone one too.
	gone := filepath.Join(dir, "access.log.9")
	once := startFollow(t, []string{gone, p + "-20261122", p}, func(o *FollowOptions) {
		o.Once = []string{gone, p + "-20261122"}
	})
	once.step(t, testPoll)
	lines := once.lines()
	if len(lines[p+"-20261122"]) != 5 || len(lines[p]) != 1 {
		t.Fatalf("read %d lines of the rotated file and %d of the live one, want 5 and 1", len(lines[p+"-20261122"]), len(lines[p]))
	}
	old.write(3) // the rotated file grows: not followed
	once.step(t, testPoll)
	once.step(t, testPoll)
	if l := once.lines()[p+"-20261122"]; len(l) != 5 {
		t.Errorf("the file read once was followed: %d lines", len(l))
	}
	once.mu.Lock()
	defer once.mu.Unlock()
	if len(once.errs) != 0 {
		t.Errorf("problems told: %v", once.errs)
	}
}

// Followed as a rotated set (access.log and access.log.1), a numbered
// rotation makes access.log.1 name the file access.log had: its lines
// were read through access.log, so access.log.1 takes the file over where
// access.log had got to, late lines included, and every line is read once.
func TestFollowRotatedSetReadsEachLineOnce(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "access.log")
	n := 0
	want := openLog(t, p+".1", &n).write(4) // yesterday's
	old := openLog(t, p, &n)
	want = append(want, old.write(6)...)
	fr := startFollow(t, []string{p, p + ".1"}, nil)
	fr.step(t, testPoll)

	if err := os.Rename(p+".1", p+".2"); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(p, p+".1"); err != nil {
		t.Fatal(err)
	}
	want = append(want, old.write(2)...) // the server has not reopened yet
	fr.step(t, testPoll)
	cur := openLog(t, p, &n)
	want = append(want, cur.write(3)...)
	want = append(want, old.write(2)...)
	fr.step(t, testPoll)
	fr.step(t, testGrace)
	want = append(want, cur.write(1)...)
	fr.step(t, testPoll)

	var got []string
	for _, ls := range fr.lines() {
		got = append(got, ls...)
	}
	sameSet(t, "the rotated set", got, want)
}

package source

import (
	"os"
	"path/filepath"
	"testing"
)

// A member of a rotated set moves one number up at each rotation: the file
// that was access.log.2 is found as access.log.3, not only the names that
// start with "access.log.2" (which missed it, and a range read again lost
// the set's oldest file).
func TestRenamedToFollowsANumberedSet(t *testing.T) {
	dir := t.TempDir()
	name := func(s string) string { return filepath.Join(dir, s) }
	for _, f := range []string{"access.log", "access.log.1", "access.log.2", "error.log.2"} {
		if err := os.WriteFile(name(f), []byte(f+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	stat := func(f string) os.FileInfo {
		fi, err := os.Stat(name(f))
		if err != nil {
			t.Fatal(err)
		}
		return fi
	}
	two, one, live, errlog := stat("access.log.2"), stat("access.log.1"), stat("access.log"), stat("error.log.2")
	for _, mv := range [][2]string{{"access.log.2", "access.log.3"}, {"access.log.1", "access.log.2"}, {"access.log", "access.log.1"}, {"error.log.2", "error.log.3"}} {
		if err := os.Rename(name(mv[0]), name(mv[1])); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		path string
		fi   os.FileInfo
		want string
	}{
		{"access.log.2", two, "access.log.3"},
		{"access.log.1", one, "access.log.2"},
		{"access.log", live, "access.log.1"},
		{"error.log.2", errlog, "error.log.3"},
	} {
		if got := RenamedTo(name(tc.path), tc.fi); got != name(tc.want) {
			t.Errorf("RenamedTo(%s) = %q, want %q", tc.path, got, name(tc.want))
		}
	}
}

func TestSetStem(t *testing.T) {
	for in, want := range map[string]string{
		"access.log": "access.log", "access.log.1": "access.log", "access.log.12.gz": "access.log",
		"access.log-20261122": "access.log", "access_log-20261122.zst": "access_log", "log2": "log2", "7": "7",
	} {
		if got := setStem(in); got != want {
			t.Errorf("setStem(%q) = %q, want %q", in, got, want)
		}
	}
}

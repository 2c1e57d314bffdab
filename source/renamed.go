package source

import (
	"os"
	"path/filepath"
	"strings"
)

// RenamedTo returns the name that the file fi, rotated away from path, has
// now in path's directory (access.log.1, access.log-20261122; for a
// member of a rotated set, access.log.2, the next number, access.log.3),
// or "" when it has none there (deleted, compressed into a new file, moved
// elsewhere). Only the names of path's rotated set are looked at, those
// that start with its name less a rotation number: a log directory can be
// large.
func RenamedTo(path string, fi os.FileInfo) string {
	if fi == nil {
		return ""
	}
	dir, base := filepath.Split(path)
	entries, err := os.ReadDir(filepath.Clean(dir + "."))
	if err != nil {
		return ""
	}
	stem := setStem(base)
	for _, e := range entries {
		name := e.Name()
		if name == base || !strings.HasPrefix(name, stem) {
			continue
		}
		if other, err := os.Stat(filepath.Join(dir, name)); err == nil && os.SameFile(fi, other) {
			return filepath.Join(dir, name)
		}
	}
	return ""
}

// setStem is a log file's name less what rotation adds to it: a
// compression suffix, then a number (access.log.2) or a date
// (access.log-20261122). The other members of its set start with it.
func setStem(base string) string {
	for _, ext := range []string{".gz", ".zst", ".bz2", ".xz"} {
		base = strings.TrimSuffix(base, ext)
	}
	i := len(base)
	for i > 0 && base[i-1] >= '0' && base[i-1] <= '9' {
		i--
	}
	if i < len(base) && i > 1 && (base[i-1] == '.' || base[i-1] == '-') {
		return base[:i-1]
	}
	return base
}

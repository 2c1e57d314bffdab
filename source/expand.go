package source

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Expand resolves the globs in args and orders the result so that event
// time moves forward: the files of one rotated set are read oldest first
// (access.log.3.gz access.log.2.gz access.log.1 access.log, or
// access.log-20261119.gz access.log-20261120 access.log), whatever order the
// shell or the glob gave them in. Sets keep the order in which they first
// appear; "-" keeps its place. A file named twice, by the same path or
// by another (a symlink, an absolute path), is read once.
//
// A glob that matches nothing is reported in the error, which does not stop
// the others: the caller reads what was found and reports the error after.
// A plain path is kept as given (a missing file is reported when opened),
// and so is a path with a glob's characters that names a file.
func Expand(args []string) ([]string, error) {
	var out []string
	var errs []error
	seen := map[string]bool{}
	ids := map[any]bool{}               // the files kept so far, by identity
	bySize := map[int64][]os.FileInfo{} // or by size, where there is none
	add := func(p string) {
		key := p
		if p != Stdin {
			key = filepath.Clean(p)
		}
		if seen[key] {
			return
		}
		seen[key] = true
		// The same file under another name (a symlink, a hard link, an
		// absolute and a relative path) is read once too.
		if fi, err := os.Stat(p); err == nil && p != Stdin {
			if id, ok := fileKey(fi); ok {
				if ids[id] {
					return
				}
				ids[id] = true
			} else {
				// Only files of one size can be one file.
				for _, f := range bySize[fi.Size()] {
					if os.SameFile(f, fi) {
						return
					}
				}
				bySize[fi.Size()] = append(bySize[fi.Size()], fi)
			}
		}
		out = append(out, p)
	}
	for _, a := range args {
		if a == Stdin || !strings.ContainsAny(a, "*?[") {
			add(a)
			continue
		}
		if _, err := os.Lstat(a); err == nil {
			// A file whose name holds a glob's characters (a[1].log), or
			// a name the shell already expanded: the file, not a pattern.
			add(a)
			continue
		}
		m, err := filepath.Glob(a)
		if err != nil {
			errs = append(errs, fmt.Errorf("bad glob %q: %v", a, err))
			continue
		}
		if len(m) == 0 {
			errs = append(errs, fmt.Errorf("%s: no file matches this pattern", a))
			continue
		}
		for _, p := range m {
			add(p)
		}
	}
	orderRotated(out)
	return out, errors.Join(errs...)
}

// rotation is where a file name sits in its rotated set.
type rotation struct {
	set   string // directory and base name without the rotation suffix
	group int    // order of the set's first appearance
	rank  int    // 0 dated archive, 1 numbered archive, 2 the live file
	num   int    // for numbered archives: higher is older
	date  string // for dated archives: sorts in time order
}

// LogName returns the log a file is part of: the name of its rotated set
// (access.log for access.log.2.gz or access.log-20261120), or the name
// itself.
func LogName(name string) string {
	if name == Stdin {
		return name
	}
	return parseRotation(name).set
}

// orderRotated sorts names set by set, oldest file first.
func orderRotated(names []string) {
	rs := make([]rotation, len(names))
	groups := map[string]int{}
	for i, n := range names {
		r := parseRotation(n)
		g, ok := groups[r.set]
		if !ok {
			g = len(groups)
			groups[r.set] = g
		}
		r.group = g
		rs[i] = r
	}
	idx := make([]int, len(names))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool {
		a, b := rs[idx[i]], rs[idx[j]]
		if a.group != b.group {
			return a.group < b.group
		}
		if a.rank != b.rank {
			return a.rank < b.rank
		}
		if a.num != b.num {
			return a.num > b.num
		}
		return a.date < b.date
	})
	sorted := make([]string, len(names))
	for i, k := range idx {
		sorted[i] = names[k]
	}
	copy(names, sorted)
}

// compressionSuffixes are stripped before looking for a rotation suffix.
var compressionSuffixes = []string{".gz", ".zst", ".zstd", ".bz2", ".xz", ".z", ".Z"}

// parseRotation splits a name such as access.log.2.gz (logrotate's numbered
// scheme) or access.log-20261120.gz (its dateext scheme) into its set and
// its age.
func parseRotation(name string) rotation {
	if name == Stdin {
		return rotation{set: "\x00stdin", rank: 2}
	}
	stem := name
	for _, s := range compressionSuffixes {
		if strings.HasSuffix(stem, s) && len(stem) > len(s) {
			stem = stem[:len(stem)-len(s)]
			break
		}
	}
	// The rotation suffix: a separator then digits, possibly with date
	// punctuation (access.log.1, access.log-20261120, access.log-2026-11-20).
	i := len(stem)
	for i > 0 && strings.IndexByte("0123456789-_T:", stem[i-1]) >= 0 {
		i--
	}
	for i < len(stem) && (stem[i] < '0' || stem[i] > '9') {
		i++ // a suffix starts with a digit
	}
	if i == len(stem) || i == 0 || (stem[i-1] != '.' && stem[i-1] != '-' && stem[i-1] != '_') {
		return rotation{set: name, rank: 2}
	}
	set, suffix := stem[:i-1], stem[i:]
	if strings.HasSuffix(set, string(filepath.Separator)) || set == "" {
		return rotation{set: name, rank: 2}
	}
	if stem[i-1] == '.' && len(suffix) < 8 && allDigits(suffix) {
		n := 0
		for _, c := range suffix {
			n = n*10 + int(c-'0')
		}
		return rotation{set: set, rank: 1, num: n}
	}
	return rotation{set: set, rank: 0, date: suffix}
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

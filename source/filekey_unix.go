//go:build unix

package source

import (
	"os"
	"syscall"
)

// fileKey identifies the file behind fi (its device and inode), so that one
// file named twice is found with a map lookup.
func fileKey(fi os.FileInfo) (any, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return nil, false
	}
	return [2]uint64{uint64(st.Dev), uint64(st.Ino)}, true
}

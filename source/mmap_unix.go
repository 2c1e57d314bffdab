//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package source

import (
	"os"
	"strconv"
	"syscall"
)

// mmapSupported keeps mapping to 64-bit systems, where it was measured;
// on 32-bit ones, whose address space is scarce, chunks are read.
const mmapSupported = strconv.IntSize == 64

var pageSize = os.Getpagesize()

// mmapFile maps f read-only from offset off (a multiple of the page size)
// to offset end.
func mmapFile(f *os.File, off, end int64) ([]byte, error) {
	rc, err := f.SyscallConn()
	if err != nil {
		return nil, err
	}
	var mem []byte
	var merr error
	if err := rc.Control(func(fd uintptr) {
		mem, merr = syscall.Mmap(int(fd), off, int(end-off), syscall.PROT_READ, syscall.MAP_SHARED)
	}); err != nil {
		return nil, err
	}
	return mem, merr
}

func munmap(mem []byte) { syscall.Munmap(mem) }

//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package source

import (
	"errors"
	"os"
)

const mmapSupported = false

var pageSize = os.Getpagesize()

func mmapFile(*os.File, int64, int64) ([]byte, error) {
	return nil, errors.New("memory mapping is not used on this system")
}

func munmap([]byte) {}

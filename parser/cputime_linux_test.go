package parser

import (
	"syscall"
	"unsafe"
)

// threadCPU is the CPU time the calling thread has used, in nanoseconds
// (CLOCK_THREAD_CPUTIME_ID). Beside wall time it shows what parsing costs
// when other processes share the core: time spent waiting for the CPU is
// not in it.
func threadCPU() int64 {
	var ts syscall.Timespec
	_, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, 3 /* CLOCK_THREAD_CPUTIME_ID */, uintptr(unsafe.Pointer(&ts)), 0)
	if errno != 0 {
		return -1
	}
	return ts.Nano()
}

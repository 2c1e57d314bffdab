//go:build linux

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"
)

// openPTY opens a pseudo-terminal and returns its two ends; what is written
// to the terminal end can be read from the controller end.
func openPTY(t *testing.T) (controller, terminal *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	var unlock int32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, m.Fd(), syscall.TIOCSPTLCK, uintptr(unsafe.Pointer(&unlock))); e != 0 {
		m.Close()
		t.Fatalf("unlockpt: %v", e)
	}
	var n uint32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, m.Fd(), syscall.TIOCGPTN, uintptr(unsafe.Pointer(&n))); e != 0 {
		m.Close()
		t.Fatalf("ptsname: %v", e)
	}
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		m.Close()
		t.Fatalf("open terminal end: %v", err)
	}
	return m, s
}

// runOnTerminal runs codetop with stderr on a real pseudo-terminal and
// returns stdout and everything the terminal received.
func runOnTerminal(t *testing.T, cols int, args ...string) (stdout, screen string) {
	t.Helper()
	m, s := openPTY(t)
	defer m.Close()
	size := struct{ rows, cols, x, y uint16 }{24, uint16(cols), 0, 0}
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, s.Fd(), syscall.TIOCSWINSZ, uintptr(unsafe.Pointer(&size))); e != 0 {
		t.Fatalf("set the terminal's size: %v", e)
	}
	got := make(chan []byte)
	go func() {
		b, _ := io.ReadAll(m) // ends with EIO once the terminal end is closed
		got <- b
	}()
	var out bytes.Buffer
	err := run(context.Background(), args, &out, s)
	s.Close()
	if err != nil {
		t.Fatalf("run %v: %v", args, err)
	}
	return out.String(), string(<-got)
}

// bigLog writes a log large enough that reading it takes many ticks.
func bigLog(t *testing.T) (string, int) {
	t.Helper()
	seed, err := os.ReadFile("testdata/logs/nasa_jul95_slice_common.log")
	if err != nil {
		t.Fatal(err)
	}
	const copies = 12
	p := filepath.Join(t.TempDir(), "access.log")
	if err := os.WriteFile(p, bytes.Repeat(seed, copies), 0o644); err != nil {
		t.Fatal(err)
	}
	return p, copies * bytes.Count(seed, []byte("\n"))
}

// On a terminal, a batch report shows its progress line on stderr, redrawn
// in place and erased at the end, and the report on stdout is unchanged.
// With --quiet the terminal gets nothing.
func TestProgressOnATerminal(t *testing.T) {
	old := progressEvery
	progressEvery = time.Millisecond
	defer func() { progressEvery = old }()
	log, lines := bigLog(t)

	out, screen := runOnTerminal(t, 120, "--report", "json", log)
	var r struct{ Lines int }
	if err := json.Unmarshal([]byte(out), &r); err != nil || r.Lines != lines {
		t.Fatalf("report: %v, %d lines, want %d", err, r.Lines, lines)
	}
	draws := regexp.MustCompile(`\rcodetop: reading [0-9.]+ [kMG]?B of [0-9.]+ MB \(\d+%\), [0-9.]+k? lines, [0-9.]+ [kMG]?B/s`).FindAllString(screen, -1)
	if len(draws) == 0 {
		t.Fatalf("no progress line on the terminal: %q", screen)
	}
	if !regexp.MustCompile(`\r +\r$`).MatchString(screen) {
		t.Errorf("the progress line is not erased at the end: %q", screen[max(0, len(screen)-200):])
	}
	if bytes.ContainsAny([]byte(screen), "\n\x1b") {
		t.Errorf("the progress output holds a newline or an escape sequence: %q", screen)
	}
	t.Logf("%d redraws, the first: %q", len(draws), draws[0])

	if _, screen := runOnTerminal(t, 120, "--report", "json", "--quiet", log); screen != "" {
		t.Errorf("--quiet: the terminal got %q", screen)
	}

	// On a narrow terminal every draw fits in one row, short of the last
	// column, so that each one goes over the one before.
	_, screen = runOnTerminal(t, 40, "--report", "json", log)
	draws = strings.Split(strings.Trim(screen, "\r "), "\r")
	if !strings.Contains(screen, "codetop: reading") {
		t.Fatalf("40 columns: no progress line on the terminal: %q", screen)
	}
	for _, d := range draws {
		if len(d) > 39 {
			t.Fatalf("40 columns: a draw of %d columns: %q", len(d), d)
		}
	}
}

//go:build unix

package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A named pipe among the inputs (or a process substitution, <(zcat x.gz))
// is read once, by the reader: neither format detection, nor the check of
// the other inputs' formats, nor --since takes lines from it first.
func TestANamedPipeInputLosesNoLines(t *testing.T) {
	nasa := "testdata/logs/nasa_jul95_slice_common.log"
	lines := readLogLines(t, nasa)
	for _, args := range [][]string{{"FIFO", nasa}, {nasa, "FIFO"}, {"--since", "10h", nasa, "FIFO"}} {
		fifo := fifoWith(t, lines)
		full := []string{"--report", "json"}
		for _, a := range args {
			if a == "FIFO" {
				a = fifo
			}
			full = append(full, a)
		}
		out, stderr, err := runArgs(t, full...)
		if err != nil {
			t.Fatalf("%v: %v\n%s", args, err, stderr)
		}
		var r struct{ Lines, Parsed int64 }
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatal(err)
		}
		want := int64(2 * len(lines))
		if args[0] == "--since" {
			if r.Lines <= int64(len(lines)) {
				t.Errorf("%v: %d lines counted, want the pipe's %d and the file's last 10h", args, r.Lines, len(lines))
			}
			continue
		}
		if r.Lines != want || r.Parsed != want {
			t.Errorf("%v: lines %d, parsed %d; want %d of both", args, r.Lines, r.Parsed, want)
		}
	}
}

// With only a pipe to read, a duration in --since counts back from now, as
// for standard input: the pipe cannot be read from its end first.
func TestSinceOnlyAPipeCountsFromNow(t *testing.T) {
	fifo := fifoWith(t, readLogLines(t, "testdata/logs/nasa_jul95_slice_common.log"))
	out, stderr, err := runArgs(t, "--report", "json", "--since", "10h", fifo)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	var r struct{ Lines int64 }
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Lines != 0 {
		t.Errorf("%d lines of a 1995 log counted in the last 10 hours", r.Lines)
	}
}

// fifoWith makes a named pipe and a writer that writes lines to it once a
// reader opens it, then closes it.
func fifoWith(t *testing.T, lines []string) string {
	t.Helper()
	fifo := filepath.Join(t.TempDir(), "access.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	go func() {
		f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		defer f.Close()
		f.WriteString(strings.Join(lines, "\n") + "\n")
	}()
	return fifo
}

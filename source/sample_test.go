package source

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"testing"
	"time"
)

// useStdin makes r the process's standard input for the test.
func useStdin(t *testing.T, r *os.File) {
	t.Helper()
	oldIn, oldCounter := stdin, stdinCounter
	stdinCounter = &countingReader{r: r}
	stdin = bufio.NewReaderSize(stdinCounter, 1<<20)
	t.Cleanup(func() { stdin, stdinCounter = oldIn, oldCounter })
}

// pipeStdin makes a pipe the process's standard input for the test and
// returns its writing end.
func pipeStdin(t *testing.T) *os.File {
	t.Helper()
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pr.Close(); pw.Close() })
	useStdin(t, pr)
	return pw
}

// sampleAsync runs Sample on standard input and returns where its result
// will arrive.
func sampleAsync() <-chan [][]byte {
	done := make(chan [][]byte, 1)
	go func() { done <- Sample([]string{Stdin}, 50) }()
	return done
}

const sampleLine = `192.0.2.7 - - [21/Nov/2026:10:00:00 +0000] "GET /a HTTP/1.1" 502 12 "-" "curl/8.5"`

// A live source piped in (tail -f access.log | codetop -) writes a few
// lines and then may write nothing for minutes. The format is detected from
// what has arrived, and those lines are still read afterwards.
func TestSampleLivePipeDoesNotWaitForMore(t *testing.T) {
	pw := pipeStdin(t)
	first := bytes.Repeat([]byte(sampleLine+"\n"), 3)
	if _, err := pw.Write(first); err != nil {
		t.Fatal(err)
	}
	select {
	case lines := <-sampleAsync():
		if len(lines) != 3 || string(lines[0]) != sampleLine {
			t.Fatalf("sampled %q, want the 3 lines written", lines)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Sample still waits, 5 s after 3 lines arrived on a pipe that stays open")
	}

	// Nothing was consumed: a read after the sample gets every line.
	if _, err := pw.Write([]byte(sampleLine + "\n")); err != nil {
		t.Fatal(err)
	}
	pw.Close()
	s := newRecSink(t)
	if err := ReadParallel(context.Background(), []string{Stdin}, Options{}, []Sink{s}); err != nil {
		t.Fatal(err)
	}
	if got := linesByInput(t, s)[Stdin]; len(got) != 4 {
		t.Errorf("read %d lines after the sample, want 4", len(got))
	}
}

// The first line is waited for until it is whole: a format is not guessed
// from half a line.
func TestSampleWaitsForTheFirstWholeLine(t *testing.T) {
	pw := pipeStdin(t)
	half := len(sampleLine) / 2
	if _, err := pw.Write([]byte(sampleLine[:half])); err != nil {
		t.Fatal(err)
	}
	done := sampleAsync()
	select {
	case lines := <-done:
		t.Fatalf("Sample returned %q before the first line was complete", lines)
	case <-time.After(200 * time.Millisecond):
	}
	if _, err := pw.Write([]byte(sampleLine[half:] + "\n")); err != nil {
		t.Fatal(err)
	}
	select {
	case lines := <-done:
		if len(lines) != 1 || string(lines[0]) != sampleLine {
			t.Fatalf("sampled %q, want the one line", lines)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Sample still waits, 5 s after the first line was completed")
	}
}

// A compressed stream is an archive: its sample is taken from as much of
// it as the peek holds, however it arrives.
func TestSampleCompressedStdinFromAPipe(t *testing.T) {
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	for range 40 {
		zw.Write([]byte(sampleLine + "\n"))
	}
	zw.Close()
	pw := pipeStdin(t)
	done := sampleAsync()
	// The archive arrives in two writes, the first too short to decode a
	// line from.
	b := z.Bytes()
	pw.Write(b[:20])
	time.Sleep(50 * time.Millisecond)
	pw.Write(b[20:])
	pw.Close()
	select {
	case lines := <-done:
		if len(lines) != 40 {
			t.Fatalf("sampled %d lines of the archive, want 40", len(lines))
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Sample of a closed compressed pipe did not return")
	}
}

// A sample is whole lines: a pipe that has delivered one line and the start
// of the next gives the one.
func TestSampleTakesWholeLinesOnly(t *testing.T) {
	pw := pipeStdin(t)
	if _, err := pw.Write([]byte(sampleLine + "\n" + sampleLine[:40])); err != nil {
		t.Fatal(err)
	}
	select {
	case lines := <-sampleAsync():
		if len(lines) != 1 || string(lines[0]) != sampleLine {
			t.Errorf("sampled %q, want the one whole line", lines)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Sample waits with a whole line there")
	}
}

//go:build unix

package source

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/codetop/codetop/internal/leakcheck"
)

// pipeSink counts the lines each input gave; Follow runs in a goroutine of
// its own while the test reads the counts.
type pipeSink struct {
	mu    sync.Mutex
	cur   string
	lines map[string]int
}

func (c *pipeSink) Begin(input string, seq int, first bool) {
	c.mu.Lock()
	c.cur = input
	c.mu.Unlock()
}
func (c *pipeSink) Line([]byte) {
	c.mu.Lock()
	c.lines[c.cur]++
	c.mu.Unlock()
}
func (c *pipeSink) TooLong([]byte) { c.Line(nil) }
func (c *pipeSink) End()           {}
func (c *pipeSink) count(input string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lines[input]
}

// waitFor waits until input gave want lines, and fails if it did not.
func (c *pipeSink) waitFor(t *testing.T, input string, want int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for c.count(input) < want && time.Now().Before(deadline) {
		time.Sleep(2 * time.Millisecond)
	}
	if got := c.count(input); got != want {
		t.Fatalf("%s: %d lines counted, want %d", input, got, want)
	}
}

func mkfifo(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "access.fifo")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	return p
}

// A named pipe followed beside a file (codetop <(ssh web1 tail -F ...)
// access.log) is read as it comes, to its end, without a rotation check:
// a pipe cannot be seeked, and its end is no truncation. The file beside it
// is followed all along, whether the pipe has data or not.
func TestFollowReadsANamedPipeToItsEnd(t *testing.T) {
	leakcheck.Check(t)
	fifo := mkfifo(t)
	file := filepath.Join(t.TempDir(), "access.log")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	writer := make(chan *os.File, 1)
	go func() {
		f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			t.Error(err)
			close(writer)
			return
		}
		writer <- f
	}()
	sink := &pipeSink{lines: map[string]int{}}
	var mu sync.Mutex
	var errs []error
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	opts := FollowOptions{Poll: 5 * time.Millisecond, Errors: func(err error) {
		mu.Lock()
		errs = append(errs, err)
		mu.Unlock()
	}}
	go func() { done <- Follow(ctx, []string{fifo, file}, opts, sink) }()
	defer cancel()

	w := <-writer
	if w == nil {
		return
	}
	log, err := os.OpenFile(file, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	for batch := 1; batch <= 5; batch++ {
		for i := 0; i < 100; i++ {
			fmt.Fprintf(w, "pipe line %d\n", batch*100+i)
		}
		sink.waitFor(t, fifo, batch*100)
		// The pipe is open and quiet: the file is still followed.
		fmt.Fprintf(log, "file line %d\n", batch)
		sink.waitFor(t, file, batch)
	}
	fmt.Fprint(w, "a last line without its newline")
	w.Close()
	sink.waitFor(t, fifo, 501) // the end of the pipe ends its last line
	fmt.Fprintln(log, "file line 6")
	sink.waitFor(t, file, 6)
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Follow: %v", err)
	}
	mu.Lock()
	if len(errs) > 0 {
		t.Errorf("problems reported: %v", errs)
	}
	mu.Unlock()
}

// Ending Follow while a writer holds the pipe open and silent closes the
// pipe: the goroutine reading it does not outlive Follow.
func TestFollowStopsReadingAQuietPipe(t *testing.T) {
	// The writer is closed after the leak check (cleanups run last
	// first): a reading goroutine left behind is still blocked then.
	var w *os.File
	t.Cleanup(func() {
		if w != nil {
			w.Close()
		}
	})
	leakcheck.Check(t)
	fifo := mkfifo(t)
	writer := make(chan *os.File, 1)
	go func() {
		f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			t.Error(err)
		}
		writer <- f
	}()
	sink := &pipeSink{lines: map[string]int{}}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Follow(ctx, []string{fifo}, FollowOptions{Poll: 5 * time.Millisecond}, sink) }()
	w = <-writer
	if w == nil {
		cancel()
		return
	}
	fmt.Fprintln(w, "one line, longer than the magic bytes looked for")
	sink.waitFor(t, fifo, 1)
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Follow: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Follow did not return while a pipe was quiet")
	}
}

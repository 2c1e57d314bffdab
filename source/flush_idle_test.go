package source_test

import (
	"context"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/codetop/codetop/source"
)

// flushCounter is a sink that counts lines and Flush calls.
type flushCounter struct {
	lines, flushes atomic.Int64
}

func (f *flushCounter) Begin(string, int, bool) {}
func (f *flushCounter) Line([]byte)             { f.lines.Add(1) }
func (f *flushCounter) TooLong([]byte)          {}
func (f *flushCounter) End()                    {}
func (f *flushCounter) Flush()                  { f.flushes.Add(1) }

// TestFollowFlushesWhileIdle: once lines stop, Follow keeps calling Flush
// at its poll interval, so a sink that rate-limits its publishing is never
// left holding the last lines.
func TestFollowFlushesWhileIdle(t *testing.T) {
	path := filepath.Join(t.TempDir(), "access.log")
	if err := os.WriteFile(path, []byte("a\nb\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	sink := &flushCounter{}
	done := make(chan error)
	go func() {
		done <- source.Follow(ctx, []string{path}, source.FollowOptions{Poll: 5 * time.Millisecond}, sink)
	}()
	deadline := time.Now().Add(5 * time.Second)
	for sink.lines.Load() < 2 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	before := sink.flushes.Load()
	for sink.flushes.Load() < before+3 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if sink.lines.Load() != 2 || sink.flushes.Load() < before+3 {
		t.Fatalf("lines %d, flushes %d after the lines stopped (want 3 or more)", sink.lines.Load(), sink.flushes.Load()-before)
	}
}

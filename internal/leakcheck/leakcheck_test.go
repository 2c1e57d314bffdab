package leakcheck

import (
	"strings"
	"testing"
	"time"
)

// fakeT records what Check reports instead of failing the real test.
type fakeT struct {
	testing.TB
	cleanups []func()
	errors   []string
}

func (f *fakeT) Helper()               {}
func (f *fakeT) Cleanup(fn func())     { f.cleanups = append(f.cleanups, fn) }
func (f *fakeT) Errorf(string, ...any) { f.errors = append(f.errors, "leak") }
func (f *fakeT) end() {
	for i := len(f.cleanups) - 1; i >= 0; i-- {
		f.cleanups[i]()
	}
}

func TestReportsALeak(t *testing.T) {
	stop := make(chan struct{})
	defer close(stop)
	ft := &fakeT{TB: t}
	Check(ft)
	go func() { <-stop }()
	start := time.Now()
	ft.end()
	if len(ft.errors) != 1 {
		t.Fatalf("a goroutine blocked for good was not reported")
	}
	if time.Since(start) < Grace {
		t.Errorf("reported before the grace period ended")
	}
}

func TestWaitsForGoroutinesOnTheirWayOut(t *testing.T) {
	ft := &fakeT{TB: t}
	Check(ft)
	done := make(chan struct{})
	go func() { time.Sleep(200 * time.Millisecond); close(done) }()
	ft.end()
	if len(ft.errors) != 0 {
		t.Errorf("a goroutine that ended within the grace period was reported")
	}
	<-done
}

func TestIgnoresGoroutinesFromBefore(t *testing.T) {
	stop := make(chan struct{})
	defer close(stop)
	go func() { <-stop }()
	time.Sleep(10 * time.Millisecond)
	ft := &fakeT{TB: t}
	Check(ft)
	ft.end()
	if len(ft.errors) != 0 {
		t.Errorf("a goroutine started before the check was reported")
	}
}

func TestStacksParse(t *testing.T) {
	s := stacks()
	if len(s) == 0 {
		t.Fatal("no goroutines found")
	}
	for id, st := range s {
		if id <= 0 || !strings.HasPrefix(st, "goroutine ") {
			t.Errorf("bad entry %d: %.60q", id, st)
		}
	}
}

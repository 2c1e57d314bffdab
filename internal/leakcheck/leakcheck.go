// Package leakcheck fails a test that leaves goroutines running: a reader,
// a follower or a dashboard that does not shut down when its context ends.
//
// It compares the goroutines alive when the check starts with those alive
// when the test ends, by goroutine ID, after a grace period for goroutines
// that are already on their way out. Tests that use it must not run in
// parallel with other tests, whose goroutines it would count.
package leakcheck

import (
	"bytes"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Grace is how long the check waits for goroutines to finish.
const Grace = 2 * time.Second

// Check records the goroutines running now and, when t ends, fails t if
// new ones are still running after Grace, listing their stacks.
func Check(t testing.TB) {
	t.Helper()
	before := goroutines()
	t.Cleanup(func() {
		deadline := time.Now().Add(Grace)
		for {
			leaked := New(before)
			if len(leaked) == 0 {
				return
			}
			if time.Now().After(deadline) {
				t.Errorf("%d goroutine(s) still running %s after the test:\n\n%s",
					len(leaked), Grace, strings.Join(leaked, "\n\n"))
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
	})
}

// New returns the stacks of goroutines running now whose IDs are not in
// before, leaving out the runtime's and the testing package's own.
func New(before map[int64]bool) []string {
	var out []string
	for id, stack := range stacks() {
		if !before[id] && !ignored(stack) {
			out = append(out, stack)
		}
	}
	return out
}

// goroutines returns the IDs of the goroutines running now.
func goroutines() map[int64]bool {
	ids := map[int64]bool{}
	for id := range stacks() {
		ids[id] = true
	}
	return ids
}

func stacks() map[int64]string {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	out := map[int64]string{}
	for _, g := range bytes.Split(buf, []byte("\n\n")) {
		// "goroutine 42 [chan receive]:"
		head, _, _ := bytes.Cut(g, []byte("\n"))
		f := strings.Fields(string(head))
		if len(f) < 2 || f[0] != "goroutine" {
			continue
		}
		if id, err := strconv.ParseInt(f[1], 10, 64); err == nil {
			out[id] = string(g)
		}
	}
	return out
}

// ignored lists goroutines that outlive tests by design: started once per
// process by the runtime or the testing package, never by our code.
func ignored(stack string) bool {
	for _, s := range []string{
		"testing.(*T).Run(",      // the test itself and its siblings
		"testing.tRunner(",       // a subtest still winding down
		"testing.runTests(",      // the main test goroutine
		"os/signal.signal_recv(", // started by the first signal.Notify
		"runtime.ensureSigM(",
		"runtime/trace.Start",
	} {
		if strings.Contains(stack, s) {
			return true
		}
	}
	return false
}

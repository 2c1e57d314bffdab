package main

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/codetop/codetop/source"
	"github.com/codetop/codetop/stats"
)

// A path with no file yet is waited for, not failed: the dashboard neither
// counts it among the input problems in its header nor lists it on exit
// with status 1, while a real failure still is.
func TestAwaitedFileIsNoInputProblem(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "later.log")
	var got []error
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	source.Follow(ctx, []string{missing}, source.FollowOptions{Errors: func(err error) { got = append(got, err) }}, stats.NewWorker(nil, stats.New(stats.Config{})))
	if len(got) != 1 || !source.IsNotice(got[0]) {
		t.Fatalf("Follow told %v, want one notice", got)
	}
	f := newFeed(context.Background(), nil, stats.Config{}, stats.Filter{})
	f.note(got[0])
	if err := f.problems(); err != nil || strings.Contains(f.status(), "problem") {
		t.Errorf("after a notice: problems %v, status %q; want none", err, f.status())
	}
	f.note(errors.New("access.log: permission denied"))
	if f.problems() == nil || !strings.Contains(f.status(), "1 input problem") {
		t.Errorf("a failure is not counted: %v, %q", f.problems(), f.status())
	}
}

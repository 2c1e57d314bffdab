package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/codetop/codetop/parser"
	"github.com/codetop/codetop/source"
	"github.com/codetop/codetop/stats"
)

// writeLog writes n combined lines, one per second from 14:00:00.
func writeLog(t *testing.T, n int) string {
	t.Helper()
	var b strings.Builder
	for i := 0; i < n; i++ {
		ts := time.Date(2026, 11, 20, 14, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Second)
		fmt.Fprintf(&b, "198.51.100.7 - - [%s] \"GET /p%d HTTP/1.1\" 200 12 \"-\" \"curl/8\"\n", ts.Format("02/Jan/2006:15:04:05 -0700"), i%7)
	}
	p := filepath.Join(t.TempDir(), "access.log")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func waitSnapshot(t *testing.T, f *feed, ok func(*stats.Snapshot) bool) *stats.Snapshot {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if s := f.latest(); ok(s) {
			return s
		}
		time.Sleep(10 * time.Millisecond)
	}
	s := f.latest()
	t.Fatalf("snapshot never got there: %d lines, %v – %v", s.Lines, s.First, s.Last)
	return nil
}

func settleGoroutines(t *testing.T, n int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > n && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if got := runtime.NumGoroutine(); got > n {
		buf := make([]byte, 1<<16)
		t.Fatalf("%d goroutines left, %d before:\n%s", got, n, buf[:runtime.Stack(buf, true)])
	}
}

// The feed reads and follows a file into a stats.Live, and a time range
// replaces it with a reader that counts only that range.
func TestFeedFollowsAndRestartsForARange(t *testing.T) {
	before := runtime.NumGoroutine()
	path := writeLog(t, 600) // 14:00:00 to 14:09:59
	format, _ := parser.Compile("combined")
	f := newFeed(context.Background(), format, stats.Config{}, stats.Filter{})
	f.follow([]string{path}, source.FollowOptions{Poll: 10 * time.Millisecond})
	f.start(time.Time{}, time.Time{}, "following")
	waitSnapshot(t, f, func(s *stats.Snapshot) bool { return s.Lines == 600 })
	if st := f.status(); st != "following" || !f.following() || f.ended() {
		t.Fatalf("status %q (following %v, ended %v) while following", st, f.following(), f.ended())
	}
	// Lines appended are followed.
	fh, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(fh, "198.51.100.7 - - [20/Nov/2026:14:10:00 +0000] \"GET /late HTTP/1.1\" 503 1 \"-\" \"curl/8\"\n")
	fh.Close()
	waitSnapshot(t, f, func(s *stats.Snapshot) bool { return s.Lines == 601 && s.Class("5xx") == 1 })

	// 14:05:00 to 14:07:00: 120 entries, and the reader stops at the end.
	from := time.Date(2026, 11, 20, 14, 5, 0, 0, time.UTC)
	f.start(from, from.Add(2*time.Minute), "following")
	s := waitSnapshot(t, f, func(s *stats.Snapshot) bool { return f.status() == "end of input" })
	if s.Parsed != 120 || !s.First.Equal(from) || !s.Last.Equal(from.Add(119*time.Second)) {
		t.Fatalf("range snapshot: %d parsed, %v – %v", s.Parsed, s.First, s.Last)
	}
	if f.following() || !f.ended() {
		t.Fatal("following at the end of a range: the dashboard would say no line came, and show spikes as live")
	}
	f.stop()
	if err := f.problems(); err != nil {
		t.Fatalf("problems: %v", err)
	}
	settleGoroutines(t, before)
}

func TestFeedCollectsInputProblems(t *testing.T) {
	format, _ := parser.Compile("combined")
	f := newFeed(context.Background(), format, stats.Config{}, stats.Filter{})
	missing := filepath.Join(t.TempDir(), "nope.log")
	f.follow([]string{missing}, source.FollowOptions{NoFollow: true})
	f.start(time.Time{}, time.Time{}, "reading")
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(f.status(), "input problem") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	f.stop()
	if !strings.Contains(f.status(), "1 input problem(s), listed on exit") {
		t.Fatalf("status %q", f.status())
	}
	if err := f.problems(); err == nil || !strings.Contains(err.Error(), "nope.log") {
		t.Fatalf("problems: %v", err)
	}
}

// The whole dashboard path of main, on a simulated terminal: it opens, ends
// with its context (a signal), and leaves no goroutine behind (reader,
// follower, replay, ticker). Quitting with q is tested in ui and in tmux.
func TestDashboardRunsAndQuitsWithoutLeaks(t *testing.T) {
	for _, args := range [][]string{
		{"--demo"},
		{writeLog(t, 300)},
		{"--no-follow", writeLog(t, 300)},
		{writeLog(t, 300), filepath.Join(t.TempDir(), "missing.log")},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			before := runtime.NumGoroutine()
			screen := tcell.NewSimulationScreen("UTF-8")
			dashboardScreen = screen
			defer func() { dashboardScreen = nil }()
			c, err := parseFlags(args, &strings.Builder{})
			if err != nil {
				t.Fatal(err)
			}
			c.stdoutTerm = true
			// Nothing may write to stdout or stderr while the dashboard
			// owns the terminal.
			quiet := silence(t)
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() {
				if c.demo {
					done <- runDemo(ctx, c, nil, stats.Filter{}, nil)
					return
				}
				format, _ := parser.Compile("combined")
				done <- runDashboard(ctx, c, c.inputs, format, stats.Filter{}, nil, nil)
			}()
			time.Sleep(500 * time.Millisecond) // let it draw and read a little
			cancel()
			select {
			case err := <-done:
				missing := strings.Contains(strings.Join(args, " "), "missing.log")
				if missing && (exitCode(err) != 1 || !strings.Contains(err.Error(), "missing.log")) {
					t.Fatalf("a missing input must be reported after the dashboard, exit 1: %v", err)
				}
				if !missing && err != nil {
					t.Fatalf("run: %v", err)
				}
			case <-time.After(15 * time.Second):
				t.Fatal("the dashboard did not end with its context")
			}
			if out := quiet(); out != "" {
				t.Fatalf("written to stdout/stderr while the dashboard ran: %q", out)
			}
			settleGoroutines(t, before)
		})
	}
}

func TestDashboardFlags(t *testing.T) {
	for _, c := range []struct {
		args []string
		ok   bool
	}{
		{[]string{"--window", "15m", "x.log"}, true},
		{[]string{"-f", "x.log"}, true},
		{[]string{"--follow", "--no-follow", "x.log"}, false},
		{[]string{"-f", "--report", "json", "x.log"}, false},
		{[]string{"--window", "-1m", "x.log"}, false},
		{[]string{"--window", "7m", "x.log"}, false}, // the dashboard has no 7m window
		{[]string{"--window", "1h", "x.log"}, true},
		{[]string{"--window", "0", "x.log"}, true},
		{[]string{"--window", "all", "x.log"}, true}, // as the dashboard names it
		{[]string{"--window", "al", "x.log"}, false},
		{[]string{"--no-ui", "x.log"}, true},
	} {
		_, err := parseFlags(c.args, &strings.Builder{})
		if (err == nil) != c.ok {
			t.Errorf("%v: err %v", c.args, err)
		}
		if err != nil && exitCode(err) != 2 {
			t.Errorf("%v: exit %d, want 2", c.args, exitCode(err))
		}
	}
	// The message says the value as it was given, not as Go prints it.
	if _, err := parseFlags([]string{"--window", "7m", "x.log"}, &strings.Builder{}); err == nil || !strings.HasPrefix(err.Error(), "--window 7m: want 1m, 5m") {
		t.Errorf("--window 7m: %v", err)
	}
	if c, _ := parseFlags([]string{"--window", "all", "x.log"}, &strings.Builder{}); c.dash.window != 0 {
		t.Errorf("--window all: window %v, want 0 (the whole input)", c.dash.window)
	}
	if c, _ := parseFlags([]string{"x.log"}, &strings.Builder{}); c.dash.window != 5*time.Minute {
		t.Errorf("default window %v, want 5m", c.dash.window)
	}
	c, _ := parseFlags([]string{"--no-ui", "x.log"}, &strings.Builder{})
	c.stdoutTerm = true
	if wantDashboard(c) {
		t.Error("--no-ui still opens the dashboard")
	}
	c, _ = parseFlags([]string{"x.log"}, &strings.Builder{})
	if wantDashboard(c) {
		t.Error("the dashboard opens although stdout is not a terminal")
	}
}

// silence points os.Stdout and os.Stderr at pipes until the returned
// function is called, which restores them and returns what was written.
func silence(t *testing.T) func() string {
	t.Helper()
	oldOut, oldErr := os.Stdout, os.Stderr
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	os.Stdout, os.Stderr = w, w
	got := make(chan string, 1)
	go func() {
		b, _ := io.ReadAll(r)
		got <- string(b)
	}()
	return func() string {
		os.Stdout, os.Stderr = oldOut, oldErr
		w.Close()
		s := <-got
		r.Close()
		return s
	}
}

// A file rotated away while the dashboard follows its log stays in reach:
// a range read again reads it (once) beside the new file, so "the last
// 15m" after a rotation is not only the minutes since the rotation.
func TestFeedRangeAfterRotationReadsTheRotatedFile(t *testing.T) {
	path := writeLog(t, 600) // 14:00:00 to 14:09:59
	format, _ := parser.Compile("combined")
	f := newFeed(context.Background(), format, stats.Config{}, stats.Filter{})
	f.follow([]string{path}, source.FollowOptions{Poll: 10 * time.Millisecond, Grace: 50 * time.Millisecond})
	f.start(time.Time{}, time.Time{}, "following")
	waitSnapshot(t, f, func(s *stats.Snapshot) bool { return s.Lines == 600 })
	if err := os.Rename(path, path+".1"); err != nil {
		t.Fatal(err)
	}
	writeSecondsOf(t, path, 10, 60) // 14:10:00 to 14:10:59
	waitSnapshot(t, f, func(s *stats.Snapshot) bool { return s.Lines == 660 })

	// 14:05 on: 300 lines of the rotated file, 60 of the new one.
	f.start(time.Date(2026, 11, 20, 14, 5, 0, 0, time.UTC), time.Time{}, "following")
	s := waitSnapshot(t, f, func(s *stats.Snapshot) bool { return s.Parsed == 360 && f.following() })
	// The whole input again: all 660, each line once.
	f.start(time.Time{}, time.Time{}, "following")
	s = waitSnapshot(t, f, func(s *stats.Snapshot) bool { return s.Lines >= 660 && f.following() })
	time.Sleep(100 * time.Millisecond)
	if s = f.latest(); s.Lines != 660 {
		t.Fatalf("the whole input after a rotation: %d lines, want 660", s.Lines)
	}

	// A second rotation, numbered as logrotate does: access.log.1 moves to
	// access.log.2, access.log to access.log.1. The first rotated file is
	// found under its new name, each file is read once.
	if err := os.Rename(path+".1", path+".2"); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(path, path+".1"); err != nil {
		t.Fatal(err)
	}
	writeSecondsOf(t, path, 11, 30) // 14:11:00 to 14:11:29
	waitSnapshot(t, f, func(s *stats.Snapshot) bool { return s.Lines == 690 })
	f.start(time.Time{}, time.Time{}, "following")
	waitSnapshot(t, f, func(s *stats.Snapshot) bool { return s.Lines >= 690 && f.following() })
	time.Sleep(100 * time.Millisecond)
	if s = f.latest(); s.Lines != 690 {
		t.Fatalf("the whole input after two rotations: %d lines, want 690", s.Lines)
	}
	f.stop()
	if err := f.problems(); err != nil {
		t.Fatalf("problems: %v", err)
	}
}

// writeSecondsOf writes a new log at path: one request a second for n
// seconds from 14:min:00.
func writeSecondsOf(t *testing.T, path string, min, n int) {
	t.Helper()
	var b strings.Builder
	for i := 0; i < n; i++ {
		ts := time.Date(2026, 11, 20, 14, min, i, 0, time.UTC)
		fmt.Fprintf(&b, "198.51.100.7 - - [%s] \"GET /new HTTP/1.1\" 200 12 \"-\" \"curl/8\"\n", ts.Format("02/Jan/2006:15:04:05 -0700"))
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

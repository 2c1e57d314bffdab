//go:build unix

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/codetop/codetop/parser"
	"github.com/codetop/codetop/stats"
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
	// The empty report does not say why; stderr does.
	if !strings.Contains(stderr, "none of the 4000 lines read is in the range") || !strings.Contains(stderr, "counted back from now") {
		t.Errorf("stderr %q does not say why nothing was counted", stderr)
	}
	// With another filter as well, that filter may be why: the filters
	// are named, the range among them.
	fifo = fifoWith(t, readLogLines(t, "testdata/logs/nasa_jul95_slice_common.log"))
	if _, stderr, _ := runArgs(t, "--report", "json", "--since", "10h", "--status", "5xx", fifo); strings.Contains(stderr, "counted back from now") ||
		!strings.Contains(stderr, "kept none of the 4000 lines read") || !strings.Contains(stderr, "--status 5xx") {
		t.Errorf("with --status: stderr %q", stderr)
	}
	// A filter on a field the log lacks keeps nothing, and says so.
	if _, stderr, _ := runArgs(t, "--report", "json", "--vhost", "shop.example.com", "testdata/logs/nasa_jul95_slice_common.log"); !strings.Contains(stderr, "the filters (--vhost shop.example.com) kept none of the 4000 lines read; the log's format (common) has no host field, so --vhost keeps nothing of it") {
		t.Errorf("--vhost on a common log: stderr %q", stderr)
	}
	// A log with hosts, none of them the one asked for: it names some.
	if _, stderr, _ := runArgs(t, "--report", "json", "--vhost", "shop.example.com", "testdata/logs/geolynx_vhost_combined_2020.log"); !strings.Contains(stderr, "kept none of the 141 lines read; the log's hosts include fenix.geolynx.com.ar, geolynx.com.ar") || strings.Contains(stderr, "no host field") {
		t.Errorf("--vhost on a vhost_combined log: stderr %q", stderr)
	}
	// A host that comes only after many lines of a first one is named too.
	var b strings.Builder
	for i := 0; i < 600; i++ {
		host := "localhost"
		if i >= 577 {
			host = "shop.example.com"
		}
		fmt.Fprintf(&b, "%s:80 192.0.2.1 - - [21/Nov/2026:10:%02d:00 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"curl/8\"\n", host, i%60)
	}
	vlog := filepath.Join(t.TempDir(), "vhost.log")
	if err := os.WriteFile(vlog, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, _ := runArgs(t, "--report", "json", "--vhost", "shop.example.org", vlog); !strings.Contains(stderr, "the log's hosts include localhost, shop.example.com") {
		t.Errorf("--vhost with a second host late in the log: stderr %q", stderr)
	}
	// Counted back from the newest entry of a file, nothing is to be said.
	if _, stderr, _ := runArgs(t, "--report", "json", "--since", "10h", "testdata/logs/nasa_jul95_slice_common.log"); stderr != "" {
		t.Errorf("a file: stderr %q", stderr)
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

// A time range is counted by reading the inputs again, which a pipe cannot
// be: reopened, it has nothing of what was read, and its writer may meet a
// closed end. Key t says so over a pipe, and opens the picker over a file.
func TestTimeRangeOnlyOverInputsReadAgain(t *testing.T) {
	nasa := "testdata/logs/nasa_jul95_slice_common.log"
	for _, tc := range []struct{ name, input, want string }{
		{"a pipe", fifoWith(t, readLogLines(t, nasa)), "not standard input or pipes"},
		{"a file", nasa, "Time range"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			screen := &shownScreen{SimulationScreen: tcell.NewSimulationScreen("UTF-8"), ready: make(chan struct{})}
			dashboardScreen = screen
			defer func() { dashboardScreen = nil }()
			c, err := parseFlags([]string{tc.input}, &strings.Builder{})
			if err != nil {
				t.Fatal(err)
			}
			c.stdoutTerm = true
			format, _ := parser.Compile("common")
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- runDashboard(ctx, c, c.inputs, format, stats.Filter{}, nil, nil) }()
			defer func() { cancel(); <-done }()
			// Keys go to the screen once the dashboard has set it up; until
			// the lines are read, t says there are no times yet.
			<-screen.ready
			deadline := time.Now().Add(10 * time.Second)
			for !strings.Contains(screen.text(), tc.want) {
				if time.Now().After(deadline) {
					t.Fatalf("after key t, no %q on the screen:\n%s", tc.want, screen.text())
				}
				screen.InjectKey(tcell.KeyRune, 't', tcell.ModNone)
				time.Sleep(200 * time.Millisecond)
			}
		})
	}
}

// shownScreen is a simulated screen that tells when the dashboard has set
// it up (keys sent before would find no queue to go to) and keeps a copy
// of its text each time it is shown, made on the drawing goroutine: the
// cells themselves are rewritten there without a lock.
type shownScreen struct {
	tcell.SimulationScreen
	ready chan struct{}
	once  sync.Once
	mu    sync.Mutex
	shown string
}

func (s *shownScreen) Init() error {
	err := s.SimulationScreen.Init()
	s.once.Do(func() { close(s.ready) })
	return err
}

func (s *shownScreen) Show() {
	s.SimulationScreen.Show()
	text := simText(s.SimulationScreen)
	s.mu.Lock()
	s.shown = text
	s.mu.Unlock()
}

// text is what the screen showed last.
func (s *shownScreen) text() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.shown
}

// simText is the text on a simulated screen, row by row.
func simText(s tcell.SimulationScreen) string {
	cells, w, _ := s.GetContents()
	var b strings.Builder
	for i, c := range cells {
		if i > 0 && i%w == 0 {
			b.WriteByte('\n')
		}
		if len(c.Runes) > 0 {
			b.WriteString(string(c.Runes))
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestListenAddr(t *testing.T) {
	cases := []struct{ in, addr, noteHas string }{
		{"127.0.0.1:9145", "127.0.0.1:9145", ""},
		{"9145", "127.0.0.1:9145", "--listen 9145: serving on 127.0.0.1 only"},
		{":9145", "127.0.0.1:9145", "0.0.0.0:9145"},
		{"0.0.0.0:9145", "0.0.0.0:9145", ""},
		{"[::]:9145", "[::]:9145", ""},
		{"[::1]:0", "[::1]:0", ""},
		{"localhost:9145", "localhost:9145", ""},
	}
	for _, c := range cases {
		addr, note, err := listenAddr(c.in)
		if err != nil || addr != c.addr || !strings.Contains(note, c.noteHas) || (c.noteHas == "" && note != "") {
			t.Errorf("listenAddr(%q) = %q, %q, %v; want %q and a note with %q", c.in, addr, note, err, c.addr, c.noteHas)
		}
	}
	for _, bad := range []string{"", "host", "127.0.0.1:", "127.0.0.1:http", "127.0.0.1:70000", "http://127.0.0.1:9145"} {
		if _, _, err := listenAddr(bad); exitCode(err) != 2 {
			t.Errorf("listenAddr(%q): %v, want a usage error", bad, err)
		}
	}
}

// --listen given with nothing (an unset shell variable) is refused, not
// taken for no --listen at all.
func TestEmptyListenIsAUsageError(t *testing.T) {
	_, _, err := runArgs(t, "--listen", "", "testdata/logs/edge_cases.log")
	if exitCode(err) != 2 || !strings.Contains(err.Error(), "--listen") {
		t.Errorf("--listen '': %v, want exit 2 naming --listen", err)
	}
}

func TestListenWithReportIsAUsageError(t *testing.T) {
	var out, errb bytes.Buffer
	err := run(context.Background(), []string{"--report", "json", "--listen", "127.0.0.1:0", honeypot}, &out, &errb)
	if exitCode(err) != 2 || !strings.Contains(err.Error(), "use one or the other") {
		t.Fatalf("err %v, want exit 2 explaining the conflict", err)
	}
}

// lockedBuffer is a bytes.Buffer safe for the exporter's goroutine to write
// while the test reads.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startExporter runs codetop --no-ui --listen on a free loopback port over log
// and returns the metrics URL and a function that stops it (as SIGTERM
// would) and returns run's error.
func startExporter(t *testing.T, log string, extra ...string) (metricsURL string, stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stderr := &lockedBuffer{}
	done := make(chan error, 1)
	args := append([]string{"--no-ui", "--listen", "127.0.0.1:0", "--format", "combined"}, extra...)
	go func() { done <- run(ctx, append(args, log), io.Discard, stderr) }()
	re := regexp.MustCompile(`serving metrics on (http://\S+/metrics)`)
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if m := re.FindStringSubmatch(stderr.String()); m != nil {
			metricsURL = m[1]
			break
		}
		select {
		case err := <-done:
			t.Fatalf("the exporter stopped: %v\n%s", err, stderr.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
	if metricsURL == "" {
		cancel()
		t.Fatalf("the exporter did not say where it listens:\n%s", stderr.String())
	}
	var once sync.Once
	var runErr error
	stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case runErr = <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("the exporter did not stop within 10s of its context ending")
			}
		})
		return runErr
	}
	t.Cleanup(func() { stop() })
	return metricsURL, stop
}

// scrapeValue reads one unlabelled sample from a scrape.
func scrapeValue(t *testing.T, url, name string) (float64, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	sc := bufio.NewScanner(bytes.NewReader(body))
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), name+" "); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				t.Fatal(err)
			}
			return f, string(body)
		}
	}
	return -1, string(body)
}

func appendLogLines(t *testing.T, path string, lines []string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(strings.Join(lines, "\n") + "\n"); err != nil {
		t.Fatal(err)
	}
}

func readLogLines(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimRight(string(b), "\n"), "\n")
}

// pollUntil polls until f reports true or the time is up.
func pollUntil(d time.Duration, f func() bool) bool {
	deadline := time.Now().Add(d)
	for {
		if f() {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestExporterFollowsAndShutsDown: the headless exporter counts lines
// appended after it started, serves them, and stops cleanly when told.
func TestExporterFollowsAndShutsDown(t *testing.T) {
	log := filepath.Join(t.TempDir(), "access.log")
	lines := readLogLines(t, honeypot)
	appendLogLines(t, log, lines[:100])
	url, stop := startExporter(t, log)
	appendLogLines(t, log, lines[100:250])
	var got float64
	if !pollUntil(10*time.Second, func() bool { got, _ = scrapeValue(t, url, "codetop_lines_total"); return got == 250 }) {
		t.Fatalf("codetop_lines_total = %v, want 250", got)
	}
	if err := stop(); err != nil {
		t.Fatalf("stopping: %v", err)
	}
	if _, err := http.Get(url); err == nil {
		t.Error("still serving after shutdown")
	}
}

// TestExporterSinceSkipsHistory: --since 1m makes a restarted exporter
// count what arrives from now on, not the whole file again.
func TestExporterSinceSkipsHistory(t *testing.T) {
	log := filepath.Join(t.TempDir(), "access.log")
	old := readLogLines(t, honeypot)[:300] // May 2025
	appendLogLines(t, log, old)
	url, _ := startExporter(t, log, "--since", "1m")
	fresh := []string{
		`192.0.2.1 - - [21/Nov/2026:10:00:00 +0000] "GET /a HTTP/1.1" 200 10 "-" "test"`,
		`192.0.2.1 - - [21/Nov/2026:10:00:01 +0000] "GET /b HTTP/1.1" 502 10 "-" "test"`,
	}
	appendLogLines(t, log, fresh)
	// The bound is a minute before the newest old entry (not before the
	// wall clock): the old lines of that last minute count too.
	stamp := func(l string) time.Time {
		ts, err := time.Parse("02/Jan/2006:15:04:05 -0700", l[strings.IndexByte(l, '[')+1:strings.IndexByte(l, ']')])
		if err != nil {
			t.Fatal(err)
		}
		return ts
	}
	newest := stamp(old[len(old)-1])
	want := float64(len(fresh))
	for _, l := range old {
		if !stamp(l).Before(newest.Add(-time.Minute)) {
			want++
		}
	}
	if want >= float64(len(old)) {
		t.Fatalf("the test log is too dense for this test: %v of %d lines in its last minute", want, len(old))
	}
	var got float64
	if !pollUntil(10*time.Second, func() bool { got, _ = scrapeValue(t, url, "codetop_lines_total"); return got == want }) {
		t.Fatalf("codetop_lines_total = %v, want %v (the fresh lines and the old ones of the last minute)", got, want)
	}
	_, body := scrapeValue(t, url, "codetop_lines_total")
	if !strings.Contains(body, `codetop_requests_total{class="5xx",code="502"} 1`) {
		t.Errorf("the fresh 502 is not counted:\n%s", body)
	}
}

// An exporter started on an empty log (just rotated, or a first deployment)
// detects the format from the first lines that arrive: a JSON log is not
// read as combined and counted malformed line by line.
func TestExporterDetectsTheFormatOfAnEmptyLogLater(t *testing.T) {
	log := filepath.Join(t.TempDir(), "access.log")
	appendLogLines(t, log, nil)
	if err := os.Truncate(log, 0); err != nil {
		t.Fatal(err)
	}
	url, _ := startExporter(t, log, "--format", "auto")
	var lines []string
	for i := range 40 {
		lines = append(lines, fmt.Sprintf(`{"ClientHost":"192.0.2.%d","DownstreamStatus":%d,"RequestMethod":"GET","RequestPath":"/api/%d","StartUTC":"2026-11-21T10:00:%02dZ"}`, i, 200+i%2*302, i, i))
	}
	appendLogLines(t, log, lines)
	var got float64
	if !pollUntil(10*time.Second, func() bool { got, _ = scrapeValue(t, url, "codetop_lines_total"); return got == 40 }) {
		t.Fatalf("codetop_lines_total = %v, want 40", got)
	}
	if bad, body := scrapeValue(t, url, "codetop_malformed_lines_total"); bad != 0 {
		t.Errorf("codetop_malformed_lines_total = %v, want 0\n%.2000s", bad, body)
	}
}

// --since 1m, as docs/fleet.md runs the exporter, starts on a log that is
// empty after a rotation, or not there yet: its entries count from now.
func TestExporterSinceOnAnEmptyOrMissingLog(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	empty := filepath.Join(dir, "access.log")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{empty, filepath.Join(dir, "later.log")} {
		cmd := exec.Command(bin, "--since", "1m", "--listen", "127.0.0.1:0", "--no-ui", path)
		stderr, err := cmd.StderrPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		serving := make(chan bool, 1)
		go func() {
			sc := bufio.NewScanner(stderr)
			for sc.Scan() {
				if strings.Contains(sc.Text(), "serving metrics on") {
					serving <- true
					return
				}
				t.Log(sc.Text())
			}
			serving <- false
		}()
		select {
		case ok := <-serving:
			if !ok {
				t.Errorf("%s: the exporter ended without serving", path)
			}
		case <-time.After(10 * time.Second):
			t.Errorf("%s: no metrics served", path)
		}
		cmd.Process.Kill()
		cmd.Wait()
	}
	// A log with lines but no times is another matter: "from now" would
	// count nothing without a word, so the error says why.
	notime := filepath.Join(dir, "notime.json")
	if err := os.WriteFile(notime, []byte(`{"status":200,"uri":"/a"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Bounded: an exporter that started instead would serve until killed.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, bin, "--since", "1m", "--listen", "127.0.0.1:0", "--no-ui", notime).CombinedOutput()
	if code := exitCodeOf(err); code != 2 || !strings.Contains(string(out), "no input ends with a line that has a time") {
		t.Errorf("lines without times: exit %d, %q; want 2 and why", code, out)
	}
}

func exitCodeOf(err error) int {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}

// With --format given, nothing waits for standard input before the
// exporter serves: a quiet pipe (tail -f of a quiet log) must not hold up
// /metrics until its first line.
func TestExporterOnAQuietStdinServesAtOnce(t *testing.T) {
	bin := buildBinary(t)
	cmd := exec.Command(bin, "--format", "common", "--listen", "127.0.0.1:0", "--no-ui", "-")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close() // the pipe stays open and quiet until the end
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()
	serving := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if strings.Contains(sc.Text(), "serving metrics on") {
				serving <- sc.Text()
				return
			}
		}
	}()
	select {
	case line := <-serving:
		t.Log(line)
	case <-time.After(10 * time.Second):
		t.Fatal("no metrics served while standard input was quiet")
	}
}

// A batch report reads standard input to its end anyway: a --format that
// does not read it is named on stderr, as for a file.
func TestBatchStdinOfAnotherFormatIsNamed(t *testing.T) {
	bin := buildBinary(t)
	cmd := exec.Command(bin, "--format", "common", "--report", "json", "-")
	cmd.Stdin = strings.NewReader(strings.Repeat(`{"time":"2024-10-12T23:14:20+09:00","status":"200","uri":"/x"}`+"\n", 5))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "- reads as nginx-json, not as the --format given") {
		t.Errorf("stderr %q does not name standard input", stderr.String())
	}
}

// failingListener accepts nothing: its Accept fails at once, as when the
// socket is broken under a running server.
type failingListener struct{ net.Listener }

func (l failingListener) Accept() (net.Conn, error) {
	return nil, errors.New("accept: the socket broke")
}

// An exporter whose server stops serving ends with exit status 1 and says
// why, instead of following the logs on with no endpoint, which would look
// alive to systemd.
func TestExporterEndsWhenItsServerDoes(t *testing.T) {
	old := listenTCP
	defer func() { listenTCP = old }()
	listenTCP = func(addr string) (net.Listener, error) {
		ln, err := net.Listen("tcp", addr)
		return failingListener{ln}, err
	}
	log := filepath.Join(t.TempDir(), "access.log")
	appendLogLines(t, log, readLogLines(t, honeypot)[:10])
	done := make(chan error, 1)
	go func() {
		_, _, err := runArgs(t, "--listen", "127.0.0.1:0", log)
		done <- err
	}()
	select {
	case err := <-done:
		if exitCode(err) != 1 || !strings.Contains(err.Error(), "metrics server") || !strings.Contains(err.Error(), "the socket broke") {
			t.Fatalf("exit %d: %v; want 1 naming the metrics server's failure", exitCode(err), err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("the exporter went on following with its server gone")
	}
}

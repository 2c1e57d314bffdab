package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func exitCode(err error) int {
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return 1
}

// Without --report and with stdout not a terminal (a pipe, a file, a
// buffer), codetop prints the text report instead of the dashboard.
func TestTextReportWhenStdoutIsNotATerminal(t *testing.T) {
	out, _, err := runArgs(t, "testdata/logs/nasa_jul95_slice_common.log")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"lines      4000", "2xx", "/images/NASA-logosmall.gif"} {
		if !strings.Contains(out, want) {
			t.Errorf("text report lacks %q:\n%s", want, out)
		}
	}
}

// /dev/null is a character device but no terminal: a cron job sending
// stdout there gets the text report (thrown away), not a failed dashboard.
func TestStdoutToDevNullIsNoTerminal(t *testing.T) {
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	var stderr strings.Builder
	if err := run(context.Background(), []string{"testdata/logs/nasa_jul95_slice_common.log"}, null, &stderr); err != nil {
		t.Fatalf("codetop LOG > /dev/null: %v (stderr %q)", err, stderr.String())
	}
}

// One format reads a whole run. A log of another format given beside the
// one it was detected from, or one that a --format given does not read, is
// named on stderr, not left to count as malformed lines in silence; logs
// the format reads get no warning.
func TestFormatWarningForAnInputOfAnotherFormat(t *testing.T) {
	dir := t.TempDir()
	jsonLog := filepath.Join(dir, "app.log")
	line := `{"time":"2024-10-12T23:14:20+09:00","method":"GET","uri":"/initialize","status":"200","body_bytes":0,"request_time":"0.040"}` + "\n"
	if err := os.WriteFile(jsonLog, []byte(strings.Repeat(line, 5)), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, err := runArgs(t, "--report", "json", "testdata/logs/nasa_jul95_slice_common.log", jsonLog)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stderr, jsonLog+" reads as nginx-json, not as common") {
		t.Errorf("stderr %q does not name the JSON log", stderr)
	}
	_, stderr, err = runArgs(t, "--report", "json", "testdata/logs/nasa_jul95_slice_common.log", "testdata/logs/neutralbank_apache_combined_2024.log")
	if err != nil || stderr != "" {
		t.Errorf("common and combined logs together: err %v, stderr %q; want neither", err, stderr)
	}
	// A --format given is checked against every input: the one it reads
	// gets no warning, the other is named with the format to try.
	_, stderr, _ = runArgs(t, "--report", "json", "--format", "common", "testdata/logs/nasa_jul95_slice_common.log", jsonLog)
	if want := jsonLog + " reads as nginx-json, not as the --format given"; !strings.Contains(stderr, want) || !strings.Contains(stderr, "try --format nginx-json") {
		t.Errorf("with --format common given, stderr %q; want %q and the format to try", stderr, want)
	}
	if strings.Contains(stderr, "nasa_jul95") {
		t.Errorf("with --format common given, stderr %q names the common log", stderr)
	}
	// A format that reads none of a log that is no known format either.
	noise := filepath.Join(dir, "noise.log")
	if err := os.WriteFile(noise, []byte(strings.Repeat("hello world\n", 5)), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, _ = runArgs(t, "--report", "json", "--format", "nginx:$remote_addr $status", noise)
	if want := "the --format given reads none of the first 5 lines of " + noise; !strings.Contains(stderr, want) {
		t.Errorf("a format that reads nothing: stderr %q; want %q", stderr, want)
	}
}

// Flags after a path apply, as with most tools: codetop access.log
// --status 5xx is filtered, not a report of everything that also looks for
// files named --status and 5xx. After "--", all is paths.
func TestFlagsAfterPathsApply(t *testing.T) {
	nasa := "testdata/logs/nasa_jul95_slice_common.log"
	out, stderr, err := runArgs(t, nasa, "--status", "404", "--report", "json")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	var r struct {
		Lines   int64
		Classes map[string]int64
		Inputs  []string
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	want := int64(0)
	for _, l := range readLogLines(t, nasa) {
		if strings.Contains(l, "\" 404 ") {
			want++
		}
	}
	if want == 0 || r.Lines != want || r.Classes["2xx"] != 0 {
		t.Errorf("LOG --status 404: %d lines, 2xx %d; want the %d 404s only", r.Lines, r.Classes["2xx"], want)
	}
	_, _, err = runArgs(t, "--report", "json", nasa, "--", "--status")
	if exitCode(err) != 1 || !strings.Contains(err.Error(), "--status: no such file") {
		t.Errorf("after --, a path named --status: %v; want exit 1 naming the missing file", err)
	}
}

// A first input that tells nothing about the format (only comments, or a
// log of no known format) does not decide it: the next one does.
func TestFormatDetectedPastAnInputOfNoKnownFormat(t *testing.T) {
	dir := t.TempDir()
	comments := filepath.Join(dir, "a.log")
	if err := os.WriteFile(comments, []byte("# written by a tool\n# another comment\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	jsonLog := filepath.Join(dir, "b.log")
	line := `{"time":"2024-10-12T23:14:20+09:00","method":"GET","uri":"/initialize","status":"200","body_bytes":0,"request_time":"0.040"}` + "\n"
	if err := os.WriteFile(jsonLog, []byte(strings.Repeat(line, 5)), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, err := runArgs(t, "--report", "json", comments, jsonLog)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	var r struct {
		Format            string
		Parsed, Malformed int64
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Format != "nginx-json" || r.Parsed != 5 {
		t.Errorf("format %q, %d parsed, %d malformed; want nginx-json, its 5 lines read (stderr %q)", r.Format, r.Parsed, r.Malformed, stderr)
	}
}

// A log no format reads (HAProxy's, here) is read as combined
// so that every line is counted, as malformed; stderr says no format was
// found and how to give one, or the report's "combined" would read as if it
// had been. A log that is detected gets no such word.
func TestNoKnownFormatIsSaid(t *testing.T) {
	haproxy := filepath.Join(t.TempDir(), "haproxy.log")
	line := `Nov 21 10:00:00 lb1 haproxy[6801]: 192.0.2.7:55008 [21/Nov/2026:10:00:00.584] fe_https~ be_web/web1 0/0/0/72/72 200 7456 - - ---- 5/4/0/1/0 0/0 "GET /cart HTTP/1.1"` + "\n"
	if err := os.WriteFile(haproxy, []byte(strings.Repeat(line, 3)), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, err := runArgs(t, "--report", "json", haproxy)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	var r struct{ Lines, Malformed int64 }
	if err := json.Unmarshal([]byte(out), &r); err != nil || r.Lines != 3 || r.Malformed != 3 {
		t.Fatalf("report: %v, lines %d, malformed %d; want 3 and 3", err, r.Lines, r.Malformed)
	}
	for _, want := range []string{"no known format reads the first 3 lines of " + haproxy, "--format 'nginx:"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr %q does not say %q", stderr, want)
		}
	}
	if _, stderr, _ := runArgs(t, "--report", "json", "testdata/logs/nasa_jul95_slice_common.log"); strings.Contains(stderr, "no known format") {
		t.Errorf("a common log: %q", stderr)
	}
	// Each input no format reads is named, not only the first.
	second := filepath.Join(t.TempDir(), "haproxy2.log")
	if err := os.WriteFile(second, []byte(line), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, logs := range [][]string{{haproxy, second}, {"testdata/logs/nasa_jul95_slice_common.log", second}} {
		_, stderr, _ := runArgs(t, append([]string{"--report", "json"}, logs...)...)
		for _, in := range logs[1:] {
			if !strings.Contains(stderr, "no known format reads the first line of "+in) {
				t.Errorf("%v: stderr %q does not name %s", logs, stderr, in)
			}
		}
	}
}

// With no input named and /dev/null on stdin (a cron job or a service
// given no file), codetop says so instead of reporting nothing.
func TestNoInputWithStdinAtDevNull(t *testing.T) {
	null, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	old := os.Stdin
	os.Stdin = null
	defer func() { os.Stdin = old }()
	_, _, err = runArgs(t, "--report", "json")
	if exitCode(err) != 2 || !strings.Contains(err.Error(), "no input") {
		t.Errorf("codetop < /dev/null: %v, want exit 2 saying there is no input", err)
	}
}

func TestExitStatus(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"unknown flag", []string{"--bogus", "x.log"}, 2, "unknown flag --bogus"},
		{"a word for a number", []string{"--paths", "abc", "x.log"}, 2, `--paths "abc": not a value it takes; --paths is how many paths a report lists`},
		{"a flag without its value", []string{"x.log", "--status"}, 2, "--status needs a value"},
		{"bad report kind", []string{"--report", "xml", "x.log"}, 2, "want text"},
		{"unknown format", []string{"--format", "nonsense", "testdata/logs/edge_cases.log"}, 2, "unknown format"},
		{"an objective that is not a number", []string{"--slo", "NaN", "testdata/logs/edge_cases.log"}, 2, "--slo NaN"},
		{"explain after a flag", []string{"--quiet", "explain", "502"}, 2, "explain comes first"},
		{"a file named explain after --", []string{"--report", "json", "--", "explain"}, 1, "explain: no such file"},
		{"-- as a flag's value", []string{"--report", "json", "--status", "--", "testdata/logs/edge_cases.log"}, 2, `--status "--"`},
		{"a flag's name as a value, then --", []string{"--report", "json", "--path-regex", "--status", "--", "-x.log"}, 1, "-x.log: no such file"},
		{"a path with --demo", []string{"--demo", "--report", "json", "testdata/logs/edge_cases.log"}, 2, "--demo reads its embedded sample"},
		{"--format with --demo", []string{"--demo", "--report", "json", "--format", "common"}, 2, "drop --format"},
		{"--listen with --demo", []string{"--demo", "--listen", "127.0.0.1:0", "--no-ui"}, 2, "drop --listen"},
		{"--since with --demo", []string{"--demo", "--report", "json", "--since", "1h"}, 2, "drop --since"},
		{"an unknown flag after a path", []string{"testdata/logs/edge_cases.log", "--bogus"}, 2, "bogus"},
		{"missing file next to a good one", []string{"--report", "json", "testdata/logs/missing.log", "testdata/logs/edge_cases.log"}, 1, "missing.log"},
		{"a directory", []string{"--report", "json", "testdata"}, 1, "directory"},
		{"a missing file with a duration range", []string{"--report", "json", "--since", "2h", "testdata/logs/missing.log"}, 1, "missing.log: no such file"},
		{"follow into a report", []string{"-f", "testdata/logs/edge_cases.log"}, 2, "--follow"},
		{"follow with --no-ui and no --listen", []string{"--no-ui", "-f", "testdata/logs/edge_cases.log"}, 2, "--follow"},
		{"malformed lines are no failure", []string{"--report", "json", "testdata/logs/edge_cases.log"}, 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, _, err := runArgs(t, tc.args...)
			if got := exitCode(err); got != tc.code {
				t.Fatalf("exit status %d, want %d (err %v)", got, tc.code, err)
			}
			if tc.msg != "" && !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q does not mention %q", err, tc.msg)
			}
			if tc.code == 1 && !strings.Contains(out, `"lines"`) {
				t.Errorf("exit 1 must still print the report of what was read; got %q", out)
			}
		})
	}
}

// Each problem of several gets the program's name; a format's caret lines
// stay as they are, under the message they belong to.
func TestPrintErrorNamesEveryProblem(t *testing.T) {
	var b strings.Builder
	printError(&b, errors.Join(errors.New("a.log: no such file"), errors.New("b.log: no such file")))
	if got, want := b.String(), "codetop: a.log: no such file\ncodetop: b.log: no such file\n"; got != want {
		t.Errorf("two problems:\n%s\nwant\n%s", got, want)
	}
	b.Reset()
	printError(&b, errors.New("--format: column 3: unknown directive\n  %Q\n  ^"))
	if got, want := b.String(), "codetop: --format: column 3: unknown directive\n  %Q\n  ^\n"; got != want {
		t.Errorf("a spec error:\n%s\nwant\n%s", got, want)
	}
}

// The demo is filtered like any input: --status 5xx leaves its 5xx.
func TestDemoReportHonoursFilters(t *testing.T) {
	out, stderr, err := runArgs(t, "--demo", "--report", "json", "--status", "5xx")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	var r struct {
		Lines   int64
		Classes map[string]int64
		Filters map[string]string
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Lines == 0 || r.Classes["5xx"] != r.Lines || r.Filters["status"] != "5xx" {
		t.Errorf("--demo --status 5xx: %d lines, classes %v, filters %v; want only 5xx, and the filter named", r.Lines, r.Classes, r.Filters)
	}
}

// A mistyped flag gets one line saying what is wrong, not the whole usage;
// -h gets the usage.
func TestFlagErrorIsOneLine(t *testing.T) {
	_, stderr, err := runArgs(t, "--window", "5", "x.log")
	if exitCode(err) != 2 || !strings.Contains(err.Error(), "--window is the dashboard's rate window") {
		t.Errorf("--window 5: %v; want exit 2 saying what --window takes", err)
	}
	if stderr != "" {
		t.Errorf("--window 5 printed %q besides its error", stderr)
	}
	// The usage asked for goes to stdout, to page or search it.
	stdout, stderr, err := runArgs(t, "-h")
	if !errors.Is(err, flag.ErrHelp) || !strings.Contains(stdout, "usage: codetop") || !strings.Contains(stdout, "-window") || stderr != "" {
		t.Errorf("-h: %v, stdout %q, stderr %q; want the usage on stdout", err, stdout, stderr)
	}
}

// A range counted back from the newest entry cannot be resolved when no
// input can be opened; the message is about the inputs, not the range.
func TestDurationRangeOverNothingNamesTheInputs(t *testing.T) {
	for _, args := range [][]string{
		{"--report", "json", "--until", "30m", "testdata/logs/missing*.log"},
		{"--report", "text", "--since", "2h", "testdata/logs/missing.log", "testdata/logs/also-missing.log"},
	} {
		_, _, err := runArgs(t, args...)
		if exitCode(err) != 1 || err == nil || !strings.Contains(err.Error(), "missing") || strings.Contains(err.Error(), "duration") {
			t.Errorf("%q: exit %d, %v; want 1 and the missing inputs named", args, exitCode(err), err)
		}
	}
}

// Apache's %D after the agent is read as no time by the detected format,
// and the latencies a user expects would be missing without a word:
// stderr says how to read it, and the format it names does.
func TestApacheMicrosecondsAfterTheAgentGetAHint(t *testing.T) {
	log := apacheMicrosLog(t, 20, 1000)
	_, stderr, err := runArgs(t, "--report", "json", log)
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(stderr, "--format '")
	if !strings.Contains(stderr, "Apache's %D") || i < 0 {
		t.Fatalf("stderr %q gives no hint for the whole numbers after the agent", stderr)
	}
	spec := stderr[i+len("--format '"):]
	spec = spec[:strings.Index(spec, "'")]
	out, stderr, err := runArgs(t, "--report", "json", "--format", spec, log)
	if err != nil || stderr != "" {
		t.Fatalf("with the format the hint gives: %v, stderr %q", err, stderr)
	}
	var r struct {
		Latency map[string]struct {
			P50 float64 `json:"p50_ms"`
		} `json:"latency"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if p50 := r.Latency["2xx"].P50; p50 < 1.0 || p50 > 1.02 {
		t.Errorf("2xx p50 %v ms with the hinted format, want 1.0 to 1.02 (1000 to 1019 µs)", p50)
	}
}

// apacheMicrosLog writes n combined lines that end with Apache's %D, the
// microseconds from first on, one more each line.
func apacheMicrosLog(t *testing.T, n, first int) string {
	t.Helper()
	log := filepath.Join(t.TempDir(), "access.log")
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "127.0.0.1 - - [23/Nov/2026:08:09:%02d +0000] \"GET /a HTTP/1.1\" 200 13 \"-\" \"drill/1.0\" %d\n", i%60, first+i)
	}
	if err := os.WriteFile(log, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return log
}

// A file whose name starts with a dash reads as a flag; when one of that
// name exists, the error says how to read it, and the way it gives works.
func TestAFileNamedLikeAFlag(t *testing.T) {
	log, err := filepath.Abs("testdata/logs/nasa_jul95_slice_common.log")
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	if err := os.WriteFile("-old.log", data, 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err = runArgs(t, "--report", "json", "-old.log")
	if exitCode(err) != 2 || err == nil || !strings.Contains(err.Error(), "write ./-old.log, or -- before it") {
		t.Fatalf("exit %d, %v: want 2 and how to read the file", exitCode(err), err)
	}
	for _, args := range [][]string{{"--report", "json", "./-old.log"}, {"--report", "json", "--", "-old.log"}} {
		out, _, err := runArgs(t, args...)
		if err != nil || !strings.Contains(out, `"lines": 4000`) {
			t.Errorf("%v: %v, %.80q", args, err, out)
		}
	}
}

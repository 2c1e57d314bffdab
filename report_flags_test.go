package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/codetop/codetop/report"
)

// runOK runs codetop with args and returns its stdout; it fails the test on
// any error.
func runOK(t *testing.T, args ...string) []byte {
	t.Helper()
	var out, errb bytes.Buffer
	if err := run(context.Background(), args, &out, &errb); err != nil {
		t.Fatalf("codetop %s: %v\n%s", strings.Join(args, " "), err, errb.String())
	}
	return out.Bytes()
}

func runJSON(t *testing.T, args ...string) *report.JSONReport {
	t.Helper()
	var r report.JSONReport
	if err := json.Unmarshal(runOK(t, append([]string{"--report", "json"}, args...)...), &r); err != nil {
		t.Fatal(err)
	}
	return &r
}

// grepCount counts the lines of a file that re matches: what a user would
// do by hand to check a filtered report.
func grepCount(t *testing.T, path string, re *regexp.Regexp) int64 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var n int64
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if re.Match(sc.Bytes()) {
			n++
		}
	}
	return n
}

var (
	honeypot = filepath.Join("testdata", "logs", "honeypot_nginx_main_xff_ipv6_head600.log")
	geolynx  = filepath.Join("testdata", "logs", "geolynx_vhost_combined_2020.log")
	nasa     = filepath.Join("testdata", "logs", "nasa_jul95_slice_common.log")
)

func TestStatusFilter(t *testing.T) {
	all := runJSON(t, honeypot)
	r := runJSON(t, "--status", "5xx,405", honeypot)
	want := all.Classes["5xx"] + all.Codes["405"]
	if r.Parsed != want || r.Lines != want+r.Malformed {
		t.Fatalf("--status 5xx,405: parsed %d, want %d (5xx %d + 405 %d)", r.Parsed, want, all.Classes["5xx"], all.Codes["405"])
	}
	for code := range r.Codes {
		if code[0] != '5' && code != "405" {
			t.Errorf("--status 5xx,405 counted %s", code)
		}
	}
	// Every line read, kept or not, is in lines_read: what wc -l says.
	if r.LinesRead != all.Lines || all.LinesRead != all.Lines || all.Lines != grepCount(t, honeypot, regexp.MustCompile(``)) {
		t.Errorf("lines_read %d filtered, %d not; lines %d", r.LinesRead, all.LinesRead, all.Lines)
	}
	if r.Filters["status"] != "5xx,405" {
		t.Errorf("filters = %v: the report does not say what it left out", r.Filters)
	}
	// The text report's shares are of what was kept: it says of how many.
	out, _, err := runArgs(t, "--report", "text", "--status", "5xx,405", honeypot)
	if kept := fmt.Sprintf("kept %d of the %d lines read", r.Lines, all.Lines); err != nil || !strings.Contains(out, kept) {
		t.Errorf("the text report does not say %q:\n%s", kept, out)
	}
}

func TestMethodVHostAndPathFilters(t *testing.T) {
	posts := grepCount(t, geolynx, regexp.MustCompile(`"POST `))
	if r := runJSON(t, "--method", "post", geolynx); r.Parsed != posts || posts == 0 {
		t.Errorf("--method post: parsed %d, grep finds %d", r.Parsed, posts)
	}
	// The vhost field is "host:port"; the filter ignores the port and case.
	hosts := grepCount(t, geolynx, regexp.MustCompile(`^(?i)fenix\.geolynx\.com\.ar:`))
	if r := runJSON(t, "--vhost", "FENIX.geolynx.com.ar", geolynx); r.Parsed != hosts || hosts == 0 {
		t.Errorf("--vhost: parsed %d, grep finds %d", r.Parsed, hosts)
	}
	if r := runJSON(t, "--vhost", "*.geolynx.com.ar", geolynx); r.Parsed != hosts { // not the apex
		t.Errorf("--vhost *.geolynx.com.ar: parsed %d, want %d", r.Parsed, hosts)
	}
	// --path-regex sees the path without its query.
	api := grepCount(t, honeypot, regexp.MustCompile(`"[A-Z]+ /api/[^ ?]*[ ?]`))
	r := runJSON(t, "--path-regex", "^/api/", "--paths", "0", honeypot)
	if r.Parsed != api || api == 0 {
		t.Errorf("--path-regex ^/api/: parsed %d, grep finds %d", r.Parsed, api)
	}
	for _, p := range r.Paths {
		if !strings.HasPrefix(p.Path, "/api/") {
			t.Errorf("--path-regex ^/api/ kept %q", p.Path)
		}
	}
}

// A time given without a zone is read in the zone --tz names: 15:05 in
// Berlin in November is 14:05 UTC, and --tz UTC reads it as UTC. Without
// --tz it is refused, with a word on how to give one, rather than guessed.
func TestSinceWithoutAZoneIsReadInTZ(t *testing.T) {
	log := writeLog(t, 600) // 14:00:00 to 14:09:59 UTC
	r := runJSON(t, "--tz", "Europe/Berlin", "--since", "2026-11-20 15:05:00", "--until", "2026-11-20T15:07", log)
	if r.Parsed != 120 || r.First != "2026-11-20T14:05:00Z" {
		t.Errorf("--since 15:05 --until 15:07 in Berlin: %d entries from %s, want 120 from 14:05Z", r.Parsed, r.First)
	}
	if r := runJSON(t, "--tz", "UTC", "--since", "2026-11-20 14:05", log); r.Parsed != 300 || r.First != "2026-11-20T14:05:00Z" {
		t.Errorf("--tz UTC --since 14:05: %d entries from %s, want 300 from 14:05Z", r.Parsed, r.First)
	}
	if _, _, err := runArgs(t, "--since", "2026-11-20 15:05:00", log); exitCode(err) != 2 || !strings.Contains(err.Error(), "needs --tz") {
		t.Errorf("without --tz: %v", err)
	}
}

func TestSinceUntilSplitTheEntries(t *testing.T) {
	all := runJSON(t, nasa)
	last, _ := time.Parse(time.RFC3339, all.Last)
	bound := last.Add(-30 * time.Minute).UTC().Format(time.RFC3339)

	recent := runJSON(t, "--since", "30m", nasa)
	if recent.Filters["since"] != bound {
		t.Errorf("--since 30m resolved to %q, want %q (30m before the newest entry)", recent.Filters["since"], bound)
	}
	if recent.First < bound || recent.Last != all.Last || recent.Parsed == 0 || recent.Parsed >= all.Parsed {
		t.Errorf("--since 30m: first %s last %s parsed %d (of %d)", recent.First, recent.Last, recent.Parsed, all.Parsed)
	}
	older := runJSON(t, "--until", bound, nasa)
	if older.Last >= bound {
		t.Errorf("--until %s: last entry %s", bound, older.Last)
	}
	if older.Parsed+recent.Parsed != all.Parsed {
		t.Errorf("--until and --since at the same instant split %d entries into %d + %d", all.Parsed, older.Parsed, recent.Parsed)
	}
}

// Logs given together (one per virtual host) end at their own times: a
// duration counts back from the newest entry of all of them, wherever it
// is, not from the end of the input named last.
func TestSinceCountsBackFromTheNewestOfAllInputs(t *testing.T) {
	busy := filepath.Join(t.TempDir(), "shop_access.log")
	var b strings.Builder
	for i := range 90 { // one line a minute, 10:00 to 11:29
		fmt.Fprintf(&b, "192.0.2.9 - - [21/Nov/2026:%02d:%02d:00 +0000] \"GET /cart HTTP/1.1\" 200 5\n", 10+i/60, i%60)
	}
	if err := os.WriteFile(busy, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, order := range [][]string{{busy, nasa}, {nasa, busy}} {
		r := runJSON(t, append([]string{"--since", "30m"}, order...)...)
		if r.Filters["since"] != "2026-11-21T10:59:00Z" {
			t.Errorf("inputs %v: --since 30m resolved to %q, want 2026-11-21T10:59:00Z (30m before the shop log's last entry)", order, r.Filters["since"])
		}
		if r.Parsed != 31 { // 10:59 to 11:29, both included
			t.Errorf("inputs %v: --since 30m counted %d entries, want the shop log's last 31", order, r.Parsed)
		}
	}
}

func TestBadFilterFlagsExit2(t *testing.T) {
	cases := map[string][]string{
		"--status":     {"--status", "6xx"},
		"--method":     {"--method", "GET POST"},
		"--vhost":      {"--vhost", "https://example.com/"},
		"--path-regex": {"--path-regex", "(["},
		"--since":      {"--since", "yesterday"},
		"--until":      {"--until", "-5m"},
		"--report":     {"--report", "xml"},
	}
	for flag, args := range cases {
		var out, errb bytes.Buffer
		err := run(context.Background(), append(args, honeypot), &out, &errb)
		var ee *exitError
		if !errors.As(err, &ee) || ee.code != 2 {
			t.Errorf("%v: err %v, want exit status 2", args, err)
			continue
		}
		if msg := err.Error(); !strings.Contains(msg, flag) || !strings.Contains(msg, "want") && !strings.Contains(msg, "syntax") {
			t.Errorf("%v: message %q does not name the flag and say what it takes", args, msg)
		}
		if out.Len() != 0 {
			t.Errorf("%v: wrote a report despite the bad flag", args)
		}
	}
}

func TestCSVReportFlag(t *testing.T) {
	out := runOK(t, "--report", "csv", honeypot)
	recs, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[0], ",") != strings.Join(report.CSVHeader, ",") {
		t.Fatalf("header %v", recs[0])
	}
	lines := grepCount(t, honeypot, regexp.MustCompile(``))
	if recs[1][0] != "summary" || recs[1][4] != "lines" || recs[1][5] != itoa(lines) {
		t.Fatalf("first row %v, want the summary with lines = %d", recs[1], lines)
	}
}

func TestColourOnlyOnTerminalsWithoutNoColor(t *testing.T) {
	if out := runOK(t, honeypot); bytes.Contains(out, []byte("\x1b[")) {
		t.Error("colour written to a pipe")
	}
	c := &config{stdoutTerm: true}
	t.Setenv("NO_COLOR", "")
	if !c.meta(nil, "", nil).Color {
		t.Error("no colour on a terminal with NO_COLOR unset")
	}
	t.Setenv("NO_COLOR", "1")
	if c.meta(nil, "", nil).Color {
		t.Error("colour despite NO_COLOR=1")
	}
	c.stdoutTerm = false
	os.Unsetenv("NO_COLOR")
	if c.meta(nil, "", nil).Color {
		t.Error("colour when stdout is not a terminal")
	}
}

func TestExplain(t *testing.T) {
	if out := string(runOK(t, "explain", "502")); !strings.HasPrefix(out, "502 Bad Gateway") || !strings.Contains(out, "Check first:") {
		t.Errorf("explain 502:\n%s", out)
	}
	if out := string(runOK(t, "explain", "5XX")); !strings.Contains(out, "Codes in 5xx") || !strings.Contains(out, "  504  Gateway Timeout") {
		t.Errorf("explain 5XX:\n%s", out)
	}
	// A code without an entry still gets its class's explanation.
	if out := string(runOK(t, "explain", "477")); !strings.Contains(out, "4xx") {
		t.Errorf("explain 477:\n%s", out)
	}
	if out := string(runOK(t, "explain", "--all")); strings.Count(out, "\n----") < 60 {
		t.Errorf("explain --all lists %d entries", strings.Count(out, "\n----")+1)
	}
	// Below 100: three digits, as logged (000 for no response).
	if out := string(runOK(t, "explain", "99")); !strings.HasPrefix(out, "099 ") {
		t.Errorf("explain 99:\n%s", out)
	}
	for _, zero := range []string{"0", "000", "-1"} { // -1: HAProxy's spelling
		if out := string(runOK(t, "explain", zero)); !strings.HasPrefix(out, "000 ") {
			t.Errorf("explain %s:\n%s", zero, out)
		}
	}
	for _, bad := range [][]string{{"explain"}, {"explain", "abc"}, {"explain", "5xx", "4xx"}, {"explain", "1000"}, {"explain", "+502"}} {
		var out, errb bytes.Buffer
		err := run(context.Background(), bad, &out, &errb)
		var ee *exitError
		if !errors.As(err, &ee) || ee.code != 2 || !strings.Contains(err.Error(), "codetop explain CODE|CLASS|--all") {
			t.Errorf("%v: %v, want exit 2 with the usage", bad, err)
		}
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// --tz reads times written without a zone in that zone: a JSON log of a
// server in Berlin that logs its wall clock. Times with a zone are not
// moved; a zone that does not exist exits 2 and says what to give.
func TestTZReadsZonelessTimes(t *testing.T) {
	dir := t.TempDir()
	local := filepath.Join(dir, "app.log")
	lines := `{"status":200,"path":"/a","time":"2026-07-01 14:00:00"}
{"status":502,"path":"/b","time":"2026-07-01 14:30:00.500"}
`
	if err := os.WriteFile(local, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runJSON(t, "--tz", "Europe/Berlin", local)
	if r.First != "2026-07-01T12:00:00Z" || r.Last != "2026-07-01T12:30:00.5Z" {
		t.Fatalf("--tz Europe/Berlin: first %s, last %s; want 12:00 and 12:30:00.5 UTC", r.First, r.Last)
	}
	if r := runJSON(t, local); r.First != "2026-07-01T14:00:00Z" {
		t.Fatalf("no --tz: first %s, want 14:00 UTC", r.First)
	}
	zoned := filepath.Join(dir, "zoned.log")
	if err := os.WriteFile(zoned, []byte(`{"status":200,"path":"/a","time":"2026-07-01T14:00:00+00:00"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := runJSON(t, "--tz", "America/New_York", zoned); r.First != "2026-07-01T14:00:00Z" {
		t.Fatalf("a time with a zone moved: %s", r.First)
	}

	var out, errb bytes.Buffer
	err := run(context.Background(), []string{"--report", "json", "--tz", "Europe/Berlinn", local}, &out, &errb)
	if exitCode(err) != 2 || !strings.Contains(err.Error(), `--tz "Europe/Berlinn": not a time zone; want an IANA name such as Europe/Berlin`) {
		t.Fatalf("a zone that does not exist: %v (exit %d)", err, exitCode(err))
	}
}

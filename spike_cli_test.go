package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/codetop/codetop/demo"
)

// --fail-on-spike turns found spikes into exit status 3 for cron jobs and
// CI, after the report is printed; a log without spikes still exits 0.
func TestFailOnSpike(t *testing.T) {
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		spikes bool
	}{
		{"demo incidents", []string{"--demo", "--report", "json", "--fail-on-spike"}, 3, true},
		{"demo without the flag", []string{"--demo", "--report", "json"}, 0, true},
		{"quiet log", []string{"--report", "json", "--fail-on-spike", "testdata/logs/nasa_jul95_slice_common.log"}, 0, false},
		{"no report while serving metrics", []string{"--fail-on-spike", "--listen", "127.0.0.1:0", "testdata/logs/nasa_jul95_slice_common.log"}, 2, false},
		// Without --report and with stdout not a terminal, the text
		// report is printed, and the flag applies to it.
		{"text report to a pipe", []string{"--demo", "--fail-on-spike"}, 3, true},
		{"bad objective", []string{"--report", "json", "--slo", "100", "testdata/logs/nasa_jul95_slice_common.log"}, 2, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, _, err := runArgs(t, tc.args...)
			if got := exitCode(err); got != tc.code {
				t.Fatalf("exit status %d, want %d (err %v)", got, tc.code, err)
			}
			if tc.code == 2 {
				return
			}
			if !strings.HasPrefix(out, "{") {
				if strings.Contains(out, "Spikes") != tc.spikes {
					t.Errorf("text report %q mentions spikes: %v, want %v", out[:min(len(out), 200)], !tc.spikes, tc.spikes)
				}
				return
			}
			var r struct {
				Spikes []struct {
					Kind     string   `json:"kind"`
					TopPaths []string `json:"top_paths"`
				} `json:"spikes"`
			}
			if err := json.Unmarshal([]byte(out), &r); err != nil {
				t.Fatalf("report is not JSON: %v", err)
			}
			if tc.spikes != (len(r.Spikes) > 0) {
				t.Errorf("%d spikes in the report, want some: %v", len(r.Spikes), tc.spikes)
			}
		})
	}
}

// Spikes found in the inputs read make the status 3 even when another
// input cannot be read (a cron job testing for 3 must not miss them because
// one file of a rotated set is gone), and that input is still named.
// Without spikes, the input that failed makes it 1.
func TestFailOnSpikeWithAMissingInput(t *testing.T) {
	for _, tc := range []struct {
		log  string
		want int
	}{
		{"testdata/logs/honeypot_nginx_main_xff_ipv6_head600.log", 3},
		{"testdata/logs/nasa_jul95_slice_common.log", 1},
	} {
		_, _, err := runArgs(t, "--report", "json", "--fail-on-spike", "testdata/logs/missing.log", tc.log)
		if got := exitCode(err); got != tc.want {
			t.Fatalf("%s: exit status %d, want %d (err %v)", tc.log, got, tc.want, err)
		}
		if !strings.Contains(err.Error(), "missing.log") {
			t.Errorf("%s: error %q does not name missing.log", tc.log, err)
		}
		if found := strings.Contains(err.Error(), "spike(s) found"); found != (tc.want == 3) {
			t.Errorf("%s: error %q", tc.log, err)
		}
	}
}

func TestGroupPathsFlag(t *testing.T) {
	log := filepath.Join(t.TempDir(), "access.log")
	lines := `192.0.2.1 - - [02/Mar/2026:09:00:00 +0000] "GET /users/17/cart HTTP/1.1" 200 10 "-" "a"
192.0.2.1 - - [02/Mar/2026:09:00:01 +0000] "GET /users/4242/cart HTTP/1.1" 200 10 "-" "a"
192.0.2.1 - - [02/Mar/2026:09:00:02 +0000] "GET /o/3f2b8c1e-9d4a-4e6b-8f7a-1c2d3e4f5a6b HTTP/1.1" 404 10 "-" "a"
`
	if err := os.WriteFile(log, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	paths := func(args ...string) map[string]int64 {
		out, _, err := runArgs(t, append(args, "--report", "json", log)...)
		if err != nil {
			t.Fatal(err)
		}
		var r struct {
			Paths []struct {
				Path  string `json:"path"`
				Total int64  `json:"total"`
			} `json:"paths"`
		}
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatal(err)
		}
		m := map[string]int64{}
		for _, p := range r.Paths {
			m[p.Path] = p.Total
		}
		return m
	}
	if got := paths("--group-paths"); len(got) != 2 || got["/users/:id/cart"] != 2 || got["/o/:id"] != 1 {
		t.Errorf("with --group-paths: %v", got)
	}
	if got := paths(); len(got) != 3 {
		t.Errorf("without --group-paths: %v, want the three paths as logged", got)
	}
	// --path-regex matches the paths as the report shows them.
	if got := paths("--group-paths", "--path-regex", "^/users/:id/"); len(got) != 1 || got["/users/:id/cart"] != 2 {
		t.Errorf("with --group-paths --path-regex ^/users/:id/: %v, want /users/:id/cart alone, 2", got)
	}
}

// --since 18m over the sample's hour: its 429 storm starts three minutes
// into the range. The detector learns from the hour before the range, so
// the storm is found (exit 3 for a cron job); the 5xx spike that ended
// before the range is not the range's. Before, the detector had only the
// range's own minutes to learn from, printed "none" and exited 0.
func TestShortSinceStillFindsSpikes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "access.log")
	if err := os.WriteFile(path, demo.Log(), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		since string
		kinds []string
	}{{"18m", []string{"429"}}, {"32m", []string{"5xx", "429"}}} {
		out, _, err := runArgs(t, "--report", "json", "--fail-on-spike", "--since", tc.since, path)
		if exitCode(err) != 3 {
			t.Fatalf("--since %s: exit %d (%v), want 3", tc.since, exitCode(err), err)
		}
		var r struct {
			First  string `json:"first"`
			Spikes []struct {
				Kind  string `json:"kind"`
				Start string `json:"start"`
			} `json:"spikes"`
			Judged string `json:"spikes_judged_from"`
		}
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatal(err)
		}
		var kinds []string
		for _, sp := range r.Spikes {
			kinds = append(kinds, sp.Kind)
		}
		if strings.Join(kinds, ",") != strings.Join(tc.kinds, ",") {
			t.Errorf("--since %s: spikes %v, want %v", tc.since, kinds, tc.kinds)
		}
		judged, err1 := time.Parse(time.RFC3339Nano, r.Judged)
		first, err2 := time.Parse(time.RFC3339Nano, r.First)
		if err1 != nil || err2 != nil || !judged.Equal(first) {
			t.Errorf("--since %s: judged from %q, the range starts %s: want it judged from its start", tc.since, r.Judged, r.First)
		}
	}

	// Too little traffic to learn from, even before the range: the text
	// report says that nothing was judged, not that nothing rose.
	short := filepath.Join(t.TempDir(), "short.log")
	var b strings.Builder
	for _, l := range strings.SplitAfter(string(demo.Log()), "\n")[:2000] {
		b.WriteString(l) // the sample's first few minutes
	}
	if err := os.WriteFile(short, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, err := runArgs(t, "--report", "text", short)
	if err != nil || !strings.Contains(out, "none judged: the detector learns what is normal from 10 minutes of traffic first") {
		t.Fatalf("few minutes of log (%v):\n%s", err, out)
	}

	// A log that starts shortly before an incident (the sample's 429
	// storm, 14:45 to 14:50, read from 14:38): judging begins at 14:48, in
	// the storm, and the report says that its spike starts there. Read
	// whole, no spike starts there.
	late := filepath.Join(t.TempDir(), "late.log")
	lines := strings.SplitAfter(string(demo.Log()), "\n")
	from := slices.IndexFunc(lines, func(l string) bool { return strings.Contains(l, "20/Nov/2026:14:38:") })
	if err := os.WriteFile(late, []byte(strings.Join(lines[from:], "")), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, err = runArgs(t, "--report", "text", late)
	if !strings.Contains(out, "the 429 spike starts as judging did, at 14:48Z") || !strings.Contains(out, "it may have begun earlier") {
		t.Errorf("a log that starts late (%v):\n%s", err, out)
	}
	// From 14:26, judging begins at 14:36, after the 5xx burst of 14:30
	// is over: the burst is in no row, and the report says when judging
	// began, so that its absence is not read as "no 5xx incident". Read
	// whole, the sample is judged from its eleventh minute.
	early := filepath.Join(t.TempDir(), "early.log")
	from = slices.IndexFunc(lines, func(l string) bool { return strings.Contains(l, "20/Nov/2026:14:26:") })
	if err := os.WriteFile(early, []byte(strings.Join(lines[from:], "")), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, err = runArgs(t, "--report", "text", early)
	if !strings.Contains(out, "judged from 14:36Z on") || strings.Contains(out, "starts as judging did") {
		t.Errorf("a log that starts before an incident over by the time judging begins (%v):\n%s", err, out)
	}
	out, _, _ = runArgs(t, "--report", "text", path)
	if strings.Contains(out, "starts as judging did") || !strings.Contains(out, "judged from 14:10Z on") {
		t.Errorf("the whole sample:\n%s", out)
	}

	// No line read as a request: nothing was judged.
	garbage := filepath.Join(t.TempDir(), "error.log")
	if err := os.WriteFile(garbage, []byte("2026/11/20 14:00:00 [error] 12#12: *3 connect() failed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, _ = runArgs(t, "--report", "text", garbage)
	if !strings.Contains(out, "none judged: no line was read as a request with a time") {
		t.Errorf("an error log:\n%s", out)
	}
}

// Behind a load balancer every line's address is the balancer's: the
// client of a 429 storm is in X-Forwarded-For, and --client-from xff names
// it where the address logged would blame the balancer.
func TestClientFromNamesTheClientBehindABalancer(t *testing.T) {
	var b strings.Builder
	start := time.Date(2026, 11, 20, 14, 0, 0, 0, time.UTC)
	for s := 0; s < 40*60; s++ {
		ts := start.Add(time.Duration(s) * time.Second).Format("02/Jan/2006:15:04:05 -0700")
		lb := fmt.Sprintf("10.0.0.%d", 1+s%2)
		fmt.Fprintf(&b, "%s - - [%s] \"GET / HTTP/1.1\" 200 12 \"-\" \"Mozilla/5.0\" \"192.0.2.%d\"\n", lb, ts, s%200)
		if s >= 30*60 && s < 35*60 {
			for k := 0; k < 3; k++ {
				fmt.Fprintf(&b, "%s - - [%s] \"GET /search HTTP/1.1\" 429 0 \"-\" \"scraper\" \"198.51.100.23\"\n", lb, ts)
			}
		}
	}
	log := filepath.Join(t.TempDir(), "access.log")
	if err := os.WriteFile(log, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, err := runArgs(t, "--report", "text", "--client-from", "xff", log)
	if err != nil || !strings.Contains(out, "client 198.51.100.23 100%") {
		t.Errorf("--client-from xff (%v):\n%s", err, out)
	}
	out, _, _ = runArgs(t, "--report", "text", log)
	if strings.Contains(out, "198.51.100.23") {
		t.Errorf("the address logged is the balancer's, yet the report names the client:\n%s", out)
	}

	plain := filepath.Join(t.TempDir(), "plain.log")
	if err := os.WriteFile(plain, []byte(strings.ReplaceAll(b.String(), " \"198.51.100.23\"\n", "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, _ := runArgs(t, "--report", "json", "--format", "combined", "--client-from", "xff", plain); !strings.Contains(stderr, "give --format combined+xff") {
		t.Errorf("no word that combined has no X-Forwarded-For: %q", stderr)
	}
	if _, _, err := runArgs(t, "--client-from", "x-real-ip", log); exitCode(err) != 2 || !strings.Contains(err.Error(), "want addr, xff") {
		t.Errorf("an unknown source: %v", err)
	}
}

// A cron job reads exit status 0 as "no spike". When the input is too
// short for anything to be judged, stderr says the status means nothing,
// and only then.
func TestFailOnSpikeSaysWhenNothingWasJudged(t *testing.T) {
	short := filepath.Join(t.TempDir(), "short.log")
	if err := os.WriteFile(short, []byte(strings.Repeat("192.0.2.1 - - [21/Nov/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 502 0 \"-\" \"curl/8\"\n", 50)), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		log  string
		warn bool
	}{
		{short, true},
		{"testdata/logs/nasa_jul95_slice_common.log", false},
	} {
		_, errOut, err := runArgs(t, "--report", "json", "--fail-on-spike", tc.log)
		if exitCode(err) != 0 {
			t.Fatalf("%s: exit status %d, want 0 (%v)", tc.log, exitCode(err), err)
		}
		if got := strings.Contains(errOut, "no spike judged"); got != tc.warn {
			t.Errorf("%s: stderr %q warns that nothing was judged: %v, want %v", tc.log, errOut, got, tc.warn)
		}
	}
}

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runMain(t *testing.T, args ...string) (map[string]any, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, &out, &errb)
	var rep map[string]any
	if out.Len() > 0 && len(args) > 0 && strings.Contains(strings.Join(args, " "), "--report json") {
		if jerr := json.Unmarshal(out.Bytes(), &rep); jerr != nil {
			t.Fatalf("report is not JSON: %v\n%s", jerr, out.Bytes())
		}
	}
	return rep, errb.String(), err
}

const nasaLog = "source/testdata/nasa_jul95_slice_common.log"

// The NASA slice spans 1995-07-01 00:00:01 to 01:08:54 (-0400).
func TestSinceUntil(t *testing.T) {
	all, _, err := runMain(t, "--report", "json", nasaLog)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		args      []string
		first     string
		lastAfter string // last must not be at or after this
		fewer     bool
	}{
		{[]string{"--since", "1995-07-01T05:00:00Z"}, "1995-07-01T05:00:00Z", "", true},
		// RFC 3339 also allows a lowercase t and z, and a space.
		{[]string{"--since", "1995-07-01 05:00:00z"}, "1995-07-01T05:00:00Z", "", true},
		{[]string{"--since", "1995-07-01t05:00:00z"}, "1995-07-01T05:00:00Z", "", true},
		{[]string{"--until", "1995-07-01T04:30:00-00:00"}, "1995-07-01T04:00:01Z", "1995-07-01T04:30:00Z", true},
		// 30m back from the newest entry (05:08:54Z).
		{[]string{"--since", "30m"}, "1995-07-01T04:38:54Z", "", true},
		{[]string{"--since", "1h", "--until", "30m"}, "1995-07-01T04:08:54Z", "1995-07-01T04:38:54Z", true},
	}
	for _, c := range cases {
		rep, _, err := runMain(t, append(append([]string{"--report", "json"}, c.args...), nasaLog)...)
		if err != nil {
			t.Fatalf("%q: %v", c.args, err)
		}
		// The log has an entry every second or so: first is the bound or
		// just after it.
		if first := rep["first"].(string); first < c.first || first > c.first[:17]+"59Z" {
			t.Errorf("%q: first %s, want from %s", c.args, first, c.first)
		}
		if c.lastAfter != "" && rep["last"].(string) >= c.lastAfter {
			t.Errorf("%q: last %s, want before %s", c.args, rep["last"], c.lastAfter)
		}
		if rep["parsed"].(float64) >= all["parsed"].(float64) || rep["parsed"].(float64) == 0 {
			t.Errorf("%q: parsed %v of %v", c.args, rep["parsed"], all["parsed"])
		}
	}
}

// A log whose last lines are not its newest (the halves of the NASA slice
// swapped, as cat access.log access.log.1 makes them): --since 30m is still
// the 30 minutes before its newest entry, as it is on the file in order,
// and stderr says why it was read twice.
func TestSinceDurationOverLinesOutOfOrder(t *testing.T) {
	data, err := os.ReadFile(nasaLog)
	if err != nil {
		t.Fatal(err)
	}
	half := bytes.IndexByte(data[len(data)/2:], '\n') + len(data)/2 + 1
	swapped := filepath.Join(t.TempDir(), "access.log")
	if err := os.WriteFile(swapped, append(append([]byte(nil), data[half:]...), data[:half]...), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"--since", "30m"}, {"--since", "1h", "--until", "30m"}} {
		want, _, err := runMain(t, append(append([]string{"--report", "json"}, args...), nasaLog)...)
		if err != nil {
			t.Fatal(err)
		}
		got, stderr, err := runMain(t, append(append([]string{"--report", "json"}, args...), swapped)...)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"parsed", "first", "last", "filters", "codes"} {
			if fmt.Sprint(got[k]) != fmt.Sprint(want[k]) {
				t.Errorf("%q, halves swapped: %s %v, want %v as in order", args, k, got[k], want[k])
			}
		}
		if !strings.Contains(stderr, "not in time order") || !strings.Contains(stderr, "1995-07-01T05:08:54Z is newer") {
			t.Errorf("%q: stderr does not say the range was counted again from the newest entry:\n%s", args, stderr)
		}
	}
	// In order, nothing is read twice and nothing is said.
	if _, stderr, _ := runMain(t, "--report", "json", "--since", "30m", nasaLog); stderr != "" {
		t.Errorf("in order: stderr %q", stderr)
	}
}

func TestSinceUntilBadValues(t *testing.T) {
	for _, args := range [][]string{
		{"--since", "yesterday"},
		{"--until", "-2h"},
		{"--since", "2026-11-20 14:00"},
		{"--since", "1995-07-01T05:00:00Z", "--until", "1995-07-01T04:00:00Z"},
		{"--until", "1970-01-01T00:00:00Z"}, // no log time is before it
	} {
		_, _, err := runMain(t, append(append([]string{"--report", "json"}, args...), nasaLog)...)
		if exitCode(err) != 2 {
			t.Errorf("%q: exit %d (%v), want 2", args, exitCode(err), err)
		}
		if err != nil && !strings.Contains(err.Error(), "--") {
			t.Errorf("%q: message %q does not name the flag", args, err)
		}
	}
}

// The report says which bounds it counted between, to the fraction of a
// second given.
func TestSinceUntilDescribedToTheMillisecond(t *testing.T) {
	rep, _, err := runMain(t, "--report", "json", "--since", "1995-07-01T05:00:00.5Z", "--until", "1995-07-01T05:00:01.25Z", nasaLog)
	if err != nil {
		t.Fatal(err)
	}
	f, _ := rep["filters"].(map[string]any)
	if f["since"] != "1995-07-01T05:00:00.5Z" || f["until"] != "1995-07-01T05:00:01.25Z" {
		t.Errorf("filters %v; want since 05:00:00.5Z and until 05:00:01.25Z", f)
	}
}

// A missing input is reported with its path, the others are read, the
// report is printed, and the exit status is 1.
func TestMissingInputExit1AfterReport(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "gone.log")
	rep, _, err := runMain(t, "--report", "json", missing, nasaLog, filepath.Join(t.TempDir(), "*.nothing"))
	if exitCode(err) != 1 {
		t.Fatalf("exit %d (%v), want 1", exitCode(err), err)
	}
	if !strings.Contains(err.Error(), missing+": no such file") || !strings.Contains(err.Error(), "*.nothing: no file matches") {
		t.Errorf("error %q does not name both bad inputs", err)
	}
	if rep == nil || rep["lines"].(float64) != 4000 {
		t.Errorf("report %v, want the 4000 lines of the readable input", rep["lines"])
	}
	if _, err := os.Stat(nasaLog); err != nil {
		t.Fatal(err)
	}
}

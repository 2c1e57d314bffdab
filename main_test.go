package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the current output")

// runArgs runs codetop in-process and returns stdout, stderr and the error.
func runArgs(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, &out, &errb)
	return out.String(), errb.String(), err
}

// TestGoldenJSON compares the JSON report of every log in testdata/logs with
// its checked-in golden file. After a deliberate change of the report, run
// `go test . -update` and read the diff.
func TestGoldenJSON(t *testing.T) {
	logs, err := filepath.Glob("testdata/logs/*.log")
	if err != nil || len(logs) == 0 {
		t.Fatalf("no logs in testdata/logs: %v", err)
	}
	for _, log := range logs {
		name := strings.TrimSuffix(filepath.Base(log), ".log")
		t.Run(name, func(t *testing.T) {
			out, stderr, err := runArgs(t, "--report", "json", "--paths", "20", log)
			if err != nil {
				t.Fatalf("run: %v\n%s", err, stderr)
			}
			golden := filepath.Join("testdata", "golden", name+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test . -update to create it)", err)
			}
			if out != string(want) {
				t.Errorf("report differs from %s (go test . -update, then read the diff):\n%s", golden, firstDiff(string(want), out))
			}
			var r map[string]any
			if err := json.Unmarshal([]byte(out), &r); err != nil {
				t.Fatalf("report is not JSON: %v", err)
			}
			lines, parsed, malformed := r["lines"].(float64), r["parsed"].(float64), r["malformed"].(float64)
			if lines != parsed+malformed {
				t.Errorf("lines %v != parsed %v + malformed %v", lines, parsed, malformed)
			}
		})
	}
}

func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + w + "\n  got:  " + g
		}
	}
	return "(no line differs)"
}

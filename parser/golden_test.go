package parser

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestGolden parses every log in testdata/logs with the format Detect picks
// (combined, as codetop falls back to, when it picks none) and compares with
// testdata/golden/<log>.golden: the format, the counts (lines, parsed,
// malformed by reason), and the fields of a handful of lines — the first
// three, the first of each status, the last, and the first three of each
// malformed reason. Regenerate with: go test ./parser -run Golden -update
func TestGolden(t *testing.T) {
	for _, name := range testLogs(t) {
		t.Run(name, func(t *testing.T) {
			got := goldenReport(t, name)
			path := filepath.Join("testdata", "golden", strings.TrimSuffix(name, ".log")+".golden")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from the parse; diff:\n%s", path, lineDiff(string(want), got))
			}
		})
	}
}

func goldenReport(t *testing.T, name string) string {
	lines := testLog(t, name)
	var b strings.Builder
	f, ok := Detect(sampleOf(t, name, 50))
	if ok {
		fmt.Fprintf(&b, "format: %s\n", f.Name())
	} else {
		f = mustCompile(t, "combined")
		fmt.Fprintf(&b, "format: none detected (read as combined)\n")
	}
	p := f.NewParser()
	var e Entry
	reasons := map[string]int{}
	keep := map[int]string{}
	seenStatus := map[int]bool{}
	parsed := 0
	for i, l := range lines {
		err := p.Parse(l, &e)
		if serr := checkSane(p, l, &e); serr != nil {
			t.Errorf("line %d: %v", i+1, serr)
		}
		if err != nil {
			reasons[err.Error()]++
			if reasons[err.Error()] <= 3 {
				keep[i+1] = "malformed: " + err.Error()
			}
			continue
		}
		parsed++
		if i < 3 || i == len(lines)-1 || !seenStatus[e.Status] {
			keep[i+1] = dumpEntry(&e)
		}
		seenStatus[e.Status] = true
	}
	fmt.Fprintf(&b, "lines: %d\nparsed: %d\nmalformed: %d\n", len(lines), parsed, len(lines)-parsed)
	var rs []string
	for r := range reasons {
		rs = append(rs, r)
	}
	sort.Strings(rs)
	for _, r := range rs {
		fmt.Fprintf(&b, "malformed %q: %d\n", r, reasons[r])
	}
	var nums []int
	for n := range keep {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	for _, n := range nums {
		fmt.Fprintf(&b, "\nline %d: %s\n", n, keep[n])
	}
	return b.String()
}

// lineDiff lists the lines of want and got that differ, by number.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "%d:\n- %s\n+ %s\n", i+1, wl, gl)
		}
	}
	return b.String()
}

package main

import (
	"os/exec"
	"strings"
	"testing"
)

// The pipeline's arrows point down only: source → parser → stats → ui and
// report; codes, sanitize, units and demo are leaves that import nothing of
// the project. This test fails when a package imports, directly
// or not, something above it.
func TestImportArrowsPointDown(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go tool not on PATH")
	}
	const mod = "github.com/codetop/codetop/"
	forbidden := map[string][]string{
		"parser":   {mod},
		"codes":    {mod},
		"sanitize": {mod},
		"demo":     {mod},
		"units":    {mod},
		// Test and benchmark helpers: leaves as well.
		"internal/cputime":   {mod},
		"internal/leakcheck": {mod},
		"source":             {mod + "parser", mod + "stats", mod + "report", mod + "ui", mod + "codes"},
		"stats":              {mod + "source", mod + "report", mod + "ui", "github.com/rivo/tview", "github.com/gdamore/tcell", "github.com/prometheus/"},
		"report":             {mod + "ui", mod + "source", "github.com/rivo/tview", "github.com/gdamore/tcell"},
		"ui":                 {mod + "report", mod + "source", "github.com/prometheus/"},
	}
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Deps \" \"}}", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	deps := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		deps[strings.TrimPrefix(f[0], mod)] = f[1:]
	}
	// A package renamed or moved would leave its rules checking nothing.
	for pkg := range forbidden {
		if _, ok := deps[pkg]; !ok {
			t.Errorf("package %s is missing", pkg)
		}
	}
	for pkg, bad := range forbidden {
		for _, dep := range deps[pkg] {
			for _, b := range bad {
				if strings.HasPrefix(dep, b) {
					t.Errorf("%s depends on %s: arrows must point down the pipeline", pkg, dep)
				}
			}
		}
	}
}

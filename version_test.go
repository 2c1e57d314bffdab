package main

import (
	"os/exec"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionLine(t *testing.T) {
	vcs := []debug.BuildSetting{
		{Key: "vcs", Value: "git"},
		{Key: "vcs.revision", Value: "fe3c0d6a1b2c3d4e5f60718293a4b5c6d7e8f901"},
		{Key: "vcs.time", Value: "2026-11-22T22:40:00Z"},
		{Key: "vcs.modified", Value: "true"},
	}
	for _, tc := range []struct {
		name string
		info *debug.BuildInfo
		want string
	}{
		{"installed at a version", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.4.0"}, Settings: vcs},
			"codetop v1.4.0 (go1.26.8)"},
		{"built from a changed tree", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}, Settings: vcs},
			"codetop devel fe3c0d6a1b2c+dirty 2026-11-22T22:40:00Z (go1.26.8)"},
		{"built from a clean tree", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}, Settings: vcs[:3]},
			"codetop devel fe3c0d6a1b2c 2026-11-22T22:40:00Z (go1.26.8)"},
		{"built outside version control", &debug.BuildInfo{GoVersion: "go1.26.8"},
			"codetop devel (go1.26.8)"},
		{"no build information", nil, "codetop (no build information)"},
	} {
		if got := versionLine(tc.info); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestVersionFlag runs the built binary, whose build information is the
// real one: --version prints one line and exits 0, whatever else is given.
func TestVersionFlag(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: this test builds the binary")
	}
	bin := buildBinary(t)
	for _, args := range [][]string{{"--version"}, {"-version", "--report", "json", "no-such.log"}} {
		out, err := exec.Command(bin, args...).CombinedOutput()
		if err != nil {
			t.Fatalf("codetop %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		line := strings.TrimSuffix(string(out), "\n")
		if strings.Contains(line, "\n") || !regexp.MustCompile(`^codetop (v\S+|devel( [0-9a-f]{12}(\+dirty)?)?( \S+)?) \(`+regexp.QuoteMeta(runtime.Version())+`\)$`).MatchString(line) {
			t.Errorf("codetop %s printed %q", strings.Join(args, " "), out)
		}
	}
}

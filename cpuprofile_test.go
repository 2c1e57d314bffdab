package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// CODETOP_CPUPROFILE makes the run write a CPU profile (gzip-compressed
// protobuf, as pprof reads); a profile that cannot be written is said on
// stderr and the report is still made.
func TestCPUProfileFromEnvironment(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds and runs the binary")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	log := filepath.Join("testdata", "logs", "neutralbank_apache_combined_2024.log")
	prof := filepath.Join(dir, "cpu.prof")
	for _, c := range []struct {
		path     string
		wantWarn bool
	}{
		{prof, false},
		{filepath.Join(dir, "missing", "cpu.prof"), true},
	} {
		cmd := exec.Command(bin, "--report", "json", log)
		cmd.Env = append(os.Environ(), cpuProfileEnv+"="+c.path)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("%s=%s: %v\n%s", cpuProfileEnv, c.path, err, stderr.String())
		}
		if !strings.Contains(stdout.String(), `"classes"`) {
			t.Errorf("%s=%s: no report on stdout:\n%s", cpuProfileEnv, c.path, stdout.String())
		}
		if warned := strings.Contains(stderr.String(), cpuProfileEnv); warned != c.wantWarn {
			t.Errorf("%s=%s: stderr %q, want a warning: %v", cpuProfileEnv, c.path, stderr.String(), c.wantWarn)
		}
	}
	b, err := os.ReadFile(prof)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
		t.Errorf("the profile is not gzip-compressed as pprof writes it: % x", b[:min(len(b), 8)])
	}
}

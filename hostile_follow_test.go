package main

import (
	"bytes"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/codetop/codetop/internal/leakcheck"
)

// TestHostileFollowShutsDownClean follows a file while damage is appended
// to it (NUL runs, random bytes, a 2 MiB line) between good lines, checks
// that the exporter counts every line, then stops it and checks that no
// goroutine of the follower or the metrics server is left behind.
func TestHostileFollowShutsDownClean(t *testing.T) {
	leakcheck.Check(t)
	defer http.DefaultClient.CloseIdleConnections()

	log := filepath.Join(t.TempDir(), "access.log")
	first, c1 := good(100, 30)
	if err := os.WriteFile(log, first, 0o644); err != nil {
		t.Fatal(err)
	}
	url, stop := startExporter(t, log)

	noise := make([]byte, 64<<10)
	rng := rand.New(rand.NewPCG(9, 9))
	for i := range noise {
		noise[i] = byte(rng.Uint32())
	}
	second, c2 := good(200, 31)
	damage := [][]byte{
		make([]byte, 4096), []byte("\n"), // a NUL run
		noise, []byte("\n"),
		bytes.Repeat([]byte("A"), 2<<20), []byte("\n"), // over the 1 MiB limit
	}
	bad := int64(1 + bytes.Count(noise, []byte("\n")) + 1 + 1)
	f, err := os.OpenFile(log, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range append(damage, second) {
		if _, err := f.Write(b); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}

	want := float64(c1.Lines + c2.Lines + bad)
	var lines, malformed float64
	if !pollUntil(20*time.Second, func() bool {
		lines, _ = scrapeValue(t, url, "codetop_lines_total")
		malformed, _ = scrapeValue(t, url, "codetop_malformed_lines_total")
		return lines == want && malformed == float64(bad)
	}) {
		t.Fatalf("lines %v, malformed %v; want %v lines, %d malformed", lines, malformed, want, bad)
	}
	if err := stop(); err != nil {
		t.Fatalf("stopping: %v", err)
	}
}

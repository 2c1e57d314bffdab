package main

// Inputs that cannot be read whole, or at all, and command lines that must
// be refused: the readable inputs are still counted exactly.

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"github.com/codetop/codetop/stats"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
)

// archive describes a compression codetop reads by its magic number.
type archive struct {
	name, suffix string
	compress     func(t *testing.T, b []byte) []byte
	open         func(r io.Reader) (io.Reader, error)
	// slack is how far before the cut a decoder may say the data broke:
	// a zstd decoder reads whole blocks (up to 128 KiB) ahead.
	slack int
}

var archives = []archive{
	{"gzip", ".gz", gzipped, func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) }, 0},
	{"zstd", ".zst", zstded, func(r io.Reader) (io.Reader, error) { return zstd.NewReader(r) }, 128 << 10},
}

func gzipped(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func zstded(t *testing.T, b []byte) []byte {
	t.Helper()
	zw, err := zstd.NewWriter(nil, zstd.WithEncoderConcurrency(1))
	if err != nil {
		t.Fatal(err)
	}
	defer zw.Close()
	return zw.EncodeAll(b, nil)
}

// completeLines is how many whole lines a plain decoder gets out of a
// damaged archive before the damage.
func completeLines(t *testing.T, a archive, z []byte) int64 {
	zr, err := a.open(bytes.NewReader(z))
	if err != nil {
		t.Fatal(err)
	}
	var n int64
	br := bufio.NewReader(zr)
	for {
		_, err := br.ReadSlice('\n')
		if err == nil {
			n++
			continue
		}
		if errors.Is(err, io.EOF) {
			t.Fatal("the truncated archive reads to a clean end")
		}
		return n
	}
}

func TestHostileTruncatedArchive(t *testing.T) {
	for _, a := range archives {
		t.Run(a.name, func(t *testing.T) {
			lines, ca := good(6000, 20)
			z := a.compress(t, lines)
			cut := z[:len(z)/2]
			trunc := writeFile(t, "access.log.2"+a.suffix, cut)
			b, cb := good(500, 21)
			after := writeFile(t, "access.log", b)
			recovered := completeLines(t, a, cut)

			r := runHostile(t, "--report", "json", "--paths", "0", trunc, after)
			if r.code != 1 {
				t.Fatalf("exit %d (%v), want 1 for an archive that ends early", r.code, r.err)
			}
			if !strings.Contains(r.err.Error(), "access.log.2"+a.suffix) {
				t.Errorf("the error does not name the archive: %v", r.err)
			}
			rep := decodeReport(t, r)
			// Everything before the damage is kept: at least the whole
			// lines a plain decoder recovers (a reader may decode a little
			// further, or count the cut line as malformed), and the next
			// file in full.
			fromArchive := rep.Parsed - cb.Lines
			t.Logf("%d of %d lines kept, %d whole lines before the cut; %v", fromArchive, ca.Lines, recovered, r.err)
			if fromArchive < recovered*95/100 || fromArchive > ca.Lines || rep.Malformed > 1 {
				t.Errorf("kept %d good lines (and %d malformed) of the archive; %d whole lines precede the damage",
					fromArchive, rep.Malformed, recovered)
			}
			// The line the archive breaks off in is malformed for that
			// reason, not read as if whole nor blamed on its fields.
			for reason, n := range rep.MalformedReasons {
				if reason != stats.ReasonCut || n != 1 {
					t.Errorf("malformed: %d for %q; want at most the one line the archive broke off in, for %q", n, reason, stats.ReasonCut)
				}
			}
			for code, n := range cb.Codes {
				if got := rep.Codes[strconv.Itoa(code)]; got < n || got > n+ca.Codes[code] {
					t.Errorf("code %d: %d, want %d from the good file plus up to %d from the archive", code, got, n, ca.Codes[code])
				}
			}
			// The error says where the archive breaks, in compressed
			// bytes: at its end, since the data before the cut is sound.
			m := regexp.MustCompile(`(?i)(?:offset|byte)\D{0,20}?(\d+)`).FindStringSubmatch(r.err.Error())
			if m == nil {
				t.Fatalf("the error does not give the offset where the archive breaks: %v", r.err)
			}
			if off, _ := strconv.Atoi(m[1]); off < len(cut)*9/10-a.slack || off > len(cut) {
				t.Errorf("the archive breaks at byte %d, the error says %d: %v", len(cut), off, r.err)
			}
		})
	}
}

// Archives are recognised by their first bytes, not their names.
func TestHostileArchiveWithoutSuffix(t *testing.T) {
	for _, a := range archives {
		t.Run(a.name, func(t *testing.T) {
			lines, ca := good(2000, 22)
			_, rep := jsonRun(t, writeFile(t, "access.log.1", a.compress(t, lines)))
			wantGood(t, rep, ca, 0)
		})
	}
}

// An input that cannot be read fails the run (exit 1) after the report of
// what the others held, whichever side of the good file it is on.
func TestHostileUnreadableInputs(t *testing.T) {
	a, ca := good(400, 23)
	dir := t.TempDir()
	goodPath := filepath.Join(dir, "good.log")
	if err := os.WriteFile(goodPath, a, 0o644); err != nil {
		t.Fatal(err)
	}
	locked := filepath.Join(dir, "locked.log")
	if err := os.WriteFile(locked, a, 0o000); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, path, msg string
	}{
		{"missing file", filepath.Join(dir, "missing.log"), "missing.log"},
		{"directory", filepath.Join(dir, "sub"), "directory"},
		{"unreadable file", locked, "permission denied"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			switch tc.name {
			case "directory":
				if err := os.Mkdir(tc.path, 0o755); err != nil {
					t.Fatal(err)
				}
			case "unreadable file":
				if f, err := os.Open(locked); err == nil {
					f.Close()
					t.Skipf("a file with mode 000 can be read here (running as uid %d, probably root): cannot set up an unreadable file", os.Getuid())
				}
			}
			// Before and after the good file: order must not matter.
			for _, args := range [][]string{{tc.path, goodPath}, {goodPath, tc.path}} {
				r := runHostile(t, append([]string{"--report", "json", "--paths", "0"}, args...)...)
				if r.code != 1 {
					t.Fatalf("%v: exit %d (%v), want 1", args, r.code, r.err)
				}
				if !strings.Contains(r.err.Error(), tc.msg) {
					t.Errorf("%v: the error does not say %q: %v", args, tc.msg, r.err)
				}
				wantGood(t, decodeReport(t, r), ca, 0)
			}
		})
	}
}

func TestHostileCommandLine(t *testing.T) {
	a, _ := good(10, 24)
	path := writeFile(t, "access.log", a)
	for _, tc := range []struct {
		name string
		args []string
		msg  string
	}{
		{"unknown format name", []string{"--format", "no-such-format", path}, "--format"},
		{"empty nginx format", []string{"--format", "nginx:", path}, "--format"},
		{"unclosed apache directive", []string{"--format", "apache:%h %{User-Agent", path}, "--format"},
		{"unknown flag", []string{"--no-such-flag", path}, "no-such-flag"},
		{"unknown short flag", []string{"-Z", path}, "Z"},
		{"unknown report kind", []string{"--report", "xml", path}, "xml"},
		{"flag without its value", []string{"--paths"}, "paths"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runHostile(t, tc.args...)
			if r.code != 2 {
				t.Fatalf("exit %d (%v), want 2", r.code, r.err)
			}
			if !strings.Contains(r.err.Error(), tc.msg) {
				t.Errorf("the error does not mention %q: %v", tc.msg, r.err)
			}
			if r.stdout != "" {
				t.Errorf("a refused command line printed a report:\n%.300s", r.stdout)
			}
		})
	}
}

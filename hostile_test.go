package main

// The hostile-input suite: damaged, binary and unreadable inputs, bad flags,
// and log text written to attack a terminal or a spreadsheet. Each test
// writes good lines it knows the counts of around the damage and checks that
// every one of them is counted, that the run ends (no hang) with the exit
// status the README promises, and that no goroutine outlives it.

import (
	"bytes"
	"context"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/codetop/codetop/benchmarks/genlog"
	"github.com/codetop/codetop/internal/leakcheck"
)

// hostileTimeout bounds one in-process run: far above what the inputs here
// need, far below the go test timeout, so a hang is reported as one.
const hostileTimeout = 60 * time.Second

type result struct {
	stdout, stderr string
	err            error
	code           int
}

// runHostile runs codetop in-process like main does, with a deadline, and
// checks that no goroutine it started is left behind.
func runHostile(t *testing.T, args ...string) result {
	t.Helper()
	leakcheck.Check(t)
	ctx, cancel := context.WithTimeout(context.Background(), hostileTimeout)
	defer cancel()
	var out, errb bytes.Buffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, args, &out, &errb) }()
	select {
	case err := <-done:
		return result{out.String(), errb.String(), err, exitCode(err)}
	case <-time.After(hostileTimeout + 10*time.Second):
		buf := make([]byte, 1<<20)
		t.Fatalf("codetop %s did not return within %s:\n%s", strings.Join(args, " "), hostileTimeout, buf[:runtime.Stack(buf, true)])
		return result{}
	}
}

// report is the part of the JSON report these tests check.
type jsonReport struct {
	Lines, Parsed, Malformed int64
	Classes, Codes           map[string]int64
	Paths                    []struct {
		Path  string
		Total int64
	}
	MalformedReasons map[string]int64 `json:"malformed_reasons"`
}

func decodeReport(t *testing.T, r result) jsonReport {
	t.Helper()
	var rep jsonReport
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("stdout is not a JSON report (%v; exit %d, err %v):\n%.500s", err, r.code, r.err, r.stdout)
	}
	if rep.Lines != rep.Parsed+rep.Malformed {
		t.Errorf("lines %d != parsed %d + malformed %d", rep.Lines, rep.Parsed, rep.Malformed)
	}
	return rep
}

// good returns n generated combined lines and their counts.
func good(n int, seed uint64) ([]byte, genlog.Counts) {
	return genlog.Bytes(genlog.Config{Seed: seed}, genlog.Limit{Lines: int64(n)})
}

func sum(cs ...genlog.Counts) genlog.Counts {
	var s genlog.Counts
	for _, c := range cs {
		s.Lines += c.Lines
		for i, n := range c.Codes {
			s.Codes[i] += n
		}
	}
	return s
}

// wantGood checks that exactly the good lines were parsed, with their codes,
// and that extra more lines were counted as malformed.
func wantGood(t *testing.T, rep jsonReport, g genlog.Counts, extra int64) {
	t.Helper()
	if rep.Parsed != g.Lines || rep.Lines != g.Lines+extra || rep.Malformed != extra {
		t.Errorf("lines/parsed/malformed %d/%d/%d, want %d/%d/%d",
			rep.Lines, rep.Parsed, rep.Malformed, g.Lines+extra, g.Lines, extra)
	}
	for code, n := range g.Codes {
		if got := rep.Codes[strconv.Itoa(code)]; got != n {
			t.Errorf("code %d: %d, want %d", code, got, n)
		}
	}
}

func writeFile(t *testing.T, name string, parts ...[]byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, bytes.Join(parts, nil), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func jsonRun(t *testing.T, paths ...string) (result, jsonReport) {
	t.Helper()
	r := runHostile(t, append([]string{"--report", "json", "--paths", "0"}, paths...)...)
	if r.code != 0 {
		t.Fatalf("exit %d (%v), want 0: damaged lines are not a failure\n%s", r.code, r.err, r.stderr)
	}
	return r, decodeReport(t, r)
}

func TestHostileRandomBytes(t *testing.T) {
	a, ca := good(300, 1)
	b, cb := good(300, 2)
	noise := make([]byte, 256<<10)
	rng := rand.New(rand.NewPCG(42, 42))
	for i := range noise {
		noise[i] = byte(rng.Uint32())
	}
	// The noise starts a line and gets a newline of its own, so it adds
	// one line per newline inside it, plus one.
	noiseLines := int64(bytes.Count(noise, []byte("\n")) + 1)
	_, rep := jsonRun(t, writeFile(t, "noise.log", a, noise, []byte("\n"), b))
	wantGood(t, rep, sum(ca, cb), noiseLines)
}

func TestHostileNULRuns(t *testing.T) {
	a, ca := good(200, 3)
	b, cb := good(200, 4)
	c, cc := good(200, 5)
	nuls := func(n int) []byte { return make([]byte, n) }
	// What a crash or copytruncate leaves behind: runs of NUL bytes, one
	// longer than the longest line accepted (1 MiB by default).
	path := writeFile(t, "nul.log", a, nuls(4096), []byte("\n"), b, nuls(2<<20), []byte("\n"), c, nuls(3), []byte("\n"))
	_, rep := jsonRun(t, path)
	wantGood(t, rep, sum(ca, cb, cc), 3)
}

func TestHostileTenMegabyteLine(t *testing.T) {
	a, ca := good(100, 6)
	b, cb := good(100, 7)
	// A line shaped like a good one, with a 10 MB path.
	huge := []byte(`192.0.2.1 - - [21/Nov/2026:10:00:00 +0000] "GET /` + strings.Repeat("A", 10<<20) + ` HTTP/1.1" 200 5 "-" "x"` + "\n")
	r, rep := jsonRun(t, writeFile(t, "huge.log", a, huge, b))
	wantGood(t, rep, sum(ca, cb), 1)
	if len(r.stdout) > 64<<10 {
		t.Errorf("the report is %d bytes: the long line must be quoted short, if at all", len(r.stdout))
	}
}

func TestHostileInvalidUTF8(t *testing.T) {
	a, ca := good(100, 8)
	bad := []string{
		"/bad-utf8-\xff\xfe", "/bad-utf8-\xc3\x28", "/bad-utf8-\xed\xa0\x80", "/bad-utf8-\xc0\xaf", "/bad-utf8-\xe2\x82",
	}
	var lines []byte
	for i, p := range bad {
		lines = append(lines, "192.0.2."+strconv.Itoa(i+1)+" - us\xe9r [21/Nov/2026:10:00:00 +0000] \"GET "+p+" HTTP/1.1\" 404 0 \"http://\xff.example/\" \"agent \xfe\xff\"\n"...)
	}
	path := writeFile(t, "utf8.log", a, lines)
	r, rep := jsonRun(t, path)
	g := sum(ca)
	g.Lines += int64(len(bad))
	g.Codes[404] += int64(len(bad))
	wantGood(t, rep, g, 0)
	if !json.Valid([]byte(r.stdout)) {
		t.Error("the JSON report is not valid JSON")
	}
	n := 0
	for _, p := range rep.Paths {
		if strings.HasPrefix(p.Path, "/bad-utf8-") {
			n++
		}
	}
	if n != len(bad) {
		t.Errorf("%d of the %d paths with invalid UTF-8 are listed", n, len(bad))
	}
	text := runHostile(t, "--report", "text", "--paths", "0", path)
	checkPrintable(t, text.stdout)
}

func TestHostileCRLF(t *testing.T) {
	t.Run("combined", func(t *testing.T) {
		a, ca := good(500, 9)
		crlf := bytes.ReplaceAll(a, []byte("\n"), []byte("\r\n"))
		_, rep := jsonRun(t, writeFile(t, "crlf.log", crlf))
		wantGood(t, rep, ca, 0)
	})
	t.Run("common", func(t *testing.T) {
		// In the common format the line ends in the byte count, where a
		// stray CR would make the number unreadable.
		var b []byte
		var c genlog.Counts
		for i := range 500 {
			code := []int{200, 304, 404, 500}[i%4]
			b = append(b, "198.51.100."+strconv.Itoa(i%250+1)+" - - [21/Nov/2026:10:00:"+strconv.Itoa(10+i%50)+" +0000] \"GET /crlf/"+strconv.Itoa(i)+" HTTP/1.0\" "+strconv.Itoa(code)+" "+strconv.Itoa(100+i)+"\r\n"...)
			c.Lines++
			c.Codes[code]++
		}
		_, rep := jsonRun(t, writeFile(t, "crlf_common.log", b))
		wantGood(t, rep, c, 0)
	})
}

func TestHostileNoFinalNewline(t *testing.T) {
	a, ca := good(250, 10)
	_, rep := jsonRun(t, writeFile(t, "nonl.log", bytes.TrimSuffix(a, []byte("\n"))))
	wantGood(t, rep, ca, 0)
}

func TestHostileEmptyFile(t *testing.T) {
	empty := writeFile(t, "empty.log")
	_, rep := jsonRun(t, empty)
	if rep.Lines != 0 || rep.Parsed != 0 {
		t.Errorf("an empty file gave %d lines, %d parsed", rep.Lines, rep.Parsed)
	}
	a, ca := good(100, 11)
	_, rep = jsonRun(t, empty, writeFile(t, "after.log", a))
	wantGood(t, rep, ca, 0)
}

func TestHostileBinaryFile(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	blob := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 200<<10)...)
	for i := 16; i < len(blob); i++ {
		blob[i] = byte(rng.Uint32())
	}
	blob = append(blob, "\x7fELF\x02\x01\x01\x00"...) // no final newline
	bin := writeFile(t, "image.png", blob)
	blobLines := int64(bytes.Count(blob, []byte("\n")) + 1)

	_, rep := jsonRun(t, bin)
	if rep.Parsed != 0 || rep.Lines != blobLines {
		t.Errorf("binary file: %d lines, %d parsed; want %d lines, none parsed", rep.Lines, rep.Parsed, blobLines)
	}
	a, ca := good(300, 12)
	_, rep = jsonRun(t, writeFile(t, "access.log", a), bin)
	wantGood(t, rep, ca, blobLines)
}

// checkPrintable fails when s carries anything a terminal would act on:
// C0 controls other than newline, DEL, C1 controls, or invalid UTF-8.
func checkPrintable(t *testing.T, s string) {
	t.Helper()
	if i, size := firstControl(s); i >= 0 {
		t.Errorf("output carries %q at byte %d: %q", s[i:i+size], i, s[max(0, i-40):min(len(s), i+40)])
	}
	if !strings.Contains(s, "lines") {
		t.Errorf("no report in the output: %.300q", s)
	}
}

// firstControl returns the offset and length of the first C0 control
// (other than newline), DEL, C1 control or invalid UTF-8 in s; -1 when
// there is none.
func firstControl(s string) (int, int) {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return i, size
		}
		i += size
	}
	return -1, 0
}

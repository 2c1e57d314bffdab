package main

// The dashboard over a big file and a quiet one, in a real terminal: what
// the header says while the history loads, once it follows, and once the
// log has gone quiet.

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/codetop/codetop/ui"
	"github.com/codetop/codetop/units"
)

// A big file: while its history loads, the header says how much of it is
// read, how fast and how long yet, keys work and the counts grow; once it
// is read, the header says following.
func TestDashboardLoadsThenFollowsInTmux(t *testing.T) {
	needTmux(t)
	bin := buildBinary(t)
	path, size, lines := generatedLog(t, 200<<20)
	// Six times over, 1.2 GB: on one core the load then lasts long enough
	// (a second or more on a quiet machine, where 200 MB took a fifth of
	// one) for the screen to be read while it runs.
	size, lines = repeatFile(t, path, 6), 6*lines
	tm := newTerm(t, 120, 40, "env GOMAXPROCS=1 "+bin+" "+path)

	of := regexp.MustCompile(`loading ([0-9.]+ [kMG]?B) of ` + regexp.QuoteMeta(units.Bytes(size)) + ` \((\d+)%\) · [0-9.]+ [kMG]?B/s`)
	s := tm.waitFor("the load", 20*time.Second, func(s string) bool { return of.MatchString(s) })
	m := of.FindStringSubmatch(s)
	if m[2] == "100" {
		t.Fatalf("the first load seen is already complete: %q", line(s, "loading"))
	}
	if strings.Contains(line(s, "window"), "following") {
		t.Fatalf("following while loading: %q", line(s, "window"))
	}
	// A key while loading: the window changes at once.
	tm.keys("w")
	s = tm.waitShows(10*time.Second, "window 15m")
	if of.MatchString(s) {
		t.Logf("keys work while loading: %q", line(s, "window 15m"))
	} else {
		t.Logf("the load ended before the key took effect; this run does not show keys during the load")
	}

	s = tm.waitFor("following", 60*time.Second, func(s string) bool {
		return strings.Contains(line(s, "window"), "following") && linesRead(line(s, " lines ·")) == thousandsOf(lines)
	})
	if strings.Contains(s, "loading") {
		t.Fatalf("still loading once following:\n%s", s)
	}
	tm.keys("q")
	if st := tm.exitStatus(10 * time.Second); st != "0" {
		t.Fatalf("exit status %s after q", st)
	}
}

// thousandsOf writes n as the header does: 1,234,567.
func thousandsOf(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// A followed log that stops growing: after half a minute without a line
// the header says so, in a real terminal, and the next line takes the
// note away.
func TestDashboardSaysWhenTheLogGoesQuietInTmux(t *testing.T) {
	needTmux(t)
	bin := buildBinary(t)
	path := writeLog(t, 600)
	tm := newTerm(t, 120, 30, bin+" "+path)
	tm.waitFor("following", 30*time.Second, func(s string) bool {
		return strings.Contains(line(s, "window"), "following") && linesRead(line(s, " lines ·")) == "600"
	})
	quiet := regexp.MustCompile(`following · no new line for (\d+)s`)
	s := tm.waitFor("the quiet note", ui.QuietAfter+30*time.Second, func(s string) bool { return quiet.MatchString(s) })
	if n, _ := strconv.Atoi(quiet.FindStringSubmatch(s)[1]); n < int(ui.QuietAfter/time.Second) {
		t.Fatalf("the note came after %ds: %q", n, line(s, "window"))
	}
	fh, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(fh, "198.51.100.7 - - [20/Nov/2026:14:10:00 +0000] \"GET /again HTTP/1.1\" 200 1 \"-\" \"curl/8\"\n")
	fh.Close()
	s = tm.waitFor("the new line", 10*time.Second, func(s string) bool { return linesRead(line(s, " lines ·")) == "601" })
	if strings.Contains(s, "no new line") {
		t.Fatalf("the note stayed after a line came: %q", line(s, "window"))
	}
	tm.keys("q")
	if st := tm.exitStatus(10 * time.Second); st != "0" {
		t.Fatalf("exit status %s after q", st)
	}
}

// repeatFile makes path its content n times over and returns its new size.
func repeatFile(t *testing.T, path string, n int) int64 {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for i := 1; i < n; i++ {
		if _, err := f.Write(b); err != nil {
			t.Fatal(err)
		}
	}
	return int64(n) * int64(len(b))
}

// A warning said on stderr before the dashboard takes the screen shows in
// its footer too: in a real terminal, stderr is out of sight until the
// dashboard closes.
func TestStartUpWarningShowsOnTheDashboardInTmux(t *testing.T) {
	needTmux(t)
	bin := buildBinary(t)
	path := apacheMicrosLog(t, 30, 200)
	tm := newTerm(t, 160, 30, bin+" --no-follow "+path)
	// At 160 columns the format to give is there whole.
	tm.waitShows(10*time.Second, "read as no time; for Apache's %D (µs) give --format 'apache:%h %l %u %t", `"%{User-Agent}i" %D'`)
	tm.keys("q")
	if st := tm.exitStatus(10 * time.Second); st != "0" {
		t.Fatalf("exit status %s after q", st)
	}
}

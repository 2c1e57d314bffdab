package report

import (
	"bytes"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/rivo/uniseg"

	"github.com/codetop/codetop/codes"
	"github.com/codetop/codetop/stats"
	"github.com/codetop/codetop/units"
)

var sgr = regexp.MustCompile("\x1b\\[[0-9;]*m")

// checkLines fails on any line wider than Width terminal columns (East
// Asian wide characters count two) or holding a control byte other than
// the SGR colour sequences the report itself adds.
func checkLines(t *testing.T, name string, out []byte) {
	t.Helper()
	for i, line := range strings.Split(string(out), "\n") {
		plain := sgr.ReplaceAllString(line, "")
		if n := uniseg.StringWidth(plain); n > Width {
			t.Errorf("%s: line %d is %d columns wide (max %d): %q", name, i+1, n, Width, plain)
		}
		if !utf8.ValidString(plain) {
			t.Errorf("%s: line %d is not valid UTF-8: %q", name, i+1, plain)
		}
		for _, r := range plain {
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
				t.Errorf("%s: line %d carries control character %U: %q", name, i+1, r, plain)
				break
			}
		}
	}
}

// TestTextFitsWidthOnRealLogs renders every real log with all its paths,
// plain and coloured, and checks what an operator's terminal would get.
func TestTextFitsWidthOnRealLogs(t *testing.T) {
	for _, log := range append(realLogs(t), filepath.Join("testdata", "hostile.log")) {
		s, format := snapshotOf(t, log)
		for _, colour := range []bool{false, true} {
			var buf bytes.Buffer
			m := Meta{Inputs: []string{log}, Format: format, Paths: 0, Color: colour,
				Filters: map[string]string{"status": "5xx,429"}}
			if err := WriteText(&buf, s, m); err != nil {
				t.Fatal(err)
			}
			checkLines(t, filepath.Base(log), buf.Bytes())
			hasSGR := sgr.Match(buf.Bytes())
			if hasSGR != colour {
				t.Errorf("%s: colour=%v but SGR sequences present=%v", log, colour, hasSGR)
			}
		}
	}
}

// Paths in scripts whose characters take two columns, with combining
// accents and emoji sequences: the report still fits Width columns, cuts
// no character in half, and keeps every path that fits whole.
func TestTextFitsWidthWithWidePaths(t *testing.T) {
	paths := []string{
		"/商品/" + strings.Repeat("中文字符", 20),
		"/検索?q=" + strings.Repeat("東京タワー", 12),
		"/café/" + strings.Repeat("e\u0301", 60),
		"/😀/" + strings.Repeat("👩\u200d💻", 40),
		"/短い",
	}
	var log bytes.Buffer
	for i := 0; i < 200; i++ {
		status := 200
		if i%3 == 0 {
			status = 502
		}
		fmt.Fprintf(&log, "10.0.0.%d - - [02/Mar/2026:10:%02d:00 +0000] \"GET %s HTTP/1.1\" %d 10 \"-\" \"agent\"\n",
			i%7, i%60, paths[i%len(paths)], status)
	}
	s, format := snapshotOfBytes(t, "wide.log", log.Bytes())
	for _, colour := range []bool{false, true} {
		var buf bytes.Buffer
		if err := WriteText(&buf, s, Meta{Inputs: []string{"wide.log"}, Format: format, Color: colour}); err != nil {
			t.Fatal(err)
		}
		checkLines(t, "wide paths", buf.Bytes())
		out := sgr.ReplaceAllString(buf.String(), "")
		if !strings.Contains(out, "/短い") {
			t.Errorf("the short path is missing:\n%s", out)
		}
		// A cut path ends in an ellipsis right after whole characters.
		if !strings.Contains(out, "/商品/中文") || !strings.Contains(out, "…") {
			t.Errorf("the long path is not shown cut with an ellipsis:\n%s", out)
		}
		if strings.Contains(out, "\ufffd") {
			t.Errorf("a character was cut in half:\n%s", out)
		}
	}
}

func TestTextContent(t *testing.T) {
	s, format := snapshotOf(t, filepath.Join("..", "testdata", "logs", "honeypot_nginx_main_xff_ipv6_head600.log"))
	var buf bytes.Buffer
	if err := WriteText(&buf, s, Meta{Inputs: []string{"access.log"}, Format: format, Paths: 5}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"inputs     access.log",
		"lines      600 (parsed 600, malformed 0)",
		"time span  2025-05-01T01:52:14Z .. 2025-05-01T08:34:48Z (6h42m)",
		"Classes", "Codes", "Top paths (5 of ", "Spikes",
		"502   Bad Gateway",
		"499   Client Closed Request",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	// One legend line per listed code, starting with the code.
	for _, c := range s.Codes {
		re := regexp.MustCompile(`(?m)^  ` + codes.Label(c.Code) + `  [A-Z]`)
		if !re.MatchString(out) {
			t.Errorf("no legend line for %d", c.Code)
		}
	}
	// The per-class counts of each listed path add up to its total.
	rows := regexp.MustCompile(`(?m)^ +(\d+) +(\d+) +(\d+) +(\d+) +(\d+) +([\d.]+%) +(\S.*)$`).FindAllStringSubmatch(out, -1)
	if len(rows) != 5 {
		t.Fatalf("found %d path rows, want 5:\n%s", len(rows), out)
	}
	for i, r := range rows {
		p := s.Paths[i]
		if r[7] != p.Path || r[1] != itoa(p.Total) {
			t.Errorf("row %d = %q %s, want %q %d", i, r[7], r[1], p.Path, p.Total)
		}
		by := pathClasses(p)
		if r[2] != itoa(by["2xx"]) || r[3] != itoa(by["3xx"]) || r[4] != itoa(by["4xx"]) || r[5] != itoa(by["5xx"]) {
			t.Errorf("row %d class counts %v, want %v", i, r[2:6], by)
		}
		if want := share(by["4xx"]+by["5xx"], p.Total); r[6] != want {
			t.Errorf("row %d error share %s, want %s", i, r[6], want)
		}
	}
}

func TestTextSanitisesHostilePaths(t *testing.T) {
	s, format := snapshotOf(t, filepath.Join("testdata", "hostile.log"))
	var buf bytes.Buffer
	if err := WriteText(&buf, s, Meta{Inputs: []string{"evil\x1b[2J.log"}, Format: format, Color: true}); err != nil {
		t.Fatal(err)
	}
	checkLines(t, "hostile", buf.Bytes())
	out := buf.String()
	for _, bad := range []string{"\x1b]", "\x1b[2J", "\x1b[5m", "\x07", "\xc2\x9b", "\xff", "\t", "\r"} {
		if strings.Contains(out, bad) {
			t.Errorf("report contains %q", bad)
		}
	}
	// The paths are still recognisable, with U+FFFD where a control was.
	for _, want := range []string{"/\uFFFD]0;owned\uFFFDtitle", "=1+2", "/[red]tag[-]", "…"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q", want)
		}
	}
}

func TestTextSpikesTimeline(t *testing.T) {
	t0 := time.Date(2026, 11, 21, 10, 14, 0, 0, time.UTC)
	s := &stats.Snapshot{
		Lines: 1000, Parsed: 1000,
		Spikes: []stats.Spike{
			{Kind: "5xx", Start: t0, End: t0.Add(6 * time.Minute), Count: 310, BaselinePerMin: 2.1, PeakPerMin: 95,
				TopPaths: []string{"/api/orders", "/api/\x1b[31mpay", "/rare"}, TopPathCounts: []int64{280, 29, 1},
				TopCodes: []stats.CodeCount{{Code: 502, Count: 300}, {Code: 504, Count: 10}}},
			{Kind: "429", Start: t0.Add(30 * time.Minute), Active: true, Count: 1200, BaselinePerMin: 0.5, PeakPerMin: 400,
				TopPaths: []string{"/login"}},
		},
	}
	var buf bytes.Buffer
	if err := WriteText(&buf, s, Meta{}); err != nil {
		t.Fatal(err)
	}
	checkLines(t, "spikes", buf.Bytes())
	out := buf.String()
	for _, want := range []string{
		"2026-11-21 10:14:00Z  10:20:00Z  5xx     310       2.1      95.0  (502 504) /api/orders 90.3%,\n" +
			strings.Repeat(" ", 68) + "/api/\uFFFD[31mpay 9.4%\n",
		"2026-11-21 10:44:00Z  at end     429    1200       0.5       400  /login\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("spikes table lacks %q:\n%s", want, out)
		}
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestTextLatencyAndBurn: a log with request times gets the latency table
// and the error-budget table, with the snapshot's numbers.
func TestTextLatencyAndBurn(t *testing.T) {
	s, format := demoSnapshot(t)
	var buf bytes.Buffer
	if err := WriteText(&buf, s, Meta{Format: format, Paths: 5}); err != nil {
		t.Fatal(err)
	}
	checkLines(t, "demo", buf.Bytes())
	out := buf.String()
	q := s.LatencyAll
	all := regexp.MustCompile(`(?m)^  all +` + itoa(q.Count) + `  +` + regexp.QuoteMeta(msText(q.P50, 1)) + `  +` +
		regexp.QuoteMeta(msText(q.P90, 1)) + `  +` + regexp.QuoteMeta(msText(q.P99, 1)) + `  +` + regexp.QuoteMeta(msText(q.Max, 1)) + `$`)
	if !all.MatchString(out) {
		t.Errorf("no latency row for all requests matching the snapshot %+v:\n%s", q, out)
	}
	if !strings.Contains(out, "p99 ms") {
		t.Error("the path table has no p99 column though the log has times")
	}
	for _, w := range s.Burn.Windows {
		row := regexp.MustCompile(`(?m)^  ` + units.Step(w.Window) + ` +` + itoa(w.Total) + ` +` + itoa(w.Errors) + ` +` +
			regexp.QuoteMeta(strconv.FormatFloat(w.Rate, 'f', 1, 64)) + `\b`)
		if !row.MatchString(out) {
			t.Errorf("no burn row for %v: %+v", w.Window, w)
		}
	}
	if s.Burn.Ticket != strings.Contains(out, "ticket: 6h and 30m") {
		t.Errorf("ticket %v but the report says otherwise", s.Burn.Ticket)
	}
	// Requests without a time are not in the figures, and it is said.
	note := fmt.Sprintf("%d of the %d requests had a time logged", q.Count, s.Parsed)
	if (q.Count < s.Parsed) != strings.Contains(out, note) {
		t.Errorf("%d of %d requests timed; the report says:\n%s", q.Count, s.Parsed, out)
	}
	s.Parsed += 10 // as if ten more lines had no time
	buf.Reset()
	WriteText(&buf, s, Meta{Format: format})
	if note := fmt.Sprintf("%d of the %d requests had a time logged", q.Count, s.Parsed); !strings.Contains(buf.String(), note) {
		t.Errorf("no %q:\n%s", note, buf.String())
	}
	// A log without times has neither table.
	s2, _ := snapshotOf(t, filepath.Join("..", "testdata", "logs", "geolynx_vhost_combined_2020.log"))
	buf.Reset()
	WriteText(&buf, s2, Meta{})
	if strings.Contains(buf.String(), "Latency") || strings.Contains(buf.String(), "p99 ms") {
		t.Error("latency shown for a log without request times")
	}
}

// TestEmptyPathIsNamed: requests whose request line was not a request
// (TLS bytes on a plain port) have no path; the text report and the
// metrics name them instead of showing a blank.
func TestEmptyPathIsNamed(t *testing.T) {
	s, format := snapshotOf(t, filepath.Join("..", "testdata", "logs", "neutralbank_apache_combined_2024.log"))
	var empty int64
	for _, p := range s.Paths {
		if p.Path == "" {
			empty = p.Total
		}
	}
	if empty == 0 {
		t.Fatal("the test log has no request without a path")
	}
	var buf bytes.Buffer
	if err := WriteText(&buf, s, Meta{Format: format, Paths: 0}); err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`(?m)^ +` + itoa(empty) + ` .*  \(no path\)$`).Match(buf.Bytes()) {
		t.Errorf("no %q row with %d requests:\n%s", stats.NoPath, empty, buf.String())
	}
	found := false
	for _, m := range gather(t, s, MetricsOptions{TopPaths: 100})["codetop_path_requests_total"].GetMetric() {
		if label(m, "path") == stats.NoPath {
			found = true
		}
		if label(m, "path") == "" {
			t.Error("a path series with an empty path label")
		}
	}
	if !found {
		t.Errorf("no %q series", stats.NoPath)
	}
}

// The verdict line says which alert pairs the log is long enough to judge.
func TestTextBurnVerdictSaysWhatWasJudged(t *testing.T) {
	for _, tc := range []struct {
		span  time.Duration
		rates [4]float64 // 5m, 30m, 1h, 6h
		want  string
	}{
		{7 * time.Second, [4]float64{10, 10, 10, 10}, "no alert judged: paging needs 5m of log, ticketing 30m"},
		{10 * time.Minute, [4]float64{10, 10, 10, 10}, "below the paging threshold (14.4x over 1h and 5m); ticketing needs 30m of log"},
		{2 * time.Hour, [4]float64{1, 1, 1, 1}, "below both multiwindow alert thresholds"},
		// An outage that ended before the log did: the long windows
		// still burn, the short ones no longer do.
		{7 * time.Hour, [4]float64{0, 0, 55.6, 65.2}, "no alert: the burn has slowed or stopped by the last entry (1h at 55.6x but 5m at 0.0x; 6h at 65.2x but 30m at 0.0x)"},
		{7 * time.Hour, [4]float64{0, 0, 10, 6.5}, "no alert: the burn has slowed or stopped by the last entry (6h at 6.5x but 30m at 0.0x)"},
	} {
		s := &stats.Snapshot{Burn: stats.Burn{Objective: 0.999}}
		for i, w := range []time.Duration{5 * time.Minute, 30 * time.Minute, time.Hour, 6 * time.Hour} {
			s.Burn.Windows = append(s.Burn.Windows, stats.BurnWindow{Window: w, Span: min(w, tc.span), Total: 1000, Errors: 10, Rate: tc.rates[i]})
		}
		var buf bytes.Buffer
		if err := WriteText(&buf, s, Meta{}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), tc.want) {
			t.Errorf("a log of %v burning at %v: no %q in\n%s", tc.span, tc.rates, tc.want, buf.String())
		}
	}
}

// A spike no path carries a fifth of (a scanner's 404s over hundreds of
// paths) names its top path as one of many, in the text and HTML reports
// as on the dashboard; a spike one path carries is named by that path. A
// client that sent nearly every other error too (a proxy) is not named.
func TestSpikeOverManyPathsInTheReports(t *testing.T) {
	scan := stats.Spike{Kind: "404", Count: 678, TopPaths: []string{"/wp-admin/x1.php", "/nope"}, TopPathCounts: []int64{15, 4},
		TopClients: []string{"203.0.113.9"}, TopClientCounts: []int64{678}}
	if got, want := strings.Join(dominant(scan), " "), "client 203.0.113.9 100% · many paths, top /wp-admin/x1.php 2.2%"; got != want {
		t.Errorf("text: %q, want %q", got, want)
	}
	if h := htmlSpikeOf(scan, time.Time{}); !h.ManyPaths {
		t.Error("html: a spike over many paths is not said to be")
	}
	proxy := stats.Spike{Kind: "502", Count: 100, TopPaths: []string{"/api/orders"}, TopPathCounts: []int64{96},
		TopClients: []string{"127.0.0.1"}, TopClientCounts: []int64{100}, TopClientElsewhere: 0.97}
	if got := strings.Join(dominant(proxy), " "); got != "/api/orders 96.0%" {
		t.Errorf("a spike on the client of every error: %q, want the path alone", got)
	}
	one := stats.Spike{Kind: "502", Count: 100, TopPaths: []string{"/api/orders"}, TopPathCounts: []int64{96}}
	if got := strings.Join(dominant(one), " "); strings.Contains(got, "many") || htmlSpikeOf(one, time.Time{}).ManyPaths {
		t.Errorf("a spike one path carries: %q", got)
	}
}

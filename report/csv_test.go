package report

import (
	"bytes"
	"encoding/csv"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/codetop/codetop/sanitize"
	"github.com/codetop/codetop/stats"
)

func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = len(CSVHeader) // every row has every column
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not read back: %v", err)
	}
	if len(recs) == 0 || strings.Join(recs[0], ",") != strings.Join(CSVHeader, ",") {
		t.Fatalf("first row %q is not the header", recs[0])
	}
	for i, r := range recs[1:] {
		if r[0] == "section" {
			t.Fatalf("a second header row at %d", i+2)
		}
	}
	return recs[1:]
}

func col(name string) int {
	for i, h := range CSVHeader {
		if h == name {
			return i
		}
	}
	panic(name)
}

func TestCSVCountsAddUp(t *testing.T) {
	for _, log := range realLogs(t) {
		s, format := snapshotOf(t, log)
		var buf bytes.Buffer
		if err := WriteCSV(&buf, s, Meta{Format: format, Paths: 0}); err != nil {
			t.Fatal(err)
		}
		rows := readCSV(t, buf.Bytes())
		sums := map[string]int64{}
		pathTotals := map[string]int64{}
		pathCodes := map[string]int64{}
		summary := map[string]int64{}
		for _, r := range rows {
			n, err := strconv.ParseInt(r[col("count")], 10, 64)
			if err != nil {
				t.Fatalf("%s: count %q: %v", log, r[col("count")], err)
			}
			sums[r[0]] += n
			switch r[0] {
			case "summary":
				summary[r[col("name")]] = n
			case "path":
				pathTotals[r[col("path")]] += n
			case "path_code":
				pathCodes[r[col("path")]] += n
			}
		}
		name := filepath.Base(log)
		if summary["lines"] != s.Lines || summary["parsed"] != s.Parsed || summary["malformed"] != s.Malformed {
			t.Errorf("%s: summary %v, want lines %d parsed %d malformed %d", name, summary, s.Lines, s.Parsed, s.Malformed)
		}
		if sums["class"] != s.Parsed || sums["code"] != s.Parsed || sums["path"] != s.Parsed {
			t.Errorf("%s: class %d, code %d, path %d rows; each should sum to parsed = %d",
				name, sums["class"], sums["code"], sums["path"], s.Parsed)
		}
		if sums["malformed"] != s.Malformed {
			t.Errorf("%s: malformed rows sum to %d, want %d", name, sums["malformed"], s.Malformed)
		}
		for p, total := range pathTotals {
			if pathCodes[p] != total {
				t.Errorf("%s: path %q: codes sum to %d, total %d", name, p, pathCodes[p], total)
			}
		}
	}
}

// TestCSVSafeInSpreadsheets: no text cell can start a formula, hostile
// paths survive the round trip (quoted per RFC 4180) apart from the
// neutralising quote and the replaced control bytes.
func TestCSVSafeInSpreadsheets(t *testing.T) {
	s, format := snapshotOf(t, filepath.Join("testdata", "hostile.log"))
	s.Malformations = append(s.Malformations, stats.Malformation{Reason: "=cmd|' /C calc'!A0", Count: 1})
	s.Spikes = []stats.Spike{{Kind: "5xx", Start: time.Unix(0, 0), Count: 3, TopPaths: []string{"@evil", "/fine"}}}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, s, Meta{Format: format}); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(buf.Bytes(), []byte("\x1b")) {
		t.Error("the CSV carries an escape byte")
	}
	rows := readCSV(t, buf.Bytes())
	seen := map[string]bool{}
	for _, r := range rows {
		for i, c := range r {
			if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
				t.Errorf("row %v: column %s starts with %q", r, CSVHeader[i], c[0])
			}
		}
		switch r[0] {
		case "path", "spike_path":
			seen[r[col("path")]] = true
		case "malformed":
			seen[r[col("name")]] = true
		}
	}
	for _, p := range s.Paths {
		want := sanitize.Text(p.Path, 0)
		if strings.ContainsRune("=+-@\t\r", rune(p.Path[0])) {
			want = sanitize.Text("'"+p.Path, 0)
		}
		if !seen[want] {
			t.Errorf("path %q is not in the CSV as %q", p.Path, want)
		}
	}
	for _, want := range []string{"'=cmd|' /C calc'!A0", "'@evil", "/fine", `'=HYPERLINK(\"http://evil.example/\",\"x\")`} {
		if !seen[want] {
			t.Errorf("CSV lacks cell %q", want)
		}
	}
}

func TestCSVSpikeRows(t *testing.T) {
	t0 := time.Date(2026, 11, 21, 10, 14, 0, 0, time.UTC)
	s := &stats.Snapshot{Spikes: []stats.Spike{
		{Kind: "429", Start: t0, End: t0.Add(time.Minute), Count: 50,
			BaselinePerMin: 0.5, PeakPerMin: 40, TopPaths: []string{"/login", "/api"}, TopPathCounts: []int64{45, 5},
			TopClients: []string{"203.0.113.77", "=cmd|' /C calc'!A0"}, TopClientCounts: []int64{48, 2}},
		{Kind: "5xx", Start: t0.Add(10 * time.Minute), Active: true, Count: 300,
			TopCodes: []stats.CodeCount{{Code: 502, Count: 296}, {Code: 500, Count: 4}}},
	}}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, s, Meta{}); err != nil {
		t.Fatal(err)
	}
	got := buf.String()
	for _, want := range []string{
		"spike,,4xx,429,429,50,,2026-11-21T10:14:00Z,2026-11-21T10:15:00Z,0.5,40,,,,\n",
		"spike_path,/login,4xx,429,429,45,0.9000,2026-11-21T10:14:00Z,2026-11-21T10:15:00Z,,,,,,\n",
		"spike_path,/api,4xx,429,429,5,0.1000,",
		// Who sent them, in the column added at the end; a client that
		// reads as a formula is quoted as text.
		"spike_client,,4xx,429,429,48,0.9600,2026-11-21T10:14:00Z,2026-11-21T10:15:00Z,,,,,,203.0.113.77\n",
		"spike_client,,4xx,429,429,2,0.0400,2026-11-21T10:14:00Z,2026-11-21T10:15:00Z,,,,,,'=cmd|' /C calc'!A0\n",
		// A class spike's codes.
		"spike,,5xx,,5xx,300,,2026-11-21T10:24:00Z,,",
		"spike_code,,5xx,502,Bad Gateway,296,0.9867,2026-11-21T10:24:00Z,,,,,,,\n",
		"spike_code,,5xx,500,Internal Server Error,4,0.0133,",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("CSV lacks %q:\n%s", want, got)
		}
	}
}

func TestCSVLatencyColumns(t *testing.T) {
	s, format := demoSnapshot(t)
	var buf bytes.Buffer
	if err := WriteCSV(&buf, s, Meta{Format: format, Paths: 3}); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, buf.Bytes())
	n := 0
	for _, r := range rows {
		var q stats.Quantiles
		switch r[0] {
		case "class":
			q = s.Latency[classIndexOf(r[col("class")])]
		case "path":
			for _, p := range s.Paths {
				if p.Path == r[col("path")] {
					q = p.Latency
				}
			}
		default:
			if r[col("p50_ms")] != "" {
				t.Errorf("%s row has latency %q", r[0], r[col("p50_ms")])
			}
			continue
		}
		want := ""
		if q.Count > 0 {
			want = strconv.FormatFloat(float64(q.P99.Microseconds())/1000, 'f', -1, 64)
			n++
		}
		if r[col("p99_ms")] != want {
			t.Errorf("%s %s%s: p99_ms %q, want %q", r[0], r[col("class")], r[col("path")], r[col("p99_ms")], want)
		}
	}
	if n < 5 {
		t.Errorf("only %d rows with latency", n)
	}
}

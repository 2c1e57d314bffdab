package report

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/codetop/codetop/demo"
	"github.com/codetop/codetop/stats"
)

var updateGolden = flag.Bool("update", false, "rewrite the report package's golden files from the current output")

func timelineText(s *stats.Snapshot, colour bool) string {
	var buf bytes.Buffer
	ew := &errWriter{w: &buf}
	writeTimeline(ew, painter(colour), s)
	return buf.String()
}

// checkGolden compares got with a file under testdata (go test -update
// rewrites it).
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *updateGolden {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./report -update creates it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (go test ./report -update, then read the diff):\n got:\n%s\nwant:\n%s", path, got, want)
	}
}

// The timeline of the demo sample and of a real two-day honeypot log, kept
// as golden files: what an operator sees, to be read in review.
func TestTimelineGolden(t *testing.T) {
	s, _ := demoSnapshot(t)
	checkGolden(t, "timeline_demo.txt", timelineText(s, false))
	h, _ := snapshotOf(t, filepath.Join("testdata", "honeypot_nginx_main_xff_ipv6.log"))
	checkGolden(t, "timeline_honeypot.txt", timelineText(h, false))

	// Colour adds SGR sequences and nothing else.
	for _, snap := range []*stats.Snapshot{s, h} {
		plain, painted := timelineText(snap, false), timelineText(snap, true)
		if painted == plain || sgr.ReplaceAllString(painted, "") != plain {
			t.Errorf("the coloured timeline is not the plain one painted:\n%s", painted)
		}
	}
}

// rowOf returns the bars of a timeline row (the label cut off).
func rowOf(t *testing.T, out, label string) []rune {
	t.Helper()
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "  "+label+" ") {
			return []rune(line)[timelineLabelWidth:]
		}
	}
	t.Fatalf("no %q row in\n%s", label, out)
	return nil
}

// On the demo sample (one minute per column) the 502 burst and the 429
// storm stand out in their rows at their minutes, and the spikes are
// marked under exactly those columns.
func TestTimelineShowsTheDemoIncidents(t *testing.T) {
	s, _ := demoSnapshot(t)
	out := timelineText(s, false)
	if !strings.Contains(out, "requests per 1m") {
		t.Fatalf("demo timeline is not per minute:\n%s", out)
	}
	burst := [2]int{int(demo.BurstStart / time.Minute), int(demo.BurstEnd / time.Minute)}
	storm := [2]int{int(demo.StormStart / time.Minute), int(demo.StormEnd / time.Minute)}
	inside := func(c int, r [2]int) bool { return c >= r[0] && c < r[1] }
	// Every minute of the burst is taller than every other minute.
	lowestIn, highestOut := '█', ' '
	for c, r := range rowOf(t, out, "5xx")[:60] {
		if inside(c, burst) {
			lowestIn = min(lowestIn, r)
		} else {
			highestOut = max(highestOut, r)
		}
	}
	if lowestIn <= highestOut || lowestIn < '▂' {
		t.Errorf("5xx row: burst minutes %d-%d reach down to %q, other minutes up to %q:\n%s", burst[0], burst[1]-1, lowestIn, highestOut, out)
	}
	for c, r := range rowOf(t, out, "429")[:60] {
		if (r != ' ') != inside(c, storm) {
			t.Errorf("429 column %d is %q: the storm is minutes %d-%d", c, r, storm[0], storm[1]-1)
		}
	}
	marks := rowOf(t, out, "spikes")
	for c := 0; c < 60 && c < len(marks); c++ {
		if (marks[c] == '^') != (inside(c, burst) || inside(c, storm)) {
			t.Errorf("spike mark at column %d is %q", c, marks[c])
		}
	}
	for _, want := range []string{"^ 5xx", "^ 429", "2026-11-20 14:00Z", "15:00Z\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("timeline lacks %q:\n%s", want, out)
		}
	}
}

// A week of traffic with one half-hour outage on the fourth day: the
// timeline keeps to its width, and the outage is the one tall 5xx bar,
// marked as a spike in its column.
func TestTimelineWeekAtAGlance(t *testing.T) {
	start := time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC)
	outage := start.Add(3*24*time.Hour + 14*time.Hour)
	var b bytes.Buffer
	line := func(at time.Time, status int) {
		fmt.Fprintf(&b, "192.0.2.1 - - [%s] \"GET /api/x HTTP/1.1\" %d 10 \"-\" \"t\"\n", at.Format("02/Jan/2006:15:04:05 -0700"), status)
	}
	for m := 0; m < 7*24*60; m++ {
		at := start.Add(time.Duration(m) * time.Minute)
		for i := 0; i < 4; i++ {
			line(at.Add(time.Duration(i)*15*time.Second), 200)
		}
		if m%97 == 0 {
			line(at, 500) // a little background noise
		}
		if d := at.Sub(outage); d >= 0 && d < 30*time.Minute {
			for i := 0; i < 40; i++ {
				line(at.Add(time.Duration(i)*time.Second), 503)
			}
		}
	}
	s, _ := snapshotOfBytes(t, "week", b.Bytes())
	if len(s.Spikes) == 0 {
		t.Fatal("no spike found in the week")
	}
	out := timelineText(s, false)
	t.Logf("\n%s", out)
	checkLines(t, "week", []byte(out))
	row := rowOf(t, out, "5xx")
	var tall []int
	for c, r := range []rune(strings.SplitN(string(row), "  peak", 2)[0]) {
		if r == '█' {
			tall = append(tall, c)
		}
	}
	per, cols := timelineColumns(s.Timeline.Len())
	colDur := time.Duration(per) * s.Timeline.Step
	want := int(outage.Sub(s.Timeline.Start) / colDur)
	if cols > TimelineWidth || len(tall) != 1 || tall[0] != want {
		t.Fatalf("%d columns of %v; full 5xx bars at %v, want only column %d:\n%s", cols, colDur, tall, want, out)
	}
	if marks := rowOf(t, out, "spikes"); len(marks) <= want || marks[want] != '^' {
		t.Errorf("the outage column %d is not marked:\n%s", want, out)
	}
	if !strings.Contains(out, "2026-11-16 00:00Z") || !strings.Contains(out, "11-23 00:00Z") {
		t.Errorf("axis does not span the week:\n%s", out)
	}
}

// Re-bucketing keeps every request and every column the same length, for
// any timeline length the aggregator can produce.
func TestTimelineRebucket(t *testing.T) {
	for n := 1; n <= 500; n++ {
		per, cols := timelineColumns(n)
		if cols > TimelineWidth || per*cols < n || per*(cols-1) >= n {
			t.Fatalf("n=%d: %d columns of %d steps", n, cols, per)
		}
		counts := make([]int64, n)
		var sum int64
		for i := range counts {
			counts[i] = int64(i*7%13 + 1)
			sum += counts[i]
		}
		var got int64
		for _, c := range rebucket(counts, per, cols) {
			got += c
		}
		if got != sum {
			t.Fatalf("n=%d: %d requests after re-bucketing, want %d", n, got, sum)
		}
	}
	if got := barRow([]int64{0, 1, 50, 99, 100}, 100); got != " ▁▄██" {
		t.Errorf("bars = %q", got)
	}
	if got := utf8.RuneCountInString(barRow(make([]int64, 64), 0)); got != 64 {
		t.Errorf("an empty row is %d columns", got)
	}
}

// No times in the log (or no entries): no timeline.
func TestTimelineAbsentWithoutTimes(t *testing.T) {
	if out := timelineText(&stats.Snapshot{Lines: 3, Malformed: 3}, false); out != "" {
		t.Errorf("timeline without times: %q", out)
	}
}

// Logs from several years (an old archive read with this year's log): a
// label in another year than the first carries its year, or "09-05" could
// be any September.
func TestTimeAxisAcrossYears(t *testing.T) {
	start := time.Date(2015, 5, 14, 0, 0, 0, 0, time.UTC)
	end := time.Date(2024, 11, 2, 0, 0, 0, 0, time.UTC)
	cols := 60
	axis := timeAxis(start, end.Sub(start)/time.Duration(cols), cols)
	labels := strings.Fields(strings.ReplaceAll(axis, "Z", "Z "))
	if len(labels) != 6 { // three labels of a date and a time each
		t.Fatalf("axis %q: want three labels", axis)
	}
	for i := 0; i < len(labels); i += 2 {
		if len(labels[i]) != len("2015-05-14") {
			t.Errorf("axis %q: label %q %q has no year", axis, labels[i], labels[i+1])
		}
	}
	// Within one year, the labels after the first stay short.
	if axis := timeAxis(start, 24*time.Hour, cols); !strings.Contains(axis, " 07-13 00:00Z") {
		t.Errorf("axis over two months: %q", axis)
	}
}

// Every run of marks is labelled: after it when the row is free up to the
// next run, else before it, unless the next run says the same. A 5xx
// outage four minutes before a 404 burst had lost its label.
func TestSpikeMarksLabelEveryRun(t *testing.T) {
	t0 := time.Date(2026, 11, 23, 8, 9, 0, 0, time.UTC)
	at := func(m int) time.Time { return t0.Add(time.Duration(m) * time.Minute) }
	s := &stats.Snapshot{Last: at(20), Spikes: []stats.Spike{
		{Kind: "5xx", Start: at(11), End: at(13)},
		{Kind: "404", Start: at(17), Active: true},
	}}
	if got, want := spikeMarks(s, t0, time.Minute, 21), "       5xx ^^    ^^^ 404"; got != want {
		t.Errorf("marks\n%q, want\n%q", got, want)
	}
	// Two runs of one kind close together: one label, after the second.
	s.Spikes[0].Kind = "404"
	if got, want := spikeMarks(s, t0, time.Minute, 21), "           ^^    ^^^ 404"; got != want {
		t.Errorf("marks\n%q, want\n%q", got, want)
	}
}

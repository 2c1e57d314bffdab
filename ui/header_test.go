package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/codetop/codetop/stats"
)

// quietFake plays a reading side that follows its inputs (or not), with a
// redraw clock the test steps.
type quietFake struct {
	following bool
	now       time.Time
}

func (f *quietFake) options() Options {
	o := opts5m()
	o.Status = func() string {
		if f.following {
			return "following"
		}
		return "end of input"
	}
	o.Following = func() bool { return f.following }
	o.clock = func() time.Time { return f.now }
	return o
}

// A followed log that stops growing is said to, in the header, once half
// a minute has passed without a line: a spike marked LIVE is then as of
// the last line. A new line takes the note away; at the end of an input,
// or paused, nothing is said.
func TestHeaderSaysWhenNoLineCameForAWhile(t *testing.T) {
	f := &quietFake{following: true, now: t0}
	snap := incident()
	h := newHarness(t, snap, 100, 30, f.options())
	step := func(after time.Duration) {
		f.now = f.now.Add(after)
		h.tick(nil)
	}
	step(250 * time.Millisecond)
	step(29 * time.Second)
	if got := header(h); strings.Contains(got, "no new line") {
		t.Fatalf("after 29s: %q", got)
	}
	step(2 * time.Second)
	if got := header(h); !strings.Contains(got, "following · no new line for 31s") {
		t.Fatalf("after 31s without a line: %q", got)
	}
	// The note is in the warning colour, as malformed counts are.
	x, y, ok := h.find("no new line")
	if !ok {
		t.Fatal("note not found")
	}
	if got, want := h.cellAt(x, y).Style, h.d.theme.warn; got != want {
		t.Errorf("note style %v, want %v", got, want)
	}
	step(90 * time.Second)
	h.mustShow("no new line for 2m01s")

	// A line comes: the note goes.
	more := incident()
	more.Lines++
	f.now = f.now.Add(250 * time.Millisecond)
	h.tick(more)
	h.mustNotShow("no new line")
	step(20 * time.Second)
	h.mustNotShow("no new line")
	step(15 * time.Second)
	h.mustShow("no new line for 35s")

	// With a filter that keeps none of the new lines, the log still
	// grows: lines read, not lines counted, say so.
	filtered := incident()
	filtered.Lines = more.Lines
	filtered.Read = more.Lines + 500
	f.now = f.now.Add(time.Second)
	h.tick(filtered)
	h.mustNotShow("no new line")
	step(34 * time.Second)
	h.mustShow("no new line for 34s")

	// Paused, the screen holds an older snapshot on purpose.
	h.keys("p")
	step(time.Second)
	h.mustNotShow("no new line")
	h.keys("p")
	step(time.Second)
	h.mustShow("no new line for 36s")

	// At the end of the input there is nothing to wait for.
	f.following = false
	step(time.Minute)
	h.mustNotShow("no new line")
	// Following again (a range picked, say): the wait counts from then.
	f.following = true
	step(10 * time.Second)
	h.mustNotShow("no new line")
	step(25 * time.Second)
	h.mustShow("no new line for 35s")
}

// At 80 columns a log that spans days has no room for its whole span once
// a stall is noted: the newest time stays, as it says when the last line
// came, and the stall note is kept whole.
func TestNarrowHeaderKeepsTheNewestTimeOfAStalledLog(t *testing.T) {
	f := &quietFake{following: true, now: t0}
	snap := incident()
	snap.First = snap.Last.Add(-26 * time.Hour)
	h := newHarness(t, snap, 80, 24, f.options())
	for _, d := range []time.Duration{250 * time.Millisecond, 31 * time.Second} {
		f.now = f.now.Add(d)
		h.tick(nil)
	}
	want := "→ " + snap.Last.UTC().Format("Jan 02 15:04:05") + " UTC · window 5m · following · no new line for 31s"
	if got := header(h); !strings.Contains(got, want) {
		t.Errorf("80 columns, stalled: %q, want %q in it", got, want)
	}
}

// On a narrow screen the input's name is cut to fit the header. Once the
// rate of lines has needed room, it keeps it: the name does not shift back
// and forth from one redraw to the next as lines/s goes from 12,355 to 5
// and back.
func TestHeaderNameStaysPutAsTheRateChanges(t *testing.T) {
	f := &quietFake{following: true, now: t0}
	o := f.options()
	o.Inputs = []string{"/var/log/nginx/a-rather-long-name-for-an-access.log"}
	snap := incident()
	snap.Lines = 100_000 // the count keeps its width below: only the rate's changes
	h := newHarness(t, snap, 80, 24, o)
	nameAt := func(lines int64) (string, string) {
		s := incident()
		s.Lines = lines
		f.now = f.now.Add(time.Second)
		h.tick(s)
		l := h.lines()[0]
		return l[:strings.Index(l, " · ")], l
	}
	nameAt(snap.Lines)
	var first, firstLine string
	for i, lines := range []int64{snap.Lines + 12_355, snap.Lines + 12_360, snap.Lines + 24_360, snap.Lines + 24_366} {
		name, l := nameAt(lines)
		if !strings.Contains(l, "/s") || !strings.Contains(name, "…") {
			t.Fatalf("header %q: the test wants a cut name", l)
		}
		if i == 0 {
			first, firstLine = name, l
			continue
		}
		if name != first {
			t.Fatalf("the name moved with the rate:\n%q\n%q", firstLine, l)
		}
	}
}

// The banner says where a spike fails before how hard: at 80 columns the
// client of a 429 storm is in sight, the rates are what gets cut. A second
// path that carries a fifth of a spike or more is named with its share.
func TestBannerSaysWhereBeforeHowHard(t *testing.T) {
	s := incident()
	s.Spikes = []stats.Spike{{Kind: "429", Start: t0.Add(30 * time.Minute), Active: true, Count: 2000,
		PeakPerMin: 1092, BaselinePerMin: 0, TopPaths: []string{"/login"}, TopPathCounts: []int64{2000},
		TopClients: []string{"203.0.113.9"}, TopClientCounts: []int64{1990}}}
	h := newHarness(t, s, 80, 24, opts5m())
	banner := h.lines()[2]
	if !strings.Contains(banner, "on client 203.0.113.9 · /login") {
		t.Fatalf("80 columns: the banner lost the client: %q", banner)
	}

	s = incident()
	s.Spikes = []stats.Spike{{Kind: "502", Start: t0.Add(30 * time.Minute), Active: true, Count: 2338,
		PeakPerMin: 684, BaselinePerMin: 0.1, TopPaths: []string{"/api/orders", "/api/search", "/x"}, TopPathCounts: []int64{1611, 700, 27}}}
	h = newHarness(t, s, 160, 40, opts5m())
	banner = h.lines()[2]
	if !strings.Contains(banner, "on /api/orders 68.9%, /api/search 29.9% · peak 684/min, normally 0.10/min") {
		t.Fatalf("two paths: %q", banner)
	}
	s.Spikes[0].TopPathCounts = []int64{2000, 300, 38} // the second under a fifth
	h.tick(s)
	if banner = h.lines()[2]; !strings.Contains(banner, "on /api/orders · peak") {
		t.Fatalf("one path: %q", banner)
	}
}

// Lines read again for a time range are not traffic: lines/s does not leap
// to the range's line count over the redraw interval, even when the range
// is read in full before the next redraw.
func TestRangeReadIsNoTraffic(t *testing.T) {
	f := &quietFake{following: true, now: t0}
	o := f.options()
	o.SetRange = func(from, to time.Time) error { return nil }
	s := incident()
	h := newHarness(t, s, 120, 40, o)
	at := func(lines int64, after time.Duration) string {
		n := incident()
		n.Lines = lines
		f.now = f.now.Add(after)
		h.tick(n)
		return h.lines()[0]
	}
	at(s.Lines, time.Second)
	if l := at(s.Lines+100, time.Second); !strings.Contains(l, " · 100/s · ") {
		t.Fatalf("100 lines in a second: %q", l)
	}
	h.d.applyRange(t0.Add(20*time.Minute), time.Time{})
	if l := at(250_000, 250*time.Millisecond); !strings.Contains(l, " · 0/s · ") {
		t.Fatalf("after a range was read again: %q", l)
	}
	if l := at(250_050, time.Second); !strings.Contains(l, " · 50.0/s · ") {
		t.Fatalf("then 50 lines in a second: %q", l)
	}
}

// With a filter, the header says how many of the lines read it kept: a
// busy log whose lines the filter leaves out does not look empty.
func TestHeaderCountsTheLinesAFilterKept(t *testing.T) {
	s := incident()
	s.Read = 25_000
	h := newHarness(t, s, 120, 40, opts5m())
	if l := h.lines()[0]; !strings.Contains(l, " · 17,012 of 25,000 lines · ") {
		t.Fatalf("header %q", l)
	}
	s = incident()
	s.Read = s.Lines
	h.tick(s)
	if l := h.lines()[0]; !strings.Contains(l, " · 17,012 lines · ") {
		t.Fatalf("no filter: %q", l)
	}
}

// Two active spikes taking turns as the leading one (by peak) are not new
// spikes each time: once the user has taken over, the dashboard leaves
// the selection alone.
func TestFollowingDoesNotComeBackForTheSameSpikes(t *testing.T) {
	o := opts5m()
	o.FollowSpikes = true
	spikes := func(peak502, peak429 float64) *stats.Snapshot {
		s := incident()
		s.Spikes = []stats.Spike{
			{Kind: "502", Start: t0.Add(30 * time.Minute), Active: true, Count: 300, PeakPerMin: peak502, TopPaths: []string{"/api/orders"}, TopPathCounts: []int64{300}},
			{Kind: "429", Start: t0.Add(31 * time.Minute), Active: true, Count: 400, PeakPerMin: peak429, TopPaths: []string{"/api/search"}, TopPathCounts: []int64{400}},
		}
		return s
	}
	h := newHarness(t, spikes(100, 50), 120, 40, o)
	h.tick(spikes(50, 100)) // the 429 leads now: followed, it is new
	h.mustShow("code 429")
	h.keys("s") // the user takes over
	for _, p := range [][2]float64{{100, 50}, {50, 100}, {100, 50}} {
		h.tick(spikes(p[0], p[1]))
		if paths := h.region(h.d.paths); !strings.Contains(paths, "code 429") || !strings.Contains(paths, "by requests") {
			t.Fatalf("the leading spike changed and the user's choice went:\n%s", paths)
		}
	}
}

// Before the detector has learnt what is normal, the banner says so rather
// than "no active spike", and no code shows a baseline: the median of four
// minutes, the first partial, is no normal. A log opened in an outage that
// pages on the SLO gets the alert banner even without a spike, since the
// outage is the detector's normal.
func TestBannerWhileLearningAndOnAPage(t *testing.T) {
	s := incident()
	s.Spikes, s.SpikesJudgedFrom = nil, time.Time{}
	s.Last = t0.Add(4*time.Minute + 12*time.Second)
	h := newHarness(t, s, 120, 30, opts5m())
	if got := h.lines()[2]; !strings.Contains(got, "no spike judged yet: learning what is normal (4m12s of about 10m00s)") {
		t.Errorf("banner while learning: %q", got)
	}
	for _, r := range codeRows(s, 5*time.Minute) {
		if r.trended || r.mark != "" {
			t.Errorf("while learning, %d has a baseline: %+v", r.code, r)
		}
	}

	s = incident()
	s.Spikes = nil
	s.Burn = stats.Burn{Objective: 0.999, Page: true, Windows: []stats.BurnWindow{
		{Window: 5 * time.Minute, Span: 5 * time.Minute, Total: 3000, Errors: 912, Rate: 304},
		{Window: time.Hour, Span: 12 * time.Minute, Total: 9000, Errors: 1755, Rate: 195},
	}}
	h = newHarness(t, s, 160, 30, opts5m())
	got := h.lines()[2]
	if !strings.Contains(got, "▲ SLO 99.9% PAGE · 5xx burn the error budget 195× over 1h, 304× over 5m · 30.4% of requests in 5m · no active spike") {
		t.Errorf("banner on a page without a spike: %q", got)
	}
	x, y, ok := h.find("SLO 99.9% PAGE")
	if !ok || h.cellAt(x, y).Style != h.d.theme.banner {
		t.Errorf("the page banner is not in the alert style")
	}
}

// An active spike whose errors stopped half a minute ago or more says
// since when, right after its start: the fix worked, or the hold time is
// all that keeps it active. A spike still loud says nothing of the kind.
func TestBannerSaysWhenAQuietSpikeLastFailed(t *testing.T) {
	s := incident()
	for i := range s.Spikes {
		s.Spikes[i].LastSeen = s.Last.Add(-10 * time.Second)
	}
	h := newHarness(t, s, 160, 30, opts5m())
	if got := h.lines()[2]; strings.Contains(got, "none since") {
		t.Errorf("a spike loud 10s ago: %q", got)
	}
	s = incident()
	for i := range s.Spikes {
		s.Spikes[i].LastSeen = s.Last.Add(-100 * time.Second)
	}
	h = newHarness(t, s, 160, 30, opts5m())
	want := "(3m00s) · none since " + s.Last.Add(-100*time.Second).UTC().Format("15:04:05") + " · on "
	if got := h.lines()[2]; !strings.Contains(got, want) {
		t.Errorf("a spike quiet for 1m40s: %q, want %q in it", got, want)
	}
	// The Spikes pane has the time of each spike's last error.
	pane := h.region(h.d.spikes)
	if !strings.Contains(pane, "last") || strings.Count(pane, s.Last.Add(-100*time.Second).UTC().Format("15:04:05")) != len(s.Spikes) {
		t.Errorf("the Spikes pane lacks the last errors' time:\n%s", pane)
	}
}

// With --status 5xx, the newest line kept is the spike's last error: the
// banner and the Spikes pane measure to the newest line of all traffic,
// as without the filter, so the duration goes on and "none since" comes.
func TestStatusFilteredSpikeSaysNoneSinceAsUnfiltered(t *testing.T) {
	s := incident()
	s.Spikes = s.Spikes[1:2] // the 5xx spike, since 14:30:00
	s.Spikes[0].LastSeen = s.Last
	s.Read, s.Newest = s.Lines+5_000, s.Last.Add(43*time.Second) // the 200s go on
	h := newHarness(t, s, 160, 30, opts5m())
	want := "SPIKE 5xx since 14:30:00 (3m43s) · none since 14:33:00 · on "
	if got := h.lines()[2]; !strings.Contains(got, want) {
		t.Errorf("banner %q, want %q in it", got, want)
	}
	if pane := h.region(h.d.spikes); !strings.Contains(pane, "3m43s") {
		t.Errorf("the Spikes pane's duration stands still:\n%s", pane)
	}
	// While the detector learns, the time learnt goes on with the traffic.
	s = incident()
	s.Spikes, s.SpikesJudgedFrom = nil, time.Time{}
	s.Last, s.Newest = t0.Add(3*time.Minute), t0.Add(4*time.Minute+12*time.Second)
	h.tick(s)
	if got := h.lines()[2]; !strings.Contains(got, "learning what is normal (4m12s of about 10m00s)") {
		t.Errorf("banner while learning: %q", got)
	}
}

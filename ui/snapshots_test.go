package ui

// How the panes behave as snapshots arrive: rows filling up, a spike
// followed, a scroll kept, a shrinking pane, the header at 80 columns.

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/codetop/codetop/stats"
)

// The first snapshots of a load have few paths; when more arrive than the
// pane can show, it still opens at the heaviest ones, not scrolled to the
// end.
func TestPathsStayAtTheTopAsTheyFillUp(t *testing.T) {
	h := newHarness(t, &stats.Snapshot{}, 120, 40, opts5m())
	s := &stats.Snapshot{Lines: 160, Parsed: 160, First: t0, Last: t0.Add(2 * time.Minute)}
	s.Paths = append(s.Paths, stats.PathStat{Path: "/heavy", Total: 100, Codes: []stats.CodeCount{cc(200, 100)}})
	for i := range 60 {
		s.Paths = append(s.Paths, stats.PathStat{Path: fmt.Sprintf("/p%02d", i), Total: 1, Codes: []stats.CodeCount{cc(200, 1)}})
	}
	s.Codes = []stats.CodeCount{cc(200, 160)}
	s.Classes[2] = 160
	h.tick(s)
	h.mustShow("/heavy")
	h.mustShow("/p00")
	h.mustNotShow("/p59")
}

// With FollowSpikes, the dashboard selects the code of an active spike and
// filters the paths by it; when no spike is active any more, all the paths
// come back. Once the user takes over, a new snapshot changes nothing the
// user chose.
func TestFollowSpikesUntilTheUserTakesOver(t *testing.T) {
	o := opts5m()
	o.FollowSpikes = true
	calm := incident()
	calm.Spikes = nil
	h := newHarness(t, calm, 120, 40, o)
	if paths := h.region(h.d.paths); strings.Contains(paths, "code 502") || !strings.Contains(paths, "by requests") {
		t.Fatalf("no spike, yet the paths are filtered:\n%s", paths)
	}
	h.tick(incident())
	if !strings.Contains(h.region(h.d.explain), "502 Bad Gateway") || !strings.Contains(h.region(h.d.paths), "code 502") {
		t.Fatalf("the active 502 spike is not followed:\n%s", h.text())
	}
	ended := incident()
	for i := range ended.Spikes {
		ended.Spikes[i].Active = false
	}
	h.tick(ended)
	if paths := h.region(h.d.paths); strings.Contains(paths, "code 502") || !strings.Contains(paths, "by requests") {
		t.Fatalf("the spike ended, yet the paths stay filtered:\n%s", paths)
	}
	if !strings.Contains(h.region(h.d.explain), "502 Bad Gateway") {
		t.Fatalf("the ended spike's code is no longer explained:\n%s", h.region(h.d.explain))
	}
	h.tick(incident())
	h.mustShow("code 502")
	h.keys("p?") // looking only
	h.keys("?p")
	h.keys("wwwww") // the window round and back: still looking
	h.press(tcell.KeyTab, 0)
	h.press(tcell.KeyBacktab, 0)
	h.tick(incident())
	h.mustShow("code 502")
	if h.d.userMoved {
		t.Fatal("changing the window or the focus took over from the spike")
	}

	// j moves the code selection: the user takes over. The spike ends:
	// the paths come back whole all the same, since the filter is still
	// the one the spike set.
	h.keys("j")
	h.tick(incident())
	h.tick(ended)
	if paths := h.region(h.d.paths); strings.Contains(paths, "code 502") {
		t.Fatalf("after j and the spike's end, the paths stay filtered:\n%s", paths)
	}
	// A new spike is followed again.
	storm := incident()
	storm.Spikes = []stats.Spike{{Kind: "429", Start: t0.Add(40 * time.Minute), Active: true, Count: 400, PeakPerMin: 200, TopPaths: []string{"/api/search"}, TopPathCounts: []int64{400}}}
	h.tick(storm)
	if !strings.Contains(h.region(h.d.paths), "code 429") {
		t.Fatalf("a new spike is not followed:\n%s", h.region(h.d.paths))
	}
	h.tick(incident())
	h.mustShow("code 502")
	h.keys("s") // taking over: sort by requests
	h.mustShow("by requests")
	h.tick(incident())
	if paths := h.region(h.d.paths); !strings.Contains(paths, "by requests") {
		t.Fatalf("a new snapshot undid the user's sort:\n%s", paths)
	}
}

// The explanation pane keeps the reader's place while snapshots arrive
// with new counts for the same code, and starts at the top for another.
func TestExplanationKeepsItsScrollAcrossSnapshots(t *testing.T) {
	h := newHarness(t, incident(), 120, 24, opts5m())
	h.d.app.SetFocus(h.d.explain)
	h.d.explain.ScrollTo(3, 0)
	s := incident()
	s.Lines++ // new counts, same code selected
	h.tick(s)
	if row, _ := h.d.explain.GetScrollOffset(); row != 3 {
		t.Fatalf("after a snapshot the explanation is at row %d, want 3", row)
	}
	h.d.selCode = 404
	h.d.renderExplain(60)
	if row, _ := h.d.explain.GetScrollOffset(); row != 0 {
		t.Errorf("another code's explanation starts at row %d, want 0", row)
	}
}

// Made smaller, a pane keeps its busiest rows in view: a table whose rows
// all fitted does not scroll to its last ones.
func TestShrinkingKeepsTheBusiestPathsInView(t *testing.T) {
	s := incident()
	for i := 0; i < 20; i++ {
		s.Paths = append(s.Paths, stats.PathStat{Path: fmt.Sprintf("/light/%02d", i), Total: int64(10 - i/2), Codes: []stats.CodeCount{cc(200, int64(10-i/2))}})
	}
	h := newHarness(t, s, 160, 50, opts5m())
	h.mustShow("/products")
	h.resize(80, 24)
	h.mustShow("/products")
}

// At 80 columns the header keeps its counts and its state whole: the
// names give way, "+2 more" and "malformed" stay.
func TestHeaderAt80ColumnsKeepsCountsAndState(t *testing.T) {
	s := incident()
	s.Malformed = 4_321
	s.Last = s.First.Add(49 * time.Hour) // times with their dates
	o := opts5m()
	o.Inputs = []string{"/var/log/nginx/a-rather-long-virtual-host-name.example.org.access.log", "b.log", "c.log"}
	o.Format = "combined+xff+timing"
	o.Status = func() string { return "end of input" }
	h := newHarness(t, s, 80, 24, o)
	h.tick(nil)
	l := h.lines()
	for _, want := range []string{"+2 more", "17,012 lines", "4,321 malformed"} {
		if !strings.Contains(l[0], want) {
			t.Errorf("first header line %q lacks %q", l[0], want)
		}
	}
	if !strings.Contains(l[1], "window 5m") || !strings.Contains(l[1], "end of input") {
		t.Errorf("second header line %q lacks the window or the state", l[1])
	}
}

// At 80 columns, with a filter, two inputs, over a million lines read and
// 24,000 malformed, every number stays whole: the format's name and the
// rate give way, and the input's name keeps the file's name. With room,
// they come back.
func TestHeaderAt80ColumnsKeepsBigCountsWhole(t *testing.T) {
	f := &quietFake{following: true, now: t0}
	o := f.options()
	o.Inputs = []string{"/tmp/drill/logs/a-access.log", "/tmp/drill/logs/b-access.log"}
	at := func(lines int64) *stats.Snapshot {
		s := incident()
		s.Lines, s.Read, s.Malformed = lines, 1_238_270, 24_000
		f.now = f.now.Add(time.Second)
		return s
	}
	h := newHarness(t, at(81_955), 80, 24, o)
	h.tick(at(81_955))
	h.tick(at(83_711)) // 1,756 lines in a second
	want := "codetop …/a-access.log +1 more · 83,711 of 1,238,270 lines · 24,000 malformed"
	if got := h.lines()[0]; got != want {
		t.Errorf("80 columns:\n got %q\nwant %q", got, want)
	}
	h.resize(120, 30)
	h.tick(at(85_467))
	want = "codetop /tmp/drill/logs/a-access.log +1 more · combined · 85,467 of 1,238,270 lines · 1,756/s · 24,000 malformed"
	if got := h.lines()[0]; got != want {
		t.Errorf("120 columns:\n got %q\nwant %q", got, want)
	}
}

// A request with no path (a TLS handshake on the plain port, a "-"
// request) is shown as the text report shows it, not as a blank row or a
// blank top path of a spike.
func TestEmptyPathIsNamed(t *testing.T) {
	s := incident()
	s.Paths = append([]stats.PathStat{{Path: "", Total: 9000, Codes: []stats.CodeCount{cc(400, 9000)}}}, s.Paths...)
	s.Codes = append(s.Codes, cc(400, 9000))
	s.Spikes = append(s.Spikes, stats.Spike{Kind: "400", Start: t0.Add(31 * time.Minute), Active: true, Count: 9000,
		BaselinePerMin: 1, PeakPerMin: 4000, TopPaths: []string{""}, TopPathCounts: []int64{9000}})
	h := newHarness(t, s, 160, 50, opts5m())
	if paths := h.region(h.d.paths); !strings.Contains(paths, "(no path)") {
		t.Errorf("paths pane:\n%s", paths)
	}
	if spikes := h.region(h.d.spikes); !strings.Contains(spikes, "(no path)") {
		t.Errorf("spikes pane:\n%s", spikes)
	}
}

// A spike going on at the end of what is shown is live only when the
// input is followed and the range is open at its end. Read to its end
// (--no-follow), or in a range closed before now, it may have ended since:
// the screen says where it stands, not that it is going on.
func TestSpikeAtTheEndIsNotLiveWithoutFollowing(t *testing.T) {
	live := newHarness(t, incident(), 120, 40, opts5m())
	live.mustShow("▲ SPIKE 502 Bad Gateway since 14:30:00")
	if s := live.region(live.d.spikes); !strings.Contains(s, "▲ LIVE 5xx") || !strings.Contains(s, "2 active") {
		t.Errorf("followed, open range: spikes pane:\n%s", s)
	}

	noFollow := opts5m()
	noFollow.NoFollow = true
	ended := opts5m()
	ended.Ended = func() bool { return true } // an archive read whole, stdin closed
	closed := newHarness(t, incident(), 120, 40, opts5m())
	closed.d.rangeTo = time.Date(2026, 11, 20, 14, 33, 0, 0, time.UTC)
	closed.tick(incident()) // the snapshot of the range read again
	for name, h := range map[string]*harness{
		"--no-follow":  newHarness(t, incident(), 120, 40, noFollow),
		"read whole":   newHarness(t, incident(), 120, 40, ended),
		"closed range": closed,
	} {
		if !strings.Contains(h.text(), "▲ SPIKE 502 Bad Gateway from 14:30:00 to the end") {
			t.Errorf("%s: banner:\n%s", name, h.text())
		}
		s := h.region(h.d.spikes)
		if strings.Contains(s, "LIVE") || !strings.Contains(s, "at end 5xx") || !strings.Contains(s, "2 going at the end") {
			t.Errorf("%s: spikes pane:\n%s", name, s)
		}
		// The explanation of 502 tells of its spike.
		if e := h.d.codeContext(502); !strings.Contains(e, "Spike (5xx) from 14:30:00 to the end") {
			t.Errorf("%s: explanation: %s", name, e)
		}
	}
	if e := live.d.codeContext(502); !strings.Contains(e, "Spike (5xx) since 14:30:00") {
		t.Errorf("followed: explanation: %s", e)
	}
}

// A scanner's 404 burst spreads over hundreds of paths: its top path is
// named as one of many, with its share, not as where the burst is. A
// spike that one path carries is named by that path alone.
func TestSpikeOverManyPathsSaysSo(t *testing.T) {
	s := incident()
	s.Spikes = []stats.Spike{{Kind: "404", Start: t0.Add(26 * time.Minute), Active: true, Count: 678,
		BaselinePerMin: 26, PeakPerMin: 327, TopPaths: []string{"/wp-admin/x1.php", "/nope"}, TopPathCounts: []int64{15, 4},
		TopClients: []string{"203.0.113.9"}, TopClientCounts: []int64{678}}}
	h := newHarness(t, s, 160, 40, opts5m())
	h.mustShow("client 203.0.113.9 · many paths, 2.2% on /wp-admin/x1.php")
	h.tick(incident())
	h.mustNotShow("many paths")
	h.mustShow("/api/orders")
}

// A spike whose top client sent nearly every other error of the log too (a
// proxy's address, logged as the client) is not said to be on that client:
// the banner and the Spikes pane name its path alone. A spike in one of
// several files read says which.
func TestSpikeOnEveryonesClientNamesNoClient(t *testing.T) {
	s := incident()
	s.Spikes = []stats.Spike{{Kind: "5xx", Start: t0.Add(26 * time.Minute), Active: true, Count: 300,
		BaselinePerMin: 1, PeakPerMin: 120, TopPaths: []string{"/api/orders"}, TopPathCounts: []int64{300},
		TopClients: []string{"127.0.0.1"}, TopClientCounts: []int64{300}, TopClientElsewhere: 1}}
	h := newHarness(t, s, 160, 40, opts5m())
	h.mustShow("/api/orders")
	h.mustNotShow("client 127.0.0.1")
	s.Spikes[0].TopClientElsewhere = 0.1 // its own burst
	h.tick(s)
	h.mustShow("client 127.0.0.1 · /api/orders")
	// Logs of several hosts read together: the file it is in comes first.
	s2 := incident()
	s2.Spikes = []stats.Spike{s.Spikes[0]}
	s2.Spikes[0].TopInputs, s2.Spikes[0].TopInputCounts = []string{"/var/log/nginx/blog-access.log"}, []int64{300}
	h.tick(s2)
	h.mustShow("in blog-access.log · client 127.0.0.1 · /api/orders")
	h.mustNotShow("on in")
}

// What the program said on stderr before the dashboard took the screen is
// shown in the footer at start, with how many more notices there are.
func TestStartUpNoticesShowInTheFooter(t *testing.T) {
	o := opts5m()
	o.Notices = []string{"the lines of access.log end with a whole number after the agent", "another"}
	h := newHarness(t, incident(), 160, 40, o)
	h.mustShow("the lines of access.log end with a whole number after the agent (and 1 more, printed on exit)")
	h = newHarness(t, incident(), 160, 40, opts5m())
	h.mustNotShow("printed on exit")
}

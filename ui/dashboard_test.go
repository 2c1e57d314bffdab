package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/codetop/codetop/stats"
)

func opts5m() Options {
	return Options{Inputs: []string{"/var/log/nginx/access.log"}, Format: "combined", Window: 5 * time.Minute}
}

func TestRenderAt80x24(t *testing.T) {
	h := newHarness(t, incident(), 80, 24, opts5m())
	lines := h.lines()
	if len(lines) != 24 {
		t.Fatalf("%d lines", len(lines))
	}
	for i, l := range lines {
		if w := width(l); w > 80 {
			t.Errorf("line %d is %d columns wide: %q", i, w, l)
		}
	}
	// Header: what is read, how far, the window, the spike.
	for _, want := range []string{"/var/log/nginx/access.log", "combined", "17,012 lines", "12 malformed",
		"14:00:00 → 14:33:00", "window 5m", "▲ SPIKE 502 Bad Gateway since 14:30:00"} {
		h.mustShow(want)
	}
	// Classes over the 5m window: 2,700 requests, 299 of them 5xx.
	classes := h.region(h.d.classes)
	if !strings.Contains(classes, "5xx       299  11.1%") {
		t.Errorf("classes pane:\n%s", classes)
	}
	codes := h.region(h.d.codes)
	if !strings.Contains(codes, "502") || !strings.Contains(codes, "296") || !strings.Contains(codes, "▲") {
		t.Errorf("codes pane lacks the flagged 502:\n%s", codes)
	}
	paths := h.region(h.d.paths)
	for _, want := range []string{"/api/orders", "/[red]tag", "/x\uFFFD]2;pwned\uFFFD", "(other)"} {
		if !strings.Contains(paths, want) {
			t.Errorf("paths pane lacks %q:\n%s", want, paths)
		}
	}
	spikes := h.region(h.d.spikes)
	if !strings.Contains(spikes, "▲ LIVE 5xx") || !strings.Contains(spikes, "ended  429") {
		t.Errorf("spikes pane:\n%s", spikes)
	}
	// The codes table starts on its first row, the worst class: 500.
	if !strings.Contains(h.region(h.d.explain), "500 Internal Server Error") {
		t.Errorf("explanation:\n%s", h.region(h.d.explain))
	}
	h.mustShow("?:help")
	h.mustShow("q:quit")
	// No control character reached a cell.
	cells, _, _ := h.screen.GetContents()
	for _, c := range cells {
		for _, r := range c.Runes {
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
				t.Fatalf("control character %U on screen", r)
			}
		}
	}
}

func TestResizeFollowsTheTerminal(t *testing.T) {
	h := newHarness(t, incident(), 80, 24, opts5m())
	if strings.Contains(h.region(h.d.paths), "p50") {
		t.Fatalf("p50 fits at 80 columns?\n%s", h.text())
	}
	h.resize(160, 50)
	paths := h.region(h.d.paths)
	for _, col := range []string{"p50", "p99", "2xx", "3xx", "4xx", "5xx", "err%"} {
		if !strings.Contains(paths, col) {
			t.Errorf("at 160x50 the paths pane lacks %q:\n%s", col, paths)
		}
	}
	if n := len(h.lines()); n != 50 {
		t.Fatalf("%d lines after resize", n)
	}
	// The explanation gets the room: its causes show at this size.
	if !strings.Contains(h.region(h.d.explain), "Usual causes:") {
		t.Errorf("explanation at 160x50:\n%s", h.region(h.d.explain))
	}
	h.resize(80, 24)
	for i, l := range h.lines() {
		if w := width(l); w > 80 {
			t.Errorf("after shrinking, line %d is %d wide", i, w)
		}
	}
}

func TestKeysMoveFocusAndSelection(t *testing.T) {
	h := newHarness(t, incident(), 120, 40, opts5m())
	if h.d.app.GetFocus() != h.d.codes {
		t.Fatal("the codes pane should start with the focus")
	}
	// The focused pane has a double border.
	x, y, _, _ := h.d.paths.GetRect()
	if r := h.cellAt(x, y).Runes[0]; r != '┌' {
		t.Fatalf("unfocused paths border %q", r)
	}
	h.press(tcell.KeyTab, 0)
	if h.d.app.GetFocus() != h.d.paths {
		t.Fatal("Tab did not move the focus to the paths")
	}
	if r := h.cellAt(x, y).Runes[0]; r != '╔' {
		t.Fatalf("focused paths border %q", r)
	}
	h.press(tcell.KeyBacktab, 0)
	if h.d.app.GetFocus() != h.d.codes {
		t.Fatal("Shift-Tab did not move the focus back")
	}
	// j moves to the next code; the explanation follows.
	h.keys("j")
	if !strings.Contains(h.region(h.d.explain), "502 Bad Gateway") {
		t.Fatalf("after j the explanation shows:\n%s", h.region(h.d.explain))
	}
	h.press(tcell.KeyDown, 0)
	if !strings.Contains(h.region(h.d.explain), "401 Unauthorized") {
		t.Fatalf("after ↓:\n%s", h.region(h.d.explain))
	}
	h.keys("k")
	h.press(tcell.KeyUp, 0)
	if !strings.Contains(h.region(h.d.explain), "500 Internal Server Error") {
		t.Fatalf("after k and ↑:\n%s", h.region(h.d.explain))
	}
	// A new snapshot keeps the selection on the same code.
	h.keys("j")
	h.tick(incident())
	if !strings.Contains(h.region(h.d.explain), "502 Bad Gateway") {
		t.Fatalf("the selection did not survive a new snapshot:\n%s", h.region(h.d.explain))
	}
}

func TestEnterFiltersPathsByCode(t *testing.T) {
	h := newHarness(t, incident(), 120, 40, opts5m())
	h.keys("j") // 502
	h.press(tcell.KeyEnter, 0)
	paths := h.region(h.d.paths)
	if !strings.Contains(paths, "code 502") || !strings.Contains(paths, "/api/orders") {
		t.Fatalf("after Enter on 502:\n%s", paths)
	}
	for _, gone := range []string{"/products", "/login", "/favicon.ico"} {
		if strings.Contains(paths, gone) {
			t.Errorf("%s has no 502 but is listed:\n%s", gone, paths)
		}
	}
	h.press(tcell.KeyEnter, 0)
	if paths := h.region(h.d.paths); !strings.Contains(paths, "/products") || strings.Contains(paths, "code 502") {
		t.Fatalf("Enter again should show all paths:\n%s", paths)
	}
	// On the spikes pane, Enter takes the spike's code.
	h.press(tcell.KeyTab, 0)
	h.press(tcell.KeyTab, 0)
	h.keys("jj") // the ended 429 storm
	h.press(tcell.KeyEnter, 0)
	paths = h.region(h.d.paths)
	if !strings.Contains(paths, "code 429") || !strings.Contains(paths, "/api/search") || strings.Contains(paths, "/api/orders") {
		t.Fatalf("Enter on the 429 spike:\n%s", paths)
	}
	if !strings.Contains(h.region(h.d.explain), "429 Too Many Requests") {
		t.Fatalf("the explanation should follow the spike's code:\n%s", h.region(h.d.explain))
	}
	h.press(tcell.KeyEsc, 0)
	if paths := h.region(h.d.paths); strings.Contains(paths, "code 429") || !strings.Contains(paths, "/products") {
		t.Fatalf("Esc should clear the filter:\n%s", paths)
	}
}

func TestSlashFiltersPathsByText(t *testing.T) {
	h := newHarness(t, incident(), 120, 40, opts5m())
	h.keys("/")
	if h.d.app.GetFocus() != h.d.find {
		t.Fatal("/ should focus the filter field")
	}
	h.mustShow("find in paths:")
	h.keys("API") // case does not matter
	paths := h.region(h.d.paths)
	if !strings.Contains(paths, "/api/orders") || !strings.Contains(paths, "/api/search") || strings.Contains(paths, "/products") {
		t.Fatalf("while typing API:\n%s", paths)
	}
	// Keys of the key map are text while typing: "s" does not sort.
	h.keys("/s")
	if !strings.Contains(h.region(h.d.paths), "/api/search") || strings.Contains(h.region(h.d.paths), "/api/orders") {
		t.Fatalf("after typing API/s:\n%s", h.region(h.d.paths))
	}
	h.press(tcell.KeyEnter, 0)
	if h.d.app.GetFocus() != h.d.paths {
		t.Fatal("Enter should leave the field for the paths")
	}
	h.mustShow(`find "API/s"`)
	h.mustShow("q:quit")
	h.keys("/")
	h.press(tcell.KeyEsc, 0)
	if paths := h.region(h.d.paths); strings.Contains(paths, "find") || !strings.Contains(paths, "/products") {
		t.Fatalf("Esc in the field should clear the filter:\n%s", paths)
	}
}

func TestSortToggle(t *testing.T) {
	h := newHarness(t, incident(), 120, 40, opts5m())
	first := func() string {
		rows := strings.Split(h.region(h.d.paths), "\n")
		return strings.Fields(strings.Trim(rows[2], "│║ "))[0]
	}
	if got := first(); got != "/" {
		t.Fatalf("by requests, first path %q", got)
	}
	h.keys("s")
	h.mustShow("by errors")
	if got := first(); got != "/api/orders" {
		t.Fatalf("by errors (4xx+5xx), first path %q", got)
	}
	h.keys("s")
	h.mustShow("by requests")
	if got := first(); got != "/" {
		t.Fatalf("back by requests, first path %q", got)
	}
}

func TestWindowCycles(t *testing.T) {
	h := newHarness(t, incident(), 120, 40, opts5m())
	want := []string{"15m", "1h", "all", "1m", "5m"}
	for _, w := range want {
		h.keys("w")
		h.mustShow("Classes · " + w)
		h.mustShow("window " + w)
	}
	// The counts follow the window: 1m holds 97 502s, all input 520.
	h.keys("www") // 5m -> 15m -> 1h -> all
	if !strings.Contains(h.region(h.d.codes), "520") {
		t.Fatalf("all input:\n%s", h.region(h.d.codes))
	}
	h.keys("w") // 1m
	if !strings.Contains(h.region(h.d.codes), "97") {
		t.Fatalf("1m:\n%s", h.region(h.d.codes))
	}
}

func TestPauseFreezesTheSnapshot(t *testing.T) {
	var paused []bool
	o := opts5m()
	o.Pause = func(p bool) { paused = append(paused, p) }
	h := newHarness(t, incident(), 120, 40, o)
	h.keys("p")
	h.mustShow("PAUSED")
	later := incident()
	later.Lines = 99_999
	h.tick(later)
	h.mustNotShow("99,999 lines")
	h.keys("p")
	h.mustNotShow("PAUSED")
	h.mustShow("99,999 lines")
	if len(paused) != 2 || !paused[0] || paused[1] {
		t.Fatalf("Pause calls %v, want [true false]", paused)
	}
}

func TestEmptySnapshot(t *testing.T) {
	h := newHarness(t, &stats.Snapshot{}, 80, 24, opts5m())
	h.mustShow("0 lines")
	h.mustShow("no timestamps yet")
	h.mustShow("Select a code")
	h.keys("jk")
	h.press(tcell.KeyEnter, 0)
	h.mustShow("no code selected")
	h.keys("t")
	h.mustShow("a time range reads the inputs again")
}

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

// Applying the custom range as it opens (the whole input) asks the reading
// side for no range at all, as the header shows none: with an end given,
// it would stop following the input.
func TestCustomRangeOverEverythingIsNoRange(t *testing.T) {
	calls := 0
	var from, to time.Time
	o := opts5m()
	o.SetRange = func(f, t time.Time) error { calls, from, to = calls+1, f, t; return nil }
	h := newHarness(t, incident(), 120, 40, o)
	h.keys("t")
	for range 5 { // down to Custom…
		h.press(tcell.KeyDown, 0)
	}
	h.press(tcell.KeyEnter, 0)
	h.mustShow("Custom time range (UTC)")
	h.press(tcell.KeyTab, 0)
	h.press(tcell.KeyTab, 0) // to Apply
	h.press(tcell.KeyEnter, 0)
	if calls != 1 || !from.IsZero() || !to.IsZero() {
		t.Fatalf("SetRange called %d times, last with %v – %v; want once, with no range", calls, from, to)
	}
	if !h.d.live() || strings.Contains(h.text(), "· range ") {
		t.Errorf("no range, yet the dashboard shows one or is not live:\n%s", h.text())
	}
}

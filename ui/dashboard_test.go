package ui

import (
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
	// Lines read that the filters all left out: the header says so, not
	// that times are still to come.
	h := newHarness(t, &stats.Snapshot{Read: 101}, 80, 24, opts5m())
	h.mustShow("no line matches the filters")
	h = newHarness(t, &stats.Snapshot{Read: 3, Lines: 3, Malformed: 3}, 80, 24, opts5m())
	h.mustShow("no line read has a time")
	h = newHarness(t, &stats.Snapshot{}, 80, 24, opts5m())
	h.mustShow("0 lines")
	h.mustShow("no timestamps yet")
	h.mustShow("Select a code")
	h.keys("jk")
	h.press(tcell.KeyEnter, 0)
	h.mustShow("no code selected")
	h.keys("t")
	h.mustShow("a time range reads the inputs again")
}

package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"

	"github.com/codetop/codetop/stats"
)

// harness drives a Dashboard the way tview's event loop does (input
// capture first, then the focused primitive), but synchronously, and draws
// it on a simulated screen after every step, so tests read exactly the
// cells a terminal would show.
type harness struct {
	t      *testing.T
	d      *Dashboard
	screen tcell.SimulationScreen
	snap   *stats.Snapshot
	w, h   int
}

func newHarness(t *testing.T, snap *stats.Snapshot, w, h int, opts Options) *harness {
	t.Helper()
	screen := tcell.NewSimulationScreen("UTF-8")
	if err := screen.Init(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(screen.Fini)
	screen.SetSize(w, h)
	hs := &harness{t: t, screen: screen, snap: snap, w: w, h: h}
	if opts.Latest == nil {
		opts.Latest = func() *stats.Snapshot { return hs.snap }
	}
	d, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	hs.d = d
	hs.draw()
	hs.draw() // the first draw lays out; the second renders with real sizes
	return hs
}

// draw renders the whole screen, as Application.draw does.
func (h *harness) draw() {
	w, ht := h.screen.Size()
	h.d.resize(w, ht)
	h.d.pages.SetRect(0, 0, w, ht)
	h.screen.Clear()
	h.d.pages.Draw(h.screen)
	h.screen.Show()
}

// tick publishes s (nil: keep the current one) and runs one redraw tick.
func (h *harness) tick(s *stats.Snapshot) {
	if s != nil {
		h.snap = s
	}
	h.d.tick()
	h.draw()
}

func (h *harness) press(k tcell.Key, r rune) {
	ev := tcell.NewEventKey(k, r, tcell.ModNone)
	if ev = h.d.capture(ev); ev != nil {
		if handler := h.d.pages.InputHandler(); handler != nil {
			handler(ev, func(p tview.Primitive) { h.d.app.SetFocus(p) })
		}
	}
	h.draw()
}

func (h *harness) keys(s string) {
	for _, r := range s {
		h.press(tcell.KeyRune, r)
	}
}

func (h *harness) resize(w, ht int) {
	h.screen.SetSize(w, ht)
	h.draw()
}

// lines returns the screen as text, one string per row.
func (h *harness) lines() []string {
	cells, w, ht := h.screen.GetContents()
	out := make([]string, ht)
	for y := 0; y < ht; y++ {
		var b strings.Builder
		for x := 0; x < w; {
			c := cells[y*w+x]
			if len(c.Runes) == 0 {
				b.WriteByte(' ')
				x++
				continue
			}
			b.WriteString(string(c.Runes))
			x += max(1, width(string(c.Runes)))
		}
		out[y] = strings.TrimRight(b.String(), " ")
	}
	return out
}

func (h *harness) text() string { return strings.Join(h.lines(), "\n") }

// region returns the text inside a primitive's rectangle.
func (h *harness) region(p interface{ GetRect() (int, int, int, int) }) string {
	x, y, w, ht := p.GetRect()
	ls := h.lines()
	var out []string
	for row := y; row < y+ht && row < len(ls); row++ {
		r := []rune(ls[row] + strings.Repeat(" ", h.w))
		out = append(out, strings.TrimRight(string(r[min(x, len(r)):min(x+w, len(r))]), " "))
	}
	return strings.Join(out, "\n")
}

func (h *harness) mustShow(sub string) {
	h.t.Helper()
	if !strings.Contains(h.text(), sub) {
		h.t.Fatalf("screen does not show %q:\n%s", sub, h.text())
	}
}

func (h *harness) mustNotShow(sub string) {
	h.t.Helper()
	if strings.Contains(h.text(), sub) {
		h.t.Fatalf("screen shows %q:\n%s", sub, h.text())
	}
}

// cellAt returns the cell at x, y.
func (h *harness) cellAt(x, y int) tcell.SimCell {
	cells, w, _ := h.screen.GetContents()
	return cells[y*w+x]
}

// find returns the position of the first occurrence of sub on screen.
func (h *harness) find(sub string) (x, y int, ok bool) {
	for y, l := range h.lines() {
		if i := strings.Index(l, sub); i >= 0 {
			return len([]rune(l[:i])), y, true
		}
	}
	return 0, 0, false
}

var t0 = time.Date(2026, 11, 20, 14, 0, 0, 0, time.UTC)

package ui

import (
	"strings"
	"testing"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"
)

func TestHelpPage(t *testing.T) {
	h := newHarness(t, incident(), 120, 40, opts5m())
	h.keys("?")
	h.mustShow("codetop keys")
	h.keys("j") // ignored while the help is open
	h.press(tcell.KeyEsc, 0)
	h.mustNotShow("codetop keys")
	if !strings.Contains(h.region(h.d.explain), "500 Internal") {
		t.Fatal("j moved the selection under the help page")
	}
	h.keys("?")
	h.keys("?")
	h.mustNotShow("codetop keys")
}

// On an 80x24 terminal the help fits whole: every line and its border.
func TestHelpFitsAnEightyColumnTerminal(t *testing.T) {
	h := newHarness(t, incident(), 80, 24, opts5m())
	h.keys("?")
	for _, want := range []string{"║codetop keys", "(again: all)", "(Esc clears it)", "the wheel scrolls.", "╔═"} {
		h.mustShow(want)
	}
	if w := helpWidth(helpPage(h.d.keys)); w > 80 {
		t.Errorf("the help needs %d columns", w)
	}
}

func TestQuitKeys(t *testing.T) {
	for _, k := range []*tcell.EventKey{
		tcell.NewEventKey(tcell.KeyRune, 'q', tcell.ModNone),
		tcell.NewEventKey(tcell.KeyCtrlC, 0, tcell.ModCtrl),
	} {
		h := newHarness(t, incident(), 80, 24, opts5m())
		quit := false
		h.d.cancel = func() { quit = true }
		h.d.capture(k)
		if !quit {
			t.Errorf("%s does not quit", k.Name())
		}
	}
	// Ctrl-C quits even while typing a filter.
	h := newHarness(t, incident(), 80, 24, opts5m())
	quit := false
	h.d.cancel = func() { quit = true }
	h.keys("/")
	h.d.capture(tcell.NewEventKey(tcell.KeyCtrlC, 0, tcell.ModCtrl))
	if !quit {
		t.Error("Ctrl-C does not quit from the filter field")
	}
}

// Every key of the key map is on the help page and every key the help page
// names is in the key map; the help line shows every hinted binding where
// there is room, and always the way to help and out.
func TestKeyMapAndHelpAgree(t *testing.T) {
	h := newHarness(t, incident(), 120, 40, opts5m())
	h.keys("?")
	var page []string
	for _, l := range strings.Split(h.region(h.d.helpView), "\n") {
		page = append(page, strings.TrimSpace(strings.Trim(l, "│║")))
	}
	bound := map[string]bool{}
	for _, b := range h.d.keys {
		for _, k := range b.keys {
			bound[k.name()] = true
		}
	}
	listed := map[string]bool{}
	for _, l := range page {
		cols := strings.SplitN(l, "  ", 2)
		if len(cols) < 2 || strings.TrimSpace(cols[1]) == "" {
			continue
		}
		for _, name := range strings.Fields(cols[0]) {
			listed[name] = true
			if !bound[name] {
				t.Errorf("the help page names %q, which no binding has", name)
			}
		}
	}
	for name := range bound {
		if !listed[name] {
			t.Errorf("key %q is bound but not on the help page", name)
		}
	}
	if len(listed) < 15 {
		t.Fatalf("only %d keys read from the help page:\n%s", len(listed), strings.Join(page, "\n"))
	}

	// The help line at 120 columns: each hinted binding's first key and hint.
	h.keys("?")
	last := h.lines()[39]
	for _, b := range h.d.keys {
		if b.hint != "" && !strings.Contains(last, b.keys[0].name()+":"+b.hint) {
			t.Errorf("help line lacks %s:%s: %q", b.keys[0].name(), b.hint, last)
		}
	}
	// Narrow: it fits and keeps help and quit.
	plain, _ := shown(t, helpLine(h.d.keys, 40, "[::b]"), 80)
	if w := width(plain); w > 40 {
		t.Errorf("help line at 40 columns is %d wide: %q", w, plain)
	}
	if !strings.Contains(plain, "?:help") || !strings.Contains(plain, "q:quit") {
		t.Errorf("narrow help line %q", plain)
	}
}

// A double click on a code filters the paths by it, as Enter does. (tview
// tells a double click from two clicks by the time between them, which a
// loaded test machine cannot promise, so the action is given directly.)
func TestDoubleClickOnCodeFilters(t *testing.T) {
	h := newHarness(t, incident(), 120, 40, opts5m())
	x, y, ok := h.find("429  Too Many")
	if !ok {
		t.Fatalf("no 429 row:\n%s", h.text())
	}
	capture := h.d.codes.GetMouseCapture()
	ev := tcell.NewEventMouse(x+1, y, tcell.Button1, tcell.ModNone)
	if action, _ := capture(tview.MouseLeftDoubleClick, ev); action != tview.MouseConsumed {
		t.Fatalf("double click not handled: %v", action)
	}
	h.draw()
	if paths := h.region(h.d.paths); !strings.Contains(paths, "code 429") || strings.Contains(paths, "/api/orders") {
		t.Fatalf("after a double click on 429:\n%s", paths)
	}
}

// While a dialog is open, clicks beside it do not reach the panes behind.
func TestMouseStaysOnAnOpenDialog(t *testing.T) {
	h := newHarness(t, incident(), 120, 40, opts5m())
	x, y, _ := h.find("/api/orders")
	ev := tcell.NewEventMouse(x, y, tcell.Button1, tcell.ModNone)
	if got, _ := h.d.captureMouse(ev, tview.MouseLeftDown); got == nil {
		t.Fatal("with no dialog open, a click must go through")
	}
	h.keys("?")
	if got, _ := h.d.captureMouse(ev, tview.MouseLeftDown); got != nil {
		t.Fatal("a click beside the help page went through to the paths")
	}
	hx, hy, _, _ := h.d.helpView.GetRect()
	in := tcell.NewEventMouse(hx+2, hy+2, tcell.Button1, tcell.ModNone)
	if got, _ := h.d.captureMouse(in, tview.MouseLeftDown); got == nil {
		t.Fatal("a click on the help page itself was dropped")
	}
}

// A click anywhere on a pane, its border and the empty space below its
// rows included, is handled: tview asks the table for cells outside it
// (row -1), which must not take the dashboard down.
func TestClicksOutsideTheRowsAreHarmless(t *testing.T) {
	h := newHarness(t, incident(), 120, 40, opts5m())
	handler := h.d.pages.MouseHandler()
	for _, tb := range []*tview.Table{h.d.codes, h.d.paths, h.d.spikes} {
		x, y, w, ht := tb.GetRect()
		for _, p := range [][2]int{{x + w/2, y}, {x + w/2, y + ht - 1}, {x + w/2, y + ht - 2}, {x, y + 1}, {x + w - 1, y + ht/2}} {
			ev := tcell.NewEventMouse(p[0], p[1], tcell.Button1, tcell.ModNone)
			for _, action := range []tview.MouseAction{tview.MouseLeftDown, tview.MouseLeftUp, tview.MouseLeftClick, tview.MouseLeftDoubleClick, tview.MouseScrollDown} {
				handler(action, ev, func(p tview.Primitive) { h.d.app.SetFocus(p) })
			}
			h.draw()
		}
	}
	h.mustShow("Codes")
}

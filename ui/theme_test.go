package ui

import (
	"strings"
	"testing"

	"github.com/gdamore/tcell/v2"
)

// With NO_COLOR set (to anything), no cell has a colour, and what colour
// would say is still on screen: the banner and the live spike rows are in
// reverse video.
func TestNoColor(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	h := newHarness(t, incident(), 120, 40, opts5m())
	cells, w, _ := h.screen.GetContents()
	for i, c := range cells {
		fg, bg, _ := c.Style.Decompose()
		if fg != tcell.ColorDefault || bg != tcell.ColorDefault {
			t.Fatalf("cell (%d,%d) %q has colours %v on %v with NO_COLOR", i%w, i/w, string(c.Runes), fg, bg)
		}
	}
	x, y, ok := h.find("▲ SPIKE")
	if !ok {
		t.Fatal("no banner")
	}
	if _, _, attr := h.cellAt(x+2, y).Style.Decompose(); attr&tcell.AttrReverse == 0 {
		t.Error("the spike banner is not in reverse video without colours")
	}
	x, y, ok = h.find("▲ LIVE")
	if !ok {
		t.Fatal("no live spike row")
	}
	if _, _, attr := h.cellAt(x+2, y).Style.Decompose(); attr&tcell.AttrReverse == 0 {
		t.Error("a live spike row is not marked without colours")
	}
}

// The colour theme uses only the 16 ANSI colours, which tcell maps onto
// the 8 of an old terminal, and states never rely on colour alone.
func TestColoursAreBasic(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	h := newHarness(t, incident(), 120, 40, opts5m())
	cells, _, _ := h.screen.GetContents()
	used := map[tcell.Color]bool{}
	for _, c := range cells {
		fg, bg, _ := c.Style.Decompose()
		used[fg], used[bg] = true, true
	}
	for c := range used {
		if c != tcell.ColorDefault && (c < tcell.ColorBlack || c > tcell.ColorWhite) {
			t.Errorf("colour %v is not one of the 16 ANSI colours", c)
		}
	}
	if !used[tcell.ColorMaroon] {
		t.Error("the spike banner lost its colour")
	}
	if !strings.Contains(h.text(), "▲ SPIKE") || !strings.Contains(h.text(), "▲ LIVE") {
		t.Error("spikes must be marked in text too, not by colour alone")
	}
}

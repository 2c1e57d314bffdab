package ui

import (
	"strings"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"
)

// key is one key press: a special key, or a rune (Key == tcell.KeyRune).
type key struct {
	k tcell.Key
	r rune
}

func special(k tcell.Key) key { return key{k: k} }
func char(r rune) key         { return key{k: tcell.KeyRune, r: r} }

// name is how the help shows a key.
func (k key) name() string {
	if k.k == tcell.KeyRune {
		return string(k.r)
	}
	switch k.k {
	case tcell.KeyTab:
		return "Tab"
	case tcell.KeyBacktab:
		return "Shift-Tab"
	case tcell.KeyUp:
		return "↑"
	case tcell.KeyDown:
		return "↓"
	case tcell.KeyPgUp:
		return "PgUp"
	case tcell.KeyPgDn:
		return "PgDn"
	case tcell.KeyEnter:
		return "Enter"
	case tcell.KeyEsc:
		return "Esc"
	case tcell.KeyCtrlC:
		return "Ctrl-C"
	}
	return tcell.KeyNames[k.k]
}

// binding is one entry of the key map: the keys, the words the help line
// and the help page show, and the action. The help line and the help page
// are generated from this table, so they cannot drift from what the keys do.
type binding struct {
	keys []key
	hint string // the help line's word; "" keeps it to the help page
	help string // the help page's sentence
	do   func(d *Dashboard)
	// look is set for keys that do not choose what the panes show
	// (focus, window, range, help, pause, quit; moves, which say so
	// themselves when they move a selection): the others mean the user
	// takes over, and the dashboard stops following the spike.
	look bool
}

// keyMap returns the dashboard's bindings, in the order the help shows them.
func keyMap() []binding {
	return []binding{
		{[]key{special(tcell.KeyTab)}, "pane", "move the focus to the next pane", (*Dashboard).focusNext, true},
		{[]key{special(tcell.KeyBacktab)}, "", "move the focus to the previous pane", (*Dashboard).focusPrev, true},
		{[]key{char('j'), special(tcell.KeyDown)}, "", "move down in the focused pane", func(d *Dashboard) { d.move(1) }, true},
		{[]key{char('k'), special(tcell.KeyUp)}, "", "move up in the focused pane", func(d *Dashboard) { d.move(-1) }, true},
		{[]key{special(tcell.KeyPgDn)}, "", "move down a page", func(d *Dashboard) { d.move(pageStep) }, true},
		{[]key{special(tcell.KeyPgUp)}, "", "move up a page", func(d *Dashboard) { d.move(-pageStep) }, true},
		{[]key{special(tcell.KeyEnter)}, "by code", "show only paths with the selected code (again: all)", (*Dashboard).filterByCode, false},
		{[]key{char('/')}, "find", "show only paths containing a text (Esc clears it)", (*Dashboard).startFind, false},
		{[]key{special(tcell.KeyEsc)}, "", "show all paths again, by requests", (*Dashboard).clearFilters, false},
		{[]key{char('s')}, "sort", "sort the paths by requests or by errors", (*Dashboard).toggleSort, false},
		{[]key{char('w')}, "window", "cycle the rate window: 1m, 5m, 15m, 1h, all", (*Dashboard).cycleWindow, true},
		{[]key{char('t')}, "range", "pick a time range to look at (the inputs are read again)", (*Dashboard).pickRange, true},
		{[]key{char('p')}, "pause", "freeze the screen on the current snapshot, or resume", (*Dashboard).togglePause, true},
		{[]key{char('?')}, "help", "show or hide this help", (*Dashboard).toggleHelp, true},
		{[]key{char('q'), special(tcell.KeyCtrlC)}, "quit", "quit", (*Dashboard).quit, true},
	}
}

// pageStep is how far PgUp and PgDn move.
const pageStep = 10

// lookup finds the binding of an event, or nil.
func lookup(m []binding, ev *tcell.EventKey) *binding {
	k := key{k: ev.Key()}
	if k.k == tcell.KeyRune {
		k.r = ev.Rune()
	}
	for i := range m {
		for _, bk := range m[i].keys {
			if bk == k {
				return &m[i]
			}
		}
	}
	return nil
}

// helpLine is the one-line summary at the bottom of the screen, with tview
// tags for the theme: the first key and the hint of each binding that has
// a hint (the help page lists every key). When
// the line is too narrow, hints are dropped from the right, keeping the
// last two (help and quit) so that the way out is always shown.
func helpLine(m []binding, cols int, keyTag string) string {
	type part struct{ key, word string }
	var parts []part
	for i := range m {
		b := &m[i]
		if b.hint == "" {
			continue
		}
		parts = append(parts, part{b.keys[0].name(), b.hint})
	}
	render := func(ps []part) (string, int) {
		var b strings.Builder
		w := 0
		for i, p := range ps {
			if i > 0 {
				b.WriteString(" ")
				w++
			}
			b.WriteString(keyTag + tview.Escape(p.key) + "[-:-:-]:" + p.word)
			w += width(p.key) + 1 + width(p.word)
		}
		return b.String(), w
	}
	for len(parts) > 2 {
		if s, w := render(parts); w <= cols {
			return s
		}
		parts = append(parts[:len(parts)-3], parts[len(parts)-2:]...)
	}
	s, _ := render(parts)
	return s
}

// helpWidth is the width of the help dialog: its longest line, and the
// border and a space on each side.
func helpWidth(page string) int {
	w := 0
	for _, l := range strings.Split(page, "\n") {
		w = max(w, width(l))
	}
	return w + 4
}

// helpPage is the full list of keys, one binding per line, generated from
// the key map.
func helpPage(m []binding) string {
	var b strings.Builder
	b.WriteString("codetop keys\n\n")
	for i := range m {
		names := make([]string, 0, len(m[i].keys))
		for _, k := range m[i].keys {
			names = append(names, k.name())
		}
		l := strings.Join(names, " ")
		b.WriteString("  ")
		b.WriteString(l)
		b.WriteString(strings.Repeat(" ", max(2, 14-width(l))))
		b.WriteString(m[i].help)
		b.WriteString("\n")
	}
	b.WriteString("\nMouse: click a pane to focus it and a row to select it; the wheel scrolls.\n")
	b.WriteString("Press ? or Esc to close this help.\n")
	return b.String()
}

package ui

import (
	"github.com/codetop/codetop/stats"
	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"
)

// The screen, top to bottom:
//
//	header   3 lines: inputs and counts; span, window, state; spike banner
//	body     left: classes, codes, explanation | right: paths, spikes
//	footer   1 line: the keys (or the path filter being typed)
//
// At 80x24 every pane keeps a few rows; larger terminals give the extra
// room to the tables. Sizes follow the terminal on every draw, so a resize
// needs nothing more.

const (
	headerRows = 3
	minLeft    = 38
	maxLeft    = 64
)

func (d *Dashboard) build() {
	d.header = tview.NewTextView().SetDynamicColors(true).SetWrap(false)

	d.classes = tview.NewBox().SetBorder(true)
	d.classes.SetDrawFunc(d.drawClasses)

	d.codeGrid = &grid[codeRow]{cols: codeColumns(d), head: d.theme.head}
	d.codes = d.newTable(d.codeGrid)
	d.codes.SetSelectionChangedFunc(d.codeSelected)
	d.codes.SetMouseCapture(d.doubleClickFilters(d.codes))

	d.pathGrid = &grid[pathRow]{cols: pathColumns(d), head: d.theme.head}
	d.paths = d.newTable(d.pathGrid)

	d.spikeGrid = &grid[stats.Spike]{cols: spikeColumns(d), head: d.theme.head}
	d.spikes = d.newTable(d.spikeGrid)
	d.spikes.SetSelectionChangedFunc(func(int, int) { d.userSelected() })
	d.spikes.SetMouseCapture(d.doubleClickFilters(d.spikes))

	d.explain = tview.NewTextView().SetDynamicColors(true).SetWordWrap(true)
	d.explain.SetBorder(true)

	d.keyLine = tview.NewTextView().SetDynamicColors(true).SetWrap(false)
	d.find = tview.NewInputField().SetLabel("find in paths: ").SetFieldStyle(d.theme.field)
	d.find.SetChangedFunc(func(text string) {
		d.choice.text = text
		d.refreshPaths()
	})
	d.find.SetDoneFunc(d.findDone)
	d.footer = tview.NewPages().
		AddPage("keys", d.keyLine, true, true).
		AddPage("find", d.find, true, false)

	d.left = tview.NewFlex().SetDirection(tview.FlexRow).
		AddItem(d.classes, 7, 0, false).
		AddItem(d.codes, 0, 3, true).
		AddItem(d.explain, 0, 2, false)
	d.right = tview.NewFlex().SetDirection(tview.FlexRow).
		AddItem(d.paths, 0, 3, false).
		AddItem(d.spikes, 0, 2, false)
	d.body = tview.NewFlex().
		AddItem(d.left, minLeft, 0, true).
		AddItem(d.right, 0, 1, false)
	main := tview.NewFlex().SetDirection(tview.FlexRow).
		AddItem(d.header, headerRows, 0, false).
		AddItem(d.body, 0, 1, true).
		AddItem(d.footer, 1, 0, false)

	d.helpView = tview.NewTextView().SetText(helpPage(d.keys)).SetWrap(false)
	d.helpView.SetBorder(true).SetTitle(" Help ")
	d.pages = tview.NewPages().
		AddPage("main", main, true, true)
	d.addDialog("help", d.helpView, helpWidth(helpPage(d.keys)), len(d.keys)+8, false)
	d.buildRange()

	d.ring = []tview.Primitive{d.codes, d.paths, d.spikes, d.explain}
	d.app.SetRoot(d.pages, true).SetFocus(d.codes)
	d.app.SetInputCapture(d.capture)
	d.app.SetMouseCapture(d.captureMouse)
	d.app.SetBeforeDrawFunc(func(screen tcell.Screen) bool {
		w, h := screen.Size()
		d.resize(w, h)
		return false
	})
	d.resize(80, 24)
}

// newTable returns a bordered, row-selectable table over content g.
func (d *Dashboard) newTable(g tview.TableContent) *tview.Table {
	t := tview.NewTable().SetContent(g).SetFixed(1, 0).SetSelectable(true, false)
	t.SetSelectedStyle(d.theme.selected)
	t.SetBorder(true)
	return t
}

// doubleClickFilters makes a double click on a row of t select it and
// filter the paths by its code, as Enter does.
func (d *Dashboard) doubleClickFilters(t *tview.Table) func(tview.MouseAction, *tcell.EventMouse) (tview.MouseAction, *tcell.EventMouse) {
	return func(action tview.MouseAction, ev *tcell.EventMouse) (tview.MouseAction, *tcell.EventMouse) {
		if action != tview.MouseLeftDoubleClick || !t.InRect(ev.Position()) {
			return action, ev
		}
		if row, _ := t.CellAt(ev.Position()); row >= 1 && row < t.GetRowCount() {
			d.app.SetFocus(t)
			t.Select(row, 0)
			d.filterByCode()
		}
		return tview.MouseConsumed, nil
	}
}

// dialog is a primitive shown centred over the screen (help, time range)
// at its own size, or at the screen's when that is smaller: a fixed size
// wider than the terminal would push its left edge off the screen.
type dialog struct {
	row, column *tview.Flex
	p           tview.Primitive
	w, h        int
}

// addDialog shows p as page name, centred at w x h.
func (d *Dashboard) addDialog(name string, p tview.Primitive, w, h int, visible bool) {
	g := &dialog{p: p, w: w, h: h}
	g.column = tview.NewFlex().SetDirection(tview.FlexRow).
		AddItem(nil, 0, 1, false).
		AddItem(p, h, 0, true).
		AddItem(nil, 0, 1, false)
	g.row = tview.NewFlex().
		AddItem(nil, 0, 1, false).
		AddItem(g.column, w, 0, true).
		AddItem(nil, 0, 1, false)
	if d.dialogs == nil {
		d.dialogs = map[string]*dialog{}
	}
	d.dialogs[name] = g
	g.fit(d.screenW, d.screenH)
	d.pages.AddPage(name, g.row, true, visible)
}

// fit shrinks the dialog to a screen of w x h (0: not known yet).
func (g *dialog) fit(w, h int) {
	if w <= 0 || h <= 0 {
		w, h = g.w, g.h
	}
	g.row.ResizeItem(g.column, min(g.w, w), 0)
	g.column.ResizeItem(g.p, min(g.h, h), 0)
}

// resize lays the panes out for a w x h screen and lets each table choose
// the columns that fit its width.
func (d *Dashboard) resize(w, h int) {
	if w != d.screenW || h != d.screenH {
		// A table whose rows all fitted tracks its end (see keepSelection):
		// made smaller, it would scroll to its lightest rows.
		for _, t := range []*tview.Table{d.codes, d.paths, d.spikes} {
			t.SetOffset(t.GetOffset())
		}
	}
	d.screenW, d.screenH = w, h
	for _, g := range d.dialogs {
		g.fit(w, h)
	}
	left := min(max(w*45/100, minLeft), maxLeft)
	d.body.ResizeItem(d.left, left, 0)
	classH := len(d.classRows) + 2
	d.left.ResizeItem(d.classes, classH, 0)
	// Tables take the rows they need (border, heading, rows), up to a share
	// of the column; the explanation and the paths take the rest.
	bodyH := h - headerRows - 1
	d.left.ResizeItem(d.codes, min(max(len(d.codeGrid.rows)+3, 5), max(5, (bodyH-classH)*3/5)), 0)
	d.right.ResizeItem(d.spikes, min(max(len(d.spikeGrid.rows)+3, 5), max(5, bodyH*2/5)), 0)
	fitTable(d.codes, d.codeGrid, left-2)
	fitTable(d.paths, d.pathGrid, w-left-2)
	fitTable(d.spikes, d.spikeGrid, w-left-2)
	if _, _, ew, _ := d.explain.GetInnerRect(); ew > 0 {
		d.renderExplain(ew)
	}
	d.renderHeader()
	d.renderFooter()
}

// fitTable chooses t's columns for an inner width of w, measuring the rows
// it shows (from its last draw; a row more or less does not matter).
func fitTable[R any](t *tview.Table, g *grid[R], w int) {
	_, _, _, h := t.GetInnerRect()
	off, _ := t.GetOffset()
	g.fit(w, off, max(h, 50))
}

// focusNext and focusPrev move the focus around the panes; the position is
// taken from the focused pane, so a mouse click is followed too.
func (d *Dashboard) focusNext() { d.focusStep(1) }
func (d *Dashboard) focusPrev() { d.focusStep(-1) }

func (d *Dashboard) focusStep(step int) {
	cur := d.app.GetFocus()
	i := 0
	for j, p := range d.ring {
		if p == cur {
			i = j
		}
	}
	i = (i + step + len(d.ring)) % len(d.ring)
	d.app.SetFocus(d.ring[i])
}

// move moves the selection of the focused table, or scrolls the
// explanation.
func (d *Dashboard) move(delta int) {
	switch p := d.app.GetFocus().(type) {
	case *tview.Table:
		row, _ := p.GetSelection()
		n := p.GetRowCount() - 1
		if n < 1 {
			return
		}
		d.userMoved = true
		p.Select(min(max(row+delta, 1), n), 0)
	case *tview.TextView:
		row, col := p.GetScrollOffset()
		p.ScrollTo(max(row+delta, 0), col)
	}
}

// captureMouse keeps the mouse on an open dialog (help, time range): a
// click beside it must not move the focus to a pane behind it.
func (d *Dashboard) captureMouse(ev *tcell.EventMouse, action tview.MouseAction) (*tcell.EventMouse, tview.MouseAction) {
	for _, m := range []struct {
		page string
		p    tview.Primitive
	}{{"help", d.helpView}, {"range", d.rangeList}, {"rangeform", d.rangeForm}} {
		if d.pages.HasPage(m.page) && d.isShown(m.page) {
			if x, y := ev.Position(); !inRect(m.p, x, y) {
				return nil, action
			}
		}
	}
	return ev, action
}

func (d *Dashboard) isShown(page string) bool {
	for _, name := range d.pages.GetPageNames(true) {
		if name == page {
			return true
		}
	}
	return false
}

func inRect(p tview.Primitive, x, y int) bool {
	rx, ry, w, h := p.GetRect()
	return x >= rx && x < rx+w && y >= ry && y < ry+h
}

// capture routes key presses through the key map. While a text field or
// the range picker has the focus, keys go to it (only Ctrl-C still quits);
// while the help is open, only the keys that close it or quit work.
func (d *Dashboard) capture(ev *tcell.EventKey) *tcell.EventKey {
	if ev.Key() == tcell.KeyCtrlC {
		d.quit()
		return nil
	}
	switch d.app.GetFocus().(type) {
	case *tview.List:
		// The range list moves with j and k too, as the panes do.
		if ev.Key() == tcell.KeyRune && (ev.Rune() == 'j' || ev.Rune() == 'k') {
			k := tcell.KeyDown
			if ev.Rune() == 'k' {
				k = tcell.KeyUp
			}
			return tcell.NewEventKey(k, 0, tcell.ModNone)
		}
		return ev
	case *tview.InputField, *tview.Button:
		return ev
	}
	b := lookup(d.keys, ev)
	if d.help {
		switch {
		case ev.Key() == tcell.KeyEsc, b != nil && (b.hint == "help" || b.hint == "quit"):
			if b != nil && b.hint == "quit" {
				d.quit()
			} else {
				d.toggleHelp()
			}
		}
		return nil
	}
	if b == nil {
		return ev
	}
	if !b.look {
		d.userMoved = true
	}
	b.do(d)
	return nil
}

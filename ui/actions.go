package ui

import (
	"github.com/gdamore/tcell/v2"

	"github.com/codetop/codetop/stats"
)

// The actions of the key map. They run on the event loop (key handlers):
// they change the dashboard's state directly and never queue updates (tview
// redraws after every handled key).

// filterByCode shows only the paths with the selected code; pressed again
// on the same code, it shows all paths. On the spikes pane it takes the
// code of the selected spike.
func (d *Dashboard) filterByCode() {
	d.userMoved = true
	code := d.selCode
	if d.app.GetFocus() == d.spikes {
		row, _ := d.spikes.GetSelection()
		if row < 1 || row > len(d.spikeGrid.rows) {
			return
		}
		c, _ := spikeCode(d.spikeGrid.rows[row-1])
		if c < 0 {
			return
		}
		code = c
		d.selCode = c
		d.refresh()
	}
	if code < 0 {
		d.flash("no code selected: move to one in the codes pane first")
		return
	}
	if d.choice.codeFilter == code {
		d.choice.codeFilter = -1
		d.choice.sort = byRequests
	} else {
		d.choice.codeFilter = code
		d.choice.sort = byErrors
	}
	d.refreshPaths()
}

// startFind opens the path filter in the footer.
func (d *Dashboard) startFind() {
	d.beforeFind = d.app.GetFocus()
	d.find.SetText(d.choice.text)
	d.footer.SwitchToPage("find")
	d.app.SetFocus(d.find)
}

// findDone closes the path filter: Enter keeps the text, Esc clears it.
func (d *Dashboard) findDone(k tcell.Key) {
	if k == tcell.KeyEsc {
		d.find.SetText("") // calls the changed func, which refreshes
	}
	d.footer.SwitchToPage("keys")
	d.renderFooter()
	d.app.SetFocus(d.paths)
}

// clearFilters drops the code and text filters on the paths.
func (d *Dashboard) clearFilters() {
	d.userMoved = true
	d.choice.codeFilter = -1
	d.choice.text = ""
	d.choice.sort = byRequests
	d.refreshPaths()
}

func (d *Dashboard) toggleSort() {
	if d.choice.sort == byRequests {
		d.choice.sort = byErrors
	} else {
		d.choice.sort = byRequests
	}
	d.refreshPaths()
}

// cycleWindow moves to the next of stats.StandardWindows.
func (d *Dashboard) cycleWindow() {
	ws := stats.StandardWindows
	next := ws[0]
	for i, w := range ws {
		if w == d.choice.window {
			next = ws[(i+1)%len(ws)]
		}
	}
	d.choice.window = next
	d.refresh()
}

// togglePause freezes the screen on the snapshot it shows, or resumes.
func (d *Dashboard) togglePause() {
	d.paused = !d.paused
	if d.opts.Pause != nil {
		d.opts.Pause(d.paused)
	}
	if !d.paused {
		d.rangeLoading = false
		if s := d.opts.Latest(); s != nil {
			d.adopt(s)
		}
	}
	d.renderHeader()
}

func (d *Dashboard) toggleHelp() {
	d.help = !d.help
	if d.help {
		d.beforeHelp = d.app.GetFocus()
		d.pages.ShowPage("help")
		return
	}
	d.pages.HidePage("help")
	if d.beforeHelp != nil {
		d.app.SetFocus(d.beforeHelp)
	}
}

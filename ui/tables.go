package ui

import (
	"strconv"
	"strings"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"

	"github.com/codetop/codetop/codes"
	"github.com/codetop/codetop/stats"
	"github.com/codetop/codetop/units"
)

// setSnapshot makes s the snapshot on screen and rebuilds every pane's rows
// from it.
func (d *Dashboard) setSnapshot(s *stats.Snapshot) {
	if s == nil {
		s = &stats.Snapshot{}
	}
	d.snap = s
	if d.rangeFrom.IsZero() && d.rangeTo.IsZero() {
		d.fullFirst, d.fullLast = s.First, s.Last
		d.fullSpikes, d.fullSpikesTo = s.Spikes, s.Last
		if d.before == nil {
			d.fullSnap = s
		}
	} else if s.Last.After(d.fullLast) {
		// A range open at its end follows the input: the input has grown
		// by as much, and "the last 15m" is counted from its new end.
		d.fullLast = s.Last
	}
	if d.opts.FollowSpikes {
		d.followSpike(s)
	}
	d.refresh()
}

// followSpike selects the code of the snapshot's leading spike and shows
// the paths that carry it, until the user takes over; a new spike is
// followed again, whatever the user did about the one before. When no
// spike is active, the paths filter the following set goes, unless the
// user chose another since.
func (d *Dashboard) followSpike(s *stats.Snapshot) {
	sp, _, ok := leadSpike(s)
	code := -1
	if ok {
		code, _ = spikeCode(sp)
	}
	switch {
	case code >= 0:
		// A spike not seen before is a new incident: followed even if the
		// user took over from an earlier one. Two spikes taking turns as
		// the leading one are not new each time.
		if key := sp.Kind + " " + sp.Start.String(); !d.followSeen[key] {
			if d.followSeen == nil {
				d.followSeen = map[string]bool{}
			}
			d.followSeen[key], d.userMoved = true, false
		}
		if d.userMoved {
			return
		}
		d.selCode = code
		d.choice.codeFilter = code
		d.choice.sort = byErrors
		d.followed = code
	case !ok && d.followed >= 0:
		if d.choice.codeFilter == d.followed {
			// All the paths again; the code stays explained.
			d.choice.codeFilter = -1
			d.choice.sort = byRequests
		}
		d.followed = -1
	}
}

// refresh recomputes every pane from the current snapshot and choices.
func (d *Dashboard) refresh() {
	s := d.snap
	d.classRows = classRows(s, d.choice.window)
	d.classes.SetTitle(" Classes · " + windowName(d.choice.window) + " ")

	d.codeGrid.rows = codeRows(s, d.choice.window)
	d.codes.SetTitle(" Codes · " + windowName(d.choice.window) + " ")
	d.keepSelection(d.codes, len(d.codeGrid.rows), func(i int) bool { return d.codeGrid.rows[i].code == d.selCode })
	if row, _ := d.codes.GetSelection(); row >= 1 && row <= len(d.codeGrid.rows) {
		d.selCode = d.codeGrid.rows[row-1].code
	}

	d.refreshPaths()
	d.refreshSpikes()
	d.explained = "" // the counts in it changed
	if _, _, w, _ := d.explain.GetInnerRect(); w > 0 {
		d.renderExplain(w)
	}
	d.renderHeader()
}

func (d *Dashboard) refreshPaths() {
	var prev string
	if row, _ := d.paths.GetSelection(); row >= 1 && row <= len(d.pathGrid.rows) {
		prev = d.pathGrid.rows[row-1].path
	}
	d.pathGrid.rows = pathRows(d.snap, d.choice)
	d.pathGrid.cols = pathColumns(d)
	_, _, w, _ := d.paths.GetInnerRect()
	fitTable(d.paths, d.pathGrid, max(w, 20))
	d.keepSelection(d.paths, len(d.pathGrid.rows), func(i int) bool { return d.pathGrid.rows[i].path == prev })
	title := " Paths · "
	if d.rangeFrom.IsZero() && d.rangeTo.IsZero() {
		title += "all input"
	} else {
		title += "range"
	}
	if d.choice.codeFilter >= 0 {
		title += " · code " + codes.Label(d.choice.codeFilter)
	}
	if d.choice.text != "" {
		title += " · find \"" + Sanitize(d.choice.text, 20) + "\""
	}
	if d.choice.sort == byErrors {
		if d.choice.codeFilter >= 0 {
			title += " · by " + codes.Label(d.choice.codeFilter)
		} else {
			title += " · by errors"
		}
	} else {
		title += " · by requests"
	}
	d.paths.SetTitle(title + " ")
}

func (d *Dashboard) refreshSpikes() {
	var prev stats.Spike
	if row, _ := d.spikes.GetSelection(); row >= 1 && row <= len(d.spikeGrid.rows) {
		prev = d.spikeGrid.rows[row-1]
	}
	d.spikeGrid.rows = spikeRows(d.snap)
	d.spikeGrid.cols = spikeColumns(d) // the start column needs dates or not
	_, _, w, _ := d.spikes.GetInnerRect()
	fitTable(d.spikes, d.spikeGrid, max(w, 20))
	d.keepSelection(d.spikes, len(d.spikeGrid.rows), func(i int) bool {
		r := d.spikeGrid.rows[i]
		return r.Kind == prev.Kind && r.Start.Equal(prev.Start)
	})
	active := len(d.snap.ActiveSpikes())
	state := " active · "
	if !d.live() {
		state = " going at the end · "
	}
	d.spikes.SetTitle(" Spikes · " + strconv.Itoa(active) + state +
		strconv.Itoa(len(d.spikeGrid.rows)-active) + " ended ")
}

// live reports whether a spike active in the snapshot is going on now:
// the input is followed (or replayed) and the range shown is open at its
// end. Otherwise it went on up to the end of what is shown, and may have
// ended since.
func (d *Dashboard) live() bool {
	return !d.opts.NoFollow && d.rangeTo.IsZero() && (d.opts.Ended == nil || !d.opts.Ended())
}

// spikeSince says when an active spike began: "since 14:30:00" while live,
// "from 14:30:00 to the end" otherwise.
func (d *Dashboard) spikeSince(sp *stats.Spike) string {
	if !d.live() {
		return "from " + clock(sp.Start, false) + " to the end"
	}
	return "since " + clock(sp.Start, false)
}

// keepSelection selects the row matching same (the one selected before the
// rows changed), or the first row.
func (d *Dashboard) keepSelection(t *tview.Table, n int, same func(i int) bool) {
	d.selecting = true
	defer func() { d.selecting = false }()
	// A table drawn with fewer rows than its height starts tracking its
	// end (tview keeps the last rows in view as rows are added, as for a
	// log). Ours fill up as a load goes on, and would open scrolled to
	// their lightest rows; setting the offset again stops the tracking and
	// keeps where the user scrolled to.
	t.SetOffset(t.GetOffset())
	for i := 0; i < n; i++ {
		if same(i) {
			t.Select(i+1, 0)
			return
		}
	}
	if n > 0 {
		row, _ := t.GetSelection()
		t.Select(min(max(row, 1), n), 0)
	} else {
		t.Select(0, 0)
	}
}

// codeSelected follows the codes table's selection (keys or mouse) into
// the explanation.
func (d *Dashboard) codeSelected(row, _ int) {
	if row < 1 {
		if len(d.codeGrid.rows) > 0 && !d.selecting {
			d.codes.Select(1, 0)
		}
		return
	}
	if row > len(d.codeGrid.rows) {
		return
	}
	d.userSelected()
	if c := d.codeGrid.rows[row-1].code; c != d.selCode {
		d.selCode = c
		if _, _, w, _ := d.explain.GetInnerRect(); w > 0 {
			d.renderExplain(w)
		}
	}
}

// userSelected notes that the user moved a selection (with the mouse, say):
// from then on the dashboard stops following spikes on its own.
func (d *Dashboard) userSelected() {
	if !d.selecting {
		d.userMoved = true
	}
}

func codeColumns(d *Dashboard) []column[codeRow] {
	t := d.theme
	return []column[codeRow]{
		{title: "code", width: 4, prio: 0, left: true, cell: func(r *codeRow, w int) (string, tcell.Style) {
			return codes.Label(r.code), t.classStyle(classOf(r.code))
		}},
		{title: "name", width: 8, flex: true, left: true, cell: func(r *codeRow, w int) (string, tcell.Style) {
			return Sanitize(r.name, w), t.text
		}},
		{title: "count", width: 7, prio: 0, cell: func(r *codeRow, w int) (string, tcell.Style) {
			return countIn(r.count, w), t.text
		}},
		{title: "share", width: 5, prio: 1, cell: func(r *codeRow, w int) (string, tcell.Style) {
			return percent(r.share), t.text
		}},
		{title: "/min", width: 6, prio: 0, cell: func(r *codeRow, w int) (string, tcell.Style) {
			return rate(r.perMin), t.text
		}},
		{title: "base", width: 6, prio: 3, cell: func(r *codeRow, w int) (string, tcell.Style) {
			if !r.trended {
				return "-", t.dim
			}
			return rate(r.basePerMin), t.dim
		}},
		{title: "tr", width: 2, prio: 2, left: true, cell: func(r *codeRow, w int) (string, tcell.Style) {
			if r.mark == "↑" {
				return r.mark, t.bad
			}
			return r.mark, t.dim
		}},
		{title: "!", width: 1, prio: 0, left: true, cell: func(r *codeRow, w int) (string, tcell.Style) {
			if r.spike {
				return "▲", t.bad
			}
			return "", t.text
		}},
	}
}

func pathColumns(d *Dashboard) []column[pathRow] {
	t := d.theme
	cols := []column[pathRow]{
		{title: "path", width: 12, flex: true, left: true, cell: func(r *pathRow, w int) (string, tcell.Style) {
			if r.other || r.path == "" {
				return Sanitize(pathName(r.path), w), t.dim
			}
			return Sanitize(r.path, w), t.text
		}},
		{title: "req", width: 7, prio: 0, cell: func(r *pathRow, w int) (string, tcell.Style) {
			return countIn(r.total, w), t.text
		}},
	}
	if code := d.choice.codeFilter; code >= 0 {
		cols = append(cols, column[pathRow]{title: codes.Label(code), width: 7, prio: 0, cell: func(r *pathRow, w int) (string, tcell.Style) {
			return countIn(r.codeCount, w), t.classStyle(classOf(code))
		}})
	}
	for c := 2; c <= 5; c++ {
		prio := map[int]int{2: 5, 3: 6, 4: 3, 5: 2}[c]
		cols = append(cols, column[pathRow]{title: stats.ClassNames[c], width: 6, prio: prio, cell: func(r *pathRow, w int) (string, tcell.Style) {
			if r.classes[c] == 0 {
				return "·", t.dim
			}
			return countIn(r.classes[c], w), t.classStyle(c)
		}})
	}
	cols = append(cols,
		column[pathRow]{title: "err%", width: 5, prio: 1, cell: func(r *pathRow, w int) (string, tcell.Style) {
			if r.total == 0 {
				return "-", t.dim
			}
			share := float64(r.errors) / float64(r.total)
			if share >= 0.05 {
				return percent(share), t.bad
			}
			return percent(share), t.text
		}},
		column[pathRow]{title: "p50", width: 6, prio: 4, cell: func(r *pathRow, w int) (string, tcell.Style) {
			return latency(r.p50), t.text
		}},
		column[pathRow]{title: "p99", width: 6, prio: 2, cell: func(r *pathRow, w int) (string, tcell.Style) {
			return latency(r.p99), t.text
		}},
	)
	return cols
}

func spikeColumns(d *Dashboard) []column[stats.Spike] {
	t := d.theme
	style := func(sp *stats.Spike) tcell.Style {
		if sp.Active {
			return t.bad
		}
		return t.text
	}
	withDate := func() bool { return spansDays(d.snap) }
	startW := 8
	if withDate() {
		startW = 15
	}
	return []column[stats.Spike]{
		{title: "", width: 6, prio: 0, left: true, cell: func(sp *stats.Spike, w int) (string, tcell.Style) {
			if sp.Active {
				if !d.live() {
					return "at end", t.banner
				}
				return "▲ LIVE", t.banner
			}
			return "ended", t.dim
		}},
		{title: "kind", width: 4, prio: 0, left: true, cell: func(sp *stats.Spike, w int) (string, tcell.Style) {
			return Sanitize(sp.Kind, 4), style(sp)
		}},
		{title: "start", width: startW, prio: 0, cell: func(sp *stats.Spike, w int) (string, tcell.Style) {
			return clock(sp.Start, withDate()), style(sp)
		}},
		{title: "dur", width: 6, prio: 1, cell: func(sp *stats.Spike, w int) (string, tcell.Style) {
			return units.Span(sp.Duration(d.snap.AsOf())), style(sp)
		}},
		// The last error's time: an ended spike's end, without adding its
		// duration to its start, and how long an active one has been
		// quiet, if it has.
		{title: "last", width: startW, prio: 4, cell: func(sp *stats.Spike, w int) (string, tcell.Style) {
			if sp.LastSeen.IsZero() {
				return "-", t.dim
			}
			return clock(sp.LastSeen, withDate()), style(sp)
		}},
		{title: "count", width: 7, prio: 3, cell: func(sp *stats.Spike, w int) (string, tcell.Style) {
			return countIn(sp.Count, w), style(sp)
		}},
		{title: "peak/m", width: 6, prio: 1, cell: func(sp *stats.Spike, w int) (string, tcell.Style) {
			return rate(sp.PeakPerMin), style(sp)
		}},
		{title: "base/m", width: 6, prio: 2, cell: func(sp *stats.Spike, w int) (string, tcell.Style) {
			return rate(sp.BaselinePerMin), t.dim
		}},
		{title: "top path / client", width: 10, flex: true, left: true, cell: func(sp *stats.Spike, w int) (string, tcell.Style) {
			return Sanitize(spikeWhere(sp), w), style(sp)
		}},
	}
}

// spikeWhere names what carries a spike: the file, when the run read
// several and one holds most of it; the client, when one address makes
// most of it (a storm from one scraper), and the top path, said to
// be one of many when it carries under a fifth of the spike (a scanner
// trying a thousand paths once each), with its share.
func spikeWhere(sp *stats.Spike) string {
	s := ""
	if in, ok := sp.MainInput(); ok {
		s = "in " + in + " · "
	}
	if cl, ok := sp.MainClient(); ok {
		s += "client " + cl + " · "
	}
	if len(sp.TopPaths) > 0 {
		if len(sp.TopPathCounts) > 0 && sp.Count > 0 && sp.TopPathCounts[0]*5 < sp.Count {
			// The share first: a narrow pane cuts the path, not it.
			s += "many paths, " + percent(float64(sp.TopPathCounts[0])/float64(sp.Count)) + " on " + pathName(sp.TopPaths[0])
		} else {
			s += pathName(sp.TopPaths[0])
		}
	}
	return strings.TrimSuffix(s, " · ")
}

// spikeWhereShares is spikeWhere for the banner, which has the room to
// name a second path when it carries a fifth of the spike or more, each
// with its share: "/api/orders 69%, /api/search 31%".
func spikeWhereShares(sp *stats.Spike) string {
	n := len(sp.TopPathCounts)
	if len(sp.TopPaths) < 2 || n < 2 || sp.Count <= 0 || sp.TopPathCounts[1]*5 < sp.Count {
		return spikeWhere(sp)
	}
	share := func(i int) string {
		return pathName(sp.TopPaths[i]) + " " + percent(float64(sp.TopPathCounts[i])/float64(sp.Count))
	}
	s := strings.TrimSuffix(spikeWhere(sp), pathName(sp.TopPaths[0]))
	return s + share(0) + ", " + share(1)
}

package ui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rivo/tview"

	"github.com/codetop/codetop/sanitize"
	"github.com/codetop/codetop/stats"
	"github.com/codetop/codetop/units"
)

// The time range picker (key t). Picking a range asks the program, through
// Options.SetRange, to count again only the entries inside it, so every
// pane (paths and spikes included, not just the sparklines) then describes
// that range. Presets cover the usual questions (the last minutes, around a
// spike); "Custom…" takes any start and end.

func (d *Dashboard) buildRange() {
	d.rangeList = tview.NewList().ShowSecondaryText(false).SetSelectedStyle(d.theme.selected)
	d.rangeList.SetBorder(true).SetTitle(" Time range ")
	d.rangeList.SetDoneFunc(d.closeRange)

	d.rangeForm = tview.NewForm()
	d.rangeForm.SetBorder(true).SetTitle(" Custom time range (UTC) ")
	d.rangeForm.AddInputField("from", "", 26, nil, nil).
		AddInputField("to", "", 26, nil, nil).
		AddButton("Apply", d.applyCustom).
		AddButton("Cancel", d.closeRange)
	d.rangeForm.SetCancelFunc(d.closeRange)
	d.rangeForm.SetFieldStyle(d.theme.field).SetButtonStyle(d.theme.button).
		SetButtonActivatedStyle(d.theme.selected)

	d.addDialog("range", d.rangeList, 60, 14, false)
	d.addDialog("rangeform", d.rangeForm, 60, 11, false)
}

// rangePreset is one line of the picker.
type rangePreset struct {
	label    string
	from, to time.Time
}

// presets lists the ranges offered for the input's full span.
func (d *Dashboard) presets() []rangePreset {
	first, last := d.fullFirst, d.fullLast
	withDate := spansDays(d.snap)
	ps := []rangePreset{{label: "Whole input (" + rangeText(first, last, withDate) + ")"}}
	for _, m := range []time.Duration{15 * time.Minute, time.Hour} {
		if last.Sub(first) > m {
			ps = append(ps, rangePreset{label: "Last " + windowName(m) + " of the input", from: last.Add(-m)})
		}
	}
	// Around each spike, newest first: from five minutes before it, to
	// show what normal looked like. The detector learns what normal was
	// from the hour before the range (stats.LeadIn), so the spike is
	// found again in the range.
	spikes := d.pickable()
	for i := len(spikes) - 1; i >= 0 && len(ps) < 9; i-- {
		sp := spikes[i]
		from := sp.Start.Add(-5 * time.Minute)
		if from.Before(first) {
			from = first
		}
		p := rangePreset{label: fmt.Sprintf("Around spike %s at %s", Sanitize(sp.Kind, 4), clock(sp.Start, withDate)),
			from: from}
		if !sp.Active && !sp.End.IsZero() {
			p.to = sp.End.Add(5 * time.Minute)
		}
		ps = append(ps, p)
	}
	return ps
}

// pickable is the spikes the picker offers, oldest first: those of the
// whole input as last seen without a range, so that a range does not hide
// the spikes outside it, and the spikes a range open at its end has found
// since, which the whole input's snapshot did not have yet.
func (d *Dashboard) pickable() []stats.Spike {
	if d.rangeFrom.IsZero() && d.rangeTo.IsZero() {
		return d.snap.Spikes
	}
	spikes := slices.Clone(d.fullSpikes)
	for _, sp := range d.snap.Spikes {
		if sp.Start.After(d.fullSpikesTo) {
			spikes = append(spikes, sp)
		}
	}
	return spikes
}

// pickRange opens the picker.
func (d *Dashboard) pickRange() {
	if d.opts.SetRange == nil {
		d.flash("a time range reads the inputs again: not standard input or pipes")
		return
	}
	if d.fullFirst.IsZero() {
		d.flash("no timestamps read yet: nothing to pick a range in")
		return
	}
	d.rangeList.Clear()
	for _, p := range d.presets() {
		d.rangeList.AddItem(p.label, "", 0, func() { d.applyRange(p.from, p.to) })
	}
	d.rangeList.AddItem("Custom…", "", 0, d.openCustom)
	// The dialog is as tall as its list.
	d.pages.RemovePage("range")
	d.addDialog("range", d.rangeList, 60, d.rangeList.GetItemCount()+2, true)
	d.app.SetFocus(d.rangeList)
}

func (d *Dashboard) openCustom() {
	d.pages.HidePage("range")
	withDate := spansDays(d.snap)
	from, to := d.rangeFrom, d.rangeTo
	if from.IsZero() {
		from = d.fullFirst
	}
	if to.IsZero() {
		to = d.fullLast.Add(time.Second)
	}
	format := "15:04:05"
	if withDate {
		format = "2006-01-02 15:04:05"
	}
	d.rangeForm.GetFormItemByLabel("from").(*tview.InputField).SetText(from.UTC().Format(format))
	d.rangeForm.GetFormItemByLabel("to").(*tview.InputField).SetText(to.UTC().Format(format))
	d.rangeForm.SetFocus(0)
	d.pages.ShowPage("rangeform")
	d.app.SetFocus(d.rangeForm)
}

func (d *Dashboard) applyCustom() {
	get := func(l string) string {
		return d.rangeForm.GetFormItemByLabel(l).(*tview.InputField).GetText()
	}
	from, err := parseWhen(get("from"), d.fullFirst, d.fullLast)
	if err != nil {
		d.flash("from: " + err.Error())
		return
	}
	to, err := parseWhen(get("to"), d.fullFirst, d.fullLast)
	if err != nil {
		d.flash("to: " + err.Error())
		return
	}
	if !from.IsZero() && !to.IsZero() && !to.After(from) {
		d.flash("the end of the range must come after its start")
		return
	}
	d.applyRange(from, to)
}

// applyRange asks for the range and closes the picker.
func (d *Dashboard) applyRange(from, to time.Time) {
	d.closeRange()
	if !from.IsZero() && !from.After(d.fullFirst) && (to.IsZero() || to.After(d.fullLast)) {
		// Covers everything: no range, for the reading side too, which
		// then goes on following the input.
		from, to = time.Time{}, time.Time{}
	}
	if err := d.opts.SetRange(from, to); err != nil {
		d.flash("time range: " + err.Error())
		return
	}
	if d.paused {
		// The screen still shows the counts it had: the header keeps
		// their range until the new range's first counts are taken, and
		// the screen then takes the range's counts until it is read, and
		// holds them (see tick).
		d.asked, d.rangeLoading = &timeRange{from, to}, true
	} else {
		d.rangeFrom, d.rangeTo = from, to
	}
	if d.before == nil {
		// The first read's view: what later reads should find again.
		d.before = d.fullSnap
	}
	d.lost, d.gone = time.Time{}, 0
	// The range is read again from its start: its line count is no
	// traffic, even when the read is over before the next redraw.
	d.ingest.Reset()
	d.rateRoom = 0
	d.refreshPaths()
	d.renderHeader()
}

// timeRange is a range asked of the reading side; zero ends are open.
type timeRange struct{ from, to time.Time }

// adopt shows s, and the range it is of when one was asked while paused.
func (d *Dashboard) adopt(s *stats.Snapshot) {
	if d.asked != nil {
		d.rangeFrom, d.rangeTo = d.asked.from, d.asked.to
		d.asked = nil
	}
	d.setSnapshot(s)
}

// readDone reports whether the current read has counted what the inputs
// held when it began. Asked before a snapshot is taken, a yes means that
// snapshot holds all of it: the reading side says it is done only once
// its counts are added up and published.
func (d *Dashboard) readDone() bool {
	switch {
	case d.opts.Loading != nil:
		return d.opts.Loading().Done
	case d.opts.Ended != nil:
		return d.opts.Ended()
	}
	return true
}

func (d *Dashboard) closeRange() {
	d.pages.HidePage("range")
	d.pages.HidePage("rangeform")
	d.app.SetFocus(d.codes)
}

// parseWhen reads a time typed by the user, in UTC: "15:04", "15:04:05",
// "2006-01-02 15:04[:05]", RFC 3339, or a duration back from the newest
// entry ("30m", "-2h"). A time of day alone falls on the first day of the
// input that puts it inside the input's span. "" is an open end.
func parseWhen(s string, first, last time.Time) (time.Time, error) {
	t, err := readWhen(s, first, last)
	if err == nil && !t.IsZero() && t.UnixMilli() <= 0 {
		// Log times start after it, and a bound of 0 would be no bound.
		return time.Time{}, fmt.Errorf("%q: want a time after 1970-01-01", sanitize.Fit(strings.TrimSpace(s), 30))
	}
	return t, err
}

func readWhen(s string, first, last time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := units.ParseTime(s); err == nil {
		return t, nil
	}
	for _, f := range []string{"2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02T15:04:05", "2006-01-02T15:04"} {
		if t, err := time.ParseInLocation(f, s, time.UTC); err == nil {
			return t, nil
		}
	}
	for _, f := range []string{"15:04:05", "15:04"} {
		if t, err := time.ParseInLocation(f, s, time.UTC); err == nil {
			day := first.UTC().Truncate(24 * time.Hour)
			at := day.Add(time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute + time.Duration(t.Second())*time.Second)
			for at.Before(first.Truncate(time.Second)) && at.Add(24*time.Hour).Before(last.Add(time.Second)) {
				at = at.Add(24 * time.Hour)
			}
			return at, nil
		}
	}
	if dur, err := time.ParseDuration(strings.TrimPrefix(s, "-")); err == nil && dur > 0 {
		return last.Add(-dur), nil
	}
	// Quoted as typed: the footer escapes the whole message once.
	return time.Time{}, fmt.Errorf("%q: want 15:04, 15:04:05, 2006-01-02 15:04, RFC 3339 or a duration back from the end such as 30m", sanitize.Fit(s, 30))
}

// lostBefore returns the time before which lines that before (the whole
// input as once shown) had in the range [from, to) are missing from now
// (the range, or the whole input, read again), or zero when none are. A
// file rotated away and then compressed, or copied away by copytruncate,
// is no longer among the files read: reading again does not find its
// lines, and the operator is told rather than left with a range that
// seems to start later for no reason.
func lostBefore(before, now *stats.Snapshot, from, to time.Time) time.Time {
	tl := &before.Timeline
	if before.First.IsZero() || tl.Step <= 0 {
		return time.Time{}
	}
	start := from
	if start.Before(before.First) {
		start = before.First
	}
	end := now.First
	if now.Parsed == 0 || end.IsZero() {
		end = before.Last.Add(time.Second) // none of it is left
		if !to.IsZero() && to.Before(end) {
			end = to
		}
	}
	// A step of the timeline wholly inside [start, end) with lines in it:
	// those lines are missing.
	for i, n := range tl.Total {
		at := tl.Start.Add(time.Duration(i) * tl.Step)
		if n > 0 && !at.Before(start) && !at.Add(tl.Step).After(end) {
			return end
		}
	}
	return time.Time{}
}

// noteLoss compares the read on the screen, complete, with the first
// read's view. When lines are missing only before the new start (one
// file, its older lines rotated away), the header says from when the
// lines are there; when some are missing after it too (one of several
// files deleted, while the others still span the same time), no start
// tells it, and the header gives how many lines are gone.
func (d *Dashboard) noteLoss() {
	d.lost = lostBefore(d.before, d.snap, d.rangeFrom, d.rangeTo)
	from := d.rangeFrom
	if d.lost.After(from) {
		from = d.lost
	}
	d.gone = 0
	if linesGone(d.before, d.snap, from, d.rangeTo) > 0 {
		d.gone = linesGone(d.before, d.snap, d.rangeFrom, d.rangeTo)
	}
}

// linesGone returns how many lines that before (the whole input as once
// shown) had in [from, to) now (read again) lacks, step by step of their
// timelines. Only steps wholly inside [from, to) are compared: a range
// cuts the steps at its ends. Lines written since before was taken only
// add to now's steps, so they hide no loss where both reads cover the
// same time and fake none. The timelines' steps are round minutes from
// the epoch, of lengths that need not divide each other (2m and 5m):
// both are added up in steps of their least common multiple.
func linesGone(before, now *stats.Snapshot, from, to time.Time) int64 {
	b, n := &before.Timeline, &now.Timeline
	if b.Step <= 0 {
		return 0
	}
	step := b.Step
	if n.Step > 0 {
		step = step / gcd(step, n.Step) * n.Step
	}
	per := func(s *stats.Series) map[int64]int64 {
		m := make(map[int64]int64)
		for i, c := range s.Total {
			m[s.Start.Add(time.Duration(i)*s.Step).UnixNano()/int64(step)] += c
		}
		return m
	}
	had, has := per(b), per(n)
	var gone int64
	for k, c := range had {
		at := time.Unix(0, k*int64(step))
		if at.Before(from) || !to.IsZero() && at.Add(step).After(to) {
			continue
		}
		gone += max(0, c-has[k])
	}
	return gone
}

func gcd(a, b time.Duration) time.Duration {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

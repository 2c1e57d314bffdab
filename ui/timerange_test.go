package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/codetop/codetop/stats"
)

func TestTimeRangePresets(t *testing.T) {
	type call struct{ from, to time.Time }
	var calls []call
	o := opts5m()
	o.SetRange = func(from, to time.Time) error { calls = append(calls, call{from, to}); return nil }
	h := newHarness(t, incident(), 120, 40, o)
	h.keys("t")
	for _, want := range []string{"Whole input (14:00:00–14:33:00)", "Last 15m of the input",
		"Around spike 502 at 14:30:00", "Around spike 429 at 14:10:00", "Custom…"} {
		h.mustShow(want)
	}
	// Down to "Last 15m" with j, as in the panes, Enter.
	h.keys("j")
	h.press(tcell.KeyEnter, 0)
	if len(calls) != 1 || !calls[0].from.Equal(t0.Add(18*time.Minute)) || !calls[0].to.IsZero() {
		t.Fatalf("SetRange calls %+v, want one from 14:18 with an open end", calls)
	}
	h.mustShow("range 14:18:00–…")
	h.mustShow("Paths · range")
	h.mustNotShow("Custom…")
	// The ended 429 storm at 14:10: from five minutes before (the
	// detector learns from the hour before the range), to five minutes
	// after its end.
	h.keys("t")
	h.keys("jjjjjk") // five down, one up
	h.press(tcell.KeyEnter, 0)
	if len(calls) != 2 || !calls[1].from.Equal(t0.Add(5*time.Minute)) || !calls[1].to.Equal(t0.Add(20*time.Minute)) {
		t.Fatalf("second call %+v, want 14:05–14:20", calls[1:])
	}
	h.mustShow("range 14:05:00–14:20:00")
	// The 502 burst at 14:30, still active: from 14:25, open.
	h.keys("t")
	for i := 0; i < 2; i++ {
		h.press(tcell.KeyDown, 0)
	}
	h.press(tcell.KeyEnter, 0)
	if len(calls) != 3 || !calls[2].from.Equal(t0.Add(25*time.Minute)) || !calls[2].to.IsZero() {
		t.Fatalf("third call %+v, want 14:25 with an open end", calls[2:])
	}
	calls = calls[:2]
	// Whole input clears the range.
	h.keys("t")
	h.press(tcell.KeyEnter, 0)
	if len(calls) != 3 || !calls[2].from.IsZero() || !calls[2].to.IsZero() {
		t.Fatalf("whole input: %+v", calls[2:])
	}
	h.mustNotShow("range 14:")
	// Esc closes the picker without a call.
	h.keys("t")
	h.press(tcell.KeyEsc, 0)
	h.mustNotShow("Custom…")
	if len(calls) != 3 {
		t.Fatalf("Esc called SetRange: %+v", calls)
	}
}

func TestTimeRangeCustom(t *testing.T) {
	var from, to time.Time
	o := opts5m()
	o.SetRange = func(f, tt time.Time) error { from, to = f, tt; return nil }
	h := newHarness(t, incident(), 120, 40, o)
	h.keys("t")
	for i := 0; i < 5; i++ { // to "Custom…"
		h.press(tcell.KeyDown, 0)
	}
	h.press(tcell.KeyEnter, 0)
	h.mustShow("Custom time range (UTC)")
	// Replace the prefilled start with 14:25, the end with 14:31:30.
	for i := 0; i < 8; i++ {
		h.press(tcell.KeyBackspace2, 0)
	}
	h.keys("14:25")
	h.press(tcell.KeyTab, 0)
	for i := 0; i < 8; i++ {
		h.press(tcell.KeyBackspace2, 0)
	}
	h.keys("14:31:30")
	h.press(tcell.KeyTab, 0) // to Apply
	h.press(tcell.KeyEnter, 0)
	if !from.Equal(t0.Add(25*time.Minute)) || !to.Equal(t0.Add(31*time.Minute+30*time.Second)) {
		t.Fatalf("custom range %v – %v", from, to)
	}
	h.mustShow("range 14:25:00–14:31:30")
}

func TestParseWhen(t *testing.T) {
	first, last := t0, t0.Add(33*time.Minute)
	for _, c := range []struct {
		in   string
		want time.Time
	}{
		{"", time.Time{}},
		{"14:25", t0.Add(25 * time.Minute)},
		{"14:25:30", t0.Add(25*time.Minute + 30*time.Second)},
		{"2026-11-20 14:05", t0.Add(5 * time.Minute)},
		{"2026-11-20T14:05:00Z", t0.Add(5 * time.Minute)},
		{"2026-11-20T15:05:00+01:00", t0.Add(5 * time.Minute)},
		{"2026-11-20t14:05:00z", t0.Add(5 * time.Minute)}, // RFC 3339 allows lower case
		{"2026-11-20 14:05:00Z", t0.Add(5 * time.Minute)},
		{"10m", t0.Add(23 * time.Minute)},
		{"-10m", t0.Add(23 * time.Minute)},
	} {
		got, err := parseWhen(c.in, first, last)
		if err != nil || !got.Equal(c.want) {
			t.Errorf("parseWhen(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
	// A time of day after midnight in a log that crosses it.
	late := time.Date(2026, 11, 20, 23, 0, 0, 0, time.UTC)
	if got, _ := parseWhen("00:30", late, late.Add(3*time.Hour)); !got.Equal(late.Add(90 * time.Minute)) {
		t.Errorf("00:30 in a log from 23:00 to 02:00: %v", got)
	}
	if _, err := parseWhen("yesterday", first, last); err == nil {
		t.Error("parseWhen accepted \"yesterday\"")
	}
	// 0 would be no bound at all: a time at or before 1970 is refused.
	if _, err := parseWhen("1970-01-01T00:00:00Z", first, last); err == nil {
		t.Error("parseWhen accepted the start of 1970")
	}
}

// What the user typed comes back in the error as typed, brackets and all.
func TestCustomRangeErrorQuotesTheInputAsTyped(t *testing.T) {
	_, err := parseWhen("garbage[red]x", t0, t0.Add(time.Hour))
	if err == nil || !strings.HasPrefix(err.Error(), `"garbage[red]x": want`) {
		t.Errorf("error %v", err)
	}
	h := newHarness(t, incident(), 120, 40, opts5m())
	h.d.flash("from: " + err.Error())
	h.draw()
	h.mustShow(`from: "garbage[red]x": want`)
}

// A range open at its end follows the input as it grows: picked again,
// "the last 15m" counts from the input's new end, not from where it ended
// when the first range was picked.
func TestTimeRangeFollowsTheGrowingInput(t *testing.T) {
	var calls []time.Time
	o := opts5m()
	o.SetRange = func(from, to time.Time) error { calls = append(calls, from); return nil }
	h := newHarness(t, incident(), 120, 40, o)
	h.keys("tj")
	h.press(tcell.KeyEnter, 0) // Last 15m: from 14:18
	later := incident()
	later.First, later.Last = t0.Add(18*time.Minute), t0.Add(36*time.Minute)
	h.tick(later)
	h.keys("t")
	h.mustShow("Whole input (14:00:00–14:36:00)")
	h.keys("j")
	h.press(tcell.KeyEnter, 0)
	if len(calls) != 2 || !calls[1].Equal(t0.Add(21*time.Minute)) {
		t.Fatalf("ranges picked from %v, want the second from 14:21", calls)
	}
}

// With a range applied, the snapshots hold only the range's spikes; the
// picker still offers the spikes outside it, to go from one to another,
// and those a range open at its end has found since.
func TestTimeRangePresetsOutsideTheRange(t *testing.T) {
	o := opts5m()
	o.SetRange = func(from, to time.Time) error { return nil }
	h := newHarness(t, incident(), 120, 40, o)
	h.keys("t")
	h.keys("jj") // Around spike 502 at 14:30:00, open at its end
	h.press(tcell.KeyEnter, 0)
	h.mustShow("range 14:25:00–…")

	// What the program counts again: the range, without the 429 storm at
	// 14:10, and a 404 burst that came after the range was picked.
	ranged := incident()
	ranged.First = t0.Add(25 * time.Minute)
	ranged.Last = t0.Add(40 * time.Minute)
	ranged.Spikes = append(ranged.Spikes[1:], stats.Spike{Kind: "404", Start: t0.Add(38 * time.Minute), Active: true, Count: 90})
	h.tick(ranged)
	h.keys("t")
	for _, want := range []string{"Around spike 404 at 14:38:00", "Around spike 502 at 14:30:00", "Around spike 429 at 14:10:00"} {
		h.mustShow(want)
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

// Reading again (a range, or the whole input) finds only what is still in
// the files: lines of a file rotated away and compressed, or copied away
// by copytruncate, are gone. The header says from when the lines are
// there again, instead of a range that silently starts later.
func TestReadingAgainSaysWhichLinesAreGone(t *testing.T) {
	h := readAgain(t, 160, func() LoadState { return LoadState{BytesRead: 1, BytesTotal: 1, Done: true} })
	later := incident()
	later.First = t0.Add(20 * time.Minute)
	h.tick(later)
	h.mustShow("lines before 14:20:00 are no longer in the files read")

	// A range inside what is still there: nothing is missing.
	h.keys("t")
	h.press(tcell.KeyDown, 0) // Last 15m of the input
	h.press(tcell.KeyEnter, 0)
	ranged := incident()
	ranged.First = t0.Add(18 * time.Minute)
	h.tick(ranged)
	h.mustNotShow("no longer in the files")
}

func TestLostBefore(t *testing.T) {
	before := incident() // traffic every minute from 14:00 to 14:33
	at := func(m int) time.Time { return t0.Add(time.Duration(m) * time.Minute) }
	read := func(first time.Time, parsed int64) *stats.Snapshot {
		return &stats.Snapshot{First: first, Parsed: parsed}
	}
	for _, tc := range []struct {
		name     string
		now      *stats.Snapshot
		from, to time.Time
		want     time.Time
	}{
		{"whole input, all there", read(at(0), 1), time.Time{}, time.Time{}, time.Time{}},
		{"whole input, the first 20 minutes gone", read(at(20), 1), time.Time{}, time.Time{}, at(20)},
		{"a range inside what is left", read(at(25), 1), at(25), time.Time{}, time.Time{}},
		{"a range starting in what is gone", read(at(20), 1), at(10), at(30), at(20)},
		{"a range wholly gone", read(time.Time{}, 0), at(5), at(15), at(15)},
		{"less than a step short: not counted as gone", read(at(10).Add(30*time.Second), 1), at(10), time.Time{}, time.Time{}},
	} {
		if got := lostBefore(before, tc.now, tc.from, tc.to); !got.Equal(tc.want) {
			t.Errorf("%s: lost before %v, want %v", tc.name, got, tc.want)
		}
	}
}

// A range picked while paused: the header names the range only once the
// range's counts are on the screen, which takes them while the range is
// read and then holds still again, paused.
func TestRangePickedWhilePausedShowsItsOwnCounts(t *testing.T) {
	ranged := func(orders int64) *stats.Snapshot {
		s := incident()
		s.First = t0.Add(18 * time.Minute)
		s.Paths[2].Total = orders // /api/orders
		return s
	}
	done := true
	o := opts5m()
	o.Loading = func() LoadState { return LoadState{BytesRead: 1, BytesTotal: 2, Done: done} }
	var h *harness
	o.SetRange = func(from, to time.Time) error {
		h.snap, done = ranged(500), false // the range's first counts
		return nil
	}
	h = newHarness(t, incident(), 160, 40, o)
	paths := func() string { return h.region(h.d.paths) }
	orders := func() string { // the /api/orders row, and the pane's title
		var rows []string
		for _, l := range strings.Split(paths(), "\n") {
			if strings.Contains(l, "/api/orders") || strings.Contains(l, "Paths ·") {
				rows = append(rows, l)
			}
		}
		return strings.Join(rows, "\n")
	}
	h.keys("p")
	h.keys("tj") // Last 15m of the input
	h.press(tcell.KeyEnter, 0)
	// Nothing of the range is on the screen yet: nor is it in the header.
	h.mustNotShow("range 14:18")
	if !strings.Contains(orders(), "Paths · all input") || !strings.Contains(orders(), "2,000") {
		t.Fatalf("before the range's counts, the paths changed:\n%s", paths())
	}
	h.tick(nil)
	h.mustShow("range 14:18:00–…")
	h.mustShow("PAUSED")
	if !strings.Contains(orders(), "Paths · range") || !strings.Contains(orders(), "500") {
		t.Fatalf("the range's first counts are not shown:\n%s", paths())
	}
	done = true
	h.tick(ranged(1234))
	if !strings.Contains(orders(), "1,234") {
		t.Fatalf("the range, read, is not shown:\n%s", paths())
	}
	// Read: the screen holds still again, until p.
	h.tick(ranged(1300))
	if !strings.Contains(orders(), "1,234") || strings.Contains(orders(), "1,300") {
		t.Fatalf("paused, the screen took a later snapshot:\n%s", paths())
	}
	h.mustShow("PAUSED")
	h.keys("p")
	if !strings.Contains(orders(), "1,300") {
		t.Fatalf("resumed, the newest counts are not shown:\n%s", paths())
	}
}

package ui

// Reading again (a range, or the whole input) after files were deleted:
// what the header says of the lines gone.

import (
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/codetop/codetop/stats"
)

// timelineLess is incident's timeline read again with n lines fewer in
// every minute, and extra minutes after its end of 500 lines each, written
// since.
func timelineLess(n int64, extra int) stats.Series {
	tl := incident().Timeline
	total := make([]int64, 0, len(tl.Total)+extra)
	for _, c := range tl.Total {
		total = append(total, c-n)
	}
	for range extra {
		total = append(total, 500)
	}
	return stats.Series{Start: tl.Start, Step: tl.Step, Total: total}
}

// One of two files read is deleted: reading again, the other still starts
// when the first read did, so no start tells the loss. The header counts
// the lines gone, those written since making up for none of them.
func TestReadingAgainCountsTheLinesOfAFileGone(t *testing.T) {
	h := readAgain(t, 200, func() LoadState { return LoadState{BytesRead: 1, BytesTotal: 1, Done: true} })
	later := incident()
	later.Last = t0.Add(36 * time.Minute)
	later.Timeline = timelineLess(100, 3)
	h.tick(later)
	h.mustShow("3,300 lines read before are no longer in the files")
	h.mustNotShow("lines before 14:")

	// The file that started first is the one gone: the count still, as
	// lines are missing after the new start too: 5 × 480 and 28 × 100.
	h.keys("t")
	h.press(tcell.KeyEnter, 0)
	later = incident()
	later.First = t0.Add(5 * time.Minute)
	later.Timeline = timelineLess(100, 0)
	for i := range 5 {
		later.Timeline.Total[i] = 0
	}
	h.tick(later)
	h.mustShow("5,200 lines read before are no longer in the files")
}

func TestLinesGone(t *testing.T) {
	before := incident() // 33 minutes of 480 to 578 lines, from 14:00
	at := func(m int) time.Time { return t0.Add(time.Duration(m) * time.Minute) }
	with := func(tl stats.Series) *stats.Snapshot { return &stats.Snapshot{Timeline: tl} }
	coarser := stats.Series{Start: t0, Step: 2 * time.Minute}
	for i, c := range before.Timeline.Total {
		if i%2 == 0 {
			coarser.Total = append(coarser.Total, c)
		} else {
			coarser.Total[i/2] += c
		}
	}
	coarser.Total = append(coarser.Total, 900) // written since
	for _, tc := range []struct {
		name     string
		now      *stats.Snapshot
		from, to time.Time
		want     int64
	}{
		{"all there, and more since", with(timelineLess(0, 3)), time.Time{}, time.Time{}, 0},
		{"all there, in steps of 2m", with(coarser), time.Time{}, time.Time{}, 0},
		{"100 lines a minute gone", with(timelineLess(100, 3)), time.Time{}, time.Time{}, 3300},
		{"in a range, whole minutes only", with(timelineLess(100, 0)), at(10).Add(30 * time.Second), at(20), 900},
		{"nothing read again", with(stats.Series{}), at(30), at(33), 3 * (480 + 98)},
	} {
		if got := linesGone(before, tc.now, tc.from, tc.to); got != tc.want {
			t.Errorf("%s: %d lines gone, want %d", tc.name, got, tc.want)
		}
	}
}

// A read still loading when the screen was paused is not judged: its
// counts are partial, and would pass for lines gone.
func TestPartialCountsAreNotLinesGone(t *testing.T) {
	done := false
	h := readAgain(t, 200, func() LoadState { return LoadState{BytesRead: 1, BytesTotal: 2, Done: done} })
	partial := incident()
	partial.Timeline = timelineLess(300, 0)
	h.tick(partial)
	h.keys("p")
	done = true
	h.tick(incident()) // read whole, all there; the screen holds the partial counts
	h.mustShow("PAUSED")
	h.mustNotShow("no longer in the files")
	h.keys("p")
	h.tick(nil)
	h.mustNotShow("no longer in the files")
}

// readAgain opens a dashboard w columns wide on the incident, whose reads
// report loading, and picks "Whole input" in the range picker: the input
// is read again.
func readAgain(t *testing.T, w int, loading func() LoadState) *harness {
	t.Helper()
	o := opts5m()
	o.SetRange = func(from, to time.Time) error { return nil }
	o.Loading = loading
	h := newHarness(t, incident(), w, 40, o)
	h.keys("t")
	h.press(tcell.KeyEnter, 0) // Whole input, read again
	return h
}

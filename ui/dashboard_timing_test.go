package ui

import (
	"fmt"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/codetop/codetop/stats"
)

// bigSnapshot is the incident with as many paths as the aggregator keeps
// by default, the worst case for a frame.
func bigSnapshot(n int) *stats.Snapshot {
	s := incident()
	paths := make([]stats.PathStat, 0, n)
	for i := 0; i < n; i++ {
		total := int64(n - i)
		paths = append(paths, stats.PathStat{
			Path:  fmt.Sprintf("/api/v1/items/%d/details", i),
			Total: total,
			Codes: []stats.CodeCount{cc(200, total-total/10), cc(404, total/20), cc(502, total/10-total/20)},
			Latency: stats.Quantiles{Count: total, P50: 20 * time.Millisecond,
				P99: time.Duration(i%900) * time.Millisecond},
		})
	}
	s.Paths = paths
	return s
}

// BenchmarkFrame measures one redraw tick with a new snapshot: rebuilding
// every pane's rows from it (filter, sort) and drawing the screen. At four
// frames a second this is the dashboard's whole CPU cost; ingestion runs in
// its own goroutine and never waits for it. The simulated screen allocates
// per cell where a terminal does not, so this is an upper bound.
func BenchmarkFrame(b *testing.B) {
	for _, c := range []struct {
		paths, w, h int
		filtered    bool
	}{
		{100, 120, 40, false},
		{stats.DefaultMaxPaths, 200, 60, false},
		{stats.DefaultMaxPaths, 200, 60, true},
	} {
		w, h, filtered := c.w, c.h, c.filtered
		b.Run(fmt.Sprintf("paths=%d/%dx%d/codeFilter=%v", c.paths, w, h, filtered), func(b *testing.B) {
			screen := tcell.NewSimulationScreen("UTF-8")
			if err := screen.Init(); err != nil {
				b.Fatal(err)
			}
			defer screen.Fini()
			screen.SetSize(w, h)
			snaps := [2]*stats.Snapshot{bigSnapshot(c.paths), bigSnapshot(c.paths)}
			d, err := New(Options{Latest: func() *stats.Snapshot { return snaps[0] }, Window: 5 * time.Minute})
			if err != nil {
				b.Fatal(err)
			}
			if filtered {
				d.choice.codeFilter, d.choice.sort = 502, byErrors
			}
			draw := func() {
				d.resize(w, h)
				d.pages.SetRect(0, 0, w, h)
				d.pages.Draw(screen)
				screen.Show()
			}
			draw()
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				d.setSnapshot(snaps[i%2]) // a new pointer each frame, as from Live
				draw()
			}
		})
	}
}

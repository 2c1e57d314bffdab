package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/codetop/codetop/parser"
	"github.com/codetop/codetop/source"
	"github.com/codetop/codetop/stats"
	"github.com/codetop/codetop/ui"
)

// BenchmarkIngestUnderDashboard reads a 500,000-line log into a stats.Live
// the way the dashboard's feed does, alone and with the dashboard redrawing
// beside it every 250 ms (on a simulated 120x40 screen). The dashboard only
// reads published snapshots, so the two should read at about the same rate;
// the difference is the CPU the redraws take from a shared core.
func BenchmarkIngestUnderDashboard(b *testing.B) {
	var sb strings.Builder
	paths := []string{"/", "/api/orders", "/api/cart", "/static/app.js", "/login"}
	for i := 0; i < 500_000; i++ {
		ts := time.Date(2026, 11, 20, 14, 0, 0, 0, time.UTC).Add(time.Duration(i) * 20 * time.Millisecond)
		status := 200
		if i%97 == 0 {
			status = 502
		}
		fmt.Fprintf(&sb, "198.51.100.%d - - [%s] \"GET %s?id=%d HTTP/1.1\" %d 5120 \"-\" \"Mozilla/5.0 (X11; Linux x86_64)\" 0.012 0.010\n",
			i%250, ts.Format("02/Jan/2006:15:04:05 -0700"), paths[i%len(paths)], i, status)
	}
	path := filepath.Join(b.TempDir(), "access.log")
	if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	format, _ := parser.Compile("combined")
	for _, withUI := range []bool{false, true} {
		b.Run(fmt.Sprintf("dashboard=%v", withUI), func(b *testing.B) {
			b.SetBytes(int64(sb.Len()))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				ctx, cancel := context.WithCancel(context.Background())
				f := newFeed(ctx, format, stats.Config{}, stats.Filter{})
				done := make(chan struct{})
				f.follow([]string{path}, source.FollowOptions{NoFollow: true})
				read := f.read
				f.read = func(ctx context.Context, live *stats.Live, ld *loading, from, to time.Time) error {
					defer close(done)
					return read(ctx, live, ld, from, to)
				}
				uiDone := make(chan error, 1)
				if withUI {
					screen := tcell.NewSimulationScreen("UTF-8")
					screen.SetSize(120, 40)
					go func() { uiDone <- ui.Run(ctx, ui.Options{Latest: f.latest, Screen: screen, Window: 5 * time.Minute}) }()
				} else {
					uiDone <- nil
				}
				f.start(time.Time{}, time.Time{}, "")
				<-done
				b.StopTimer()
				cancel()
				f.stop()
				<-uiDone
				b.StartTimer()
			}
		})
	}
}

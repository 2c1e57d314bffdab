package ui

import (
	"context"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"

	"github.com/codetop/codetop/stats"
)

// These tests run the real tview event loop on a simulated screen: keys and
// mouse clicks go in as terminal events, snapshots change under the
// dashboard, and the screen is read as a user would see it.

// screenText returns the simulated screen's text. The simulation screen
// hands out its cells without a copy, so it is read on the event loop,
// where the drawing happens (the test goroutine is no key handler: it may
// wait on QueueUpdate).
func screenText(d *Dashboard, s tcell.SimulationScreen) string {
	got := make(chan string, 1)
	d.app.QueueUpdate(func() { got <- readScreen(s) })
	return <-got
}

func readScreen(s tcell.SimulationScreen) string {
	cells, w, h := s.GetContents()
	var b strings.Builder
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			if rs := cells[y*w+x].Runes; len(rs) > 0 {
				b.WriteString(string(rs))
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// waitFor polls the screen until it shows want, or fails after a while.
func waitFor(t *testing.T, d *Dashboard, s tcell.SimulationScreen, want string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if strings.Contains(screenText(d, s), want) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("the screen never showed %q:\n%s", want, screenText(d, s))
}

// settle waits until the number of goroutines is back to at most n.
func settle(t *testing.T, n int) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Second)
	for runtime.NumGoroutine() > n && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if got := runtime.NumGoroutine(); got > n {
		buf := make([]byte, 1<<16)
		t.Fatalf("%d goroutines after the dashboard ended, %d before:\n%s", got, n, buf[:runtime.Stack(buf, true)])
	}
}

func startDashboard(t *testing.T, latest func() *stats.Snapshot, o Options) (tcell.SimulationScreen, *Dashboard, chan error, context.CancelFunc) {
	t.Helper()
	screen := tcell.NewSimulationScreen("UTF-8")
	o.Latest, o.Screen, o.Refresh = latest, screen, 20*time.Millisecond
	d, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()
	return screen, d, done, cancel
}

func waitDone(t *testing.T, done chan error) {
	t.Helper()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("Run did not return")
	}
}

func TestRunRedrawsNewSnapshotsAndQuitsCleanly(t *testing.T) {
	before := runtime.NumGoroutine()
	var cur atomic.Pointer[stats.Snapshot]
	cur.Store(incident())
	screen, d, done, cancel := startDashboard(t, cur.Load, opts5m())
	defer cancel()
	waitFor(t, d, screen, "17,012 lines")
	screen.SetSize(100, 30)
	// A publisher replaces the snapshot; the ticker picks it up, no key
	// needed.
	next := incident()
	next.Lines = 23_456
	cur.Store(next)
	waitFor(t, d, screen, "23,456 lines")
	screen.InjectKey(tcell.KeyRune, 'q', tcell.ModNone)
	waitDone(t, done)
	settle(t, before)
}

// A dashboard over a log that is quiet draws nothing until something
// changes: an idle terminal costs no CPU. A new snapshot is drawn again.
func TestIdleDashboardDoesNotRedraw(t *testing.T) {
	var cur atomic.Pointer[stats.Snapshot]
	cur.Store(incident())
	screen, d, done, cancel := startDashboard(t, cur.Load, opts5m())
	defer cancel()
	waitFor(t, d, screen, "17,012 lines")
	var draws atomic.Int64
	// Set on the event loop, where the drawing happens.
	d.app.QueueUpdate(func() { d.app.SetAfterDrawFunc(func(tcell.Screen) { draws.Add(1) }) })
	time.Sleep(200 * time.Millisecond) // a look under way may still draw
	draws.Store(0)
	time.Sleep(400 * time.Millisecond) // 20 refreshes
	if n := draws.Load(); n > 0 {
		t.Errorf("%d draws in 20 refreshes of an unchanged snapshot; want none", n)
	}
	next := incident()
	next.Lines = 23_456
	cur.Store(next)
	waitFor(t, d, screen, "23,456 lines")
	if draws.Load() == 0 {
		t.Error("a new snapshot was shown without a draw")
	}
	screen.InjectKey(tcell.KeyRune, 'q', tcell.ModNone)
	waitDone(t, done)
}

func TestRunEndsWithItsContext(t *testing.T) {
	before := runtime.NumGoroutine()
	screen, d, done, cancel := startDashboard(t, incident, opts5m())
	waitFor(t, d, screen, "SPIKE")
	cancel()
	waitDone(t, done)
	settle(t, before)
}

func TestCtrlCQuits(t *testing.T) {
	before := runtime.NumGoroutine()
	screen, d, done, cancel := startDashboard(t, incident, opts5m())
	defer cancel()
	waitFor(t, d, screen, "SPIKE")
	screen.InjectKey(tcell.KeyCtrlC, 0, tcell.ModCtrl)
	waitDone(t, done)
	settle(t, before)
}

func TestMouseFocusesAndSelects(t *testing.T) {
	screen, d, done, cancel := startDashboard(t, incident, opts5m())
	defer func() { cancel(); waitDone(t, done) }()
	screen.SetSize(120, 40)
	waitFor(t, d, screen, "p50") // drawn at the new size
	// Click the /api/orders row: the paths pane takes the focus and the
	// row is selected.
	var x, y int
	for row, l := range strings.Split(screenText(d, screen), "\n") {
		if i := strings.Index(l, "/api/orders "); i >= 0 && strings.Contains(l, "2,000") {
			x, y = len([]rune(l[:i])), row
		}
	}
	if y == 0 {
		t.Fatalf("no /api/orders row:\n%s", screenText(d, screen))
	}
	click(screen, x+2, y)
	selected := func() string {
		got := make(chan string, 1)
		d.app.QueueUpdate(func() {
			row, _ := d.paths.GetSelection()
			sel := ""
			if row >= 1 && row <= len(d.pathGrid.rows) {
				sel = d.pathGrid.rows[row-1].path
			}
			if d.app.GetFocus() != d.paths {
				sel = "(paths not focused)"
			}
			got <- sel
		})
		return <-got
	}
	deadline := time.Now().Add(5 * time.Second)
	for selected() != "/api/orders" && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if sel := selected(); sel != "/api/orders" {
		t.Fatalf("after a click on /api/orders: %s", sel)
	}
	// Clicking a code selects it and explains it.
	for row, l := range strings.Split(screenText(d, screen), "\n") {
		if i := strings.Index(l, "429  Too Many"); i >= 0 {
			x, y = len([]rune(l[:i])), row
		}
	}
	time.Sleep(tview.DoubleClickInterval + 50*time.Millisecond) // not a double click
	click(screen, x+1, y)
	waitFor(t, d, screen, "429 Too Many Requests ·")
}

func click(s tcell.SimulationScreen, x, y int) {
	s.InjectMouse(x, y, tcell.Button1, tcell.ModNone)
	s.InjectMouse(x, y, tcell.ButtonNone, tcell.ModNone)
}

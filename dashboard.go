package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/codetop/codetop/demo"
	"github.com/codetop/codetop/parser"
	"github.com/codetop/codetop/source"
	"github.com/codetop/codetop/stats"
	"github.com/codetop/codetop/ui"
	"github.com/codetop/codetop/units"
)

// dashboardConfig holds the flags of the dashboard.
type dashboardConfig struct {
	window   time.Duration
	follow   bool
	noFollow bool
}

func addDashboardFlags(fs *flag.FlagSet, d *dashboardConfig) {
	d.window = 5 * time.Minute
	fs.Var((*windowFlag)(&d.window), "window", "the dashboard's rate window, a `duration`: 1m, 5m, 15m or 1h; or all (or 0) for the whole input")
	fs.BoolVar(&d.follow, "f", false, "keep following files after their end (the dashboard's default)")
	fs.BoolVar(&d.follow, "follow", false, "keep following files after their end (the dashboard's default)")
	fs.BoolVar(&d.noFollow, "no-follow", false, "stop reading at the end of the input (the dashboard stays open)")
}

// windowFlag is --window: a duration, or "all" as the dashboard names the
// whole input (0).
type windowFlag time.Duration

func (w *windowFlag) String() string { return time.Duration(*w).String() }

func (w *windowFlag) Set(s string) error {
	if s == "all" {
		*w = 0
		return nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return errors.New("want a duration such as 5m, or all")
	}
	*w = windowFlag(d)
	return nil
}

func checkDashboardFlags(c *config) error {
	d := &c.dash
	if d.follow && d.noFollow {
		return usageErr("--follow and --no-follow contradict each other")
	}
	if d.follow && c.report != "" {
		return usageErr("--follow with --report: a report is printed at the end of the input, and a followed file has none")
	}
	if !slices.Contains(stats.StandardWindows, d.window) {
		return usageErr("--window %s: want 1m, 5m, 15m, 1h, or all for the whole input", units.Step(d.window))
	}
	return nil
}

// wantDashboard: the dashboard opens when stdout is a terminal and nothing
// asked for a report instead.
func wantDashboard(c *config) bool {
	return c.report == "" && c.stdoutTerm && !c.noUI && c.listen == ""
}

// dashboardScreen replaces the terminal in tests.
var dashboardScreen tcell.Screen

// runDashboard shows the dashboard over the inputs, reading and following
// them in one goroutine that feeds a stats.Live. Problems with inputs are
// collected while the dashboard runs (nothing may write to the terminal
// then) and printed once it has closed.
func runDashboard(ctx context.Context, c *config, inputs []string, format parser.Format, base stats.Filter, earlier error, notices []string) error {
	f := newFeed(ctx, format, c.statsConfig(), base)
	// Standard input and pipes cannot be read again: no range is offered
	// over them (reopening a pipe would find nothing of what was read, and
	// its writer would meet a closed end).
	streams := false
	for _, in := range inputs {
		streams = streams || source.IsStream(in)
	}
	f.follow(inputs, source.FollowOptions{
		Options:  source.Options{MaxLine: c.maxLine},
		NoFollow: c.dash.noFollow,
	})
	following := stateFollowing
	if c.dash.noFollow {
		following = "reading"
	}
	f.start(time.Time{}, time.Time{}, following)
	opts := ui.Options{
		Latest:     f.latest,
		Inputs:     inputs,
		FormatName: format.Name,
		Window:     c.dash.window,
		Status:     f.status,
		Loading:    f.loading,
		Following:  f.following,
		// In an incident the first questions are what the failing code
		// means and where it fails: the dashboard answers them until
		// the operator looks elsewhere.
		FollowSpikes: true,
		NoFollow:     c.dash.noFollow,
		Ended:        f.ended,
		Screen:       dashboardScreen,
		Notices:      notices,
	}
	if !streams {
		opts.SetRange = func(from, to time.Time) error {
			f.start(from, to, following)
			return nil
		}
	}
	err := ui.Run(ctx, opts)
	f.stop()
	return afterDashboard(err, errors.Join(earlier, f.problems()))
}

// runDemoDashboard shows the dashboard over the embedded sample, replayed
// at accelerated event time so that its incident unfolds in seconds.
func runDemoDashboard(ctx context.Context, c *config, format parser.Format, filter stats.Filter) error {
	f := newFeed(ctx, format, c.statsConfig(), filter)
	replay := demo.NewReplay(0, 0)
	replaying := atomic.Bool{}
	f.read = func(ctx context.Context, live *stats.Live, _ *loading, from, to time.Time) error {
		if from.IsZero() && to.IsZero() && !replaying.Swap(true) {
			return replay.Run(ctx, live)
		}
		// A time range, or the whole sample again: no replay, all at once.
		return source.ReadReader("demo", bytes.NewReader(demo.Log()), source.Options{}, live)
	}
	f.start(time.Time{}, time.Time{}, "")
	ranged := atomic.Bool{}
	err := ui.Run(ctx, ui.Options{
		Latest: f.latest,
		Inputs: []string{"embedded demo sample"},
		Format: format.Name(),
		Window: c.dash.window,
		Status: func() string {
			if ranged.Load() {
				return f.status()
			}
			return replay.Status()
		},
		Pause: replay.Pause,
		// The replay goes on until the sample's end; a range is read
		// whole and is then over.
		Ended: func() bool { return ranged.Load() && f.ended() },
		SetRange: func(from, to time.Time) error {
			ranged.Store(true)
			f.start(from, to, "")
			return nil
		},
		FollowSpikes: true,
		Screen:       dashboardScreen,
	})
	f.stop()
	return afterDashboard(err, f.problems())
}

// afterDashboard reports, once the terminal is back to normal, what went
// wrong while the dashboard ran.
func afterDashboard(uiErr error, inputs error) error {
	if uiErr != nil && !errors.Is(uiErr, context.Canceled) {
		return fmt.Errorf("dashboard: %w", uiErr)
	}
	if inputs != nil {
		return &exitError{1, inputs}
	}
	return nil
}

// The reading side's states: following its inputs, and done with them.
const (
	stateFollowing = "following"
	stateEnded     = "end of input"
)

// feed runs the one goroutine that reads the inputs into a stats.Live, and
// replaces it (goroutine and Live) when the dashboard asks for another time
// range. The dashboard only ever calls latest, status and start, from its
// own goroutine; each returns at once.
type feed struct {
	parent context.Context
	format parser.Format
	cfg    stats.Config
	base   stats.Filter
	// read feeds live until the input ends or ctx does, counting only
	// entries in [from, to) (zero: open); live has the filter already.
	// A read that keeps ld's progress (see follow) sets tracked.
	read    func(ctx context.Context, live *stats.Live, ld *loading, from, to time.Time) error
	tracked bool

	live atomic.Pointer[stats.Live]
	load atomic.Pointer[loading] // the current read's
	wg   sync.WaitGroup

	mu     sync.Mutex
	cancel context.CancelFunc
	gen    int
	state  string
	errs   []error
	seen   map[string]bool
	// waiting holds the paths the last read still waited for when it
	// ended: a file that never came is listed on exit, one that came and
	// was read is not.
	waiting []error
	// rotated holds the files rotated away from the inputs while they
	// were followed, oldest first (see follow).
	rotated []rotatedFile
}

func newFeed(ctx context.Context, f parser.Format, cfg stats.Config, base stats.Filter) *feed {
	return &feed{parent: ctx, format: f, cfg: cfg, base: base, seen: map[string]bool{}}
}

// start stops the current reader, if any (without waiting for it: it stops
// at its next line or poll), and starts one for the range [from, to).
func (f *feed) start(from, to time.Time, state string) {
	flt := f.base
	if ms := from.UnixMilli(); !from.IsZero() && (flt.From == 0 || ms > flt.From) {
		flt.From = ms
	}
	if ms := to.UnixMilli(); !to.IsZero() && (flt.To == 0 || ms < flt.To) {
		flt.To = ms
	}
	live := stats.NewLive(f.format.NewParser(), f.cfg)
	live.SetFilter(flt)
	ld := &loading{}

	f.mu.Lock()
	if f.cancel != nil {
		f.cancel()
	}
	ctx, cancel := context.WithCancel(f.parent)
	f.cancel = cancel
	f.gen++
	gen := f.gen
	f.state = state
	f.mu.Unlock()

	f.live.Store(live)
	f.load.Store(ld)
	f.wg.Add(1)
	go func() {
		defer f.wg.Done()
		err := f.read(ctx, live, ld, from, to)
		live.Publish() // what arrived since the last publish
		ld.done.Store(true)
		f.mu.Lock()
		defer f.mu.Unlock()
		if ctx.Err() == nil {
			f.note0(err)
		}
		if gen == f.gen && ctx.Err() == nil {
			f.state = stateEnded
		}
	}()
}

// latest is the newest snapshot of the current reader (nil before start).
func (f *feed) latest() *stats.Snapshot {
	if l := f.live.Load(); l != nil {
		return l.Latest()
	}
	return nil
}

// status is the reading side's state for the header, with a count of the
// input problems that will be listed when the dashboard closes. While the
// history loads the state is left out: the header shows the load instead,
// and "following" would not be true yet.
func (f *feed) status() string {
	loaded := !f.tracked || f.loading().Done
	f.mu.Lock()
	defer f.mu.Unlock()
	s := f.state
	if !loaded {
		s = ""
	}
	if n := len(f.errs); n > 0 {
		if s != "" {
			s += " · "
		}
		s += fmt.Sprintf("%d input problem(s), listed on exit", n)
	}
	return s
}

// following reports whether the current read has loaded the inputs'
// history and now waits for new lines: what the dashboard's "no new line
// for" note needs to be true.
func (f *feed) following() bool {
	loaded := !f.tracked || f.loading().Done
	f.mu.Lock()
	defer f.mu.Unlock()
	return loaded && f.state == stateFollowing
}

// ended reports whether the current read is over: its inputs were read to
// their end (archives, standard input, --no-follow, a closed range).
func (f *feed) ended() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.state == stateEnded
}

// loading tells how far the current read has got with the history of the
// inputs (for the dashboard's header).
func (f *feed) loading() ui.LoadState {
	if ld := f.load.Load(); ld != nil {
		return ld.state()
	}
	return ui.LoadState{}
}

// note records a problem with an input (called by the reader goroutine).
func (f *feed) note(err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.note0(err)
}

func (f *feed) note0(err error) {
	if err == nil || f.seen[err.Error()] || source.IsNotice(err) {
		// A file not there yet is waited for and read once it comes: no
		// problem while it is awaited; one still missing at the end is
		// listed then (setWaiting).
		return
	}
	f.seen[err.Error()] = true
	f.errs = append(f.errs, err)
}

// stop ends the reader and waits for every reader goroutine started.
func (f *feed) stop() {
	f.mu.Lock()
	if f.cancel != nil {
		f.cancel()
	}
	f.mu.Unlock()
	f.wg.Wait()
}

func (f *feed) problems() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return errors.Join(append(f.errs[:len(f.errs):len(f.errs)], f.waiting...)...)
}

// setWaiting records the paths a read still waited for when it ended.
func (f *feed) setWaiting(notices []error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.waiting = notices
}

package ui

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"

	"github.com/codetop/codetop/stats"
	"github.com/codetop/codetop/units"
)

// Options wire the dashboard to the rest of the program. Only Latest is
// required. The dashboard never sees an aggregator: it reads the snapshots
// Latest returns (immutable, so no lock is needed) and calls back through
// the optional functions, each of which must return quickly because it runs
// on the UI goroutine.
type Options struct {
	// Latest returns the newest published snapshot (nil: nothing yet).
	Latest func() *stats.Snapshot
	// Inputs and Format are shown in the header. FormatName, when set,
	// gives the format's name at each redraw instead: a format detected
	// from the first line to arrive is named once it is known.
	Inputs     []string
	Format     string
	FormatName func() string
	// Window is the initial rate window, one of stats.StandardWindows
	// (0 is the whole input). Other values are rounded to the next one.
	Window time.Duration
	// Status describes the reading side in a few words ("following",
	// "end of input", "replay 14:31 ×30"); nil shows nothing.
	Status func() string
	// Loading, when set, tells how far the reading side has got with the
	// inputs' history; until it says Done the header shows the load
	// (bytes, share, speed, time left) where Status's words would be.
	// Status is still shown after it (input problems, say), so it should
	// not claim to be following before Loading says Done.
	Loading func() LoadState
	// Following, when set, reports whether the reading side has read the
	// inputs' history and waits for new lines. While it does, the header
	// says so once no line has come for QuietAfter: the counts, the rates
	// and a spike marked LIVE then stand as of the last line, which an
	// operator should know before trusting them (did traffic stop, or
	// did logging?).
	Following func() bool
	// Pause is told when the user pauses (true) or resumes (false) the
	// screen; the screen freezes on its snapshot either way.
	Pause func(paused bool)
	// SetRange, when the inputs can be read again, restricts everything
	// shown to entries in [from, to) (a zero time leaves that end open;
	// both zero: the whole input). Later snapshots from Latest must
	// reflect it. nil disables the time range picker.
	SetRange func(from, to time.Time) error
	// FollowSpikes selects the code of an active spike, and shows only the
	// paths that carry it, until the user moves the selection; once no
	// spike is active, all the paths are shown again.
	FollowSpikes bool
	// NoFollow says the inputs are read to their end and not followed. A
	// spike still going on at the end of what is shown (of such an input,
	// or of a range closed at its end) is then shown as at the end, not
	// as live.
	NoFollow bool
	// Ended, when set, reports whether the reading side has read its
	// inputs to their end and reads no more (archives and standard input
	// read whole): a spike still going on then is shown as at the end too.
	Ended func() bool
	// Screen replaces the terminal (tests use a simulation screen).
	Screen tcell.Screen
	// Refresh is how often the screen is redrawn; 0 means 250ms.
	Refresh time.Duration
	// Notices are what the program said on stderr before the dashboard
	// took the screen (a format warning, say): the first is shown in the
	// footer for a while, with how many more there are.
	Notices []string

	clock func() time.Time // replaces the wall clock of the redraws in tests
}

// Dashboard is the terminal UI. All its fields belong to the tview event
// loop: they are read and written only by key handlers and by functions
// queued with QueueUpdateDraw.
type Dashboard struct {
	opts  Options
	app   *tview.Application
	theme *theme
	keys  []binding

	pages                  *tview.Pages
	dialogs                map[string]*dialog // by page name
	screenW, screenH       int                // as of the last resize
	body, left, right      *tview.Flex
	header                 *tview.TextView
	headerText, footerText string // as last set: a redraw only when they change
	classes                *tview.Box
	codes, paths, spikes   *tview.Table
	explain, helpView      *tview.TextView
	footer                 *tview.Pages
	keyLine                *tview.TextView
	find                   *tview.InputField
	codeGrid               *grid[codeRow]
	pathGrid               *grid[pathRow]
	spikeGrid              *grid[stats.Spike]
	ring                   []tview.Primitive // focus order
	rangeList              *tview.List
	rangeForm              *tview.Form
	beforeFind, beforeHelp tview.Primitive

	snap       *stats.Snapshot
	choice     choices
	classRows  []classRow
	selCode    int // the code the explanation shows; -1: none yet
	userMoved  bool
	followed   int             // the code a followed spike filtered the paths by; -1: none
	followSeen map[string]bool // the spikes followed so far, by kind and start
	selecting  bool            // the program, not the user, is moving a selection
	paused     bool
	help       bool
	rangeFrom  time.Time
	rangeTo    time.Time
	fullFirst  time.Time // the input's span before a range was picked
	fullLast   time.Time
	// The spikes of the whole input up to fullSpikesTo, as last seen
	// without a range, for the picker.
	fullSpikes   []stats.Spike
	fullSpikesTo time.Time
	// asked is a range picked while paused whose counts are not on the
	// screen yet (nil: none); rangeLoading says that the screen, paused,
	// still takes the snapshots of the range picked until it is read.
	asked        *timeRange
	rangeLoading bool
	// before is the whole input as shown when the current read began (a
	// range picked, or the whole input again), and lost the time before
	// which lines it had are no longer in the files (zero: none lost);
	// gone counts the lines missing when they are not only before a new
	// start (0 otherwise).
	before   *stats.Snapshot
	lost     time.Time
	gone     int64
	fullSnap *stats.Snapshot // the whole input, until a first range is picked
	message  string
	msgUntil time.Time
	status   string
	load     LoadState
	ingest   units.Meter // lines counted, for the header's lines/s
	rateRoom int         // the widest lines/s shown yet
	// lastLines is the count of lines read of the newest snapshot, and
	// linesAt when it was first seen; quiet is how long it has not changed while
	// following, once that is QuietAfter or more (0 otherwise).
	lastLines int64
	linesAt   time.Time
	quiet     time.Duration
	loadSpeed units.Meter // bytes loaded, for the header's MB/s and time left
	explained string      // what the explanation pane holds, to skip rewrites
	// explainedCode is the code it explains, to keep its scroll position
	// when only the counts in it change.
	explainedCode int

	cancel context.CancelFunc
	now    func() time.Time // the wall clock of the redraws; tests step it
}

// Run shows the dashboard until the user quits or ctx ends.
func Run(ctx context.Context, opts Options) error {
	d, err := New(opts)
	if err != nil {
		return err
	}
	return d.Run(ctx)
}

// New builds the dashboard without starting it.
func New(opts Options) (*Dashboard, error) {
	if opts.Latest == nil {
		return nil, errors.New("ui: Options.Latest is required")
	}
	if opts.Refresh <= 0 {
		opts.Refresh = 250 * time.Millisecond
	}
	d := &Dashboard{
		opts:     opts,
		app:      tview.NewApplication(),
		theme:    newTheme(),
		keys:     keyMap(),
		selCode:  -1,
		followed: -1,
		choice:   choices{window: pickWindow(opts.Window), codeFilter: -1},
		now:      opts.clock,

		explainedCode: -1,
	}
	if d.now == nil {
		d.now = time.Now
	}
	if opts.Loading != nil {
		// The first frame shows where the load is, and the speed at the
		// first tick is measured from here rather than left at zero.
		d.load = opts.Loading()
		d.loadSpeed.Observe(d.now(), d.load.BytesRead)
	}
	d.theme.apply()
	d.app.EnableMouse(true)
	if opts.Screen != nil {
		d.app.SetScreen(opts.Screen) // initialises it, here rather than in Run's goroutine
	}
	d.build()
	d.setSnapshot(opts.Latest())
	d.showNotices()
	return d, nil
}

// pickWindow rounds d up to one of stats.StandardWindows.
func pickWindow(d time.Duration) time.Duration {
	if d <= 0 {
		return 0
	}
	for _, w := range stats.StandardWindows {
		if w != 0 && d <= w {
			return w
		}
	}
	return 0
}

// Run shows the dashboard until the user quits or ctx ends, and returns
// once every goroutine it started has finished.
//
// Shutdown order matters with tview: QueueUpdateDraw waits for the event
// loop to run the update, so the ticker must stop while the loop still
// runs, and the application is stopped only after that (by the ticker's
// goroutine, as it exits). The ticker starts after the first draw, so a
// terminal that cannot be opened leaves nothing behind.
func (d *Dashboard) Run(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	ctx, d.cancel = context.WithCancel(ctx)
	defer d.cancel()

	tickerDone := make(chan struct{})
	started := false // set on the event loop, which runs in this goroutine
	d.app.SetAfterDrawFunc(func(tcell.Screen) {
		if started {
			return
		}
		started = true
		go func() {
			defer close(tickerDone)
			d.tickLoop(ctx)
			d.app.Stop()
		}()
	})
	err := d.app.Run()
	d.cancel()
	if !started {
		return err
	}
	select {
	case <-tickerDone:
	case <-time.After(2 * time.Second):
		// Only when the terminal failed (tview ended its loop on an
		// error event): the ticker may be stuck handing over an update
		// nobody will run. The process is about to report and exit.
		return errors.Join(err, errors.New("ui: redraw ticker did not stop"))
	}
	return err
}

// tickLoop looks for a new snapshot at the refresh rate. Each look is one
// update on the event loop: snapshots are picked up there, never in
// between. The screen is drawn only when the look changed something: an
// idle dashboard (a quiet log, or paused) costs next to nothing.
func (d *Dashboard) tickLoop(ctx context.Context) {
	t := time.NewTicker(d.opts.Refresh)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			var changed bool
			d.app.QueueUpdate(func() { changed = d.tick() })
			if changed {
				d.app.QueueUpdateDraw(func() {})
			}
		}
	}
}

// tick runs on the event loop. It reports whether the screen needs a
// redraw.
func (d *Dashboard) tick() (changed bool) {
	now := d.now()
	done := d.readDone() // before the snapshot is taken: see readDone
	s := d.opts.Latest()
	if s != nil && s != d.snap && (!d.paused || d.rangeLoading) {
		d.adopt(s)
		changed = true
	}
	// The screen shows all the read's counts when the read was done
	// before the newest snapshot was taken, and shows that snapshot.
	complete := done && s != nil && s == d.snap && d.asked == nil
	if complete {
		d.rangeLoading = false // paused again, on the range's counts
	}
	// Status before Loading: when the load ends between the two calls,
	// the header misses the state word for one tick rather than showing
	// both the load and "following".
	if d.opts.Status != nil {
		d.status = d.opts.Status()
	}
	if d.opts.Loading != nil {
		d.load = d.opts.Loading()
		d.loadSpeed.Observe(now, d.load.BytesRead)
		if d.before != nil && complete {
			d.noteLoss()
		}
	}
	switch {
	case d.opts.Loading != nil && !d.load.Done && !d.load.Unsized:
		// Lines read from the history (at start, or again for a time
		// range) are no traffic: lines/s counts from the end of the load.
		// A pipe has no history apart from what arrives: counted as it
		// comes, or a busy one that never paused would show 0/s for good.
		d.ingest.Reset()
		d.rateRoom = 0 // nor does the load's rate keep the header's room
	case d.snap != nil && !d.paused:
		// Paused, the screen holds still, lines/s included; the first
		// look after it spans the pause.
		d.ingest.Observe(now, d.snap.Lines)
	}
	d.noteQuiet(now)
	if d.message != "" && now.After(d.msgUntil) {
		d.message = ""
	}
	h := d.renderHeader()
	f := d.renderFooter()
	return changed || h || f
}

// QuietAfter is how long a followed input goes without a new line before
// the header says so. Busy servers log several lines a second; half a
// minute without one is worth a look, and stays short of the minute that
// a spike's verdict waits for.
const QuietAfter = 30 * time.Second

// noteQuiet keeps track of when the line count last moved, and of how
// long it has stood still while following. Paused, the screen shows an
// older snapshot on purpose: nothing is said then.
func (d *Dashboard) noteQuiet(now time.Time) {
	d.quiet = 0
	if d.snap == nil || d.paused {
		return
	}
	// Lines read, not lines counted: with a filter that keeps none of
	// them, a busy log is not a quiet one.
	if read := max(d.snap.Read, d.snap.Lines); read != d.lastLines || d.linesAt.IsZero() {
		d.lastLines, d.linesAt = read, now
	}
	if d.opts.Following == nil || !d.opts.Following() {
		// Loading, or at the end of the input: the wait counts from the
		// moment following starts, not from the last line of the history.
		d.linesAt = now
		return
	}
	if q := now.Sub(d.linesAt); q >= QuietAfter {
		d.quiet = q
	}
}

// quit ends Run. It only cancels: the ticker goroutine stops and then stops
// the application (see Run).
func (d *Dashboard) quit() {
	if d.cancel != nil {
		d.cancel()
	} else {
		d.app.Stop()
	}
}

// flash shows a short message in the footer for a few seconds.
func (d *Dashboard) flash(msg string) { d.flashFor(msg, 4*time.Second) }

func (d *Dashboard) flashFor(msg string, dur time.Duration) {
	d.message = msg
	d.msgUntil = time.Now().Add(dur)
	d.renderFooter()
}

// noticeTime is how long the first start-up notice stays in the footer.
const noticeTime = 20 * time.Second

func (d *Dashboard) showNotices() {
	n := d.opts.Notices
	if len(n) == 0 {
		return
	}
	msg := n[0]
	if len(n) > 1 {
		msg += fmt.Sprintf(" (and %d more, printed on exit)", len(n)-1)
	}
	d.flashFor(msg, noticeTime)
}

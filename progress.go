package main

import (
	"io"
	"os"
	"strings"
	"time"

	"github.com/codetop/codetop/source"
	"github.com/codetop/codetop/units"
	xterm "golang.org/x/term"
)

// progressEvery is how often the progress line is redrawn. Reads shorter
// than this show nothing at all.
var progressEvery = 250 * time.Millisecond

// progressLine draws one line on a terminal, over itself, telling how far a
// batch read has got: "codetop: reading 1.21 GB of 4.00 GB (30%), 5.2M
// lines, 412 MB/s, 7s left". It uses no escape sequences, only carriage
// returns and blanks, so any terminal shows it right.
//
// The line must fit the terminal's width: one that wraps is no longer one
// line, and a carriage return goes back to the start of its last row only,
// so each redraw would leave a row behind. What does not fit is dropped,
// least useful first: the line count, then the speed.
type progressLine struct {
	w     io.Writer
	p     *source.Progress
	width func() int  // the terminal's columns, 0 if unknown
	speed units.Meter // bytes read, over the last few seconds
	drawn int         // width of the line on screen, to blank it
}

func newProgressLine(w io.Writer, p *source.Progress, start time.Time) *progressLine {
	l := &progressLine{w: w, p: p, width: func() int { return 0 }}
	if f, ok := w.(*os.File); ok {
		l.width = func() int {
			cols, _, err := xterm.GetSize(int(f.Fd()))
			if err != nil {
				return 0
			}
			return cols
		}
	}
	l.speed.Observe(start, 0)
	return l
}

// draw redraws the line with the counters as they are at now.
func (l *progressLine) draw(now time.Time) {
	cols := l.width()
	text := l.text(now, cols)
	// Blanks over what is left of the line before, but never past the
	// last column but one of a terminal that has shrunk since.
	pad := l.drawn - len(text)
	if cols > 0 {
		pad = min(pad, cols-1-len(text))
	}
	l.drawn = len(text)
	if pad > 0 {
		text += strings.Repeat(" ", pad)
	}
	io.WriteString(l.w, "\r"+text)
}

// erase blanks the line and leaves the cursor at its start, so the next
// output begins on a clean line.
func (l *progressLine) erase() {
	n := l.drawn
	if cols := l.width(); cols > 0 {
		n = min(n, cols-1)
	}
	if n > 0 {
		io.WriteString(l.w, "\r"+strings.Repeat(" ", n)+"\r")
	}
	l.drawn = 0
}

// text is the line at now, in fewer than cols columns when cols is known
// (the last column is left free: some terminals wrap on writing it). It
// also records the sample the rate is measured from.
func (l *progressLine) text(now time.Time, cols int) string {
	read, total := l.p.BytesRead.Load(), l.p.BytesTotal.Load()
	rate := l.speed.Observe(now, read)
	if l.p.Unsized.Load() {
		total = 0 // a lower bound: no share, no time left
	}
	head := "codetop: reading " + units.BytesOf(read, total, l.p.Compressed.Load())
	lines := units.Count(l.p.Lines.Load()) + " lines"
	speed := units.BytesPerSecond(rate)
	left := units.Left(read, total, rate)
	if left != "" {
		left += " left"
	}
	// The parts after the head, in the order they are dropped. All of the
	// text is ASCII: a byte is a column.
	extras := []string{lines, speed, left}
	for drop := 0; ; drop++ {
		s := head
		for _, p := range extras[drop:] {
			if p != "" {
				s += ", " + p
			}
		}
		if cols <= 0 || len(s) < cols {
			return s
		}
		if drop == len(extras) {
			return s[:max(cols-1, 0)]
		}
	}
}

// showProgress redraws a progress line on w at every tick until stop is
// called; stop erases it and returns once it is gone. When w is not a
// terminal it does nothing: a log file or a pipe gets no carriage returns.
func showProgress(w io.Writer, p *source.Progress, start time.Time, ticks <-chan time.Time) (stop func()) {
	if !isTTY(w) {
		return func() {}
	}
	return runProgress(newProgressLine(w, p, start), ticks)
}

// runProgress is showProgress's loop, on any writer, for tests.
func runProgress(l *progressLine, ticks <-chan time.Time) (stop func()) {
	quit, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case now := <-ticks:
				l.draw(now)
			case <-quit:
				l.erase()
				return
			}
		}
	}()
	return func() {
		close(quit)
		<-done
	}
}

// startProgress shows the progress line of a batch read on stderr unless
// --quiet; the returned stop erases it.
func (c *config) startProgress(stderr io.Writer, p *source.Progress) (stop func()) {
	if c.quiet || !isTTY(stderr) {
		return func() {}
	}
	t := time.NewTicker(progressEvery)
	hide := showProgress(stderr, p, time.Now(), t.C)
	return func() {
		t.Stop()
		hide()
	}
}

// isTTY reports whether v (stdin, stdout or stderr) is a terminal. Unlike a
// character-device test it says no for /dev/null, where cron jobs send
// their output.
func isTTY(v any) bool {
	f, ok := v.(*os.File)
	return ok && xterm.IsTerminal(int(f.Fd()))
}

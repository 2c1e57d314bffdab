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
type progressLine struct {
	w     io.Writer
	p     *source.Progress
	speed units.Meter // bytes read, over the last few seconds
	drawn int         // width of the line on screen, to blank it
}

func newProgressLine(w io.Writer, p *source.Progress, start time.Time) *progressLine {
	l := &progressLine{w: w, p: p}
	l.speed.Observe(start, 0)
	return l
}

// draw redraws the line with the counters as they are at now.
func (l *progressLine) draw(now time.Time) {
	text := l.text(now)
	pad := l.drawn - len(text)
	l.drawn = len(text)
	if pad > 0 {
		text += strings.Repeat(" ", pad)
	}
	io.WriteString(l.w, "\r"+text)
}

// erase blanks the line and leaves the cursor at its start, so the next
// output begins on a clean line.
func (l *progressLine) erase() {
	if l.drawn > 0 {
		io.WriteString(l.w, "\r"+strings.Repeat(" ", l.drawn)+"\r")
		l.drawn = 0
	}
}

// text is the line at now; it also records the sample the rate is
// measured from.
func (l *progressLine) text(now time.Time) string {
	read, total := l.p.BytesRead.Load(), l.p.BytesTotal.Load()
	rate := l.speed.Observe(now, read)
	if l.p.Unsized.Load() {
		total = 0 // a lower bound: no share, no time left
	}
	s := "codetop: reading " + units.BytesOf(read, total, l.p.Compressed.Load()) +
		", " + units.Count(l.p.Lines.Load()) + " lines, " + units.BytesPerSecond(rate)
	if left := units.Left(read, total, rate); left != "" {
		s += ", " + left + " left"
	}
	return s
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

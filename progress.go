package main

import (
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/codetop/codetop/source"
	xterm "golang.org/x/term"
)

// progressEvery is how often the progress line is redrawn. Reads shorter
// than this show nothing at all.
var progressEvery = 250 * time.Millisecond

// rateWindow is how far back the read rate looks: long enough to smooth
// out the cache and chunk effects, short enough to follow a slower disk.
const rateWindow = 3 * time.Second

// progressLine draws one line on a terminal, over itself, telling how far a
// batch read has got: "codetop: reading 1.21 GB of 4.00 GB (30%), 5.2M
// lines, 412 MB/s, 7s left". It uses no escape sequences, only carriage
// returns and blanks, so any terminal shows it right.
type progressLine struct {
	w       io.Writer
	p       *source.Progress
	samples []progressSample // oldest first, within rateWindow of the newest
	drawn   int              // width of the line on screen, to blank it
}

type progressSample struct {
	at    time.Time
	bytes int64
}

func newProgressLine(w io.Writer, p *source.Progress, start time.Time) *progressLine {
	return &progressLine{w: w, p: p, samples: []progressSample{{at: start}}}
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
	l.samples = append(l.samples, progressSample{now, read})
	for len(l.samples) > 2 && now.Sub(l.samples[1].at) >= rateWindow {
		l.samples = l.samples[1:]
	}
	first := l.samples[0]
	rate := 0.0
	if d := now.Sub(first.at).Seconds(); d > 0 {
		rate = float64(read-first.bytes) / d
	}
	sized := total > 0 && !l.p.Unsized.Load()

	var b strings.Builder
	b.WriteString("codetop: reading ")
	b.WriteString(byteSize(read))
	if sized {
		b.WriteString(" of ")
		b.WriteString(byteSize(total))
	}
	if l.p.Compressed.Load() {
		b.WriteString(" compressed")
	}
	if sized {
		pct := min(100, 100*read/total)
		b.WriteString(" (" + strconv.FormatInt(pct, 10) + "%)")
	}
	b.WriteString(", " + lineCount(l.p.Lines.Load()) + " lines")
	b.WriteString(", " + byteSize(int64(rate)) + "/s")
	if sized && rate > 0 && read < total {
		left := time.Duration(float64(total-read) / rate * float64(time.Second))
		b.WriteString(", " + timeLeft(left) + " left")
	}
	return b.String()
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

// byteSize writes n bytes in decimal units, with three significant digits:
// "812 B", "45.3 kB", "1.21 GB".
func byteSize(n int64) string {
	const units = "kMGTPE"
	if n < 1000 {
		return strconv.FormatInt(n, 10) + " B"
	}
	v, u := float64(n)/1000, 0
	for v >= 999.5 && u < len(units)-1 {
		v /= 1000
		u++
	}
	return threeDigits(v) + " " + units[u:u+1] + "B"
}

// lineCount writes a line count compactly: "812", "45.3k", "5.20M".
func lineCount(n int64) string {
	switch {
	case n < 1000:
		return strconv.FormatInt(n, 10)
	case n < 999_500:
		return threeDigits(float64(n)/1e3) + "k"
	case n < 999_500_000:
		return threeDigits(float64(n)/1e6) + "M"
	}
	return threeDigits(float64(n)/1e9) + "G"
}

func threeDigits(v float64) string {
	switch {
	case v >= 99.95:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case v >= 9.995:
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

// timeLeft writes a duration to the second, the way a countdown reads:
// "7s", "2m05s", "1h02m".
func timeLeft(d time.Duration) string {
	s := int64(d.Round(time.Second) / time.Second)
	switch {
	case s < 60:
		return strconv.FormatInt(max(s, 1), 10) + "s"
	case s < 3600:
		return strconv.FormatInt(s/60, 10) + "m" + twoDigits(s%60) + "s"
	}
	return strconv.FormatInt(s/3600, 10) + "h" + twoDigits(s/60%60) + "m"
}

func twoDigits(n int64) string {
	if n < 10 {
		return "0" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
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

// isTTY reports whether w is a terminal. Unlike a character-device test it
// says no for /dev/null, where cron jobs send stderr.
func isTTY(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && xterm.IsTerminal(int(f.Fd()))
}

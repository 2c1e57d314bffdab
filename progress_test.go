package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/codetop/codetop/source"
)

func progressOf(read, total, lines int64) *source.Progress {
	p := &source.Progress{}
	p.BytesRead.Store(read)
	p.BytesTotal.Store(total)
	p.Lines.Store(lines)
	return p
}

// The line says how much of how much was read, how many lines, how fast
// over the last seconds and how long it will take yet; a shorter line
// blanks what is left of the longer one before it.
func TestProgressLineText(t *testing.T) {
	t0 := time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)
	p := progressOf(0, 4_000_000_000, 0)
	var buf bytes.Buffer
	l := newProgressLine(&buf, p, t0)

	p.BytesRead.Store(1_210_000_000)
	p.Lines.Store(5_204_311)
	l.draw(t0.Add(2 * time.Second))
	want := "\rcodetop: reading 1.21 GB of 4.00 GB (30%), 5.20M lines, 605 MB/s, 5s left"
	if got := buf.String(); got != want {
		t.Fatalf("first draw:\n got %q\nwant %q", got, want)
	}

	// The rate follows the last three seconds, not the whole read: the
	// disk slowed down to 100 MB/s.
	buf.Reset()
	for i := 1; i <= 4; i++ {
		p.BytesRead.Add(100_000_000)
		l.draw(t0.Add(time.Duration(2+i) * time.Second))
	}
	last := buf.String()[strings.LastIndexByte(buf.String(), '\r'):]
	want = "\rcodetop: reading 1.61 GB of 4.00 GB (40%), 5.20M lines, 100 MB/s, 24s left"
	if last != want {
		t.Fatalf("after slowing down:\n got %q\nwant %q", last, want)
	}

	// Nearly done: a shorter line is padded over the longer one.
	buf.Reset()
	p.BytesRead.Store(4_000_000_000)
	prev := l.drawn
	l.draw(t0.Add(30 * time.Second))
	got := buf.String()
	text := "\rcodetop: reading 4.00 GB of 4.00 GB (100%), 5.20M lines, 99.6 MB/s"
	if !strings.HasPrefix(got, text) || len(got) != 1+prev || strings.TrimRight(got, " ") != text {
		t.Fatalf("final draw %q: want %q padded to %d columns", got, text, prev)
	}

	buf.Reset()
	l.erase()
	if want := "\r" + strings.Repeat(" ", len(text)-1) + "\r"; buf.String() != want {
		t.Errorf("erase wrote %q, want %q", buf.String(), want)
	}
	buf.Reset()
	l.erase()
	if buf.Len() != 0 {
		t.Errorf("a second erase wrote %q", buf.String())
	}
}

// Archives count compressed bytes, and say so; standard input has no size,
// so no share and no time left.
func TestProgressLineCompressedAndUnsized(t *testing.T) {
	t0 := time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)
	p := progressOf(50_000_000, 200_000_000, 12_345)
	p.Compressed.Store(true)
	var buf bytes.Buffer
	newProgressLine(&buf, p, t0).draw(t0.Add(time.Second))
	if want := "\rcodetop: reading 50.0 MB of 200 MB compressed (25%), 12.3k lines, 50.0 MB/s, 3s left"; buf.String() != want {
		t.Errorf("compressed:\n got %q\nwant %q", buf.String(), want)
	}

	p = progressOf(999, 0, 7)
	p.Unsized.Store(true)
	buf.Reset()
	newProgressLine(&buf, p, t0).draw(t0.Add(500 * time.Millisecond))
	if want := "\rcodetop: reading 999 B, 7 lines, 2.00 kB/s"; buf.String() != want {
		t.Errorf("stdin:\n got %q\nwant %q", buf.String(), want)
	}
}

// A line that wraps on the terminal is no longer redrawn over itself: the
// line fits the width, dropping the line count, then the speed, then
// whatever does not fit, and leaves the last column free.
func TestProgressLineFitsTheTerminal(t *testing.T) {
	t0 := time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)
	full := "codetop: reading 10.6 MB of 75.2 MB compressed (14%), 356k lines, 10.6 MB/s, 6s left"
	for _, tc := range []struct {
		cols int
		want string
	}{
		{0, full},
		{len(full) + 1, full},
		{len(full), "codetop: reading 10.6 MB of 75.2 MB compressed (14%), 10.6 MB/s, 6s left"},
		{80, "codetop: reading 10.6 MB of 75.2 MB compressed (14%), 10.6 MB/s, 6s left"},
		{70, "codetop: reading 10.6 MB of 75.2 MB compressed (14%), 6s left"},
		{60, "codetop: reading 10.6 MB of 75.2 MB compressed (14%)"},
		{40, "codetop: reading 10.6 MB of 75.2 MB com"},
		{1, ""},
	} {
		p := progressOf(0, 75_200_000, 0)
		p.Compressed.Store(true)
		var buf bytes.Buffer
		l := newProgressLine(&buf, p, t0)
		l.width = func() int { return tc.cols }
		p.BytesRead.Store(10_600_000)
		p.Lines.Store(356_000)
		l.draw(t0.Add(time.Second))
		if got := strings.TrimPrefix(buf.String(), "\r"); got != tc.want {
			t.Errorf("%d columns:\n got %q\nwant %q", tc.cols, got, tc.want)
		}
	}
}

// A terminal that shrinks while a report reads: the blanks over the longer
// line before stop short of the new width, or they would wrap.
func TestProgressLineOnAShrinkingTerminal(t *testing.T) {
	t0 := time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)
	p := progressOf(0, 75_200_000, 0)
	var buf bytes.Buffer
	l := newProgressLine(&buf, p, t0)
	cols := 120
	l.width = func() int { return cols }
	p.BytesRead.Store(10_600_000)
	p.Lines.Store(356_000)
	l.draw(t0.Add(time.Second))
	cols = 40
	buf.Reset()
	l.draw(t0.Add(2 * time.Second))
	l.erase()
	for _, seg := range strings.Split(buf.String(), "\r") {
		if len(seg) > cols-1 {
			t.Errorf("%d columns written on a %d-column terminal: %q", len(seg), cols, seg)
		}
	}
}

// The loop draws at every tick of its clock and erases the line when
// stopped; nothing is written after stop returns.
func TestRunProgressTicks(t *testing.T) {
	t0 := time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)
	p := progressOf(0, 1000, 0)
	var buf bytes.Buffer // written by the loop, read here after stop
	ticks := make(chan time.Time)
	stop := runProgress(newProgressLine(&buf, p, t0), ticks)
	for i := 1; i <= 3; i++ {
		p.BytesRead.Store(int64(250 * i))
		ticks <- t0.Add(time.Duration(i) * time.Second)
	}
	stop()
	out := buf.String()
	if n := strings.Count(out, "\rcodetop: reading"); n != 3 {
		t.Errorf("%d draws for 3 ticks: %q", n, out)
	}
	if !strings.Contains(out, "750 B of 1.00 kB (75%)") {
		t.Errorf("the last draw does not show the last counters: %q", out)
	}
	if !strings.HasSuffix(out, strings.Repeat(" ", 10)+"\r") || strings.Contains(out, "\n") {
		t.Errorf("the line is not erased at the end: %q", out)
	}
	n := buf.Len()
	time.Sleep(10 * time.Millisecond)
	if buf.Len() != n {
		t.Error("output after stop")
	}
}

// Not a terminal (a buffer, a regular file): nothing, whatever the clock
// does, and stop returns at once.
func TestProgressSilentWhenNotATerminal(t *testing.T) {
	p := progressOf(10, 100, 1)
	ticks := make(chan time.Time, 3)
	for i := 0; i < 3; i++ {
		ticks <- time.Now()
	}
	var buf bytes.Buffer
	showProgress(&buf, p, time.Now(), ticks)()
	if buf.Len() != 0 {
		t.Errorf("wrote %q to a buffer", buf.String())
	}
	f, err := os.Create(filepath.Join(t.TempDir(), "stderr"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	showProgress(f, p, time.Now(), ticks)()
	devNull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer devNull.Close()
	if isTTY(devNull) {
		t.Error("/dev/null taken for a terminal")
	}
	if fi, _ := f.Stat(); fi.Size() != 0 {
		t.Errorf("wrote %d bytes to a file", fi.Size())
	}
	if len(ticks) != 3 {
		t.Error("ticks were consumed though nothing is drawn")
	}
}

package source

import (
	"bufio"
	"bytes"
	"context"
	"math/rand"
	"testing"
)

// watchSink counts lines and, at the start of every chunk, reads the
// progress counters the way a progress line does from another goroutine.
type watchSink struct {
	t          *testing.T
	p          *Progress
	lines      int
	sawPartial bool // counters showed some but not all of the input
	lastBytes  int64
}

func (w *watchSink) Begin(string, int, bool) {
	read, total, lines := w.p.BytesRead.Load(), w.p.BytesTotal.Load(), w.p.Lines.Load()
	if read < w.lastBytes {
		w.t.Errorf("BytesRead went back from %d to %d", w.lastBytes, read)
	}
	w.lastBytes = read
	if total > 0 && read > total {
		w.t.Errorf("BytesRead %d past BytesTotal %d", read, total)
	}
	if lines > 0 && read < total {
		w.sawPartial = true
	}
}
func (w *watchSink) Line([]byte)    { w.lines++ }
func (w *watchSink) TooLong([]byte) { w.lines++ }
func (w *watchSink) End()           {}

// The counters reach exactly the size of the inputs on disk (compressed
// bytes for archives) and the number of lines handed over, and they move
// while the read goes on, not only at its end.
func TestReadParallelProgress(t *testing.T) {
	rng := rand.New(rand.NewSource(11))
	dir := t.TempDir()
	content := randomLog(rng, 3000, 200)
	plainPath := writeFile(t, dir, "a.log", content)
	gz := gzipBytes(t, content)
	gzPath := writeFile(t, dir, "b.log.gz", gz)
	zst := zstdBytes(t, content)
	zstPath := writeFile(t, dir, "c.log.zst", zst)
	want := int64(len(wantLines(content, 200)))

	for _, tc := range []struct {
		name       string
		inputs     []string
		bytes      int64
		lines      int64
		compressed bool
	}{
		{"plain", []string{plainPath}, int64(len(content)), want, false},
		{"archives", []string{gzPath, zstPath}, int64(len(gz) + len(zst)), 2 * want, true},
		{"mixed", []string{plainPath, gzPath}, int64(len(content) + len(gz)), 2 * want, true},
	} {
		restore := SetChunking(4<<10, 4<<10)
		p := &Progress{}
		w := &watchSink{t: t, p: p}
		err := ReadParallel(context.Background(), tc.inputs, Options{MaxLine: 200, Progress: p}, []Sink{w})
		restore()
		if err != nil {
			t.Fatal(err)
		}
		if got := p.BytesTotal.Load(); got != tc.bytes {
			t.Errorf("%s: BytesTotal %d, want %d", tc.name, got, tc.bytes)
		}
		if got := p.BytesRead.Load(); got != tc.bytes {
			t.Errorf("%s: BytesRead %d at the end, want %d", tc.name, got, tc.bytes)
		}
		if got := p.Lines.Load(); got != tc.lines || int64(w.lines) != tc.lines {
			t.Errorf("%s: Lines %d, sink saw %d, want %d", tc.name, got, w.lines, tc.lines)
		}
		if p.Compressed.Load() != tc.compressed {
			t.Errorf("%s: Compressed %v, want %v", tc.name, p.Compressed.Load(), tc.compressed)
		}
		if p.Unsized.Load() {
			t.Errorf("%s: Unsized set for regular files", tc.name)
		}
		if !w.sawPartial {
			t.Errorf("%s: the counters never showed a read in progress", tc.name)
		}
	}
}

// Standard input has no size: the counters say so, and still count what
// was read.
func TestReadParallelProgressStdin(t *testing.T) {
	content := randomLog(rand.New(rand.NewSource(12)), 2000, 200)
	oldIn, oldCounter := stdin, stdinCounter
	stdinCounter = &countingReader{r: bytes.NewReader(content)}
	stdin = bufio.NewReaderSize(stdinCounter, 1<<20)
	defer func() { stdin, stdinCounter = oldIn, oldCounter }()
	p := &Progress{}
	w := &watchSink{t: t, p: p}
	if err := ReadParallel(context.Background(), []string{Stdin}, Options{MaxLine: 200, Progress: p}, []Sink{w}); err != nil {
		t.Fatal(err)
	}
	if !p.Unsized.Load() || p.BytesTotal.Load() != 0 {
		t.Errorf("stdin: Unsized %v, BytesTotal %d; want true, 0", p.Unsized.Load(), p.BytesTotal.Load())
	}
	if got := p.BytesRead.Load(); got != int64(len(content)) {
		t.Errorf("stdin: BytesRead %d, want %d", got, len(content))
	}
	if got, want := p.Lines.Load(), int64(len(wantLines(content, 200))); got != want {
		t.Errorf("stdin: Lines %d, want %d", got, want)
	}
}

// Follow counts the history it reads the same way, so the dashboard can
// show how much of it is loaded.
func TestFollowProgress(t *testing.T) {
	rng := rand.New(rand.NewSource(13))
	dir := t.TempDir()
	content := randomLog(rng, 3000, 200)
	plainPath := writeFile(t, dir, "a.log", content)
	gz := gzipBytes(t, content)
	gzPath := writeFile(t, dir, "b.log.gz", gz)
	p := &Progress{}
	w := &watchSink{t: t, p: p}
	opts := FollowOptions{Options: Options{MaxLine: 200, Progress: p}, NoFollow: true}
	if err := Follow(context.Background(), []string{plainPath, gzPath}, opts, w); err != nil {
		t.Fatal(err)
	}
	total := int64(len(content) + len(gz))
	if p.BytesTotal.Load() != total || p.BytesRead.Load() != total {
		t.Errorf("Follow: BytesRead %d of BytesTotal %d, want both %d", p.BytesRead.Load(), p.BytesTotal.Load(), total)
	}
	if got, want := p.Lines.Load(), int64(2*len(wantLines(content, 200))); got != want || int64(w.lines) != want {
		t.Errorf("Follow: Lines %d, sink saw %d, want %d", got, w.lines, want)
	}
	if !p.Compressed.Load() {
		t.Error("Follow: Compressed not set after reading an archive")
	}
}

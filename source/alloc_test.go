package source

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Reading allocates per call (buffers, goroutines), never per line: the
// allocations of reading 20,000 lines are those of reading 2,000.
func TestReadingAllocatesNothingPerLine(t *testing.T) {
	dir := t.TempDir()
	rng := rand.New(rand.NewSource(4))
	small := randomLog(rng, 2000, 300)
	large := bytes.Repeat(small, 10)
	ps := writeFile(t, dir, "small.log", small)
	pl := writeFile(t, dir, "large.log", large)
	zs := writeFile(t, dir, "small.log.gz", gzipBytes(t, small))
	zl := writeFile(t, dir, "large.log.gz", gzipBytes(t, large))
	restore := SetChunking(64<<10, 64<<10)
	defer restore()
	count := &nopSink{}
	for _, c := range []struct {
		name         string
		small, large string
		read         func(string)
	}{
		{"ReadAll", ps, pl, func(p string) { ReadAll(context.Background(), []string{p}, Options{MaxLine: 300}, count) }},
		{"ReadParallel", ps, pl, func(p string) {
			ReadParallel(context.Background(), []string{p}, Options{MaxLine: 300}, []Sink{&nopSink{}, &nopSink{}})
		}},
		{"ReadParallel gzip", zs, zl, func(p string) {
			ReadParallel(context.Background(), []string{p}, Options{MaxLine: 300}, []Sink{&nopSink{}, &nopSink{}})
		}},
		{"Follow", ps, pl, func(p string) {
			Follow(context.Background(), []string{p}, FollowOptions{Options: Options{MaxLine: 300}, NoFollow: true}, count)
		}},
	} {
		a := testing.AllocsPerRun(3, func() { c.read(c.small) })
		b := testing.AllocsPerRun(3, func() { c.read(c.large) })
		// Ten times the lines; the chunked readers have ten times the
		// chunks, each costing a job's bookkeeping, so allow a little.
		if b > a+float64(len(large)/(64<<10))*2+8 {
			t.Errorf("%s: %.0f allocations for 2,000 lines, %.0f for 20,000", c.name, a, b)
		}
		t.Logf("%s: %.0f allocations for 2,000 lines, %.0f for 20,000", c.name, a, b)
	}
	if count.n == 0 {
		t.Fatal("nothing read")
	}
}

type nopSink struct{ n int }

func (s *nopSink) Begin(string, int, bool) {}
func (s *nopSink) End()                    {}
func (s *nopSink) Line([]byte)             { s.n++ }
func (s *nopSink) TooLong([]byte)          { s.n++ }

// Cancelling stops ReadParallel promptly, whatever it was doing.
func TestReadParallelCancel(t *testing.T) {
	dir := t.TempDir()
	rng := rand.New(rand.NewSource(5))
	content := bytes.Repeat(randomLog(rng, 5000, 300), 3)
	p := writeFile(t, dir, "a.log", content)
	z := writeFile(t, dir, "b.log.gz", gzipBytes(t, content))
	restore := SetChunking(4<<10, 4<<10)
	defer restore()
	for _, in := range []string{p, z} {
		ctx, cancel := context.WithCancel(context.Background())
		blocking := &cancelSink{cancel: cancel, after: 1000}
		err := ReadParallel(ctx, []string{in, in, in}, Options{}, []Sink{blocking, &nopSink{}})
		if !errors.Is(err, context.Canceled) || strings.Count(err.Error(), "\n") > 0 {
			t.Errorf("%s: error %v, want context.Canceled", filepath.Base(in), err)
		}
	}
	if _, err := os.Stat(p); err != nil {
		t.Fatal(err)
	}
}

type cancelSink struct {
	nopSink
	cancel func()
	after  int
}

func (s *cancelSink) Line(b []byte) {
	s.n++
	if s.n == s.after {
		s.cancel()
	}
}

// FuzzLineReader checks the splitter against the plain definition of lines
// for any content, limit and read sizes.
func FuzzLineReader(f *testing.F) {
	f.Add([]byte("a\nbb\n\nccc"), uint16(64), uint8(3))
	f.Add([]byte("x\r\n"+string(bytes.Repeat([]byte("y"), 300))+"\nz\n"), uint16(70), uint8(1))
	f.Fuzz(func(t *testing.T, content []byte, max uint16, step uint8) {
		m := int(max%512) + 1
		r := &stepReader{b: content, step: int(step%16) + 1}
		got := readAllLines(newLineReader(r, m))
		want := wantLines(content, m)
		if len(got) != len(want) {
			t.Fatalf("%d lines, want %d", len(got), len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("line %d: %q, want %q", i+1, got[i], want[i])
			}
		}
	})
}

type stepReader struct {
	b    []byte
	step int
}

func (r *stepReader) Read(p []byte) (int, error) {
	if len(r.b) == 0 {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), r.step)], r.b)
	r.b = r.b[n:]
	return n, nil
}

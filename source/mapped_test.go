package source

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"runtime/debug"
	"testing"
)

// truncatingSink cuts its file to size bytes while it is handed line
// number at, as a copytruncate rotation would, and then reads the line it
// was handed.
type truncatingSink struct {
	recSink
	path  string
	size  int64
	at, n int
}

func (s *truncatingSink) Line(b []byte) {
	s.n++
	if s.n == s.at {
		if err := os.Truncate(s.path, s.size); err != nil {
			s.t.Error(err)
		}
	}
	s.recSink.Line(b) // reads b after the truncation
}

// A file cut short while it is mapped and read ends the read where it
// ends now: no crash and no error (the end of a file), and the lines it
// still holds are handed over as it holds them, the last one cut where the
// file is cut, as a read with ReadAt would find them.
func TestMappedFileTruncatedWhileRead(t *testing.T) {
	if !mmapSupported {
		t.Skip("plain files are not memory-mapped on this system")
	}
	defer SetMapping(true)()
	defer SetChunking(256<<10, 256<<10)()
	var content []byte
	var starts []int64
	for i := 0; i < 20000; i++ {
		starts = append(starts, int64(len(content)))
		content = fmt.Appendf(content, "%05d GET /index.html 200 %080d\n", i, i)
	}
	for _, c := range []struct {
		name   string
		size   int64 // what the file is cut to while line 1000 is read
		lines  int   // whole lines left
		cutLen int   // bytes left of the next one
	}{
		{"emptied", 0, 1000, 0},
		{"cut in the middle of line 1501", starts[1500] + 10, 1500, 10},
		{"cut after line 3000", starts[3000], 3000, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := writeFile(t, t.TempDir(), "access.log", content)
			s := &truncatingSink{recSink: *newRecSink(t), path: p, size: c.size, at: 1000}
			before := chunksMapped.Load()
			if err := ReadParallel(context.Background(), []string{p}, Options{}, []Sink{s}); err != nil {
				t.Fatalf("a file that shrank while read: %v, want no error", err)
			}
			if chunksMapped.Load() == before {
				t.Fatal("no chunk was mapped")
			}
			want := wantLines(content, DefaultMaxLine)[:c.lines]
			if c.cutLen > 0 {
				want = append(want, string(content[starts[c.lines]:starts[c.lines]+int64(c.cutLen)]))
			}
			diffLines(t, "lines read", linesByInput(t, &s.recSink)[p], want)
		})
	}
}

// Only a fault on the mapping is taken for a file that shrank; any other
// panic is a bug and is not swallowed.
func TestMappedFaultIsRecognised(t *testing.T) {
	if !mmapSupported {
		t.Skip("plain files are not memory-mapped on this system")
	}
	mem, p := mapTestFile(t, make([]byte, 3*pageSize))
	c := mappedChunk{data: mem}
	if err := os.Truncate(p, 0); err != nil {
		t.Fatal(err)
	}
	fault := func() (r any) {
		defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
		defer func() { r = recover() }()
		readByte = mem[pageSize+5]
		return nil
	}()
	if fault == nil {
		t.Fatal("reading a truncated mapping did not fault")
	}
	if !c.faultedOn(fault) {
		t.Errorf("a fault on the mapping (%v) is not recognised", fault)
	}
	nilDeref := func() (r any) {
		defer func() { r = recover() }()
		var p *mappedChunk
		_ = p.data
		return nil
	}()
	if nilDeref == nil {
		t.Fatal("a nil dereference did not panic")
	}
	if c.faultedOn(nilDeref) {
		t.Errorf("a nil dereference (%v) is taken for a fault on the mapping", nilDeref)
	}
	other := mappedChunk{data: make([]byte, 3*pageSize)}
	if other.faultedOn(fault) {
		t.Error("a fault on another mapping is taken for this one's")
	}
	if c.faultedOn("a sink's own panic") {
		t.Error("a plain panic is taken for a fault on the mapping")
	}
}

// mapTestFile writes content to a file and maps all of it; the mapping
// goes when the test ends (it outlives the descriptor).
func mapTestFile(t *testing.T, content []byte) (mem []byte, path string) {
	t.Helper()
	path = writeFile(t, t.TempDir(), "access.log", content)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if mem, err = mmapFile(f, 0, int64(len(content))); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { munmap(mem) })
	return mem, path
}

// readByte keeps the compiler from leaving out a read whose fault is wanted.
var readByte byte

// A last line still being written when the file was opened is read on to
// its newline, mapped or not.
func TestMappedLastLineReadOnPastTheMapping(t *testing.T) {
	for _, mapped := range []bool{true, false} {
		t.Run(fmt.Sprintf("mapped=%v", mapped), func(t *testing.T) {
			defer SetMapping(mapped)()
			p := writeFile(t, t.TempDir(), "access.log", []byte("one\ntwo\nthr"))
			in, err := openInput(p)
			if err != nil {
				t.Fatal(err)
			}
			f, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := f.WriteString("ee\nfour\n"); err != nil {
				t.Fatal(err)
			}
			f.Close()
			sf := &sharedFile{in: in}
			sf.refs.Store(1)
			defer sf.release()
			var cr chunkReader
			for _, c := range []struct {
				start, end int64
				want       []string
			}{
				{0, in.size, []string{"one", "two", "three"}},
				{5, in.size, []string{"three"}},
				{9, in.size, nil},
			} {
				r := newRecSink(t)
				r.Begin(p, 0, true) // linesByInput wants chunk 0 to be a first
				before := chunksMapped.Load()
				n, err := readChunk(&cr, job{input: p, file: sf, start: c.start, end: c.end}, r, DefaultMaxLine)
				r.End()
				if was := chunksMapped.Load() > before; was != mapped {
					t.Errorf("chunk [%d, %d) mapped: %v, want %v", c.start, c.end, was, mapped)
				}
				if err != nil || n != len(c.want) {
					t.Errorf("chunk [%d, %d): %d lines, %v; want %d", c.start, c.end, n, err, len(c.want))
				}
				diffLines(t, fmt.Sprintf("chunk [%d, %d)", c.start, c.end), linesByInput(t, r)[p], c.want)
			}
		})
	}
}

// Mapped or read, chunked anywhere, with any line limit, the lines of a
// file reach the sinks exactly once and whole.
func FuzzReadChunks(f *testing.F) {
	f.Add([]byte("a\nbb\r\n\nccc"), uint16(2), uint8(2))
	f.Add([]byte("\n\n\n"), uint16(0), uint8(0))
	f.Add(bytes.Repeat([]byte("x"), 5000), uint16(300), uint8(40))
	f.Fuzz(func(t *testing.T, content []byte, chunk uint16, limit uint8) {
		if len(content) > 1<<16 {
			t.Skip("longer inputs only take longer")
		}
		p := writeFile(t, t.TempDir(), "access.log", content)
		max := int(limit) + 1
		want := wantLines(content, max)
		for _, mapped := range []bool{true, false} {
			restoreMapping := SetMapping(mapped)
			restoreChunks := SetChunking(int64(chunk)+1, int(chunk)+1+max)
			ss, rs := recSinks(t, 2)
			err := ReadParallel(context.Background(), []string{p}, Options{MaxLine: max}, ss)
			restoreChunks()
			restoreMapping()
			if err != nil {
				t.Fatalf("mapped %v: %v", mapped, err)
			}
			diffLines(t, fmt.Sprintf("mapped %v, chunks of %d, limit %d", mapped, chunk+1, max), linesByInput(t, rs...)[p], want)
		}
	})
}

// panickingSink panics with its own value on the first line.
type panickingSink struct{ nopSink }

func (*panickingSink) Line([]byte) { panic("the sink's own panic") }

// A sink's own panic goes through the mapped reader as it came, and the
// reader leaves the goroutine's fault setting as it found it.
func TestMappedReaderPassesOtherPanicsOn(t *testing.T) {
	if !mmapSupported {
		t.Skip("plain files are not memory-mapped on this system")
	}
	mem, _ := mapTestFile(t, []byte("one\ntwo\n"))
	c := mappedChunk{data: mem}
	got := func() (r any) {
		defer func() { r = recover() }()
		c.read(0, 8, &panickingSink{}, DefaultMaxLine)
		return nil
	}()
	if got != "the sink's own panic" {
		t.Errorf("recovered %v, want the sink's own panic", got)
	}
	if debug.SetPanicOnFault(false) {
		t.Error("the reader left SetPanicOnFault on")
	}
}

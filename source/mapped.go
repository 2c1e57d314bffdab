package source

import (
	"bytes"
	"io"
	"runtime/debug"
	"sync/atomic"
	"unsafe"
)

// Plain files are read through a memory mapping where the system offers
// one: lines are found where the kernel keeps the file's pages, instead of
// first copying every piece of the file into a buffer with read (a
// twentieth of the work of a run over a plain log, in the kernel alone).
// Each line is then copied once, into a buffer small enough to stay in the
// first-level cache, and the sink is handed that copy.
//
// The copy is what makes mapping safe. Reading a page of a mapped file can
// fault: the file shrank (a copytruncate rotation) and the page is gone,
// or the disk or the network file system failed to read it. With the sink
// working on a copy, the fault can only happen in this file's code,
// between two lines. It is caught there, and the chunk goes on from the
// line it stopped at with ReadAt, which sees the file's new end, or
// returns the read error, exactly as a chunk read with ReadAt from the
// start would. A sink is never stopped half-way through counting a line.

// mapFiles says whether plain files are mapped; tests turn it off to check
// that both ways of reading hand over the same lines.
var mapFiles = mmapSupported

// chunksMapped counts the chunks read through a mapping, for tests to
// tell a mapped read from a quiet fallback to ReadAt.
var chunksMapped atomic.Int64

// mapSlack is how far past its end a chunk's mapping reaches, for the
// line that crosses the end; a longer one is finished with ReadAt.
const mapSlack = 64 << 10

// chunkReader is one worker's reading state, kept from chunk to chunk.
type chunkReader struct {
	lr  lineReader
	own []byte // the copy of a mapped line that a sink is handed
}

// readMapped hands sink the lines of chunk j, as readChunk does, from a
// mapping of the file. It returns mapped false, having handed nothing
// over, when the file cannot be mapped or a fault came before the first
// line: the caller then reads the chunk with ReadAt.
func readMapped(cr *chunkReader, j job, sink Sink, max int) (n int, mapped bool, err error) {
	in := j.file.in
	from := j.start
	if from > 0 {
		from-- // as readChunk: a newline here means a line starts at j.start
	}
	if !mapFiles || in.file == nil || from >= in.size {
		return 0, false, nil
	}
	page := int64(pageSize)
	base := from / page * page
	mem, err := mmapFile(in.file, base, min(in.size, j.end+mapSlack))
	if err != nil {
		return 0, false, nil
	}
	defer munmap(mem)
	chunksMapped.Add(1)
	if cr.own == nil {
		// Every line is written here, on each worker's own core. Starting
		// at a kilobyte keeps the buffer in allocation sizes that are whole
		// cache lines as it grows, so that it never shares a line with
		// another worker's buffer (false sharing: see parser.cacheLinePad).
		cr.own = make([]byte, 0, 1<<10)
	}
	c := mappedChunk{data: mem, base: base, own: cr.own}
	rest := c.read(j.start, j.end, sink, max)
	cr.own = c.own
	switch {
	case rest == done:
		return c.n, true, nil
	case rest == restart:
		return 0, false, nil
	}
	// The mapping ended inside a line (one longer than the slack, or the
	// last of the file, still being written when it was opened), or a
	// fault stopped the walk: ReadAt goes on from the line at rest.
	lr := &cr.lr
	lr.reset(&sectionReader{f: in.file, off: rest}, rest, max)
	n = c.n + emit(lr, sink, j.end)
	if lr.err != nil && lr.err != io.EOF {
		return n, true, in.streamError(lr.err)
	}
	return n, true, nil
}

// What mappedChunk.read returns besides an offset to go on from.
const (
	done    = -1 // every line of the chunk was handed over
	restart = -2 // a fault before the first line: nothing was handed over
)

// mappedChunk walks the lines of one chunk in a mapping of its file.
type mappedChunk struct {
	data []byte // the file from offset base on
	base int64
	n    int    // lines handed over
	next int64  // the file offset of the next line, once known (else -1)
	own  []byte // where each line is copied for the sink
}

// read hands sink the lines that start in [start, end) until the mapping
// ends inside a line or reading it faults, and returns the file offset of
// the line to go on from then, done or restart.
func (c *mappedChunk) read(start, end int64, sink Sink, max int) (rest int64) {
	c.next = -1
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			if !c.faultedOn(r) {
				panic(r)
			}
			rest = c.next
			if rest < 0 {
				rest = restart
			}
		}
	}()
	d := c.data
	i, stop := start-c.base, end-c.base
	if start > 0 {
		// The line that crosses start is an earlier chunk's, unless a
		// newline ends the line before right at start-1. The mapping
		// reaches end, so a line of this chunk has its newline before.
		i--
		k := bytes.IndexByte(d[i:], '\n')
		if k < 0 {
			return done
		}
		i += int64(k) + 1
	}
	for c.next = c.base + i; i < stop; c.next = c.base + i {
		line := d[i:]
		k := bytes.IndexByte(line, '\n')
		if k < 0 {
			return c.next
		}
		if k > max && !crlfAt(line[:k], max) {
			c.own = append(c.own[:0], line[:min(k, excerpt)]...)
			sink.TooLong(c.own)
		} else {
			c.own = append(c.own[:0], line[:k]...)
			sink.Line(c.own)
		}
		c.n++
		i += int64(k) + 1
	}
	return done
}

// faultedOn reports whether r, a recovered panic, is a fault on an address
// inside the mapping. Any other panic (a sink's bug) is not this file's to
// swallow.
func (c *mappedChunk) faultedOn(r any) bool {
	e, ok := r.(interface{ Addr() uintptr })
	if !ok || len(c.data) == 0 {
		return false
	}
	start := uintptr(unsafe.Pointer(unsafe.SliceData(c.data)))
	a := e.Addr()
	return a >= start && a-start < uintptr(len(c.data))
}

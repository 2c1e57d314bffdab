package source

import (
	"bytes"
	"io"
	"runtime/debug"
	"unsafe"
)

// Plain files are read through a memory mapping where the system offers
// one: lines are found where the kernel keeps the file's pages, instead of
// first copying every piece of the file into a buffer with read (a
// twentieth of the work of a run over a plain log, in the kernel alone).
// Each line is then copied once, into a buffer small enough to stay in the
// first-level cache, and the sink is handed that copy.
//
// The copy is what makes mapping safe. A mapped file that shrinks (a
// copytruncate rotation, say) loses the pages past its new end, and
// reading them faults. With the sink working on a copy, the fault can only
// happen in this file's code, between two lines: it is caught there and
// ends the chunk, as the end of the file ends a read. The lines handed over
// stay counted and the rest is gone from the file anyway. A sink is never
// stopped half-way through counting a line.

// mapFiles says whether plain files are mapped; tests turn it off to check
// that both ways of reading hand over the same lines.
var mapFiles = mmapSupported

// chunkReader is one worker's reading state, kept from chunk to chunk.
type chunkReader struct {
	lr  lineReader
	own []byte // the copy of a mapped line that a sink is handed
}

// readMapped hands sink the lines of chunk j, as readChunk does, from a
// mapping of the file. It returns mapped false, having read nothing, when
// the file cannot be mapped.
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
	mem, err := mmapFile(in.file, base, in.size)
	if err != nil {
		return 0, false, nil
	}
	defer munmap(mem)
	c := mappedChunk{data: mem, base: base, own: cr.own}
	tail := c.read(j.start, j.end, sink, max)
	cr.own = c.own
	if tail < 0 {
		return c.n, true, nil
	}
	// The mapping ends inside a line, the last one of the file as it was
	// when opened: a line that is still being written is read on with read,
	// to its newline or the file's end, as readChunk would.
	lr := &cr.lr
	lr.reset(&sectionReader{f: in.file, off: tail}, tail, max)
	n = c.n + emit(lr, sink, tail+1)
	if lr.err != nil && lr.err != io.EOF {
		return n, true, in.streamError(lr.err)
	}
	return n, true, nil
}

// mappedChunk walks the lines of one chunk in a mapping of its file.
type mappedChunk struct {
	data []byte // the file from offset base to its size when opened
	base int64
	n    int    // lines handed over
	own  []byte // where each line is copied for the sink
}

// read hands sink the lines that start in [start, end) and returns the
// offset of the last one when the mapping ends before its newline (-1
// otherwise). A fault on the mapping ends the walk where it happened.
func (c *mappedChunk) read(start, end int64, sink Sink, max int) (tail int64) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			if !c.faultedOn(r) {
				panic(r)
			}
			tail = -1 // the file shrank: its end is here now
		}
	}()
	d := c.data
	i, stop := start-c.base, end-c.base
	if start > 0 {
		// The line that crosses start is an earlier chunk's, unless a
		// newline ends the line before right at start-1.
		i--
		k := bytes.IndexByte(d[i:], '\n')
		if k < 0 {
			return -1
		}
		i += int64(k) + 1
	}
	for i < stop {
		rest := d[i:]
		k := bytes.IndexByte(rest, '\n')
		if k < 0 {
			return c.base + i
		}
		if k > max {
			c.own = append(c.own[:0], rest[:min(k, excerpt)]...)
			sink.TooLong(c.own)
		} else {
			c.own = append(c.own[:0], rest[:k]...)
			sink.Line(c.own)
		}
		c.n++
		i += int64(k) + 1
	}
	return -1
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

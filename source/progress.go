package source

import (
	"os"
	"sync/atomic"
)

// Progress tells how far a read has got, for a progress line in batch mode
// or a loading indicator in the dashboard. ReadParallel and Follow update it
// when Options.Progress is set; any goroutine may read it at any time.
//
// The counters are added to once per chunk of a plain file and once per
// block of a stream (about a megabyte), never per line, so keeping them costs
// nothing measurable. Bytes are bytes on disk: for an archive, compressed
// bytes, so that BytesRead and BytesTotal always compare.
type Progress struct {
	// BytesTotal is the size of the inputs when reading started: the file
	// size of plain files and archives alike. Inputs of unknown size
	// (standard input, pipes) add nothing and set Unsized.
	BytesTotal atomic.Int64
	// BytesRead is how much of the inputs was read so far.
	BytesRead atomic.Int64
	// Lines is how many lines (over-long ones included) reached the sinks.
	Lines atomic.Int64
	// Compressed is set once an archive is read: its bytes count as
	// compressed bytes.
	Compressed atomic.Bool
	// Unsized is set when an input's size is not known beforehand, so that
	// BytesTotal is a lower bound and no time left can be told.
	Unsized atomic.Bool
}

// sizeUp adds the sizes of the inputs to BytesTotal. Inputs that cannot be
// opened add nothing; the reader reports them.
func (p *Progress) sizeUp(inputs []string) {
	if p == nil {
		return
	}
	for _, name := range inputs {
		if name == Stdin {
			p.Unsized.Store(true)
			continue
		}
		fi, err := os.Stat(name)
		switch {
		case err != nil:
		case fi.Mode().IsRegular():
			p.BytesTotal.Add(fi.Size())
		case !fi.IsDir():
			p.Unsized.Store(true) // a named pipe or a device
		}
	}
}

// add counts a finished chunk or block; bytes is 0 for a block, whose
// compressed bytes the reading goroutine counts (see streamed).
func (p *Progress) add(bytes int64, lines int) {
	if p == nil {
		return
	}
	if bytes != 0 {
		p.BytesRead.Add(bytes)
	}
	if lines != 0 {
		p.Lines.Add(int64(lines))
	}
}

// streamed counts what a stream has taken from its file since the last
// call: the compressed bytes of an archive, the raw bytes of stdin. done
// holds the position counted so far.
func (p *Progress) streamed(in *input, done *int64) {
	if p == nil || in.counter == nil {
		return
	}
	if in.codec != plain {
		p.Compressed.Store(true)
	}
	at := in.counter.n - int64(in.br.Buffered())
	if at > *done {
		p.BytesRead.Add(at - *done)
		*done = at
	}
}

// drained counts what Follow's drain took from fl since position p0: n
// lines, and the bytes they took on disk.
func (p *Progress) drained(fl *followed, p0 int64, n int) {
	if p == nil {
		return
	}
	if fl.in != nil && fl.in.counter != nil {
		p.streamed(fl.in, &fl.counted)
	} else if d := fl.lr.pos() - p0; d > 0 {
		p.BytesRead.Add(d)
	}
	p.add(0, n)
}

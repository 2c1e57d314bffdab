package source

import (
	"bytes"
	"errors"
	"io"
)

// lineReader splits a byte stream into lines, enforcing the line length
// limit without ever holding more than the limit of one line: the rest of an
// over-long line is read and dropped, keeping only a short excerpt.
//
// The slices next returns point into its buffer and are valid until the next
// call. Not safe for concurrent use.
type lineReader struct {
	r    io.Reader
	buf  []byte
	r0   int   // buf[r0:w] is read but not yet returned
	w    int   //
	base int64 // stream offset of buf[0]
	max  int
	err  error // sticky: io.EOF at the end of the input, or a read error
	// readMax, when set, caps each read at what it returns for the offset
	// (when > 0): a chunk read with ReadAt stops at its end (readChunk).
	readMax func(off int64) int

	// follow keeps a partial last line at the end of the input instead of
	// returning it, so that it completes when more data arrives.
	follow bool

	skipping  bool   // discarding the rest of an over-long line
	long      []byte // the excerpt of that line
	longStart int64
}

// kind says what lineReader.next found.
type kind uint8

const (
	none    kind = iota // nothing more for now (end of input, or an error: see err)
	line                // a line within the limit
	tooLong             // an over-long line: only its excerpt is given
	cut                 // the start of a line the input broke off in (a read error)
)

// readSize is how much one read asks for: large reads keep the syscall
// count low, small enough to stay in the CPU caches.
const readSize = 256 << 10

func newLineReader(r io.Reader, max int) *lineReader {
	lr := &lineReader{}
	lr.reset(r, 0, max)
	return lr
}

// reset starts reading r, whose first byte is at stream offset off, keeping
// the buffer.
func (lr *lineReader) reset(r io.Reader, off int64, max int) {
	if max <= 0 {
		max = DefaultMaxLine
	}
	if lr.buf == nil {
		lr.buf = make([]byte, readSize)
	}
	*lr = lineReader{r: r, buf: lr.buf, long: lr.long[:0], base: off, max: max}
}

// pos is the stream offset of the next line.
func (lr *lineReader) pos() int64 {
	if lr.skipping {
		return lr.longStart
	}
	return lr.base + int64(lr.r0)
}

// consumed is how many bytes of the stream were read so far.
func (lr *lineReader) consumed() int64 { return lr.base + int64(lr.w) }

// lastRead returns up to k (at most history) of the last bytes read, the
// stream's bytes just before consumed(); fewer at the start, or after an
// over-long line was dropped.
func (lr *lineReader) lastRead(k int) []byte { return lr.buf[max(0, lr.w-k):lr.w] }

// buffered is how many bytes were read but not yet returned (a partial line
// while following).
func (lr *lineReader) buffered() int { return lr.w - lr.r0 }

// next returns the next line without its newline, or the excerpt of an
// over-long one. At the end of the input the last line is returned even
// without a newline, unless following.
func (lr *lineReader) next() ([]byte, kind) {
	for {
		if i := bytes.IndexByte(lr.buf[lr.r0:lr.w], '\n'); i >= 0 {
			b := lr.buf[lr.r0 : lr.r0+i]
			lr.r0 += i + 1
			if lr.skipping {
				lr.skipping = false
				lr.keep(b)
				return lr.long, tooLong
			}
			if len(b) > lr.max && !crlfAt(b, lr.max) {
				lr.long = lr.long[:0]
				lr.keep(b)
				return lr.long, tooLong
			}
			return b, line
		}
		// No newline in what is buffered: a partial line.
		if !lr.skipping && lr.w-lr.r0 > lr.max+1 { // +1: a CR before the newline
			lr.skipping, lr.longStart = true, lr.base+int64(lr.r0)
			lr.long = lr.long[:0]
		}
		if lr.skipping {
			lr.keep(lr.buf[lr.r0:lr.w])
			lr.discard()
		}
		if lr.err != nil {
			if lr.follow && lr.err == io.EOF {
				lr.err = nil
				return nil, none
			}
			return lr.rest()
		}
		lr.fill()
	}
}

// rest returns the partial last line at the end of the input, if any: a
// line when the input ended there, cut when a read error stopped it (a
// truncated archive), which is not to be read as if it were whole.
func (lr *lineReader) rest() ([]byte, kind) {
	if lr.skipping {
		lr.skipping = false
		return lr.long, tooLong
	}
	if lr.r0 < lr.w {
		b := lr.buf[lr.r0:lr.w]
		lr.r0 = lr.w
		if lr.err != nil && lr.err != io.EOF && lr.err != errStreamEnd {
			return b, cut
		}
		if len(b) > lr.max && !crlfAt(b, lr.max) {
			// One byte over: next lets a partial line keep a CR there.
			lr.long = lr.long[:0]
			lr.keep(b)
			return lr.long, tooLong
		}
		return b, line
	}
	return nil, none
}

// flush returns a partial line held while following, for when its input is
// abandoned (rotated away or truncated): what was written is still counted.
func (lr *lineReader) flush() ([]byte, kind) {
	return lr.rest()
}

// keep adds the start of b to the excerpt of an over-long line.
func (lr *lineReader) keep(b []byte) {
	if n := excerpt - len(lr.long); n > 0 {
		lr.long = append(lr.long, b[:min(len(b), n)]...)
	}
}

func (lr *lineReader) discard() {
	lr.base += int64(lr.w)
	lr.r0, lr.w = 0, 0
}

// history is how many bytes already returned fill keeps in front of the
// unread ones when it makes room, so that lastRead has them: a follower
// reads them again to tell whether its file was rewritten (see
// followed.rewritten).
const history = 64

// fill reads more, first making room: the unread part moves to the front,
// behind the last history bytes, and the buffer grows only while a partial
// line within the limit needs it.
func (lr *lineReader) fill() {
	if lr.r0 > history {
		from := lr.r0 - history
		n := copy(lr.buf, lr.buf[from:lr.w])
		lr.base += int64(from)
		lr.r0, lr.w = history, n
	}
	if lr.w == len(lr.buf) {
		nb := make([]byte, min(2*len(lr.buf), lr.max+1+readSize))
		copy(nb, lr.buf[:lr.w])
		lr.buf = nb
	}
	p := lr.buf[lr.w:]
	if len(p) > readSize {
		p = p[:readSize]
	}
	if lr.readMax != nil {
		if m := lr.readMax(lr.base + int64(lr.w)); m > 0 && m < len(p) {
			p = p[:m]
		}
	}
	n, err := lr.r.Read(p)
	if n < 0 || n > len(p) {
		n, err = 0, errors.New("invalid read count")
	}
	lr.w += n
	if err != nil {
		lr.err = err
	}
}

// crlfAt reports whether line, one byte over the limit max, is a line of
// max bytes and the CR of a CRLF ending: --max-line counts the line, not
// its ending.
func crlfAt(line []byte, max int) bool {
	return len(line) == max+1 && line[max] == '\r'
}

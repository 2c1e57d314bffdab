package source

import (
	"bytes"
	"context"
	"io"
)

// blockSize is how much decompressed data one block carries to a worker.
// Tests make it small.
var blockSize = 1 << 20

// block is a buffer of whole lines cut from a stream.
type block struct{ b []byte }

// blockPool bounds the blocks in flight: when the workers lag, the reader
// waits for a free block instead of buffering more.
type blockPool struct{ free chan *block }

func newBlockPool(n int) *blockPool {
	p := &blockPool{free: make(chan *block, n)}
	for i := 0; i < n; i++ {
		p.free <- &block{}
	}
	return p
}

// get waits for a free block and makes room for size bytes in it.
func (p *blockPool) get(ctx context.Context, size int) (*block, bool) {
	select {
	case b := <-p.free:
		if cap(b.b) < size {
			// Room for the partial line carried over from the last
			// block, so that the next one rarely needs to grow.
			b.b = make([]byte, size, size+size/8)
		}
		b.b = b.b[:size]
		return b, true
	case <-ctx.Done():
		return nil, false
	}
}

func (p *blockPool) put(b *block) { p.free <- b }

// cutBlocks reads a stream (stdin, a pipe, an archive being decompressed)
// in the calling goroutine and sends it to the workers as blocks of whole
// lines. A line longer than a block is carried over to the next one while it
// is within max; beyond that it is skipped and sent as its excerpt alone.
func cutBlocks(ctx context.Context, in *input, index int, seq *int, jobs chan<- job, pool *blockPool, max int, prog *Progress) error {
	var carry []byte  // the partial line at the end of the last block
	var counted int64 // compressed bytes counted in prog
	defer prog.streamed(in, &counted)
	first := true
	send := func(j job) bool {
		j.input, j.index, j.seq, j.first = in.name, index, *seq, first
		select {
		case jobs <- j:
			*seq++
			first = false
			return true
		case <-ctx.Done():
			if j.blk != nil {
				pool.put(j.blk)
			}
			return false
		}
	}
	for {
		blk, ok := pool.get(ctx, len(carry)+blockSize)
		if !ok {
			return ctx.Err()
		}
		n := copy(blk.b, carry)
		n, err := readFull(in.stream, blk.b, n)
		prog.streamed(in, &counted)
		data := blk.b[:n]
		if err != nil {
			// The end, or a break: what came before it is all lines, but
			// after a break a last one without its newline is cut off.
			blk.b = data
			if len(data) > 0 {
				broken := err != io.EOF && data[len(data)-1] != '\n'
				if !send(job{blk: blk, cut: broken}) {
					return ctx.Err()
				}
			} else {
				pool.put(blk)
				if first {
					send(job{}) // an empty input still has its chunk
				}
			}
			if err == io.EOF {
				return nil
			}
			return in.streamError(err)
		}
		if i := bytes.LastIndexByte(data, '\n'); i >= 0 {
			carry = append(carry[:0], data[i+1:]...)
			blk.b = data[:i+1]
			if !send(job{blk: blk}) {
				return ctx.Err()
			}
			continue
		}
		// No newline in a whole block: one long line (+1: the CR of a
		// CRLF ending, which --max-line does not count).
		if len(data) <= max+1 {
			carry = append(carry[:0], data...)
			pool.put(blk)
			continue
		}
		long := append([]byte(nil), data[:min(len(data), excerpt)]...)
		rest, err := skipLine(in.stream, blk.b[:cap(blk.b)], &long)
		carry = append(carry[:0], rest...)
		pool.put(blk)
		if !send(job{long: long}) {
			return ctx.Err()
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return in.streamError(err)
		}
	}
}

// readFull reads into b[n:] until b is full or r fails (io.EOF at the end).
func readFull(r io.Reader, b []byte, n int) (int, error) {
	for n < len(b) {
		k, err := r.Read(b[n:])
		n += k
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// skipLine reads and drops r up to and including the next newline, using
// scratch as buffer, and returns what was read after the newline. It tops up
// the excerpt long on the way.
func skipLine(r io.Reader, scratch []byte, long *[]byte) ([]byte, error) {
	for {
		k, err := r.Read(scratch)
		i := bytes.IndexByte(scratch[:k], '\n')
		seg := scratch[:k]
		if i >= 0 {
			seg = seg[:i]
		}
		if n := excerpt - len(*long); n > 0 {
			*long = append(*long, seg[:min(len(seg), n)]...)
		}
		if i >= 0 {
			return scratch[i+1 : k], nil
		}
		if err != nil {
			return nil, err
		}
	}
}

func indexNL(b []byte) int { return bytes.IndexByte(b, '\n') }

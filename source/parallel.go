package source

import (
	"context"
	"errors"
	"io"
	"sync"
	"sync/atomic"
)

// chunkSize is how much of a plain file one job covers. Large enough that
// the per-chunk work (a Begin/End pair, one partial line read twice) is
// noise; small enough that the cores finish a file at about the same time.
// Tests make it small to put chunk boundaries everywhere.
var chunkSize int64 = 8 << 20

// job is one unit of work for a sink: a byte range of a plain file read by
// the worker itself, or a block of lines cut from a stream.
type job struct {
	input string
	index int // the input's position in the list, for error reports
	seq   int
	first bool

	// A chunk of a plain file: the lines that start in [start, end).
	file       *sharedFile
	start, end int64
	held       int64 // bytes of the chunk left out of Progress (see readHistory)

	// A block of a stream: whole lines (the last may lack its newline at
	// the end of the input), or one over-long line's excerpt.
	blk  *block
	cut  bool // the block's last line is the start of one the stream broke off in
	long []byte
}

// sharedFile is a descriptor read by several workers, closed by the last.
type sharedFile struct {
	in   *input
	refs atomic.Int32
}

func (f *sharedFile) release() {
	if f.refs.Add(-1) == 0 {
		f.in.Close()
	}
}

// errorList keeps the first error of each input, to report them in input
// order.
type errorList struct {
	mu   sync.Mutex
	errs map[int]error
}

func (l *errorList) add(index int, err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.errs == nil {
		l.errs = map[int]error{}
	}
	if _, ok := l.errs[index]; !ok {
		l.errs[index] = err
	}
}

func (l *errorList) join(n int, extra error) error {
	var out []error
	for i := 0; i < n; i++ {
		if e, ok := l.errs[i]; ok {
			out = append(out, e)
		}
	}
	if extra != nil {
		out = append(out, extra)
	}
	if len(out) == 1 {
		return out[0]
	}
	return errors.Join(out...)
}

// ReadParallel reads all inputs to their ends, spreading their lines over
// sinks: sink i is used by one goroutine only, so each can own an aggregator
// that is merged with the others afterwards. Plain files are split into
// chunks at line boundaries; archives and stdin are read (and decompressed)
// in one goroutine of their own, pipelined with the sinks, and cut into
// blocks at line boundaries. Chunk seqs increase in input order, so the
// per-chunk line counts give file line numbers.
//
// An input that cannot be opened or read is reported in the returned error
// (one message naming the path); the others are still read, and what was read
// of a broken input before the break is counted.
func ReadParallel(ctx context.Context, inputs []string, opts Options, sinks []Sink) error {
	if len(sinks) == 0 {
		return errors.New("source: ReadParallel needs at least one sink")
	}
	max := opts.maxLine()
	prog := opts.Progress
	prog.sizeUp(inputs)
	jobs := make(chan job, 2*len(sinks))
	pool := newBlockPool(2*len(sinks) + 2)
	var errs errorList
	var wg sync.WaitGroup
	for _, s := range sinks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work(ctx, s, jobs, pool, max, &errs, prog)
		}()
	}
	ctxErr := dispatch(ctx, inputs, len(sinks), jobs, pool, max, &errs, prog)
	close(jobs)
	wg.Wait()
	if ctxErr == nil {
		ctxErr = ctx.Err()
	}
	return errs.join(len(inputs), ctxErr)
}

// dispatch opens the inputs in order and hands out their chunks or blocks.
// It is also the goroutine that decompresses archives.
func dispatch(ctx context.Context, inputs []string, workers int, jobs chan<- job, pool *blockPool, max int, errs *errorList, prog *Progress) error {
	seq := 0
	for i, name := range inputs {
		if err := ctx.Err(); err != nil {
			return err
		}
		in, err := openInput(name)
		if err != nil {
			errs.add(i, err)
			continue
		}
		if !in.seekable() {
			err := cutBlocks(ctx, in, i, &seq, jobs, pool, max, prog)
			in.Close()
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if err != nil {
				errs.add(i, err)
			}
			continue
		}
		f := &sharedFile{in: in}
		f.refs.Store(1) // held by dispatch until every chunk is out
		for start, size := int64(0), int64(0); start == 0 || start < in.size; start += size {
			size = nextChunk(in.size-start, workers)
			f.refs.Add(1)
			select {
			case jobs <- job{input: name, index: i, seq: seq, first: start == 0, file: f, start: start, end: min(start+size, in.size)}:
			case <-ctx.Done():
				f.release()
				f.release()
				return ctx.Err()
			}
			seq++
		}
		f.release()
	}
	return nil
}

// nextChunk is the size of the next chunk of a file with left bytes to
// go, spread over workers: chunkSize while much is left, then smaller, so
// that the cores run out of work at about the same time instead of one
// finishing a last large chunk alone.
func nextChunk(left int64, workers int) int64 {
	size := min(chunkSize, left/int64(2*workers))
	return max(size, min(chunkSize, 1<<20))
}

// work is one sink's goroutine: it runs the jobs it receives, in order.
func work(ctx context.Context, sink Sink, jobs <-chan job, pool *blockPool, max int, errs *errorList, prog *Progress) {
	var cr chunkReader
	for j := range jobs {
		if ctx.Err() != nil {
			// Drain without work, so that dispatch never blocks.
			j.done(pool)
			continue
		}
		sink.Begin(j.input, j.seq, j.first)
		switch {
		case j.file != nil:
			n, err := readChunk(&cr, j, sink, max)
			if err != nil {
				errs.add(j.index, err)
			}
			prog.add(j.end-j.start-j.held, n)
		case j.long != nil:
			sink.TooLong(j.long)
			prog.add(0, 1)
		case j.blk != nil:
			prog.add(0, emitBlock(j.blk.b, sink, max, j.cut))
		}
		sink.End()
		j.done(pool)
	}
}

func (j job) done(pool *blockPool) {
	if j.file != nil {
		j.file.release()
	}
	if j.blk != nil {
		pool.put(j.blk)
	}
}

// readChunk hands sink the lines of a file that start in [j.start, j.end).
// The line that crosses j.end is read to its newline by this chunk; the next
// chunk skips it, so each line is read by exactly one chunk even when it
// spans several (an over-long line is then skipped by all of them). It
// returns how many lines it handed over. The file is mapped where it can
// be (see readMapped) and read otherwise.
func readChunk(cr *chunkReader, j job, sink Sink, max int) (int, error) {
	if n, mapped, err := readMapped(cr, j, sink, max); mapped {
		return n, err
	}
	lr := &cr.lr
	from := j.start
	if from > 0 {
		from-- // start one byte early: a newline there means a line starts at j.start
	}
	end := j.end
	lr.reset(&sectionReader{f: j.file.in.file, off: from}, from, max)
	// Read the chunk in large pieces up to its end, then in small ones:
	// only the end of its last line is wanted beyond.
	lr.readMax = func(off int64) int {
		if off < end {
			return int(min(end-off, readSize))
		}
		return 4 << 10
	}
	if j.start > 0 {
		lr.next() // the end of a line owned by an earlier chunk
	}
	n := emit(lr, sink, end)
	if lr.err != nil && lr.err != io.EOF {
		return n, j.file.in.streamError(lr.err)
	}
	return n, nil
}

// emitBlock hands sink the lines of a block cut from a stream, and returns
// how many. cut says that a last line without its newline is the start of
// one the stream broke off in.
func emitBlock(b []byte, sink Sink, max int, cut bool) int {
	n := 0
	for ; len(b) > 0; n++ {
		i := indexNL(b)
		var l []byte
		if i < 0 {
			l, b = b, nil
		} else {
			l, b = b[:i], b[i+1:]
		}
		switch {
		case len(l) > max && !crlfAt(l, max):
			sink.TooLong(l[:min(len(l), excerpt)])
		case cut && i < 0:
			giveCut(sink, l)
		default:
			sink.Line(l)
		}
	}
	return n
}

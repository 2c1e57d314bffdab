// Package source turns files, globs, stdin and compressed archives into
// lines handed to a Sink, and makes a live file look like one endless stream
// of lines through rotation and truncation. It knows nothing of log formats:
// a line is the bytes up to a newline.
//
// Batch reading (ReadParallel) splits plain files into chunks at line
// boundaries and spreads them over one Sink per core; archives (gzip and
// zstd, recognised by their first bytes) are decompressed in a goroutine of
// their own and their output spread the same way. Follow reads live files in
// one goroutine (their history first on every core, with History).
package source

import (
	"context"
	"errors"
	"io"
)

// Sink receives lines. Each Sink is used by one goroutine at a time.
type Sink interface {
	// Begin starts or resumes a chunk of an input: seq orders chunks over
	// all inputs, first is true when the chunk starts at the beginning of
	// its input. Chunks of one input have consecutive seqs; Begin with a
	// seq already seen resumes that chunk (Follow does so when it switches
	// between files), and its lines continue the chunk's count.
	Begin(input string, seq int, first bool)
	// Line receives one line without its newline (a trailing CR is kept for
	// the parser to trim). b is valid only during the call.
	Line(b []byte)
	// TooLong reports a line longer than the limit, skipped; prefix is its
	// start (at most 200 bytes), valid only during the call.
	TooLong(prefix []byte)
	// End closes the current chunk.
	End()
}

// Cutter is an optional interface of a Sink: Cut receives the start of the
// last line of an input that broke off inside it with a read error (a
// truncated or damaged archive), valid only during the call. A sink without
// it gets that line through Line.
type Cutter interface {
	Cut(start []byte)
}

func giveCut(sink Sink, b []byte) {
	if c, ok := sink.(Cutter); ok {
		c.Cut(b)
	} else {
		sink.Line(b)
	}
}

// Flusher is an optional interface of a Sink given to Follow: Flush is
// called after each batch of lines and before waiting for more, and again
// after each poll that found nothing new, so that the sink can publish what
// it counted (including what it held back while lines were arriving).
type Flusher interface {
	Flush()
}

// Options tune reading.
type Options struct {
	// MaxLine is the longest line accepted, in bytes; longer lines are
	// skipped and reported to Sink.TooLong. 0 means DefaultMaxLine.
	MaxLine int
	// Progress, when set, is kept up to date by ReadParallel and Follow as
	// they read (see Progress).
	Progress *Progress
}

func (o Options) maxLine() int {
	if o.MaxLine <= 0 {
		return DefaultMaxLine
	}
	return o.MaxLine
}

// DefaultMaxLine is the default line length limit (1 MiB).
const DefaultMaxLine = 1 << 20

// Stdin is the input name that means standard input.
const Stdin = "-"

// excerpt is how much of an over-long line is kept to show the user.
const excerpt = 200

// ReadAll reads every input to its end into sink, in order, in the calling
// goroutine. An input that cannot be opened or read is reported in the
// returned error (naming the path); the others are still read, and what was
// read of a broken input before the break is counted.
func ReadAll(ctx context.Context, inputs []string, opts Options, sink Sink) error {
	var errs []error
	var lr lineReader
	for seq, name := range inputs {
		if err := ctx.Err(); err != nil {
			return errors.Join(append(errs, err)...)
		}
		in, err := openInput(name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		var r io.Reader = in.stream
		if in.seekable() {
			r = &sectionReader{f: in.file}
		}
		lr.reset(r, 0, opts.maxLine())
		sink.Begin(name, seq, true)
		emit(&lr, sink, -1)
		sink.End()
		if lr.err != io.EOF {
			errs = append(errs, in.streamError(lr.err))
		}
		in.Close()
	}
	return errors.Join(errs...)
}

// ReadReader reads r to its end into sink as one input called name.
func ReadReader(name string, r io.Reader, opts Options, sink Sink) error {
	lr := newLineReader(r, opts.maxLine())
	sink.Begin(name, 0, true)
	defer sink.End()
	emit(lr, sink, -1)
	if lr.err != io.EOF {
		return lr.err
	}
	return nil
}

// emit hands sink the lines of lr that start before offset end (all of them
// when end < 0), and returns how many it handed.
func emit(lr *lineReader, sink Sink, end int64) int {
	n := 0
	for end < 0 || lr.pos() < end {
		b, k := lr.next()
		switch k {
		case none:
			return n
		case line:
			sink.Line(b)
		case tooLong:
			sink.TooLong(b)
		case cut:
			giveCut(sink, b)
		}
		n++
	}
	return n
}

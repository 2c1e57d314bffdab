// Package source turns files, globs, stdin and compressed archives into one
// stream of lines per reader, handed to a Sink. It knows nothing of log
// formats: a line is bytes up to a newline.
package source

import (
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Sink receives lines. Each Sink is used by one goroutine at a time.
type Sink interface {
	// Begin starts a chunk of an input: seq orders chunks over all inputs,
	// first is true when the chunk starts at the beginning of its input.
	Begin(input string, seq int, first bool)
	// Line receives one line without its newline (a trailing CR is kept for
	// the parser to trim). b is valid only during the call.
	Line(b []byte)
	// TooLong reports a line longer than the limit, skipped; prefix is its start.
	TooLong(prefix []byte)
	// End closes the current chunk.
	End()
}

// Options tune reading.
type Options struct {
	// MaxLine is the longest line accepted, in bytes; longer lines are
	// skipped and reported to Sink.TooLong. 0 means DefaultMaxLine.
	MaxLine int
}

// DefaultMaxLine is the default line length limit (1 MiB).
const DefaultMaxLine = 1 << 20

// Stdin is the input name that means standard input.
const Stdin = "-"

// Expand resolves globs in args, keeping plain paths as given (a missing
// file is reported when it is opened, not here).
func Expand(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		if a == Stdin || !strings.ContainsAny(a, "*?[") {
			out = append(out, a)
			continue
		}
		m, err := filepath.Glob(a)
		if err != nil {
			return nil, fmt.Errorf("bad glob %q: %v", a, err)
		}
		if len(m) == 0 {
			return nil, fmt.Errorf("no file matches %q", a)
		}
		out = append(out, m...)
	}
	return out, nil
}

// ReadAll reads every input to its end into sink, in order. An input that
// cannot be opened or read is reported in the returned error (naming the
// path); the others are still read.
func ReadAll(ctx context.Context, inputs []string, opts Options, sink Sink) error {
	if opts.MaxLine <= 0 {
		opts.MaxLine = DefaultMaxLine
	}
	var errs []error
	for seq, in := range inputs {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := readInput(in, seq, opts, sink); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func readInput(name string, seq int, opts Options, sink Sink) error {
	var r io.Reader
	if name == Stdin {
		r = stdin
	} else {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		if fi, err := f.Stat(); err == nil && fi.IsDir() {
			return fmt.Errorf("%s: is a directory", name)
		}
		r = f
	}
	br := bufio.NewReaderSize(r, 64<<10)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return fmt.Errorf("%s: %v", name, err)
		}
		br = bufio.NewReaderSize(zr, 64<<10)
	}
	sink.Begin(name, seq, true)
	defer sink.End()
	if err := scanLines(br, opts.MaxLine, sink); err != nil {
		return fmt.Errorf("%s: %v", name, err)
	}
	return nil
}

// scanLines feeds sink every line of r. Lines over max bytes are skipped
// without being buffered whole.
func scanLines(r *bufio.Reader, max int, sink Sink) error {
	var long []byte // a line that spans buffer refills, up to max
	spanning, tooLong := false, false
	for {
		chunk, err := r.ReadSlice('\n')
		complete := len(chunk) > 0 && chunk[len(chunk)-1] == '\n'
		if complete {
			chunk = chunk[:len(chunk)-1]
		}
		switch {
		case tooLong:
		case len(long)+len(chunk) > max:
			tooLong = true
			long = append(long, chunk[:min(len(chunk), excerpt)]...)
		case spanning || (!complete && len(chunk) > 0):
			long = append(long, chunk...)
			spanning = true
		}
		// A line ends at its newline, or at the end of the input.
		if complete || (err == io.EOF && (spanning || tooLong || len(chunk) > 0)) {
			switch {
			case tooLong:
				sink.TooLong(long[:min(len(long), excerpt)])
			case spanning:
				sink.Line(long)
			default:
				sink.Line(chunk)
			}
			long, spanning, tooLong = long[:0], false, false
		}
		switch {
		case err == nil, err == bufio.ErrBufferFull:
		case err == io.EOF:
			return nil
		default:
			return err
		}
	}
}

// excerpt is how much of an over-long line is kept to show the user.
const excerpt = 200

// ReadReader reads r to its end into sink as one input called name.
func ReadReader(name string, r io.Reader, opts Options, sink Sink) error {
	if opts.MaxLine <= 0 {
		opts.MaxLine = DefaultMaxLine
	}
	sink.Begin(name, 0, true)
	defer sink.End()
	return scanLines(bufio.NewReaderSize(r, 64<<10), opts.MaxLine, sink)
}

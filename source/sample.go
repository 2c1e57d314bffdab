package source

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"sync"
)

// stdin is read through one buffer for the whole run, so that the lines
// Sample peeks at are still there for the reader afterwards. stdinCounter
// counts what was taken from the descriptor, to locate a broken archive.
// The buffer is made when standard input is first read: most runs read
// files, and a megabyte allocated at start counts toward the collector's
// first cycle.
var (
	stdinCounter = &countingReader{r: os.Stdin}
	stdin        *bufio.Reader
	stdinMu      sync.Mutex
)

func stdinBuffer() *bufio.Reader {
	stdinMu.Lock()
	defer stdinMu.Unlock()
	if stdin == nil {
		stdin = bufio.NewReaderSize(stdinCounter, 1<<20)
	}
	return stdin
}

// Sample returns up to n lines from the start of the first input that can
// be read, for format detection. It consumes nothing: standard input is
// peeked, files are opened anew by the reader, and other streams (a named
// pipe, a process substitution), whose lines a look would take from the
// reader, are passed over.
func Sample(inputs []string, n int) [][]byte {
	for _, name := range inputs {
		var lines [][]byte
		if name == Stdin {
			buf := peekStdin(stdinBuffer(), 64<<10)
			lines = sampleFrom(name, bytes.NewReader(buf), n)
		} else {
			if fi, err := os.Stat(name); err != nil || !fi.Mode().IsRegular() || fi.Size() == 0 {
				continue
			}
			in, err := openInput(name)
			if err != nil {
				continue
			}
			var r io.Reader = in.stream
			if in.seekable() {
				r = &sectionReader{f: in.file}
			}
			lines = sampleLines(r, n)
			in.Close()
		}
		if len(lines) > 0 {
			return lines
		}
	}
	return nil
}

// peekStdin returns the start of standard input, up to max bytes, leaving
// it in the buffer. A compressed stream is an archive, which arrives as
// fast as it is read: it is peeked up to max. A plain one may come from a
// live source (tail -f access.log | codetop -) that writes a few lines and
// then nothing for minutes; waiting for max bytes would hold up the start
// until then. It is peeked until one line is complete, and past that only
// what has arrived is taken.
func peekStdin(br *bufio.Reader, max int) []byte {
	head, err := br.Peek(sniffLen)
	if err != nil {
		return head // all there is, shorter than a log line
	}
	if c, err := sniff(head); err != nil || c != plain {
		b, _ := br.Peek(max)
		return b
	}
	for {
		have := min(br.Buffered(), max)
		b, _ := br.Peek(have)
		if i := bytes.LastIndexByte(b, '\n'); i >= 0 {
			return b[:i+1] // whole lines: the next may still be arriving
		}
		if have == max {
			return b
		}
		if _, err := br.Peek(have + 1); err != nil {
			b, _ = br.Peek(br.Buffered())
			return b
		}
	}
}

// sampleFrom samples peeked stdin bytes, decompressing them if need be (a
// peeked archive is cut short: the lines before the cut still serve).
func sampleFrom(name string, r *bytes.Reader, n int) [][]byte {
	head := make([]byte, sniffLen)
	k, _ := r.ReadAt(head, 0)
	c, err := sniff(head[:k])
	if err != nil {
		return nil
	}
	in := &input{name: name, codec: c, br: bufio.NewReader(r)}
	switch c {
	case plain:
		return sampleLines(r, n)
	default:
		if err := in.decompress(); err != nil {
			return nil
		}
		defer in.Close()
		return sampleLines(in.stream, n)
	}
}

// sampleBuffer is the line reader's first buffer for a sample: fifty lines
// of a log fit, and a look at many files allocates little.
const sampleBuffer = 64 << 10

func sampleLines(r io.Reader, n int) [][]byte {
	lr := &lineReader{buf: make([]byte, sampleBuffer)}
	lr.reset(r, 0, DefaultMaxLine)
	var lines [][]byte
	for len(lines) < n {
		b, k := lr.next()
		if k == none {
			break
		}
		if k == line && len(b) > 0 {
			lines = append(lines, append([]byte(nil), b...))
		}
	}
	return lines
}

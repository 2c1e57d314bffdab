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
// peeked, files are opened anew by the reader.
func Sample(inputs []string, n int) [][]byte {
	for _, name := range inputs {
		var lines [][]byte
		if name == Stdin {
			buf, _ := stdinBuffer().Peek(64 << 10)
			lines = sampleFrom(name, bytes.NewReader(buf), n)
		} else {
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

// sampleFrom samples peeked stdin bytes, decompressing them if need be (a
// peeked archive is cut short: the lines before the cut still serve).
func sampleFrom(name string, r *bytes.Reader, n int) [][]byte {
	head := make([]byte, 16)
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

func sampleLines(r io.Reader, n int) [][]byte {
	lr := newLineReader(r, DefaultMaxLine)
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

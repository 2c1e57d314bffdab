package source

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"io"
	"os"
)

// stdin is read through one buffer for the whole run, so that the lines
// Sample peeks at are still there for the reader afterwards.
var stdin = bufio.NewReaderSize(os.Stdin, 1<<20)

// Sample returns up to n lines from the start of the first input that can
// be read, for format detection. It consumes nothing: standard input is
// peeked, files are reopened by the reader.
func Sample(inputs []string, n int) [][]byte {
	for _, in := range inputs {
		var r io.Reader
		if in == Stdin {
			buf, _ := stdin.Peek(64 << 10)
			r = bytes.NewReader(buf)
		} else {
			f, err := os.Open(in)
			if err != nil {
				continue
			}
			defer f.Close()
			r = f
		}
		br := bufio.NewReaderSize(r, 64<<10)
		if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
			zr, err := gzip.NewReader(br)
			if err != nil {
				continue
			}
			br = bufio.NewReaderSize(zr, 64<<10)
		}
		var lines [][]byte
		for len(lines) < n {
			l, err := br.ReadBytes('\n')
			if len(l) > 0 && len(l) <= DefaultMaxLine {
				lines = append(lines, l)
			}
			if err != nil {
				break
			}
		}
		if len(lines) > 0 {
			return lines
		}
	}
	return nil
}

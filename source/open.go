package source

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
)

// codec is how an input is compressed, recognised by its first bytes (never
// by its name: rotated archives are often renamed, and a .gz can be plain).
type codec uint8

const (
	plain codec = iota
	gzipped
	zstandard
)

func (c codec) String() string {
	switch c {
	case gzipped:
		return "gzip"
	case zstandard:
		return "zstd"
	}
	return "plain"
}

var (
	gzipMagic  = []byte{0x1f, 0x8b}
	zstdMagic  = []byte{0x28, 0xb5, 0x2f, 0xfd}
	xzMagic    = []byte{0xfd, '7', 'z', 'X', 'Z', 0}
	bzip2Magic = []byte("BZh")
)

// sniffLen is how many first bytes of an input sniff is given: enough for
// the longest signature it checks (bzip2's, 10 bytes).
const sniffLen = 16

// sniff names the codec of an input from its first bytes. Formats that are
// recognised but not read get an error telling the user what to do.
func sniff(head []byte) (codec, error) {
	switch {
	case bytes.HasPrefix(head, gzipMagic):
		return gzipped, nil
	case bytes.HasPrefix(head, zstdMagic):
		return zstandard, nil
	case bytes.HasPrefix(head, xzMagic):
		return plain, errors.New("xz-compressed input is not supported: decompress it with xz -dc and pipe it to codetop -")
	case bytes.HasPrefix(head, bzip2Magic) && len(head) >= 10 && head[3] >= '1' && head[3] <= '9' &&
		bytes.Equal(head[4:10], []byte{0x31, 0x41, 0x59, 0x26, 0x53, 0x59}):
		return plain, errors.New("bzip2-compressed input is not supported: decompress it with bzip2 -dc and pipe it to codetop -")
	}
	return plain, nil
}

// input is one opened input: a regular file that can be read at offsets, or
// a stream (stdin, a pipe, a decompressed archive) that is read in order.
type input struct {
	name  string
	file  *os.File // nil for stdin
	size  int64    // for a plain regular file; -1 otherwise
	codec codec

	// stream is where lines come from when the input is not a plain
	// regular file; nil otherwise.
	stream io.Reader
	// counter and br locate a decompression error in the compressed bytes.
	counter *countingReader
	br      *bufio.Reader
	zd      *zstd.Decoder
}

// seekable reports whether the input can be split into chunks read at
// offsets by several workers.
func (in *input) seekable() bool { return in.stream == nil }

// openInput opens name (or stdin for "-") and prepares decompression. The
// errors it returns name the path.
func openInput(name string) (*input, error) {
	in := &input{name: name, size: -1}
	var src io.Reader
	if name == Stdin {
		src = stdinBuffer()
	} else {
		f, err := os.Open(name)
		if err != nil {
			return nil, openError(name, err)
		}
		fi, err := f.Stat()
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		if fi.IsDir() {
			f.Close()
			return nil, fmt.Errorf("%s: is a directory, not a log file (give a glob such as %s)", name, filepath.Join(name, "*.log"))
		}
		in.file = f
		src = f
		if fi.Mode().IsRegular() {
			head := make([]byte, sniffLen)
			n, err := f.ReadAt(head, 0)
			if err != nil && err != io.EOF {
				in.Close()
				return nil, fmt.Errorf("%s: %v", name, err)
			}
			c, err := sniff(head[:n])
			if err != nil {
				in.Close()
				return nil, fmt.Errorf("%s: %v", name, err)
			}
			if c == plain {
				in.size = fi.Size()
				return in, nil
			}
		}
	}
	if err := in.openStream(src); err != nil {
		in.Close()
		return nil, err
	}
	return in, nil
}

// openStream sets in up to read src as a stream, decompressed if it is an
// archive. It peeks at the start of src through a counting reader, so that
// a decompression error can say at which compressed byte it happened.
func (in *input) openStream(src io.Reader) error {
	if in.name == Stdin {
		// stdin is buffered once for the whole run (Sample peeks at it).
		in.counter, in.br = stdinCounter, stdinBuffer()
	} else {
		in.counter = &countingReader{r: src}
		in.br = bufio.NewReaderSize(in.counter, 64<<10)
	}
	head, _ := in.br.Peek(sniffLen)
	c, err := sniff(head)
	if err != nil {
		return fmt.Errorf("%s: %v", in.name, err)
	}
	in.codec = c
	return in.decompress()
}

// decompress sets in.stream to the decoded content of in.br.
func (in *input) decompress() error {
	switch in.codec {
	case plain:
		in.stream = in.br
	case gzipped:
		zr, err := gzip.NewReader(in.br)
		if err != nil {
			return in.streamError(err)
		}
		in.stream = zr
	case zstandard:
		// One decoding goroutine: the parse workers need the other cores.
		zd, err := zstd.NewReader(in.br, zstd.WithDecoderConcurrency(1), zstd.WithDecoderLowmem(true))
		if err != nil {
			return in.streamError(err)
		}
		in.zd = zd
		in.stream = zd
	}
	return nil
}

func openError(name string, err error) error {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("%s: no such file", name)
	case errors.Is(err, os.ErrPermission):
		return fmt.Errorf("%s: permission denied (run codetop as a user who may read it, e.g. in group adm)", name)
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %v", name, pe.Err)
	}
	return err
}

// streamError turns a read or decompression error into one message naming
// the path and, for archives, the compressed byte where reading broke.
func (in *input) streamError(err error) error {
	if in.codec == plain {
		return fmt.Errorf("%s: %v", in.name, err)
	}
	what := err.Error()
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		what = "unexpected end of data (truncated archive?)"
	case errors.Is(err, gzip.ErrChecksum):
		what = "checksum mismatch: the data before this point is damaged"
	case errors.As(err, new(flate.CorruptInputError)):
		what = "corrupt compressed data"
	case errors.Is(err, gzip.ErrHeader):
		what = "bad gzip header (damaged, or data appended after the archive)"
	}
	var at int64
	if in.counter != nil {
		at = in.counter.n - int64(in.br.Buffered())
	}
	if in.codec == zstandard {
		// The zstd decoder reads whole blocks ahead: the offset is where the
		// block that failed ends, at most one block (128 KiB) past the damage.
		return fmt.Errorf("%s: zstd data broken near compressed byte %d: %s", in.name, at, what)
	}
	return fmt.Errorf("%s: gzip data broken at compressed byte %d: %s", in.name, at, what)
}

// Close releases the input.
func (in *input) Close() {
	if in.zd != nil {
		in.zd.Close()
	}
	if in.file != nil {
		in.file.Close()
	}
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// sectionReader reads a regular file from an offset with ReadAt, so that
// several workers share one descriptor without sharing a file position.
type sectionReader struct {
	f   *os.File
	off int64
}

func (s *sectionReader) Read(p []byte) (int, error) {
	n, err := s.f.ReadAt(p, s.off)
	s.off += int64(n)
	if n > 0 && err == io.EOF {
		err = nil
	}
	return n, err
}

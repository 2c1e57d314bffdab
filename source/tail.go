package source

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// tailBytes is how much of the end of an input LastLines looks at: enough
// for a few hundred log lines.
const tailBytes = 64 << 10

// ErrArchive is what LastLines returns for an archive it was not asked to
// decompress.
var ErrArchive = errors.New("an archive: found only by decompressing it whole")

// ErrStream is what LastLines returns for a named pipe or another file read
// as it comes, which has no end to look at yet.
var ErrStream = errors.New("a stream, which cannot be read from its end")

// IsStream reports whether name is read as it comes, once: standard
// input, a named pipe (mkfifo, or the shell's <(...)), a socket or a
// device. Such an input has no end to look at ahead and cannot be read
// again from its start.
func IsStream(name string) bool {
	if name == Stdin {
		return true
	}
	fi, err := os.Stat(name)
	return err == nil && fi.Mode()&(fs.ModeNamedPipe|fs.ModeSocket|fs.ModeCharDevice) != 0
}

// LastLines returns the complete lines in the last 64 KiB of an input
// (copies, oldest first), to find its newest entry without reading it all.
// A plain file is read from its end. An archive has to be decompressed
// whole, since neither gzip nor zstd can be entered from the end: that is
// done only when archives is true, and ErrArchive returned otherwise.
// Standard input and other streams (a named pipe) cannot be looked at ahead
// of reading them: that is an error.
func LastLines(name string, archives bool) ([][]byte, error) {
	if name == Stdin {
		return nil, errors.New("standard input cannot be read from its end")
	}
	// Before opening: a named pipe would give its first bytes away to a
	// look, and block opening until a writer comes.
	if fi, err := os.Stat(name); err == nil && !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: %w", name, ErrStream)
	}
	in, err := openInput(name)
	if err != nil {
		return nil, err
	}
	defer in.Close()
	if !in.seekable() && !archives {
		return nil, ErrArchive
	}
	var tail []byte
	if in.seekable() {
		off := max(0, in.size-tailBytes)
		tail = make([]byte, in.size-off)
		n, err := in.file.ReadAt(tail, off)
		if err != nil && err != io.EOF {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		tail = tail[:n]
		if off > 0 {
			tail = dropFirstLine(tail)
		}
	} else {
		// Keep a window of the last tailBytes of what is decompressed.
		win := make([]byte, 0, 4*tailBytes)
		dropped := false
		for {
			if len(win) == cap(win) {
				win = append(win[:0], win[len(win)-tailBytes:]...)
				dropped = true
			}
			n, err := in.stream.Read(win[len(win):cap(win)])
			win = win[:len(win)+n]
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, in.streamError(err)
			}
		}
		tail = win[max(0, len(win)-tailBytes):]
		if dropped || len(win) > tailBytes {
			tail = dropFirstLine(tail)
		}
	}
	var lines [][]byte
	for len(tail) > 0 {
		i := bytes.IndexByte(tail, '\n')
		if i < 0 {
			i = len(tail)
		}
		if i > 0 {
			lines = append(lines, append([]byte(nil), tail[:i]...))
		}
		tail = tail[min(i+1, len(tail)):]
	}
	return lines, nil
}

// dropFirstLine drops the start of b up to its first newline: a window into
// a file most likely begins inside a line.
func dropFirstLine(b []byte) []byte {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[i+1:]
	}
	return nil
}

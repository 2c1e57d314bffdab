package source

import (
	"errors"
	"io"
	"os"
	"sync"
)

// Streams followed: standard input and named pipes, read as they come in a
// goroutine each, since a read from them blocks and Follow's goroutine must
// not.

// errStreamEnd is the end of standard input while following: unlike io.EOF
// ("nothing more for now"), nothing more will come.
var errStreamEnd = errors.New("end of stream")

// stdinReader starts reading standard input in a goroutine of its own (a
// read from a pipe blocks; Follow's goroutine must not) and returns the
// reader Follow takes its data from.
func (fw *follower) stdinReader() io.Reader {
	if fw.stdin == nil {
		fw.stdin = newChanReader(stdinSource, fw.wakeChan())
	}
	return fw.stdin
}

// pipeReader starts reading the named pipe or device at path as stdin is
// read: opening a pipe blocks until a writer opens it, and reading it
// blocks until data comes.
func (fw *follower) pipeReader(path string) *chanReader {
	return newChanReader(func() (io.Reader, func(error) error, func(), error) {
		f, err := os.Open(path)
		if err != nil {
			return nil, nil, nil, openError(path, err)
		}
		p := &pipeStream{in: &input{name: path, file: f, size: -1}}
		// Closing the file is all it takes to end a read under way, the
		// first included, which looks for an archive's magic bytes.
		return p, p.describe, func() { f.Close() }, nil
	}, fw.wakeChan())
}

// pipeStream reads a pipe through an input that is set up on the first
// read: that looks at the first bytes, and waits for them.
type pipeStream struct {
	in    *input
	ready bool
}

func (p *pipeStream) Read(b []byte) (int, error) {
	if !p.ready {
		if err := p.in.openStream(p.in.file); err != nil {
			return 0, err
		}
		p.ready = true
	}
	return p.in.stream.Read(b)
}

func (p *pipeStream) describe(err error) error {
	if !p.ready {
		return err // openStream's errors name the path
	}
	return p.in.streamError(err)
}

// wakeChan returns the channel that readers in goroutines of their own
// signal when they have data, made on first use.
func (fw *follower) wakeChan() chan struct{} {
	if fw.wake == nil {
		fw.wake = make(chan struct{}, 1)
	}
	return fw.wake
}

// stdinSource opens standard input, decompressing it if it is an archive.
// Tests replace it.
var stdinSource = func() (io.Reader, func(error) error, func(), error) {
	in, err := openInput(Stdin)
	if err != nil {
		return nil, nil, nil, err
	}
	return in.stream, in.streamError, nil, nil
}

// chanReader hands over data read by another goroutine without blocking:
// Read returns io.EOF when nothing is there yet, errStreamEnd at the end.
// At most a few blocks are in flight, so a fast writer waits for Follow.
type chanReader struct {
	data chan []byte
	free chan []byte
	cur  []byte // the unread rest of the block being read
	blk  []byte // that block, returned to free once read
	err  error  // why the stream ended, set before data is closed

	quit     chan struct{} // closed by stop
	mu       sync.Mutex
	stopped  bool
	closeSrc func() // closes what the goroutine reads, once it is open
}

// newChanReader reads, in a goroutine, what open opens: a reader, a
// function that describes its errors, and one that closes it (nil for
// stdin, which is never closed).
func newChanReader(open func() (io.Reader, func(error) error, func(), error), wake chan struct{}) *chanReader {
	c := &chanReader{data: make(chan []byte, 4), free: make(chan []byte, 4), quit: make(chan struct{})}
	for i := 0; i < 4; i++ {
		c.free <- make([]byte, 64<<10)
	}
	signal := func() {
		select {
		case wake <- struct{}{}:
		default:
		}
	}
	go func() {
		defer signal()
		defer close(c.data)
		r, describe, closeSrc, err := open()
		if err != nil {
			c.err = err
			return
		}
		if closeSrc != nil {
			c.mu.Lock()
			stopped := c.stopped
			c.closeSrc = closeSrc
			c.mu.Unlock()
			if stopped {
				closeSrc()
				return
			}
		}
		for {
			var b []byte
			select {
			case b = <-c.free:
			case <-c.quit:
				return
			}
			n, err := r.Read(b[:cap(b)])
			if n > 0 {
				select {
				case c.data <- b[:n]:
				case <-c.quit:
					return
				}
				signal()
			} else {
				c.free <- b
			}
			if err == io.EOF {
				c.err = errStreamEnd
				return
			}
			if err != nil {
				c.err = describe(err)
				return
			}
		}
	}()
	return c
}

// stop ends the goroutine: it closes what it reads, which ends a read
// under way. A pipe still being opened (no writer yet) holds the goroutine
// until a writer comes.
func (c *chanReader) stop() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.stopped {
		return
	}
	c.stopped = true
	close(c.quit)
	if c.closeSrc != nil {
		c.closeSrc()
	}
}

func (c *chanReader) Read(p []byte) (int, error) {
	if len(c.cur) == 0 {
		if c.blk != nil {
			c.free <- c.blk
			c.blk = nil
		}
		select {
		case b, ok := <-c.data:
			if !ok {
				return 0, c.err
			}
			c.blk, c.cur = b, b
		default:
			return 0, io.EOF
		}
	}
	n := copy(p, c.cur)
	c.cur = c.cur[n:]
	return n, nil
}

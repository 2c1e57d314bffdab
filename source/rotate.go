package source

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"time"
)

// The rotation rules. One followed path must look like one endless stream
// of lines whatever happens to the file behind it:
//
//   - rename + create (logrotate's default, nginx reopening on USR1): the
//     path names another file. The old file is kept open and drained until it
//     has been idle for a grace period, because the server goes on writing
//     to it until it reopens; the new file is read from its start meanwhile.
//   - delete, then create later: the path names nothing for a while. The
//     old descriptor is drained the same way; the new file, once it appears,
//     is read from its start.
//   - copytruncate: the same file is now shorter than what was read. Reading
//     starts again at offset 0. Lines written between the last read and the
//     truncation are in the copy only: read when the copy's path is
//     followed too (a rotated set, see copyOf), lost otherwise.
//   - a path that does not exist yet is looked for at every poll.
//
// The path is examined only once the current file has been read to its end,
// so nothing written before a rotation is skipped.

// Clock is Follow's time source; tests step it by hand.
type Clock interface {
	Now() time.Time
	// After sends the time once d has passed.
	After(d time.Duration) <-chan time.Time
}

type realClock struct{}

func (realClock) Now() time.Time                         { return time.Now() }
func (realClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// change is what a look at a followed path found.
type change uint8

const (
	unchanged change = iota
	truncated        // the same file, shorter than what was read
	replaced         // another file has the name
	vanished         // nothing has the name
)

// examine compares the file being read, of which off bytes were read, with
// what the path names now.
func examine(cur os.FileInfo, off int64, now os.FileInfo, statErr error) change {
	switch {
	case statErr != nil:
		return vanished
	case !os.SameFile(cur, now):
		return replaced
	case now.Size() < off:
		return truncated
	}
	return unchanged
}

// tracker follows one path through its rotations.
type tracker struct {
	path string
	cur  *followed   // the file the path named at the last look; nil while missing
	old  []*followed // files rotated away, drained until idle for grace
	done bool        // nothing more will come (stdin ended, NoFollow, a directory)
	once bool        // read to the end, not followed (FollowOptions.Once)
	seen bool        // the path named a file at some point
	// looked is set once the path was first looked at: what it named
	// then was there before Follow started, and is read whole.
	looked bool
	err    error // the problem the path has now, if any
	// emptied is the file the path last found emptied in place, until a
	// path takes it as the file's copy (see copyOf).
	emptied *emptied
	// waitFor is the file the path leaves alone as maybe a copy of
	// another path's file, since waitFrom (see copyOf); nil for none.
	waitFor  os.FileInfo
	waitFrom time.Time
}

// followed is one open file (or stdin) and the lines read from it.
type followed struct {
	name     string
	f        *os.File
	in       *input      // non-nil for archives, stdin and pipes, which are read once
	pipe     *chanReader // a named pipe or device, read in a goroutine
	fi       os.FileInfo
	lr       lineReader
	seq      int
	begun    bool
	idleFrom time.Time // when it last gave data, while draining
	counted  int64     // compressed bytes of an archive counted in Progress
	// The bytes just before offset checkAt, as read there (see rewritten).
	check   [tailCheck]byte
	checkN  int
	checkAt int64
	scratch [tailCheck]byte
	head    head // the file's start, to know a copy of it
}

// tailCheck is how many of the last bytes read from a followed file are
// read again at each look, to tell a file that was emptied and then
// written past the offset already read.
const tailCheck = history

// noteTail remembers the bytes just before the offset read so far, after a
// read: from the line reader's buffer, which keeps them, or, when it has
// not got them (the reader was just set at an offset, or dropped an
// over-long line), from the file.
func (fl *followed) noteTail() {
	at := fl.lr.consumed()
	if fl.f == nil || at == fl.checkAt {
		return
	}
	want := int(min(at, tailCheck))
	if b := fl.lr.lastRead(want); len(b) == want {
		fl.checkN = copy(fl.check[:], b)
	} else if n, err := fl.f.ReadAt(fl.check[:want], at-int64(want)); err == nil && n == want {
		fl.checkN = n
	} else {
		fl.checkN = 0 // nothing to compare: the file's size will tell
	}
	fl.checkAt = at
}

// rewritten reports whether the bytes just before the offset read so far
// are no longer those that were read there. A copytruncate rotation empties
// the file in place; if the server writes more than was read before the
// next look, the size alone does not show it, and reading on from the old
// offset would skip the new file's start and begin inside a line. It is
// asked before each read of the file, at the cost of one small pread.
func (fl *followed) rewritten() bool {
	if fl.f == nil || fl.checkN == 0 || fl.checkAt != fl.lr.consumed() {
		return false
	}
	now := fl.scratch[:fl.checkN]
	n, err := fl.f.ReadAt(now, fl.checkAt-int64(fl.checkN))
	return err == nil && n == fl.checkN && !bytes.Equal(now, fl.check[:fl.checkN])
}

func (fl *followed) readError(err error) error {
	if fl.name == Stdin || fl.pipe != nil {
		return err // described by the goroutine that read it
	}
	if fl.in != nil {
		return fl.in.streamError(err)
	}
	return fmt.Errorf("%s: %v", fl.name, err)
}

func (fl *followed) close() {
	switch {
	case fl.pipe != nil:
		fl.pipe.stop()
	case fl.in != nil:
		fl.in.Close()
	case fl.f != nil:
		fl.f.Close()
	}
}

// poll reads what is new on the path and applies the rotation rules. It
// returns whether it read anything or has more to read right away: it stops
// after about a budget of bytes per file, so that other paths get a turn.
func (t *tracker) poll(fw *follower, now time.Time) bool {
	busy := false
	// Files rotated away first: their lines are the older ones.
	kept := t.old[:0]
	for _, o := range t.old {
		got, more := fw.drain(o)
		if got {
			o.idleFrom, busy = now, true
		}
		switch {
		case more:
			busy = true
			kept = append(kept, o)
			continue
		case o.lr.err != nil:
			t.fail(fw, o.readError(o.lr.err)) // what it gave is counted
		case now.Sub(o.idleFrom) < fw.opts.Grace:
			kept = append(kept, o)
			continue
		}
		fw.finish(o)
	}
	clear(t.old[len(kept):])
	t.old = kept

	if t.done || (t.cur == nil && !t.open(fw, now)) {
		return busy
	}
	cur := t.cur
	if t.path != Stdin && cur.rewritten() {
		return t.rewind(fw) || busy
	}
	got, more := fw.drain(cur)
	cur.noteTail()
	cur.noteHead(false)
	if more {
		return true
	}
	busy = busy || got
	if err := cur.lr.err; err != nil || fw.opts.NoFollow || t.once {
		// The end of stdin or of an archive, a read error, or the end of
		// the input when not following: the path is done.
		if err != nil && err != io.EOF && err != errStreamEnd {
			t.fail(fw, cur.readError(err))
		}
		fw.finish(cur)
		t.cur, t.done = nil, true
		return busy
	}
	if t.path == Stdin || cur.pipe != nil {
		return busy // a pipe is not rotated
	}
	st, err := os.Stat(t.path)
	switch examine(cur.fi, cur.lr.consumed(), st, err) {
	case truncated:
		return t.rewind(fw) || busy
	case replaced, vanished:
		if fw.opts.Rotated != nil && cur.fi != nil {
			fw.opts.Rotated(t.path, cur.fi)
		}
		cur.idleFrom = now
		t.old = append(t.old, cur)
		t.cur = nil
		t.open(fw, now)
		return true
	}
	return busy
}

// rewind reads the current file again from its start, after a copytruncate
// emptied it: a partial line held from before is counted first. It returns
// whether there is more to read right away.
func (t *tracker) rewind(fw *follower) bool {
	cur := t.cur
	partial := cur.lr.buffered() > 0
	fw.flush(cur)
	if e := emptiedFile(cur, partial); e != nil {
		t.emptied = e
	}
	cur.head = head{}
	if _, err := cur.f.Seek(0, io.SeekStart); err != nil {
		t.fail(fw, fmt.Errorf("%s: %v", t.path, err))
		cur.close()
		t.cur = nil
		return false
	}
	cur.lr.reset(cur.f, 0, fw.max)
	cur.lr.follow = true
	cur.seq, cur.begun = fw.newSeq(), false
	return true
}

// open opens the path if it names something now, reporting why not once.
func (t *tracker) open(fw *follower, now time.Time) bool {
	firstLook := !t.looked
	t.looked = true
	// A wait for a copy holds while the path names that copy: kept only
	// by copyOf (a file that is gone may have its number reused).
	waitFor := t.waitFor
	t.waitFor = nil
	if t.path == Stdin {
		t.cur = &followed{name: Stdin, in: &input{name: Stdin}, seq: fw.newSeq()}
		t.cur.lr.reset(fw.stdinReader(), 0, fw.max)
		t.cur.lr.follow = true // its end is errStreamEnd, not io.EOF
		return true
	}
	if IsStream(t.path) {
		// A named pipe (mkfifo, or the shell's <(...)) or a device: read
		// to its end, as stdin is, with no rotation to look for.
		t.seen = true
		fl := &followed{name: t.path, in: &input{name: t.path}, pipe: fw.pipeReader(t.path), seq: fw.newSeq()}
		fl.lr.reset(fl.pipe, 0, fw.max)
		fl.lr.follow = true // its end is errStreamEnd, not io.EOF
		t.cur, t.err = fl, nil
		return true
	}
	f, err := os.Open(t.path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) && t.once {
			t.done = true // rotated away since, and gone
			return false
		}
		if errors.Is(err, os.ErrNotExist) && !fw.opts.NoFollow {
			if !t.seen {
				t.note(fw, fmt.Errorf("%s: no such file yet, waiting for it to appear", t.path), false)
			}
			return false
		}
		t.fail(fw, openError(t.path, err))
		if fw.opts.NoFollow {
			t.done = true
		}
		return false
	}
	fi, err := f.Stat()
	if err == nil && fi.IsDir() {
		err = fmt.Errorf("%s: is a directory, not a log file (give a glob such as %s/*.log)", t.path, t.path)
	}
	if err != nil {
		f.Close()
		t.fail(fw, err)
		t.done = true
		return false
	}
	t.seen = true
	fl := &followed{name: t.path, f: f, fi: fi, seq: fw.newSeq()}
	if fi.Mode().IsRegular() {
		// The file's start, read once: to tell an archive, to know a copy
		// (copyOf), and for copies of it to be known.
		fl.noteHead(true)
		if c, err := sniff(fl.head.b[:min(fl.head.n, sniffLen)]); err != nil || c != plain {
			// An archive does not grow: read it once, decompressed.
			f.Close()
			in, err := openInput(t.path)
			if err != nil {
				t.fail(fw, err)
				t.done = true
				return false
			}
			fl.f, fl.in = nil, in
			fl.lr.reset(in.stream, 0, fw.max)
			t.cur, t.err = fl, nil
			return true
		}
	}
	off, state := fw.handOver(t, fi)
	if state == notFollowed && !firstLook && fi.Mode().IsRegular() {
		t.waitFor = waitFor
		off, state = fw.copyOf(t, f, &fl.head, fi, now)
	}
	switch state {
	case readElsewhere:
		f.Close() // looked at again at the next poll
		return false
	case handedOver:
		if _, err := f.Seek(off, io.SeekStart); err != nil {
			f.Close()
			t.fail(fw, fmt.Errorf("%s: %v", t.path, err))
			return false
		}
	}
	fl.lr.reset(f, off, fw.max)
	fl.lr.follow = true
	t.cur, t.err = fl, nil
	return true
}

// fail records a problem with the path and tells the user once.
func (t *tracker) fail(fw *follower, err error) { t.note(fw, err, true) }

func (t *tracker) note(fw *follower, err error, isErr bool) {
	if t.err != nil && t.err.Error() == err.Error() {
		return
	}
	t.err = err
	if !isErr {
		t.err = notice{err}
	}
	if fw.opts.Errors != nil {
		fw.opts.Errors(t.err)
	}
}

// notice is a message that is not a failure (a file not there yet).
type notice struct{ error }

func (n notice) Unwrap() error { return n.error }

// IsNotice reports whether err, passed to FollowOptions.Errors, is a notice
// rather than a failure: a path with no file yet, which Follow waits for
// and reads once it appears.
func IsNotice(err error) bool {
	var n notice
	return errors.As(err, &n)
}

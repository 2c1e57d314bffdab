package source

import (
	"bytes"
	"os"
	"time"
)

// A rotated set followed (access.log*): the files a path comes to name
// that another path has read.

// What handOver found of a file a path names now.
const (
	notFollowed   = iota // no other path has it open: read it from its start
	handedOver           // another path was draining it: go on where it was
	readElsewhere        // another path reads it as its own: leave it to that one
)

// handOver looks for the file fi, which t's path names now, among the files
// the other followed paths have open. Followed as a rotated set
// (access.log*), access.log.1 comes to name the file that access.log named
// until the rotation, whose lines were counted by access.log's path: that
// path, draining the file, hands it over at the line it had got to, so
// that each line is counted once, the late ones included. While the other
// path still reads it as its own (it has not looked for the rotation
// yet), t waits for the next poll.
func (fw *follower) handOver(t *tracker, fi os.FileInfo) (int64, int) {
	for _, u := range fw.trackers {
		if u == t {
			continue
		}
		if u.cur != nil && u.cur.fi != nil && os.SameFile(u.cur.fi, fi) {
			return 0, readElsewhere
		}
		for k, o := range u.old {
			if o.fi != nil && os.SameFile(o.fi, fi) {
				off := o.lr.pos()
				o.close()
				u.old = append(u.old[:k], u.old[k+1:]...)
				return off, handedOver
			}
		}
	}
	return 0, notFollowed
}

// Copies: copytruncate in a rotated set.
//
// Followed as a rotated set (access.log*), a copytruncate rotation puts a
// copy of access.log at access.log.1, then empties access.log in place.
// The copy is a new file, but its lines were counted from access.log up to
// the offset that path had read when it found its file emptied; the lines
// after that offset were written between its last read and the truncation,
// and are in the copy only. So a path that comes to name a file no other
// path has open first compares the file's start with the starts of the
// files the other paths read:
//
//   - it starts as a file another path found emptied: it is that file's
//     copy, read from the offset that path had read;
//   - it starts as a file another path reads now, not found emptied yet:
//     it is a copy being made, or made just before a truncation not seen
//     yet. It is left alone until that path finds its file emptied, for
//     at most the grace period: two logs a server writes the same requests
//     to can start alike too, and are each read whole after that wait.
//
// A copy of a file no followed path reads (access.log not given) is a file
// like any other.

// headLen is how much of a file's start is kept to know a copy of it.
const headLen = 512

// head is the start of a followed file, as read.
type head struct {
	b [headLen]byte
	n int
}

// lines reports whether h[:n] holds a whole line: an access log's first
// line (a time, a client, a request) is what tells two logs apart.
func (h *head) lines(n int) bool { return bytes.IndexByte(h.b[:n], '\n') >= 0 }

// noteHead keeps the start of the file, once read, until headLen of it is
// kept: one pread per look while the file is shorter.
func (fl *followed) noteHead() {
	if fl.f == nil || fl.head.n == headLen {
		return
	}
	want := min(headLen, fl.lr.consumed())
	if int64(fl.head.n) >= want {
		return
	}
	if n, err := fl.f.ReadAt(fl.head.b[:want], 0); err == nil || n > 0 {
		fl.head.n = n
	}
}

// emptied is what a path keeps of its file when it finds it emptied in
// place: its start, and how far it had been read.
type emptied struct {
	head head
	off  int64
}

// copyOf looks for the file f (fi), which t's path names now and no other
// path has open, among the files the other paths read or found emptied.
// It returns where to start reading f, or that f is left alone for now.
func (fw *follower) copyOf(t *tracker, f *os.File, fi os.FileInfo, now time.Time) (int64, int) {
	var start head
	start.n, _ = f.ReadAt(start.b[:], 0)
	// startsAs reports whether f starts as h does, over what both hold:
	// f may be a copy still being written, and h may hold less than
	// headLen of a short file.
	startsAs := func(h *head) bool {
		n := min(start.n, h.n)
		return h.lines(h.n) && bytes.Equal(start.b[:n], h.b[:n])
	}
	for _, u := range fw.trackers {
		if e := u.emptied; u != t && e != nil && start.lines(start.n) && startsAs(&e.head) {
			u.emptied, t.copyWait = nil, time.Time{}
			// A copy shorter than that offset has nothing the path did
			// not read: it is read from its end.
			return min(e.off, fi.Size()), handedOver
		}
	}
	for _, u := range fw.trackers {
		if u != t && u.cur != nil && startsAs(&u.cur.head) {
			if t.copyWait.IsZero() {
				t.copyWait = now
			}
			if now.Sub(t.copyWait) < fw.opts.Grace {
				return 0, readElsewhere
			}
		}
	}
	t.copyWait = time.Time{}
	return 0, notFollowed
}

package source

import (
	"bytes"
	"io"
	"os"
	"time"
)

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
//   - it starts as a file another path found emptied, and holds the bytes
//     that path read last where it read them: it is that file's copy, read
//     from the offset that path had read;
//   - it starts as a file another path reads now, not found emptied yet:
//     it is a copy being made, or made just before a truncation not seen
//     yet. It is left alone until that path finds its file emptied: for
//     the grace period, and for as long as it is shorter than that file
//     and ends as that file does at the same offset (a copy of a large log
//     takes a while; a copy no truncation follows has nothing that file
//     does not have). Two logs a server writes the same requests to can
//     start alike too, and are each read whole after that wait.
//
// A copy of a file no followed path reads (access.log not given) is a file
// like any other.

// headLen is how much of a file's start is kept to know a copy of it.
const headLen = 512

// head is the start of a followed file.
type head struct {
	b [headLen]byte
	n int
}

// known reports whether h tells its file apart from others: it holds a
// whole line (an access log's first line has a time, a client, a request)
// or is full.
func (h *head) known() bool { return h.n == headLen || bytes.IndexByte(h.b[:h.n], '\n') >= 0 }

// noteHead keeps the file's start: what it holds when it is opened, then
// what is read of it, until headLen is kept. Only bytes not kept yet are
// read, so the start stays the one that was read.
func (fl *followed) noteHead(opening bool) {
	if fl.f == nil || fl.head.n == headLen {
		return
	}
	want := int64(headLen)
	if !opening {
		want = min(want, fl.lr.consumed())
	}
	if int64(fl.head.n) >= want {
		return
	}
	n, _ := fl.f.ReadAt(fl.head.b[fl.head.n:want], int64(fl.head.n))
	fl.head.n += n
}

// emptied is what a path keeps of its file when it finds it emptied in
// place: its start, how far it had been read, the bytes just before that
// offset, and whether a partial line held there was counted.
type emptied struct {
	head    head
	off     int64
	tail    [tailCheck]byte
	tailN   int
	partial bool
}

// emptiedFile is what fl leaves to know a copy of it by, before it is read
// again from its start; nil when its start is not known.
func emptiedFile(fl *followed, partial bool) *emptied {
	if !fl.head.known() {
		return nil
	}
	e := &emptied{head: fl.head, off: fl.lr.consumed(), partial: partial}
	if fl.checkAt == e.off {
		e.tailN = copy(e.tail[:], fl.check[:fl.checkN])
	}
	return e
}

// resume returns where to read f (size bytes), a copy of e's file, from:
// e's offset, once f holds there the bytes read just before it, and past
// the rest of a line whose start was counted. A copy shorter than the
// offset has nothing that was not read. false: f is not e's copy.
func (e *emptied) resume(f *os.File, size int64, max int) (int64, bool) {
	if size <= e.off {
		return size, true
	}
	if e.tailN > 0 {
		var b [tailCheck]byte
		if n, _ := f.ReadAt(b[:e.tailN], e.off-int64(e.tailN)); n != e.tailN || !bytes.Equal(b[:n], e.tail[:n]) {
			return 0, false
		}
	}
	if !e.partial {
		return e.off, true
	}
	// The start of the line at e.off was counted when the file was
	// emptied: what is left of it is not a line.
	r := io.NewSectionReader(f, e.off, int64(max)+1)
	buf := make([]byte, 4096)
	for off := e.off; ; {
		n, err := r.Read(buf)
		if i := bytes.IndexByte(buf[:n], '\n'); i >= 0 {
			return off + int64(i) + 1, true
		}
		off += int64(n)
		if err != nil {
			return off, true
		}
	}
}

// copyOf looks for the file f (fi, which starts with start), which t's
// path names now and no other path has open, among the files the other
// paths read or found emptied. It returns where to start reading f, or
// that f is left alone for now.
func (fw *follower) copyOf(t *tracker, f *os.File, start *head, fi os.FileInfo, now time.Time) (int64, int) {
	// startsAs reports whether f starts as h does, over what both hold:
	// f may be a copy still being written, and h may hold less than
	// headLen of a short file.
	startsAs := func(h *head) bool {
		n := min(start.n, h.n)
		return h.known() && bytes.Equal(start.b[:n], h.b[:n])
	}
	for _, u := range fw.trackers {
		if e := u.emptied; u != t && e != nil && start.known() && startsAs(&e.head) {
			if off, ok := e.resume(f, fi.Size(), fw.max); ok {
				u.emptied, t.waitFor = nil, nil
				return off, handedOver
			}
		}
	}
	for _, u := range fw.trackers {
		if u == t || u.cur == nil || !startsAs(&u.cur.head) {
			continue
		}
		if t.waitFor == nil || !os.SameFile(t.waitFor, fi) {
			t.waitFor, t.waitFrom = fi, now
		}
		if now.Sub(t.waitFrom) < fw.opts.Grace {
			return 0, readElsewhere
		}
		if copying(u.cur, f, fi.Size()) {
			t.waitFrom = now // the grace period counts from when it is done
			return 0, readElsewhere
		}
	}
	t.waitFor = nil
	return 0, notFollowed
}

// copying reports whether f (size bytes) looks like a copy of live being
// written, or one no truncation followed: shorter than live, and ending
// with the bytes live has at the same offset.
func copying(live *followed, f *os.File, size int64) bool {
	if live.f == nil || size == 0 {
		return false
	}
	st, err := live.f.Stat()
	if err != nil || st.Size() <= size {
		return false
	}
	var a, b [tailCheck]byte
	k := min(size, tailCheck)
	na, _ := f.ReadAt(a[:k], size-k)
	nb, _ := live.f.ReadAt(b[:k], size-k)
	return int64(na) == k && na == nb && a == b
}

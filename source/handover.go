package source

import "os"

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

package source

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"sync"
)

// History has Follow read what the plain files hold when it starts on
// every core, in chunks as a batch read does, before it follows them on
// one: a dashboard opened on a large log shows it in a second or two
// instead of one core's worth of time.
type History struct {
	// Sinks get the history's lines, each sink from one goroutine of its
	// own. Follow's own sink may be one of them: the history is read, and
	// Done called, before Follow uses it.
	Sinks []Sink
	// Done is called from Follow's goroutine once the history is read, and
	// before Follow hands its own sink any line of its own: the caller adds
	// what the other Sinks counted to that sink there.
	Done func()
}

// resume is where following a file takes over from its history.
type resume struct {
	fl  *followed
	end int64 // the history ends here, after a newline
	seq int   // the chunk its followed lines go to: right after the history's
}

// readHistory opens every path and reads the plain regular files among
// them up to their last newline, in parallel chunks, each file through the
// descriptor that following it then goes on with: a rotation during the
// read is seen by the rotation rules afterwards, and no line is skipped or
// read twice. Archives and standard input are left to the follow loop.
func (fw *follower) readHistory(ctx context.Context, ts []*tracker) {
	h := fw.opts.History
	var jobs []job
	var resumes []resume
	for i, t := range ts {
		if t.path == Stdin || (t.cur == nil && !t.open(fw, fw.opts.Clock.Now())) {
			continue
		}
		fl := t.cur
		if fl.in != nil || fl.f == nil || !fl.fi.Mode().IsRegular() {
			continue
		}
		end, err := lastLineEnd(fl.f, fl.fi.Size())
		if err != nil || end == 0 {
			continue // the follow loop reads it, and says what is wrong
		}
		// One reference more than the chunks take: the follower keeps the
		// descriptor, so the chunks never close it.
		sf := &sharedFile{in: &input{name: t.path, file: fl.f, size: end}}
		sf.refs.Store(1)
		for start, size := int64(0), int64(0); start < end; start += size {
			size = nextChunk(end-start, len(h.Sinks))
			sf.refs.Add(1)
			jobs = append(jobs, job{input: t.path, index: i, seq: fw.newSeq(), first: start == 0, file: sf, start: start, end: min(start+size, end)})
		}
		resumes = append(resumes, resume{fl, end, fw.newSeq()})
	}
	if len(jobs) > 0 && len(h.Sinks) > 0 {
		// One byte is held back from the progress until Done has run: a
		// loading indicator must not say "read" while the counts are still
		// being added together.
		jobs[0].held = 1
		defer fw.opts.Progress.add(1, 0)
		queue := make(chan job, len(jobs))
		for _, j := range jobs {
			queue <- j
		}
		close(queue)
		var errs errorList
		var wg sync.WaitGroup
		for _, s := range h.Sinks {
			wg.Go(func() { work(ctx, s, queue, nil, fw.max, &errs, fw.opts.Progress) })
		}
		wg.Wait()
		for i, err := range errs.errs {
			ts[i].fail(fw, err)
		}
	} else {
		resumes = nil // nothing was read: follow from the start
	}
	if h.Done != nil {
		h.Done()
	}
	for _, r := range resumes {
		if _, err := r.fl.f.Seek(r.end, io.SeekStart); err != nil {
			// The history is counted; the rest cannot be read.
			r.fl.lr.err = fmt.Errorf("seek: %v", err)
			continue
		}
		r.fl.lr.reset(r.fl.f, r.end, fw.max)
		r.fl.lr.follow = true
		r.fl.seq, r.fl.begun = r.seq, true
	}
}

// lastLineEnd returns the offset just after the last newline in the first
// size bytes of f, 0 when there is none: a partial last line is left to
// the follower, which hands it over once its newline arrives.
func lastLineEnd(f *os.File, size int64) (int64, error) {
	buf := make([]byte, 64<<10)
	for end := size; end > 0; {
		start := max(0, end-int64(len(buf)))
		n, err := f.ReadAt(buf[:end-start], start)
		if int64(n) < end-start {
			return 0, err // shrunk under us: let the follower sort it out
		}
		if i := bytes.LastIndexByte(buf[:n], '\n'); i >= 0 {
			return start + int64(i) + 1, nil
		}
		end = start
	}
	return 0, nil
}

package main

import (
	"context"
	"os"
	"runtime"
	"slices"
	"sync/atomic"
	"time"

	"github.com/codetop/codetop/parser"
	"github.com/codetop/codetop/source"
	"github.com/codetop/codetop/stats"
	"github.com/codetop/codetop/ui"
)

// loading follows one read of the dashboard's inputs until it has caught
// up with their history, what they held when the read started; after that
// the read follows them. Caught up means either
//
//   - every byte the inputs had at the start is read (BytesRead reaches
//     BytesTotal, which Follow sets from the sizes when it starts), or
//   - Follow, after a round, found nothing new: it calls Flush with no byte
//     and no line read since the previous Flush. This is the only sign for
//     inputs of unknown size (standard input), and it also ends the load
//     when the bytes never add up (a file truncated or broken mid-read).
//
// Once caught up it stays so: a file growing while it is followed does not
// make it load again.
type loading struct {
	progress source.Progress
	done     atomic.Bool
	// At the previous Flush; touched by the reading goroutine only.
	lastBytes, lastLines int64
}

// state is the load as the dashboard shows it; any goroutine may call it.
func (l *loading) state() ui.LoadState {
	p := &l.progress
	s := ui.LoadState{
		BytesRead:  p.BytesRead.Load(),
		BytesTotal: p.BytesTotal.Load(),
		Compressed: p.Compressed.Load(),
		Unsized:    p.Unsized.Load(),
	}
	// BytesTotal > 0: zero is also what it is before Follow has sized the
	// inputs up, and nothing has been read then.
	if !s.Unsized && s.BytesTotal > 0 && s.BytesRead >= s.BytesTotal {
		l.done.Store(true)
	}
	s.Done = l.done.Load()
	return s
}

// flushed is told of each Flush of the read's sink; see loading.
func (l *loading) flushed() {
	b, n := l.progress.BytesRead.Load(), l.progress.Lines.Load()
	if b == l.lastBytes && n == l.lastLines {
		l.done.Store(true)
	}
	l.lastBytes, l.lastLines = b, n
}

// watched is the sink a loading read feeds: the Live, with its Flush seen
// by the loading too. Only Flush passes through here; lines go straight
// to the Live's methods.
type watched struct {
	*stats.Live
	ld *loading
}

func (w watched) Flush() {
	w.Live.Flush()
	w.ld.flushed()
}

// follow makes the feed read the inputs with source.Follow, keeping each
// read's loading up to date. A time range ending in the past is read to
// the end of the inputs and not followed.
//
// The files rotated away from the inputs while they were followed are
// remembered by identity: a range read again reads them first, once, under
// the names they have by then, so that the lines they hold stay in reach.
func (f *feed) follow(inputs []string, opts source.FollowOptions) {
	opts.Errors = f.note
	opts.Rotated = f.noteRotated
	f.tracked = true
	f.read = func(ctx context.Context, live *stats.Live, ld *loading, _, to time.Time) error {
		o := opts
		o.NoFollow = o.NoFollow || !to.IsZero()
		o.Progress = &ld.progress
		o.History = newHistory(live, f.format, f.cfg)
		o.Once = f.rotatedAway(inputs)
		// Follow also returns the problems it passed to Errors; of those,
		// the paths still waited for at the end are kept for the exit.
		f.setWaiting(source.Notices(source.Follow(ctx, append(o.Once, inputs...), o, watched{live, ld})))
		return nil
	}
}

// noteRotated records a file rotated away from a followed input (called by
// the reader goroutine).
func (f *feed) noteRotated(path string, file os.FileInfo) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.rotated = append(f.rotated, rotatedFile{path, file})
}

// rotatedFile is a file rotated away from a followed input: the input's
// path and the file's identity. Its name is looked up when it is read:
// with numbered rotation, access.log.1 today is access.log.2 tomorrow.
type rotatedFile struct {
	path string
	file os.FileInfo
}

// rotatedAway returns the names that the files rotated away so far have
// now, oldest first: each once, none that is gone, and none that is one of
// the inputs (a rotated set followed as access.log*), which are read anyway.
func (f *feed) rotatedAway(inputs []string) []string {
	f.mu.Lock()
	rotated := slices.Clone(f.rotated)
	f.mu.Unlock()
	var names []string
	var seen []os.FileInfo
	for _, in := range inputs {
		if fi, err := os.Stat(in); err == nil {
			seen = append(seen, fi)
		}
	}
	for _, r := range rotated {
		name := source.RenamedTo(r.path, r.file)
		if name == "" || slices.ContainsFunc(seen, func(fi os.FileInfo) bool { return os.SameFile(fi, r.file) }) {
			continue
		}
		seen = append(seen, r.file)
		names = append(names, name)
	}
	return names
}

// newHistory has the inputs' present content read by one worker per
// core, the Live being one of them: it shows partial counts while the
// history loads, and the others' counts are added to it once all is read.
func newHistory(live *stats.Live, format parser.Format, cfg stats.Config) *source.History {
	h := &source.History{Sinks: []source.Sink{live}}
	var others []*stats.Aggregator
	for i := 1; i < runtime.GOMAXPROCS(0); i++ {
		w := stats.NewWorker(format.NewParser(), stats.New(cfg))
		w.Filter = live.Filter()
		h.Sinks = append(h.Sinks, w)
		others = append(others, w.Agg)
	}
	h.Done = func() { live.Absorb(others...) }
	return h
}

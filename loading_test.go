package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/codetop/codetop/parser"
	"github.com/codetop/codetop/source"
	"github.com/codetop/codetop/stats"
	"github.com/codetop/codetop/ui"
)

// generatedLog writes a combined log of at least size bytes, one request a
// second from 14:00:00, every 50th a 502, and returns its path, its exact
// size and its line count. Built by appending bytes: a generator with a
// Sprintf per line would take longer than the read under test.
func generatedLog(t testing.TB, size int) (string, int64, int64) {
	t.Helper()
	t0 := time.Date(2026, 11, 20, 14, 0, 0, 0, time.UTC)
	paths := []string{"/", "/api/orders", "/api/cart", "/static/app.js", "/login"}
	buf := make([]byte, 0, size+256)
	var lines int64
	var stamp []byte
	for i := 0; len(buf) < size; i++ {
		if i%60 == 0 { // the minute changes: redo the stamp's prefix
			stamp = t0.Add(time.Duration(i)*time.Second).AppendFormat(stamp[:0], "[02/Jan/2006:15:04:")
		}
		status := "200"
		if i%50 == 0 {
			status = "502"
		}
		buf = append(buf, "198.51.100."...)
		buf = strconv.AppendInt(buf, int64(i%250), 10)
		buf = append(buf, " - - "...)
		buf = append(buf, stamp...)
		if s := i % 60; s < 10 {
			buf = append(buf, '0')
		}
		buf = strconv.AppendInt(buf, int64(i%60), 10)
		buf = append(buf, " +0000] \"GET "...)
		buf = append(buf, paths[i%len(paths)]...)
		buf = append(buf, "?id="...)
		buf = strconv.AppendInt(buf, int64(i), 10)
		buf = append(buf, " HTTP/1.1\" "...)
		buf = append(buf, status...)
		buf = append(buf, " 5120 \"-\" \"Mozilla/5.0 (X11; Linux x86_64)\"\n"...)
		lines++
	}
	p := filepath.Join(t.TempDir(), "access.log")
	if err := os.WriteFile(p, buf, 0o644); err != nil {
		t.Fatal(err)
	}
	return p, int64(len(buf)), lines
}

// watchLoad samples the feed's load and status until the load is done,
// and returns the samples taken while it was not.
func watchLoad(t *testing.T, f *feed) (loading []ui.LoadState, statuses []string, partial bool) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		st := f.status() // before the load, as the dashboard asks
		s := f.loading()
		if s.Done {
			return loading, statuses, partial
		}
		loading = append(loading, s)
		statuses = append(statuses, st)
		if n := f.latest().Lines; n > 0 {
			partial = true
		}
		time.Sleep(2 * time.Millisecond)
	}
	t.Fatalf("still loading after 2 minutes: %+v", f.loading())
	return
}

// The dashboard's feed over a big file: while the history loads, the load
// counts up to the file's size (which is its total from the start), the
// snapshots already hold partial counts and the state is not "following";
// once the whole file is read the load is done, the state is following,
// and lines written later are followed without loading again.
func TestFeedLoadsABigFileThenFollows(t *testing.T) {
	path, size, lines := generatedLog(t, 48<<20)
	format, _ := parser.Compile("combined")
	f := newFeed(context.Background(), format, stats.Config{}, stats.Filter{})
	defer f.stop()
	f.follow([]string{path}, source.FollowOptions{Poll: 10 * time.Millisecond})
	f.start(time.Time{}, time.Time{}, "following")

	seen, statuses, partial := watchLoad(t, f)
	var moving []int64 // distinct values strictly between 0 and the size
	for i, s := range seen {
		if s.BytesTotal != 0 && s.BytesTotal != size {
			t.Fatalf("total %d while loading, the file has %d", s.BytesTotal, size)
		}
		if s.BytesRead > size || s.Compressed || s.Unsized {
			t.Fatalf("while loading: %+v", s)
		}
		if i > 0 && s.BytesRead < seen[i-1].BytesRead {
			t.Fatalf("bytes read went back: %d after %d", s.BytesRead, seen[i-1].BytesRead)
		}
		if s.BytesRead > 0 && s.BytesRead < size && (len(moving) == 0 || moving[len(moving)-1] != s.BytesRead) {
			moving = append(moving, s.BytesRead)
		}
		if strings.Contains(statuses[i], "following") {
			t.Fatalf("status %q while %d of %d bytes are read", statuses[i], s.BytesRead, size)
		}
	}
	if len(moving) < 2 {
		t.Fatalf("the load did not move in steps: %d samples, in-between values %v", len(seen), moving)
	}
	if !partial {
		t.Error("no partial snapshot was published while loading")
	}
	t.Logf("%d samples while loading, %d in-between values", len(seen), len(moving))

	end := f.loading()
	if !end.Done || end.BytesRead != size || end.BytesTotal != size {
		t.Fatalf("after the load: %+v, want %d of %d bytes", end, size, size)
	}
	waitSnapshot(t, f, func(s *stats.Snapshot) bool { return s.Lines == lines })
	if st := f.status(); st != "following" {
		t.Fatalf("status %q after the load", st)
	}

	// The file grows: followed, past its size at the start, still done.
	fh, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	late := "198.51.100.7 - - [20/Nov/2026:23:59:59 +0000] \"GET /late HTTP/1.1\" 503 1 \"-\" \"curl/8\"\n"
	fh.WriteString(late)
	fh.Close()
	waitSnapshot(t, f, func(s *stats.Snapshot) bool { return s.Lines == lines+1 })
	if s := f.loading(); !s.Done || s.BytesRead != size+int64(len(late)) || s.BytesTotal != size {
		t.Fatalf("after the file grew: %+v", s)
	}
	if st := f.status(); st != "following" {
		t.Fatalf("status %q after the file grew", st)
	}
}

// An archive: its bytes on disk are the total, counted as compressed bytes,
// and the load ends at the archive's size.
func TestFeedLoadsAnArchive(t *testing.T) {
	plain, _, lines := generatedLog(t, 2<<20)
	data, err := os.ReadFile(plain)
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestSpeed)
	zw.Write(data)
	zw.Close()
	path := filepath.Join(t.TempDir(), "access.log.1.gz")
	if err := os.WriteFile(path, gz.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	format, _ := parser.Compile("combined")
	f := newFeed(context.Background(), format, stats.Config{}, stats.Filter{})
	defer f.stop()
	f.follow([]string{path}, source.FollowOptions{Poll: 10 * time.Millisecond})
	f.start(time.Time{}, time.Time{}, "following")
	watchLoad(t, f)
	s := f.loading()
	if !s.Compressed || s.BytesRead != int64(gz.Len()) || s.BytesTotal != int64(gz.Len()) {
		t.Fatalf("archive of %d bytes: %+v", gz.Len(), s)
	}
	waitSnapshot(t, f, func(s *stats.Snapshot) bool { return s.Lines == lines })
}

// The rules that end a load, without a reader: bytes reaching the total
// taken at the start, or a Flush with nothing read since the one before
// (the only sign for standard input, and the way out when the bytes never
// add up).
func TestLoadingEnds(t *testing.T) {
	var l loading
	if l.state().Done {
		t.Fatal("done before the inputs were sized up")
	}
	l.progress.BytesTotal.Store(1000)
	l.progress.BytesRead.Store(400)
	l.progress.Lines.Store(4)
	l.flushed()
	if s := l.state(); s.Done || s.BytesRead != 400 || s.BytesTotal != 1000 {
		t.Fatalf("400 of 1000: %+v", s)
	}
	l.progress.BytesRead.Store(1000)
	if !l.state().Done {
		t.Fatal("not done with every byte read")
	}

	// Standard input: no total; done at the first Flush after a round
	// that read nothing.
	var in loading
	in.progress.Unsized.Store(true)
	in.progress.BytesRead.Store(5000)
	in.progress.BytesTotal.Store(5000) // a sized file beside it
	in.progress.Lines.Store(50)
	if in.state().Done {
		t.Fatal("done with standard input still open")
	}
	in.flushed()
	if in.state().Done {
		t.Fatal("done after a Flush that followed reading")
	}
	in.progress.BytesRead.Add(100)
	in.progress.Lines.Add(1)
	in.flushed()
	in.flushed() // nothing since
	if !in.state().Done {
		t.Fatal("not done after an idle Flush")
	}

	// A file truncated mid-load never adds up; the idle Flush ends it.
	var cut loading
	cut.progress.BytesTotal.Store(1000)
	cut.progress.BytesRead.Store(300)
	cut.flushed()
	cut.flushed()
	if !cut.state().Done {
		t.Fatal("a load short of its total does not end when the reader idles")
	}
}

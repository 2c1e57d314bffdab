package source

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The copytruncate check (the bytes before the offset read, read again)
// must hold wherever the reader stands: after the history was read on
// every core and the follower set at its end, and while it drops an
// over-long line.
func TestFollowCopyTruncateRegrownAfterHistory(t *testing.T) {
	defer SetChunking(64, 1<<20)()
	p := filepath.Join(t.TempDir(), "access.log")
	n := 0
	lf := openLog(t, p, &n)
	want := lf.write(5)
	hist, recs := recSinks(t, 2)
	fs := &flushSink{recSink: newRecSink(t)}
	fr := startFollowWith(t, []string{p}, fs, func(o *FollowOptions) { o.History = &History{Sinks: hist} })
	fr.sink = fs
	fr.step(t, testPoll)
	fr.step(t, testPoll)
	if err := os.Truncate(p, 0); err != nil {
		t.Fatal(err)
	}
	want = append(want, lf.write(12)...)
	fr.step(t, testPoll)
	fr.step(t, testPoll)
	if err := fr.stop(t); err != nil {
		t.Fatal(err)
	}
	// After the cut the file starts again: its lines are numbered from 1
	// in a chunk marked first, so they are put together by seq alone.
	diffLines(t, "history, then a cut and regrowth", linesBySeq(append(recs, fs.recSink)...)[p], want)
}

func TestFollowCopyTruncateRegrownWhileDroppingALongLine(t *testing.T) {
	p := filepath.Join(t.TempDir(), "access.log")
	n := 0
	lf := openLog(t, p, &n)
	want := lf.write(5)
	fr := startFollow(t, []string{p}, nil)
	fr.step(t, testPoll)
	long := strings.Repeat("z", 150) // over the tests' MaxLine of 100, no newline yet
	lf.f.WriteString(long)
	fr.step(t, testPoll)
	if err := os.Truncate(p, 0); err != nil {
		t.Fatal(err)
	}
	want = append(want, "TOOLONG:"+long[:min(len(long), excerpt)])
	want = append(want, lf.write(30)...)
	fr.step(t, testPoll)
	fr.step(t, testPoll)
	diffLines(t, "a long line, then a cut and regrowth", fr.lines()[p], want)
}

// Nor may the check fire on a file that only grows: lines, partial lines
// and over-long ones appended in pieces of any size, the file opened at
// any point, with and without the history read first, are each counted
// once and in order.
func TestFollowGrowingFileIsNeverTakenForRewritten(t *testing.T) {
	defer SetChunking(64, 1<<20)()
	for seed := int64(1); seed <= 20; seed++ {
		for _, history := range []bool{false, true} {
			rng := rand.New(rand.NewSource(seed))
			p := filepath.Join(t.TempDir(), "access.log")
			f, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
			if err != nil {
				t.Fatal(err)
			}
			var data strings.Builder
			var want []string
			for i := range 60 {
				l := fmt.Sprintf("line %d %s", i, strings.Repeat("x", rng.Intn(80)))
				if rng.Intn(6) == 0 {
					l = strings.Repeat("y", 101+rng.Intn(300))
					want = append(want, "TOOLONG:"+l[:min(len(l), excerpt)])
				} else {
					want = append(want, l)
				}
				data.WriteString(l + "\n")
			}
			all := data.String()
			off := rng.Intn(len(all) / 2)
			f.WriteString(all[:off])
			fs := &flushSink{recSink: newRecSink(t)}
			var hist []Sink
			var recs []*recSink
			mod := func(o *FollowOptions) {}
			if history {
				hist, recs = recSinks(t, 2)
				mod = func(o *FollowOptions) { o.History = &History{Sinks: hist} }
			}
			fr := startFollowWith(t, []string{p}, fs, mod)
			fr.sink = fs
			for off < len(all) {
				k := min(len(all)-off, 1+rng.Intn(150))
				f.WriteString(all[off : off+k])
				off += k
				fr.step(t, testPoll)
			}
			fr.step(t, testPoll)
			if err := fr.stop(t); err != nil {
				t.Fatal(err)
			}
			diffLines(t, fmt.Sprintf("seed %d, history %v", seed, history), linesByInput(t, append(recs, fs.recSink)...)[p], want)
			f.Close()
		}
	}
}

// linesBySeq returns each input's lines from the chunks of all sinks in seq
// order, without linesByInput's checks of how chunks are marked.
func linesBySeq(sinks ...*recSink) map[string][]string {
	var all []*recChunk
	for _, s := range sinks {
		for _, c := range s.chunks {
			all = append(all, c)
		}
	}
	slices.SortFunc(all, func(a, b *recChunk) int { return a.seq - b.seq })
	out := map[string][]string{}
	for _, c := range all {
		out[c.input] = append(out[c.input], c.lines...)
	}
	return out
}

package stats

import (
	"bytes"
	"sync"
	"testing"
	"time"

	"github.com/codetop/codetop/demo"
	"github.com/codetop/codetop/parser"
)

// fakeClock is a wall clock the test moves by hand.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

func newTestLive(t *testing.T) (*Live, *fakeClock) {
	f, _ := parser.Compile("combined")
	l := NewLive(f.NewParser(), Config{})
	clk := &fakeClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	l.now = clk.now
	l.published = clk.t
	return l, clk
}

func TestLivePublishesAtMostEveryInterval(t *testing.T) {
	l, clk := newTestLive(t)
	lines := bytes.Split(bytes.TrimSuffix(demo.Log(), []byte("\n")), []byte("\n"))[:2000]
	if s := l.Latest(); s == nil || s.Lines != 0 {
		t.Fatalf("before any line: %+v, want an empty snapshot", s)
	}
	l.Begin("access.log", 0, true)
	for _, ln := range lines[:1000] {
		l.Line(ln)
	}
	l.Flush()
	if got := l.Latest().Lines; got != 0 {
		t.Errorf("published %d lines before %v passed", got, PublishInterval)
	}
	clk.advance(PublishInterval)
	l.Flush()
	first := l.Latest()
	if first.Lines != 1000 {
		t.Fatalf("after the interval, Flush published %d lines, want 1000", first.Lines)
	}
	// Lines keep coming: a publish happens within them once the interval
	// passes, without waiting for Flush.
	clk.advance(PublishInterval)
	for _, ln := range lines[1000:2000] {
		l.Line(ln)
	}
	if got := l.Latest().Lines; got < 1000+clockEvery || got > 2000 {
		t.Errorf("mid-batch publish saw %d lines, want one after at most %d more lines", got, clockEvery)
	}
	// A snapshot once published never changes.
	if first.Lines != 1000 || first.Parsed != 1000 {
		t.Errorf("an old snapshot changed: %d lines", first.Lines)
	}
	// Idle: nothing new, Flush does not republish.
	clk.advance(time.Second)
	l.Flush()
	before := l.Latest()
	clk.advance(time.Second)
	l.Flush()
	if l.Latest() != before {
		t.Errorf("Flush with nothing new published a new snapshot")
	}
	if before.Lines != 2000 {
		t.Errorf("after idle flushes: %d lines published, want all 2000", before.Lines)
	}
}

// Readers on other goroutines read snapshots while the ingest goroutine
// counts; run with -race to check nothing is shared.
func TestLiveConcurrentReaders(t *testing.T) {
	f, _ := parser.Compile("combined")
	l := NewLive(f.NewParser(), Config{})
	lines := bytes.Split(bytes.TrimSuffix(demo.Log(), []byte("\n")), []byte("\n"))
	if raceEnabled {
		lines = lines[:5000]
	}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for r := 0; r < 2; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var last int64
			for {
				select {
				case <-stop:
					return
				default:
				}
				s := l.Latest()
				if s.Lines < last {
					t.Errorf("snapshot went back from %d to %d lines", last, s.Lines)
					return
				}
				last = s.Lines
				var sum int64
				for _, n := range s.Classes {
					sum += n
				}
				if sum != s.Parsed {
					t.Errorf("snapshot classes add up to %d, parsed %d", sum, s.Parsed)
					return
				}
				for _, p := range s.Paths {
					_ = p.Path
				}
				time.Sleep(time.Millisecond)
			}
		}()
	}
	l.Begin("access.log", 0, true)
	for i, ln := range lines {
		l.Line(ln)
		if i%5000 == 0 {
			l.Flush()
		}
	}
	l.End()
	l.Publish()
	close(stop)
	wg.Wait()
	if got := l.Latest().Lines; got != int64(len(lines)) {
		t.Errorf("final snapshot has %d lines, want %d", got, len(lines))
	}
}

// Live detection: the 429 storm of the demo shows as an active spike while
// it is going on, and ends after it.
func TestLiveSpikeActiveDuringStorm(t *testing.T) {
	l, clk := newTestLive(t)
	log := demo.Log()
	l.Begin("access.log", 0, true)
	var e parser.Entry
	f, _ := parser.Compile("combined")
	p := f.NewParser()
	mid := demo.Start.Add(demo.StormStart + 3*time.Minute)
	sawActive := false
	for _, ln := range bytes.Split(bytes.TrimSuffix(log, []byte("\n")), []byte("\n")) {
		l.Line(ln)
		if p.Parse(ln, &e) == nil && e.Time >= mid.UnixMilli() && !sawActive {
			clk.advance(PublishInterval)
			l.Flush()
			for _, sp := range l.Latest().Spikes {
				if sp.Kind == "429" && sp.Active && sp.End.IsZero() {
					sawActive = true
				}
			}
			if !sawActive {
				t.Fatalf("3 minutes into the storm, spikes are:%s", spikeList(l.Latest().Spikes))
			}
		}
	}
	clk.advance(PublishInterval)
	l.Flush()
	var storm *Spike
	for _, sp := range l.Latest().Spikes {
		if sp.Kind == "429" {
			storm = &sp
		}
	}
	if storm == nil || storm.Active || storm.TopClients[0] != demo.StormClient {
		t.Fatalf("at the end of the log: %s", spikeList(l.Latest().Spikes))
	}
}

// Chunk 0 of an input can reach a Live through Absorb, read by another
// worker, before the Live's own worker has begun any chunk. Beginning its
// first chunk must not reset chunk 0's line count: a malformed line later
// in the input keeps its true line number.
func TestLineNumbersAfterAbsorbingChunkZero(t *testing.T) {
	f, err := parser.Compile("combined")
	if err != nil {
		t.Fatal(err)
	}
	live := NewLive(f.NewParser(), Config{})
	other := NewWorker(f.NewParser(), New(Config{}))
	other.Begin("access.log", 0, true)
	for range 5 {
		other.Line([]byte(`192.0.2.1 - - [21/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "x"`))
	}
	other.End()
	live.Absorb(other.Agg)
	live.Begin("access.log", 1, false)
	live.Line([]byte("not a log line"))
	live.End()
	live.Publish()
	var lines []int64
	for _, m := range live.Latest().Malformations {
		for _, s := range m.Samples {
			lines = append(lines, s.Line)
		}
	}
	if len(lines) != 1 || lines[0] != 6 {
		t.Errorf("malformed sample on line(s) %v of access.log, want [6]", lines)
	}
}

// A rotated set followed as access.log* has its plain files read first, on
// every core, and its .gz archives after, by the follower: the Live gets
// the newer lines before the older ones. Its spikes must be those of the
// log read in order, not those of whatever part it had judged before the
// older lines came (which had left the dashboard learning for ever).
func TestLiveFindsTheSpikesOfLinesReadOutOfOrder(t *testing.T) {
	lines := bytes.Split(bytes.TrimSuffix(demo.Log(), []byte("\n")), []byte("\n"))
	cut := len(lines) * 2 / 5 // the archive: the first two fifths
	want := run(t, Config{}, "combined", demo.Log()).Snapshot().Spikes
	if len(want) == 0 {
		t.Fatal("the demo log read in order has no spike")
	}

	l, clk := newTestLive(t)
	l.Begin("access.log", 1, false)
	for _, ln := range lines[cut:] {
		l.Line(ln)
	}
	l.End()
	clk.advance(PublishInterval)
	l.Publish()
	l.Begin("access.log.1.gz", 0, true)
	for _, ln := range lines[:cut] {
		l.Line(ln)
	}
	l.End()
	l.Publish()
	got := l.Latest()
	if got.SpikesJudgedFrom.IsZero() {
		t.Fatal("nothing judged after the older lines came")
	}
	if spikeList(got.Spikes) != spikeList(want) {
		t.Errorf("spikes read newest part first:%s\nwant, as read in order:%s", spikeList(got.Spikes), spikeList(want))
	}
}

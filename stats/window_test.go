package stats

import (
	"math/rand"
	"sort"
	"testing"
	"time"

	"github.com/codetop/codetop/parser"
)

type ev struct {
	ms     int64
	status int
}

// eventLog makes 40 minutes of traffic, an hour and ten minutes of silence
// (a jump forward), and 30 more minutes, delivered out of order by up to 30
// seconds, plus a few entries from the first minutes that arrive at the
// very end (far beyond any tolerance).
func eventLog() (arrival []ev) {
	rng := rand.New(rand.NewSource(11))
	start := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC).UnixMilli()
	statuses := []int{200, 200, 200, 200, 200, 301, 304, 404, 429, 500, 502, 503, 0, 999}
	type timed struct {
		ev
		key int64
	}
	var all []timed
	add := func(from, to time.Duration) {
		for ms := start + from.Milliseconds(); ms < start+to.Milliseconds(); ms += int64(rng.Intn(600)) {
			e := ev{ms, statuses[rng.Intn(len(statuses))]}
			all = append(all, timed{e, ms + int64(rng.Intn(30_000))})
		}
	}
	add(0, 40*time.Minute)
	add(110*time.Minute, 140*time.Minute)
	sort.Slice(all, func(i, j int) bool { return all[i].key < all[j].key })
	for _, x := range all {
		arrival = append(arrival, x.ev)
	}
	for i := 0; i < 20; i++ {
		arrival = append(arrival, ev{start + int64(rng.Intn(300_000)), 500})
	}
	return arrival
}

func feed(a *Aggregator, evs []ev) {
	var e parser.Entry
	for _, x := range evs {
		e.Reset()
		e.Time, e.Status = x.ms, x.status
		e.Path, e.Client = []byte("/x"), []byte("192.0.2.1")
		a.Add(&e)
	}
}

func TestWindowsMatchBruteForce(t *testing.T) {
	evs := eventLog()
	a := New(Config{})
	feed(a, evs)
	s := a.Snapshot()

	var newest, oldest int64 = evs[0].ms / 1000, evs[0].ms / 1000
	for _, x := range evs {
		newest, oldest = max(newest, x.ms/1000), min(oldest, x.ms/1000)
	}
	if s.Last.Unix() != newest || s.First.Unix() != oldest {
		t.Fatalf("first/last %v %v, want %v %v", s.First, s.Last, time.Unix(oldest, 0), time.Unix(newest, 0))
	}
	for _, w := range StandardWindows {
		wr := s.Rate(w)
		if wr == nil {
			t.Fatalf("no rate for window %v", w)
		}
		var want [numClasses]int64
		codes := map[int]int64{}
		for _, x := range evs {
			if sec := x.ms / 1000; w == 0 || sec > newest-int64(w/time.Second) {
				want[classIndex(x.status)]++
				codes[x.status]++
			}
		}
		if wr.Classes != want {
			t.Errorf("window %v: classes %v, want %v", w, wr.Classes, want)
		}
		for code, n := range codes {
			if got := wr.Code(code); got != n {
				t.Errorf("window %v: code %d counted %d, want %d", w, code, got, n)
			}
		}
		wantSpan := time.Duration(newest-oldest+1) * time.Second
		if w != 0 && w < wantSpan {
			wantSpan = w
		}
		if wr.Span != wantSpan {
			t.Errorf("window %v: span %v, want %v", w, wr.Span, wantSpan)
		}
	}

	// Per second and per minute, against the same brute force.
	checkSeries := func(name string, sr Series, unit int64) {
		t.Helper()
		from := sr.Start.Unix()
		want := make([]int64, sr.Len())
		want5 := make([]int64, sr.Len())
		want429 := make([]int64, sr.Len())
		for _, x := range evs {
			i := (x.ms/1000 - from) / unit
			if x.ms/1000 < from || i >= int64(len(want)) {
				continue
			}
			want[i]++
			if classIndex(x.status) == class5xx {
				want5[i]++
			}
			if x.status == 429 {
				want429[i]++
			}
		}
		for i := range want {
			if sr.Total[i] != want[i] || sr.Classes[class5xx][i] != want5[i] || sr.Code(429)[i] != want429[i] {
				t.Fatalf("%s step %d: total %d 5xx %d 429 %d, want %d %d %d", name, i,
					sr.Total[i], sr.Classes[class5xx][i], sr.Code(429)[i], want[i], want5[i], want429[i])
			}
		}
	}
	if s.PerSecond.Len() != RecentSeconds || s.PerSecond.Start.Unix() != newest-RecentSeconds+1 {
		t.Fatalf("per-second series: %d steps from %v", s.PerSecond.Len(), s.PerSecond.Start)
	}
	checkSeries("per second", s.PerSecond, 1)
	if s.PerMinute.Len() != 60 || s.PerMinute.Start.Unix() != (newest/60-59)*60 {
		t.Fatalf("per-minute series: %d steps from %v", s.PerMinute.Len(), s.PerMinute.Start)
	}
	checkSeries("per minute", s.PerMinute, 60)

	// The timeline covers everything, late entries included.
	tl := s.Timeline
	if tl.Len() == 0 || tl.Len() > 240 || tl.Start.After(s.First) || !tl.Start.Add(time.Duration(tl.Len())*tl.Step).After(s.Last) {
		t.Fatalf("timeline of %d steps of %v from %v does not cover %v..%v", tl.Len(), tl.Step, tl.Start, s.First, s.Last)
	}
	checkSeries("timeline", tl, int64(tl.Step/time.Second))
	var sum int64
	for _, n := range tl.Total {
		sum += n
	}
	if sum != int64(len(evs)) {
		t.Errorf("timeline adds up to %d, want %d", sum, len(evs))
	}
}

func TestTimelineStepIsRoundAndBounded(t *testing.T) {
	for _, span := range []time.Duration{10 * time.Second, 3 * time.Hour, 4 * 24 * time.Hour, 800 * 24 * time.Hour} {
		a := New(Config{TimelineBuckets: 80})
		start := time.Date(2026, 3, 2, 10, 7, 0, 0, time.UTC)
		mid := start.Add(span / 2)
		feed(a, []ev{{start.UnixMilli(), 200}, {mid.UnixMilli(), 500}, {start.Add(span).UnixMilli(), 200}})
		tl := a.Snapshot().Timeline
		step := tl.Step
		if tl.Len() == 0 || tl.Len() > 80 || step%time.Minute != 0 || tl.Start.Unix()%int64(step/time.Second) != 0 {
			t.Errorf("span %v: %d steps of %v from %v, want at most 80 round steps", span, tl.Len(), step, tl.Start)
			continue
		}
		if tl.Start.After(start) || !tl.Start.Add(time.Duration(tl.Len())*step).After(start.Add(span)) {
			t.Errorf("span %v: %d steps of %v from %v miss the input", span, tl.Len(), step, tl.Start)
		}
		if i := int(mid.Sub(tl.Start) / step); tl.Classes[class5xx][i] != 1 || tl.Total[i] == 0 {
			t.Errorf("span %v: the 5xx entry of %v is not in step %d", span, mid, i)
		}
	}
}

func TestBurnRatesAndAlerts(t *testing.T) {
	start := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC).UnixMilli()
	var evs []ev
	// Seven hours at one request a second; 0.5% 5xx, except the last ten
	// minutes at 5%.
	for sec := int64(0); sec < 7*3600; sec++ {
		st := 200
		if sec%200 == 0 {
			st = 503
		}
		if sec >= 7*3600-600 && sec%20 == 0 {
			st = 500
		}
		evs = append(evs, ev{start + sec*1000, st})
	}
	a := New(Config{Objective: 0.99})
	feed(a, evs)
	b := a.Snapshot().Burn
	if b.Objective != 0.99 || len(b.Windows) != 4 {
		t.Fatalf("burn %+v", b)
	}
	for _, bw := range b.Windows {
		var total, errs int64
		newest := evs[len(evs)-1].ms / 1000
		for _, x := range evs {
			sec := x.ms / 1000
			inWindow := sec > newest-int64(bw.Window/time.Second)
			if bw.Window > time.Hour { // whole minutes past the ring
				inWindow = sec/60 >= (newest-int64(bw.Window/time.Second)+1)/60
			}
			if inWindow {
				total++
				if x.status >= 500 {
					errs++
				}
			}
		}
		want := float64(errs) / float64(total) / 0.01
		if bw.Total != total || bw.Errors != errs || bw.Rate < want-1e-9 || bw.Rate > want+1e-9 {
			t.Errorf("window %v: %d errors of %d, rate %.3f; want %d of %d, %.3f", bw.Window, bw.Errors, bw.Total, bw.Rate, errs, total, want)
		}
	}
	// 5% errors against a 1% budget is a burn of 5 in the last 5 minutes:
	// under both thresholds, so neither alert fires.
	if b.Page || b.Ticket {
		t.Errorf("page %v ticket %v, want neither at a burn of ~5", b.Page, b.Ticket)
	}
	a = New(Config{}) // 99.9%: the same log burns 50x now, 5x over 1h
	feed(a, evs)
	b = a.Snapshot().Burn
	if b.Rate(5*time.Minute).Rate < 14.4 || b.Page || !(b.Rate(time.Hour).Rate < 14.4) {
		t.Errorf("99.9%%: 5m burn %.1f, 1h burn %.1f, page %v; want a fast burn without a page (1h is below 14.4)",
			b.Rate(5*time.Minute).Rate, b.Rate(time.Hour).Rate, b.Page)
	}
	if !b.Ticket {
		t.Errorf("99.9%%: 30m burn %.1f and 6h burn %.1f should raise the ticket alert", b.Rate(30*time.Minute).Rate, b.Rate(6*time.Hour).Rate)
	}
}

// A log shorter than the short window of an alert pair is not judged: one
// error among two requests seven seconds apart burns at 500x over every
// window, but says nothing about an incident. Ten minutes of the same
// ratio do page.
func TestBurnAlertsNeedTheShortWindowCovered(t *testing.T) {
	start := int64(1795255200000)
	short := []ev{{start, 500}, {start + 7000, 200}}
	a := New(Config{})
	feed(a, short)
	if b := a.Snapshot().Burn; b.Page || b.Ticket || b.Rate(time.Hour).Rate < 14.4 {
		t.Errorf("7 s log: 1h burn %.1f, page %v, ticket %v; want a high burn and no alert", b.Rate(time.Hour).Rate, b.Page, b.Ticket)
	}
	var long []ev
	for sec := int64(0); sec < 600; sec++ {
		st := 200
		if sec%2 == 0 {
			st = 500
		}
		long = append(long, ev{start + sec*1000, st})
	}
	a = New(Config{})
	feed(a, long)
	if b := a.Snapshot().Burn; !b.Page || b.Ticket {
		t.Errorf("10 min at 50%% 5xx: page %v, ticket %v; want a page, and no ticket before 30m", b.Page, b.Ticket)
	}
}

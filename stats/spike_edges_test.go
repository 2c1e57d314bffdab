package stats

// Where a spike begins and ends within its minutes: the per-second ring
// puts its edges at the second the rate rose and fell back.

import (
	"bytes"
	"fmt"
	"math/rand"
	"testing"
	"time"
)

// A spike begins at the first second of its start minute that has one of
// its errors, when the per-second counts still hold that minute (always
// live, and for the last hour of an archive): a burst from 10:04:10 is
// not said to have begun at 10:04:00. Older spikes begin at their minute.
func TestSpikeStartsAtItsFirstSecond(t *testing.T) {
	sc := &scenario{
		name: "502 burst", length: 2 * time.Hour, perSec: constRate(8), errShare: 0, seed: 3,
		incidents: []incident{
			{from: 20*time.Minute + 25*time.Second, to: 23 * time.Minute, path: "/api/orders", status: 502},
			{from: 100*time.Minute + 10*time.Second, to: 103 * time.Minute, path: "/api/orders", status: 502},
		},
	}
	s := run(t, Config{}, "combined", sc.generate()).Snapshot()
	if len(s.Spikes) != 2 {
		t.Fatalf("want two spikes, got%s", spikeList(s.Spikes))
	}
	if want := genStart.Add(20 * time.Minute); !s.Spikes[0].Start.Equal(want) {
		t.Errorf("the spike older than the ring: start %s, want its minute %s", s.Spikes[0].Start, want)
	}
	if want := genStart.Add(sc.incidents[1].from); !s.Spikes[1].Start.Equal(want) {
		t.Errorf("the recent spike: start %s, want %s", s.Spikes[1].Start, want)
	}
	// The same, counted by four workers.
	if p := runChunked(t, Config{}, "combined", sc.generate(), 8, 4).Snapshot(); spikeList(p.Spikes) != spikeList(s.Spikes) {
		t.Errorf("four workers:%s\none:%s", spikeList(p.Spikes), spikeList(s.Spikes))
	}
}

// A burst of 429s from one client that stops at 20:30 past the minute ends
// there: the spike's last response is at 20:29 and it ends the second
// after, not at the end of its minute. While it goes on, LastSeen follows
// its last response, so that a quiet spike can be told from a loud one.
func TestSpikeEndsAfterItsLastResponse(t *testing.T) {
	sc := &scenario{
		name: "429 burst", length: 40 * time.Minute, perSec: constRate(5), errShare: 0.002, seed: 11,
		incidents: []incident{{from: 20*time.Minute + 15*time.Second, to: 22*time.Minute + 30*time.Second,
			client: "203.0.113.77", perSec: 4, status: 429, extraTo: "/search"}},
	}
	data := sc.generate()
	s := runFiltered(t, Filter{}, data).Snapshot()
	if len(s.Spikes) != 1 || s.Spikes[0].Kind != "429" {
		t.Fatalf("want the 429 spike, got%s", spikeList(s.Spikes))
	}
	sp := s.Spikes[0]
	lastAt := genStart.Add(22*time.Minute + 29*time.Second)
	if !sp.Start.Equal(genStart.Add(20*time.Minute+15*time.Second)) || !sp.LastSeen.Equal(lastAt) || !sp.End.Equal(lastAt.Add(time.Second)) {
		t.Errorf("spike %s .. %s, last seen %s; want from 20:15 to 22:30, last seen 22:29", sp.Start, sp.End, sp.LastSeen)
	}

	// Cut at 23:40, the spike is still in its hold time: active, quiet
	// since its last response.
	cut := runFiltered(t, Filter{To: genStart.Add(23*time.Minute + 40*time.Second).UnixMilli()}, data).Snapshot()
	if len(cut.Spikes) != 1 || !cut.Spikes[0].Active || !cut.Spikes[0].LastSeen.Equal(lastAt) {
		t.Errorf("at 23:40: want the 429 spike active, last seen at 22:29: %+v", cut.Spikes)
	}
}

// A code that comes all day long (a site's usual 404s) has one in nearly
// every second: its burst begins when the rate rises, not at the first
// usual one of the minute, and ends when the rate falls back, not at the
// last usual one of its last hot minute.
func TestBurstOfAUsualCodeStartsAndEndsWithTheRise(t *testing.T) {
	t0 := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name     string
		from, to time.Duration
	}{
		{"inside its minutes", 20*time.Minute + 44*time.Second, 22*time.Minute + 20*time.Second},
		// Three seconds of it in a minute too few for that minute to be
		// hot: it still starts at them, not at the next minute's :00.
		{"begun at the end of a calm minute", 20*time.Minute + 57*time.Second, 22*time.Minute + 20*time.Second},
	} {
		rng := rand.New(rand.NewSource(3))
		burstFrom, burstTo := t0.Add(tc.from), t0.Add(tc.to)
		var buf bytes.Buffer
		n404 := make([]int64, 30*60) // per second
		byPath := map[string][]int64{"/old": make([]int64, 30*60), "/wp-login.php": make([]int64, 30*60)}
		byClient := map[string][]int64{"10.0.0.2": byPath["/old"], "203.0.113.9": byPath["/wp-login.php"]}
		for sec := 0; sec < 30*60; sec++ {
			at := t0.Add(time.Duration(sec) * time.Second)
			for i := 0; i < 10; i++ {
				genLine(&buf, "10.0.0.1", at, "/", 200, rng)
			}
			// 30 a minute, always, and in little clusters now and then.
			if sec%2 == 0 || rng.Intn(12) == 0 {
				genLine(&buf, "10.0.0.2", at, "/old", 404, rng)
				n404[sec]++
				byPath["/old"][sec]++
			}
			if !at.Before(burstFrom) && at.Before(burstTo) {
				for i := 0; i < 5; i++ {
					genLine(&buf, "203.0.113.9", at, "/wp-login.php", 404, rng)
				}
				n404[sec] += 5
				byPath["/wp-login.php"][sec] += 5
			}
		}
		s := run(t, Config{}, "combined+timing", buf.Bytes()).Snapshot()
		if len(s.Spikes) != 1 || s.Spikes[0].Kind != "404" {
			t.Fatalf("%s: want the 404 burst alone, got:%s", tc.name, spikeList(s.Spikes))
		}
		sp := s.Spikes[0]
		// To the second, give or take a usual one right beside the burst.
		if !within(sp.Start, burstFrom, time.Second) || !within(sp.End, burstTo, time.Second) {
			t.Errorf("%s: burst %v..%v, want %v..%v", tc.name, sp.Start, sp.End, burstFrom, burstTo)
		}
		// Its count is of its span, not of its minutes.
		var want int64
		for sec := int(sp.Start.Sub(t0) / time.Second); sec < int(sp.End.Sub(t0)/time.Second); sec++ {
			want += n404[sec]
		}
		if sp.Count != want {
			t.Errorf("%s: count %d, want the %d 404s from %v to %v", tc.name, sp.Count, want, sp.Start, sp.End)
		}
		// So are its paths and clients: the usual 404s of its first
		// minute before it began are not among them, and those of its
		// first seconds in the calm minute before are.
		from, to := int(sp.Start.Sub(t0)/time.Second), int(sp.End.Sub(t0)/time.Second)
		checkSpanCounts(t, tc.name+": paths", sp.TopPaths, sp.TopPathCounts, byPath, from, to)
		checkSpanCounts(t, tc.name+": clients", sp.TopClients, sp.TopClientCounts, byClient, from, to)
		// The same, counted by four workers and merged.
		p := runChunked(t, Config{}, "combined+timing", buf.Bytes(), 64, 4).Snapshot()
		if len(p.Spikes) != 1 || spikeList(p.Spikes) != spikeList(s.Spikes) {
			t.Fatalf("%s: four workers:%s\none:%s", tc.name, spikeList(p.Spikes), spikeList(s.Spikes))
		}
		checkSpanCounts(t, tc.name+": paths, four workers", p.Spikes[0].TopPaths, p.Spikes[0].TopPathCounts, byPath, from, to)
	}
}

// checkSpanCounts checks that names and counts are the names with a count
// in seconds [from, to) of perSec, heaviest first, each with that count.
func checkSpanCounts(t *testing.T, what string, names []string, counts []int64, perSec map[string][]int64, from, to int) {
	t.Helper()
	want := map[string]int64{}
	for name, n := range perSec {
		for sec := from; sec < to; sec++ {
			want[name] += n[sec]
		}
		if want[name] == 0 {
			delete(want, name)
		}
	}
	got := map[string]int64{}
	for i, name := range names {
		got[name] = counts[i]
		if i > 0 && counts[i] > counts[i-1] {
			t.Errorf("%s: %v %v are not heaviest first", what, names, counts)
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("%s: got %v, want %v", what, got, want)
	}
}

// A minute after a burst where a usual code comes a little more often than
// usual (18 404s where 10 is normal: three in a hundred minutes do) does
// not carry the burst on: it ends with its own last second.
func TestUsualFluctuationDoesNotExtendASpike(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	t0 := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
	burstFrom, burstTo := t0.Add(20*time.Minute+10*time.Second), t0.Add(22*time.Minute+30*time.Second)
	var buf bytes.Buffer
	for sec := 0; sec < 30*60; sec++ {
		at := t0.Add(time.Duration(sec) * time.Second)
		for i := 0; i < 10; i++ {
			genLine(&buf, "10.0.0.1", at, "/", 200, rng)
		}
		usual := sec%6 == 0 // 10 a minute
		if sec/60 == 24 && sec%6 == 3 && sec%60 < 48 {
			usual = true // 8 more in 08:24: 18
		}
		if usual {
			genLine(&buf, "10.0.0.2", at, "/old", 404, rng)
		}
		if !at.Before(burstFrom) && at.Before(burstTo) {
			for i := 0; i < 5; i++ {
				genLine(&buf, "203.0.113.9", at, "/wp-login.php", 404, rng)
			}
		}
	}
	s := run(t, Config{}, "combined+timing", buf.Bytes()).Snapshot()
	if len(s.Spikes) != 1 || !within(s.Spikes[0].End, burstTo, time.Second) {
		t.Fatalf("want one 404 spike ending at %v, got:%s", burstTo, spikeList(s.Spikes))
	}
}

// A burst followed by a pause in all traffic (a site with no visitors at
// night, or a load balancer that stopped sending): a range that ends in
// the pause, with the log going on after it, knows its quiet end, and the
// spike is over there. A range that ends within the hold time after the
// burst leaves it active.
func TestSpikeEndsInAQuietEndOfRange(t *testing.T) {
	rng := rand.New(rand.NewSource(9))
	t0 := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
	burstFrom, burstTo := t0.Add(20*time.Minute+10*time.Second), t0.Add(22*time.Minute+40*time.Second)
	var buf bytes.Buffer
	for sec := 0; sec < 60*60; sec++ {
		at := t0.Add(time.Duration(sec) * time.Second)
		if !at.Before(burstTo) && at.Before(t0.Add(45*time.Minute)) {
			continue // no traffic at all from the burst's end to 08:45
		}
		for range 4 {
			genLine(&buf, "10.0.0.1", at, "/", 200, rng)
		}
		if !at.Before(burstFrom) && at.Before(burstTo) {
			genLine(&buf, "10.0.0.3", at, "/api/orders", 502, rng)
		}
	}
	for _, tc := range []struct {
		name   string
		to     time.Time
		active bool
	}{
		{"a range ending 10 minutes into the pause", t0.Add(32 * time.Minute), false},
		{"a range ending a minute into the pause", t0.Add(24 * time.Minute), true},
		{"no range: the traffic after the pause ends it", time.Time{}, false},
	} {
		var f Filter
		if !tc.to.IsZero() {
			f.To = tc.to.UnixMilli()
		}
		s := runFiltered(t, f, buf.Bytes()).Snapshot()
		if len(s.Spikes) != 1 || s.Spikes[0].Kind != "5xx" {
			t.Fatalf("%s: want the 5xx spike, got:%s", tc.name, spikeList(s.Spikes))
		}
		sp := s.Spikes[0]
		if sp.Active != tc.active {
			t.Errorf("%s: active %v, want %v", tc.name, sp.Active, tc.active)
		}
		if !tc.active && !sp.End.Equal(burstTo) {
			t.Errorf("%s: ends %v, want %v", tc.name, sp.End, burstTo)
		}
	}
}

// While a burst of a code that comes all day (a scanner's 404s over the
// usual ones) is still active, its last second is the burst's, not the
// last usual 404, and its count so far stops there: 46 seconds after the
// scan stopped, the dashboard can say it has been quiet since.
func TestActiveBurstOfAUsualCodeEndsWithTheRise(t *testing.T) {
	rng := rand.New(rand.NewSource(4))
	t0 := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
	burstFrom, burstTo := t0.Add(25*time.Minute+11*time.Second), t0.Add(25*time.Minute+44*time.Second)
	n404 := make([]int64, 30*60)
	var buf bytes.Buffer
	for sec := 0; sec < 30*60; sec++ {
		at := t0.Add(time.Duration(sec) * time.Second)
		for range 15 {
			genLine(&buf, "10.0.0.1", at, "/", 200, rng)
		}
		if rng.Intn(6) < 5 { // about 50 a minute
			genLine(&buf, "10.0.0.2", at, "/missing", 404, rng)
			n404[sec]++
		}
		if !at.Before(burstFrom) && at.Before(burstTo) {
			for i := range 280 {
				genLine(&buf, "203.0.113.9", at, fmt.Sprintf("/missing/wp-%d.php", sec*280+i), 404, rng)
			}
			n404[sec] += 280
		}
	}
	cut := t0.Add(26*time.Minute + 30*time.Second)
	s := runFiltered(t, Filter{To: cut.UnixMilli()}, buf.Bytes()).Snapshot()
	if len(s.Spikes) != 1 || s.Spikes[0].Kind != "404" || !s.Spikes[0].Active {
		t.Fatalf("at %v: want the 404 burst, active:%s", cut, spikeList(s.Spikes))
	}
	sp := s.Spikes[0]
	if !within(sp.Start, burstFrom, time.Second) {
		t.Errorf("start %v, want %v", sp.Start, burstFrom)
	}
	if !within(sp.LastSeen, burstTo.Add(-time.Second), time.Second) {
		t.Errorf("last seen %v, want the burst's last second %v", sp.LastSeen, burstTo.Add(-time.Second))
	}
	var want int64
	for sec := int(sp.Start.Sub(t0) / time.Second); sec <= int(sp.LastSeen.Sub(t0)/time.Second); sec++ {
		want += n404[sec]
	}
	if sp.Count != want {
		t.Errorf("count %d, want the %d 404s from %v to %v", sp.Count, want, sp.Start, sp.LastSeen)
	}
}

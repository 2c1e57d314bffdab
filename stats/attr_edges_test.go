package stats

import (
	"bytes"
	"math/rand"
	"testing"
	"time"
)

// The edge log keeps the newest errors and knows from which second on it
// still holds all of them, also after a merge of two workers' logs.
func TestEdgeLogSaysFromWhenItHoldsEverything(t *testing.T) {
	var l edgeLog
	if !l.holds(-1 << 40) {
		t.Fatal("an empty log has lost nothing")
	}
	for i := range edgeEvents + 10 {
		l.add(int64(i), 0, class5xx, uint32(i), 0)
	}
	if l.holds(9) || !l.holds(10) || len(l.events()) != edgeEvents {
		t.Fatalf("after %d events: holds(9) %v, holds(10) %v, %d events; want false, true, %d",
			edgeEvents+10, l.holds(9), l.holds(10), len(l.events()), edgeEvents)
	}

	// Two workers saw alternate seconds; together they hold more than
	// one log keeps, so the oldest go.
	var a, b edgeLog
	n := edgeEvents/2 + 100
	for i := range n {
		a.add(int64(2*i), 0, class5xx, 1, 1)
		b.add(int64(2*i+1), 0, class5xx, 2, 2)
	}
	same := func(pid, cid, iid uint32) (uint32, uint32, uint32) { return pid, cid, iid }
	var remap [numSeries]int
	for i := range remap {
		remap[i] = i
	}
	a.merge(&b, same, &remap)
	lost := int64(2*n - edgeEvents - 1) // the newest second pushed out
	if len(a.events()) != edgeEvents || a.holds(lost) || !a.holds(lost+1) {
		t.Fatalf("merged: %d events, holds(%d) %v, holds(%d) %v", len(a.events()), lost, a.holds(lost), lost+1, a.holds(lost+1))
	}
	// A log that went round its ring merges in the order its events came.
	var c, d edgeLog
	for i := range edgeEvents + 5 {
		c.add(int64(1_000_000+i), 0, class5xx, 3, 3)
	}
	d.merge(&c, same, &remap)
	if len(d.events()) != edgeEvents || d.holds(1_000_004) || !d.holds(1_000_005) || d.ev[0].sec() != 1_000_005 {
		t.Errorf("a full log merged: %d events, holds(1000004) %v, holds(1000005) %v, oldest %d",
			len(d.events()), d.holds(1_000_004), d.holds(1_000_005), d.ev[0].sec())
	}

	// The next event pushes out the oldest held, not a recent one.
	a.add(int64(2*n), 0, class5xx, 1, 1)
	if a.holds(lost+1) || !a.holds(lost+2) {
		t.Errorf("after one more: holds(%d) %v, holds(%d) %v; want false, true", lost+1, a.holds(lost+1), lost+2, a.holds(lost+2))
	}
}

// A 502 burst that begins 40 seconds into a minute where a usual 500 came
// every ten seconds: the 5xx spike's codes are those of its span, so the
// 500s of that minute before it began are not among them.
func TestClassSpikeCodesAreOfItsSpan(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	t0 := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
	burstFrom, burstTo := t0.Add(20*time.Minute+40*time.Second), t0.Add(23*time.Minute+15*time.Second)
	var buf bytes.Buffer
	per := map[int][]int64{500: make([]int64, 30*60), 502: make([]int64, 30*60)}
	for sec := 0; sec < 30*60; sec++ {
		at := t0.Add(time.Duration(sec) * time.Second)
		for range 10 {
			genLine(&buf, "10.0.0.1", at, "/", 200, rng)
		}
		if sec%10 == 0 {
			genLine(&buf, "10.0.0.2", at, "/report", 500, rng)
			per[500][sec]++
		}
		if !at.Before(burstFrom) && at.Before(burstTo) {
			for range 4 {
				genLine(&buf, "10.0.0.3", at, "/api/orders", 502, rng)
			}
			per[502][sec] += 4
		}
	}
	s := run(t, Config{}, "combined+timing", buf.Bytes()).Snapshot()
	if len(s.Spikes) != 1 || s.Spikes[0].Kind != "5xx" {
		t.Fatalf("want the 5xx spike alone, got:%s", spikeList(s.Spikes))
	}
	sp := s.Spikes[0]
	if !sp.Start.Equal(burstFrom) || !sp.End.Equal(burstTo) {
		t.Fatalf("spike %v..%v, want %v..%v", sp.Start, sp.End, burstFrom, burstTo)
	}
	from, to := int(burstFrom.Sub(t0)/time.Second), int(burstTo.Sub(t0)/time.Second)
	got := map[int]int64{}
	for _, c := range sp.TopCodes {
		got[c.Code] = c.Count
	}
	var sum int64
	for code, n := range per {
		var want int64
		for sec := from; sec < to; sec++ {
			want += n[sec]
		}
		sum += want
		if got[code] != want {
			t.Errorf("code %d: %d in the spike, want the %d from %v to %v", code, got[code], want, burstFrom, burstTo)
		}
	}
	if sp.Count != sum {
		t.Errorf("count %d, want %d", sp.Count, sum)
	}
}

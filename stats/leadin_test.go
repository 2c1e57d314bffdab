package stats

import (
	"bytes"
	"testing"
	"time"
)

// A range that starts twelve minutes before the end of a log still has its
// spikes judged from its first minute: the hour before it is read for the
// detector to learn from, and counts nowhere else. Without that lead-in a
// 502 burst four minutes into the range went unflagged (the detector needs
// ten minutes of traffic). A spike that ended before the range is not one
// of its spikes, and --status changes nothing to what is found.
func TestRangeSpikesAreJudgedFromItsStart(t *testing.T) {
	sc := &scenario{
		name: "502 burst after a 404 burst", length: 72 * time.Minute, perSec: constRate(8), errShare: 0.002, seed: 7,
		incidents: []incident{
			{from: 30 * time.Minute, to: 33 * time.Minute, client: "203.0.113.5", perSec: 3, status: 404, extraTo: "/wp-login.php"},
			{from: 64*time.Minute + 10*time.Second, to: 67 * time.Minute, path: "/api/orders", status: 502},
		},
	}
	data := sc.generate()
	from := genStart.Add(60 * time.Minute)
	rng := Filter{From: from.UnixMilli()}
	all := runFiltered(t, Filter{}, data).Snapshot()
	cut := runFiltered(t, rng, data).Snapshot()

	if len(all.Spikes) != 2 {
		t.Fatalf("the whole log: want the 404 and the 5xx spikes, got%s", spikeList(all.Spikes))
	}
	if len(cut.Spikes) != 1 || cut.Spikes[0].Kind != "5xx" {
		t.Fatalf("the last 12 minutes: want the 5xx spike only, got%s", spikeList(cut.Spikes))
	}
	a, c := all.Spikes[1], cut.Spikes[0]
	if !c.Start.Equal(a.Start) || !c.End.Equal(a.End) || c.Count != a.Count || c.BaselinePerMin != a.BaselinePerMin {
		t.Errorf("in the range: %s..%s count %d base %.2f; the whole log says %s..%s count %d base %.2f",
			c.Start, c.End, c.Count, c.BaselinePerMin, a.Start, a.End, a.Count, a.BaselinePerMin)
	}
	// The lead-in is counted nowhere else: not in the totals, not in the
	// timeline.
	var inRange int64
	for _, l := range bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n")) {
		open := bytes.IndexByte(l, '[')
		ts, err := time.Parse("02/Jan/2006:15:04:05 -0700", string(l[open+1:open+27]))
		if err != nil {
			t.Fatal(err)
		}
		if !ts.Before(from) {
			inRange++
		}
	}
	if total := int64(bytes.Count(data, []byte("\n"))); cut.Read != total || all.Read != total {
		t.Errorf("lines read %d with the range, %d without; want all %d either way", cut.Read, all.Read, total)
	}
	if cut.Parsed != inRange || cut.First.Before(from) {
		t.Errorf("parsed %d from %s, want %d from %s on", cut.Parsed, cut.First, inRange, from)
	}
	for i, n := range cut.PerMinute.Total {
		if at := cut.PerMinute.Start.Add(time.Duration(i) * time.Minute); at.Before(from) && n != 0 {
			t.Fatalf("the timeline counts %d at %s, before the range", n, at)
		}
	}

	// The same with --status: the spike is judged against all traffic.
	st, err := ParseStatusSet("5xx")
	if err != nil {
		t.Fatal(err)
	}
	rng.Status = st
	sel := runFiltered(t, rng, data).Snapshot()
	if spikeList(sel.Spikes) != spikeList(cut.Spikes) {
		t.Errorf("with --status 5xx:%s\nwant%s", spikeList(sel.Spikes), spikeList(cut.Spikes))
	}
}

// A burst that ends right where the range begins is the lead-in's: it is
// not reported as active while its hold time runs into the range.
func TestSpikeOfTheLeadInIsNotTheRanges(t *testing.T) {
	sc := &scenario{
		name: "502 burst up to the range", length: 64 * time.Minute, perSec: constRate(8), errShare: 0.002, seed: 11,
		incidents: []incident{{from: 50 * time.Minute, to: 60 * time.Minute, path: "/api/orders", status: 502}},
	}
	data := sc.generate()
	if all := runFiltered(t, Filter{}, data).Snapshot(); len(all.Spikes) != 1 {
		t.Fatalf("the whole log: want the burst, got%s", spikeList(all.Spikes))
	}
	from := genStart.Add(60 * time.Minute)
	cut := runFiltered(t, Filter{From: from.UnixMilli(), To: from.Add(2 * time.Minute).UnixMilli()}, data).Snapshot()
	if len(cut.Spikes) != 0 {
		t.Fatalf("the two minutes after the burst: want no spike, got%s", spikeList(cut.Spikes))
	}
}

// A range shorter than the trend window (the last three minutes of a
// log) has the hour before it as its baseline, as the detector does: its
// 2xx are normal, not a rise from nothing.
func TestShortRangeTrendsHaveTheLeadInAsBaseline(t *testing.T) {
	sc := &scenario{name: "steady", length: 72 * time.Minute, perSec: constRate(8), errShare: 0.002, seed: 3}
	data := sc.generate()
	all := runFiltered(t, Filter{}, data).Snapshot()
	cut := runFiltered(t, Filter{From: genStart.Add(69 * time.Minute).UnixMilli()}, data).Snapshot()
	base := func(s *Snapshot) Trend {
		for _, tr := range s.Trends {
			if tr.Kind == "2xx" {
				return tr
			}
		}
		t.Fatalf("no 2xx trend: %+v", s.Trends)
		return Trend{}
	}
	a, c := base(all), base(cut)
	if a.BaselinePerMin < 400 || c.BaselinePerMin < 0.9*a.BaselinePerMin || c.BaselinePerMin > 1.1*a.BaselinePerMin || c.Direction != a.Direction {
		t.Errorf("2xx in the last 3 minutes: baseline %.1f/min, %v; the whole log: %.1f/min, %v", c.BaselinePerMin, c.Direction, a.BaselinePerMin, a.Direction)
	}
}

// A range that starts inside a spike's minutes: a spike that began before
// it keeps its start at the minute (the lead-in is counted per minute),
// and one whose last hot minute has its errors only before the range's
// start is not one of the range's, rather than one of no responses.
func TestRangeStartingInsideASpikesMinute(t *testing.T) {
	sc := &scenario{
		name: "429 burst", length: 40 * time.Minute, perSec: constRate(5), errShare: 0.002, seed: 11,
		incidents: []incident{{from: 20 * time.Minute, to: 22*time.Minute + 20*time.Second,
			client: "203.0.113.77", perSec: 4, status: 429, extraTo: "/search"}},
	}
	data := sc.generate()
	mid := runFiltered(t, Filter{From: genStart.Add(20*time.Minute + 45*time.Second).UnixMilli()}, data).Snapshot()
	if len(mid.Spikes) != 1 || !mid.Spikes[0].Start.Equal(genStart.Add(20*time.Minute)) {
		t.Errorf("from 20:45: want the 429 spike from 20:00, at its minute:%s", spikeList(mid.Spikes))
	}
	after := runFiltered(t, Filter{From: genStart.Add(22*time.Minute + 30*time.Second).UnixMilli()}, data).Snapshot()
	for _, sp := range after.Spikes {
		if sp.Kind == "429" {
			t.Errorf("from 22:30, after the burst's last 429 at 22:19: %+v", sp)
		}
	}
}

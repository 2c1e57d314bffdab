package stats

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/codetop/codetop/demo"
	"github.com/codetop/codetop/parser"
	"github.com/codetop/codetop/source"
)

// within reports whether got is within tol of want.
func within(got, want time.Time, tol time.Duration) bool {
	d := got.Sub(want)
	return d >= -tol && d <= tol
}

func spikeList(sp []Spike) string {
	var b strings.Builder
	for _, s := range sp {
		b.WriteString("\n  " + s.Kind + " " + s.Start.Format("15:04:05") + ".." + s.End.Format("15:04:05"))
		if s.Active {
			b.WriteString(" (active)")
		}
		b.WriteString(" paths=" + strings.Join(s.TopPaths, ",") + " clients=" + strings.Join(s.TopClients, ","))
	}
	return b.String()
}

func TestSpikeBurst502OnOnePath(t *testing.T) {
	sc := &scenario{
		name: "502 burst", length: time.Hour, perSec: constRate(8), errShare: 0.002, seed: 1,
		incidents: []incident{{from: 30*time.Minute + 20*time.Second, to: 34*time.Minute + 20*time.Second, path: "/api/orders", status: 502}},
	}
	s := run(t, Config{}, "combined", sc.generate()).Snapshot()
	if len(s.Spikes) != 1 {
		t.Fatalf("want one spike, got %d:%s", len(s.Spikes), spikeList(s.Spikes))
	}
	sp := s.Spikes[0]
	if sp.Kind != "5xx" || sp.Active {
		t.Errorf("kind %q active %v, want an ended 5xx spike", sp.Kind, sp.Active)
	}
	if want := genStart.Add(sc.incidents[0].from); !within(sp.Start, want, time.Minute) {
		t.Errorf("start %v, want within a minute of %v", sp.Start, want)
	}
	if want := genStart.Add(sc.incidents[0].to); !within(sp.End, want, time.Minute) {
		t.Errorf("end %v, want within a minute of %v", sp.End, want)
	}
	if len(sp.TopCodes) == 0 || sp.TopCodes[0].Code != 502 {
		t.Errorf("dominant codes %v, want 502 first", sp.TopCodes)
	}
	if len(sp.TopPaths) == 0 || sp.TopPaths[0] != "/api/orders" {
		t.Errorf("top paths %v, want /api/orders first", sp.TopPaths)
	}
	// 12% of 8 requests a second for four minutes is about 230.
	if sp.Count < 180 || sp.Count > 300 {
		t.Errorf("count %d, want about 230", sp.Count)
	}
	if sp.PeakPerMin < 40 || sp.BaselinePerMin > 5 {
		t.Errorf("peak %.1f/min baseline %.1f/min, want a peak near 58 over a baseline near 1", sp.PeakPerMin, sp.BaselinePerMin)
	}
}

func TestSpike429StormFromOneClient(t *testing.T) {
	sc := &scenario{
		name: "429 storm", length: time.Hour, perSec: constRate(6), errShare: 0.002, seed: 2,
		incidents: []incident{{from: 40*time.Minute + 10*time.Second, to: 45*time.Minute + 10*time.Second,
			client: "203.0.113.9", perSec: 15, status: 429, extraTo: "/api/search"}},
	}
	s := run(t, Config{}, "combined", sc.generate()).Snapshot()
	if len(s.Spikes) != 1 {
		t.Fatalf("want one spike, got %d:%s", len(s.Spikes), spikeList(s.Spikes))
	}
	sp := s.Spikes[0]
	if sp.Kind != "429" {
		t.Errorf("kind %q, want 429", sp.Kind)
	}
	if want := genStart.Add(sc.incidents[0].from); !within(sp.Start, want, time.Minute) {
		t.Errorf("start %v, want within a minute of %v", sp.Start, want)
	}
	if len(sp.TopClients) == 0 || sp.TopClients[0] != "203.0.113.9" || sp.TopClientCounts[0] != sp.Count {
		t.Errorf("top clients %v %v (count %d), want all of it from 203.0.113.9", sp.TopClients, sp.TopClientCounts, sp.Count)
	}
	if len(sp.TopPaths) == 0 || sp.TopPaths[0] != "/api/search" {
		t.Errorf("top paths %v, want /api/search", sp.TopPaths)
	}
}

func TestNoSpikeWhenAllTrafficDoublesSmoothly(t *testing.T) {
	// Half an hour steady, then an hour in which traffic (errors included,
	// at the same share) doubles smoothly: busier, not broken.
	sc := &scenario{
		name: "doubling", length: 90 * time.Minute, errShare: 0.01, seed: 3,
		perSec: func(off time.Duration) float64 {
			if off < 30*time.Minute {
				return 12
			}
			return 12 * math.Pow(2, (off-30*time.Minute).Hours())
		},
	}
	s := run(t, Config{}, "combined", sc.generate()).Snapshot()
	if len(s.Spikes) != 0 {
		t.Fatalf("want no spike, got%s", spikeList(s.Spikes))
	}
	// The rise is real, though: the trend of 5xx points up or stays flat,
	// never down.
	for _, tr := range s.Trends {
		if tr.Kind == "5xx" && tr.Direction < 0 {
			t.Errorf("5xx trend %+v points down while traffic doubled", tr)
		}
	}
}

func TestNoSpikeForScatteredErrorsAtLowTraffic(t *testing.T) {
	// One request every ten seconds for three hours, a fifth of them 500:
	// errors cluster by chance (3 of 5 in a minute), never a spike.
	sc := &scenario{name: "night", length: 3 * time.Hour, perSec: constRate(0.1), errShare: 0.2, seed: 4}
	a := run(t, Config{}, "combined", sc.generate())
	s := a.Snapshot()
	if len(s.Spikes) != 0 {
		t.Fatalf("want no spike, got%s", spikeList(s.Spikes))
	}
	if s.Class("5xx") < 150 {
		t.Fatalf("the scenario has only %d 500s; it should have about 200", s.Class("5xx"))
	}
}

func TestNoSpikeAfterSilence(t *testing.T) {
	// Half an hour of traffic, twenty minutes of nothing, then the same
	// traffic again.
	sc := &scenario{
		name: "silence", length: 80 * time.Minute, errShare: 0.01, seed: 5,
		perSec: func(off time.Duration) float64 {
			if off >= 30*time.Minute && off < 50*time.Minute {
				return 0
			}
			return 10
		},
	}
	s := run(t, Config{}, "combined", sc.generate()).Snapshot()
	if len(s.Spikes) != 0 {
		t.Fatalf("want no spike, got%s", spikeList(s.Spikes))
	}
	// The silence shows in the per-minute series and the rates still work.
	pm := s.PerMinute
	if pm.Len() != 60 || pm.Total[59] == 0 {
		t.Fatalf("per-minute series of %d steps, last %v", pm.Len(), pm.Total)
	}
	if got := pm.Total[pm.Len()-30-5]; got != 0 { // 45 minutes in: silent
		t.Errorf("minute inside the silence counts %d requests", got)
	}
}

func TestTwoIncidentsThirtyMinutesApart(t *testing.T) {
	sc := &scenario{
		name: "two incidents", length: 90 * time.Minute, perSec: constRate(8), errShare: 0.002, seed: 6,
		incidents: []incident{
			{from: 25 * time.Minute, to: 29 * time.Minute, path: "/api/orders", status: 502},
			{from: 55*time.Minute + 30*time.Second, to: 58 * time.Minute, path: "/api/cart", status: 503},
		},
	}
	s := run(t, Config{}, "combined", sc.generate()).Snapshot()
	if len(s.Spikes) != 2 {
		t.Fatalf("want two spikes, got %d:%s", len(s.Spikes), spikeList(s.Spikes))
	}
	for i, inc := range sc.incidents {
		sp := s.Spikes[i]
		if sp.Kind != "5xx" || !within(sp.Start, genStart.Add(inc.from), time.Minute) {
			t.Errorf("spike %d: %s at %v, want 5xx within a minute of %v", i, sp.Kind, sp.Start, genStart.Add(inc.from))
		}
		if len(sp.TopPaths) == 0 || sp.TopPaths[0] != inc.path || sp.TopCodes[0].Code != inc.status {
			t.Errorf("spike %d: paths %v codes %v, want %s with %d", i, sp.TopPaths, sp.TopCodes, inc.path, inc.status)
		}
	}
}

func TestDemoSampleYieldsItsTwoIncidents(t *testing.T) {
	log := demo.Log()
	f, ok := parser.Detect(bytes.SplitAfterN(log, []byte("\n"), 50))
	if !ok {
		t.Fatal("the demo sample matches no format")
	}
	a := New(Config{})
	if err := source.ReadReader("demo", bytes.NewReader(log), source.Options{}, NewWorker(f.NewParser(), a)); err != nil {
		t.Fatal(err)
	}
	s := a.Snapshot()
	if len(s.Spikes) != 2 {
		t.Fatalf("want exactly the 502 burst and the 429 storm, got %d:%s", len(s.Spikes), spikeList(s.Spikes))
	}
	burst, storm := s.Spikes[0], s.Spikes[1]
	if burst.Kind != "5xx" || len(burst.TopCodes) == 0 || burst.TopCodes[0].Code != 502 {
		t.Errorf("first spike %s codes %v, want 5xx led by 502", burst.Kind, burst.TopCodes)
	}
	if len(burst.TopPaths) == 0 || burst.TopPaths[0] != demo.BurstPath {
		t.Errorf("burst paths %v, want %s first", burst.TopPaths, demo.BurstPath)
	}
	if !within(burst.Start, demo.Start.Add(demo.BurstStart), time.Minute) || !within(burst.End, demo.Start.Add(demo.BurstEnd), time.Minute) {
		t.Errorf("burst %v..%v, want %v..%v", burst.Start, burst.End, demo.Start.Add(demo.BurstStart), demo.Start.Add(demo.BurstEnd))
	}
	if storm.Kind != "429" || len(storm.TopClients) == 0 || storm.TopClients[0] != demo.StormClient {
		t.Errorf("second spike %s clients %v, want 429 from %s", storm.Kind, storm.TopClients, demo.StormClient)
	}
	if !within(storm.Start, demo.Start.Add(demo.StormStart), time.Minute) || !within(storm.End, demo.Start.Add(demo.StormEnd), time.Minute) {
		t.Errorf("storm %v..%v, want %v..%v", storm.Start, storm.End, demo.Start.Add(demo.StormStart), demo.Start.Add(demo.StormEnd))
	}
}

// A burst still going when the log ends is an active spike (no end yet),
// and the 5xx trend points up; a short pause inside a burst (under the hold
// time) does not split it in two.
func TestActiveSpikeAtTheEndAndPauseUnderHold(t *testing.T) {
	sc := &scenario{
		name: "ongoing", length: 50 * time.Minute, perSec: constRate(8), errShare: 0.002, seed: 8,
		incidents: []incident{
			{from: 30 * time.Minute, to: 34 * time.Minute, path: "/api/orders", status: 502},
			// two calm minutes, then the same path fails again until the end
			{from: 36 * time.Minute, to: 50 * time.Minute, path: "/api/orders", status: 502},
		},
	}
	s := run(t, Config{}, "combined", sc.generate()).Snapshot()
	if len(s.Spikes) != 1 {
		t.Fatalf("want one spike across the short pause, got %d:%s", len(s.Spikes), spikeList(s.Spikes))
	}
	sp := s.Spikes[0]
	if !sp.Active || !sp.End.IsZero() || len(s.ActiveSpikes()) != 1 {
		t.Errorf("spike active=%v end=%v, want active with no end", sp.Active, sp.End)
	}
	if !within(sp.Start, genStart.Add(30*time.Minute), time.Minute) {
		t.Errorf("start %v", sp.Start)
	}
	if got := sp.Duration(s.Last); got < 19*time.Minute {
		t.Errorf("duration so far %v, want about 20 minutes", got)
	}
	var up bool
	for _, tr := range s.Trends {
		if tr.Kind == "5xx" {
			up = tr.Direction > 0 && tr.Mark() == "↑" && tr.NowPerMin > 10*tr.BaselinePerMin
		}
	}
	if !up {
		t.Errorf("5xx trend does not point up during the burst: %+v", s.Trends)
	}

	// With a hold of one minute, the pause ends the first spike.
	s = run(t, Config{SpikeHold: time.Minute}, "combined", sc.generate()).Snapshot()
	if len(s.Spikes) != 2 || s.Spikes[0].Active || !within(s.Spikes[0].End, genStart.Add(34*time.Minute), time.Minute) {
		t.Errorf("hold 1m: want an ended spike then an active one, got%s", spikeList(s.Spikes))
	}
}

// runFiltered is run with a filter on the worker, as --status sets it, and
// the data dealt to two workers in four chunks, then merged.
func runFiltered(t *testing.T, f Filter, data []byte) *Aggregator {
	t.Helper()
	format, err := parser.Compile("combined")
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n"))
	workers := []*Worker{NewWorker(format.NewParser(), New(Config{})), NewWorker(format.NewParser(), New(Config{}))}
	per := (len(lines) + 3) / 4
	for seq := 0; seq*per < len(lines); seq++ {
		w := workers[seq%2]
		w.Filter = f
		w.Begin("test.log", seq, seq == 0)
		for _, l := range lines[seq*per : min((seq+1)*per, len(lines))] {
			w.Line(l)
		}
		w.End()
	}
	workers[0].Agg.Merge(workers[1].Agg)
	return workers[0].Agg
}

// --status 5xx,429 selects what the report lists, not what a spike or the
// error budget is measured against: a 502 burst is a spike of all traffic
// whether or not the 2xx around it are shown, and 5xx among 5xx is no
// burn rate. Without the filter and with it, the spikes and the burn rates
// are the same; the counts are those of the codes selected.
func TestStatusFilterKeepsSpikesAndBurnOfAllTraffic(t *testing.T) {
	sc := &scenario{
		name: "502 burst", length: time.Hour, perSec: constRate(8), errShare: 0.002, seed: 1,
		incidents: []incident{{from: 30*time.Minute + 20*time.Second, to: 34*time.Minute + 20*time.Second, path: "/api/orders", status: 502}},
	}
	data := sc.generate()
	all := runFiltered(t, Filter{}, data).Snapshot()
	st, err := ParseStatusSet("5xx,429")
	if err != nil {
		t.Fatal(err)
	}
	sel := runFiltered(t, Filter{Status: st}, data).Snapshot()
	if len(all.Spikes) != 1 {
		t.Fatalf("unfiltered: want one spike, got %d:%s", len(all.Spikes), spikeList(all.Spikes))
	}
	if spikeList(sel.Spikes) != spikeList(all.Spikes) {
		t.Errorf("with --status 5xx,429 the spikes are%s\nwant%s", spikeList(sel.Spikes), spikeList(all.Spikes))
	}
	if len(sel.Spikes) == 1 {
		a, s := all.Spikes[0], sel.Spikes[0]
		if a.Count != s.Count || a.PeakRatio != s.PeakRatio || a.BaselineRatio != s.BaselineRatio {
			t.Errorf("spike count %d peak share %.4f baseline share %.4f; want %d %.4f %.4f as unfiltered",
				s.Count, s.PeakRatio, s.BaselineRatio, a.Count, a.PeakRatio, a.BaselineRatio)
		}
	}
	for i, w := range all.Burn.Windows {
		if got := sel.Burn.Windows[i]; got.Rate != w.Rate || got.Total != w.Total {
			t.Errorf("burn over %v: rate %.2f of %d requests; want %.2f of %d as unfiltered", w.Window, got.Rate, got.Total, w.Rate, w.Total)
		}
	}
	if sel.Burn.Page != all.Burn.Page || sel.Burn.Ticket != all.Burn.Ticket {
		t.Errorf("burn verdicts page %v ticket %v; want %v %v", sel.Burn.Page, sel.Burn.Ticket, all.Burn.Page, all.Burn.Ticket)
	}
	// The dashboard's shares divide by the window's total: all traffic.
	for i, w := range all.Rates {
		if got := sel.Rates[i]; got.Total != w.Total || got.Classes[class5xx] != w.Classes[class5xx] {
			t.Errorf("window %v: total %d, 5xx %d; want %d and %d as unfiltered", w.Window, got.Total, got.Classes[class5xx], w.Total, w.Classes[class5xx])
		}
	}
	// "Now" is the newest entry of all traffic, not the newest 5xx.
	if !sel.Newest.Equal(all.Last) || !sel.Last.Before(all.Last) {
		t.Errorf("newest %v, last kept %v; want %v and before it", sel.Newest, sel.Last, all.Last)
	}
	if sel.Class("2xx") != 0 || sel.Class("5xx") != all.Class("5xx") {
		t.Errorf("selected counts: 2xx %d 5xx %d; want 0 and %d", sel.Class("2xx"), sel.Class("5xx"), all.Class("5xx"))
	}
}

// In a log without times, a status filter still leaves the whole input's
// share of all traffic: the one window such a log has.
func TestStatusFilterShareWithoutTimes(t *testing.T) {
	format, err := parser.Compile("json:status=s,path=p")
	if err != nil {
		t.Fatal(err)
	}
	st, _ := ParseStatusSet("5xx")
	w := NewWorker(format.NewParser(), New(Config{}))
	w.Filter = Filter{Status: st}
	w.Begin("x", 0, true)
	for i := 0; i < 100; i++ {
		status := 200
		if i%50 == 0 {
			status = 502
		}
		w.Line([]byte(`{"s":` + strconv.Itoa(status) + `,"p":"/a"}`))
	}
	w.End()
	s := w.Agg.Snapshot()
	whole := s.Rate(0)
	if whole == nil || whole.Total != 100 || whole.Classes[class5xx] != 2 || s.Parsed != 2 {
		t.Fatalf("whole input %+v, parsed %d; want 2 of 5xx among 100, 2 parsed", whole, s.Parsed)
	}
}

// An outage that lasts longer than half the baseline window stays one
// spike to its end: its own minutes do not become the normal it is judged
// against. Its count is every error of it.
func TestLongOutageIsOneSpikeToItsEnd(t *testing.T) {
	sc := &scenario{
		name: "90-minute outage", length: 3 * time.Hour, perSec: constRate(8), errShare: 0.002, seed: 7,
		incidents: []incident{{from: time.Hour, to: 150 * time.Minute, path: "/api/orders", status: 502}},
	}
	data := sc.generate()
	s := run(t, Config{}, "combined", data).Snapshot()
	if len(s.Spikes) != 1 {
		t.Fatalf("want one spike, got %d:%s", len(s.Spikes), spikeList(s.Spikes))
	}
	sp := s.Spikes[0]
	inc := sc.incidents[0]
	if !within(sp.Start, genStart.Add(inc.from), time.Minute) || !within(sp.End, genStart.Add(inc.to), 2*time.Minute) {
		t.Errorf("spike %v – %v, want about %v – %v", sp.Start, sp.End, genStart.Add(inc.from), genStart.Add(inc.to))
	}
	// The outage's 5xx: every one on its path while it lasts.
	f, err := parser.Compile("combined")
	if err != nil {
		t.Fatal(err)
	}
	p := f.NewParser()
	var e parser.Entry
	var want int64
	from, to := genStart.Add(inc.from).UnixMilli(), genStart.Add(inc.to).UnixMilli()
	for _, l := range bytes.Split(data, []byte("\n")) {
		if p.Parse(l, &e) == nil && e.Status >= 500 && e.Time >= from && e.Time < to {
			want++
		}
	}
	if sp.Count < want*95/100 || sp.Count > want {
		t.Errorf("spike count %d, the outage's 5xx are %d", sp.Count, want)
	}
}

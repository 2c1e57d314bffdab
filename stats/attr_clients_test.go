package stats

import (
	"bytes"
	"fmt"
	"math/rand"
	"testing"
	"time"

	"github.com/codetop/codetop/parser"
)

// Behind a proxy that the log names as the client, every error comes from
// one address: a spike's top client is then everyone's, and is not where
// the spike comes from. A client that sends a burst of its own is.
func TestSpikeClientThatSendsEveryError(t *testing.T) {
	for _, tc := range []struct {
		name       string
		usual      string
		everyones  bool
		shareAbove float64
	}{
		{"one address for all", "127.0.0.1", true, 0.99},
		{"a client of its own", "10.0.0.2", false, -1},
	} {
		s := run(t, Config{}, "combined+timing", burstOverUsual404s(tc.usual, "127.0.0.1")).Snapshot()
		if len(s.Spikes) != 1 {
			t.Fatalf("%s: want the 502 spike:%s", tc.name, spikeList(s.Spikes))
		}
		sp := s.Spikes[0]
		if sp.TopClients[0] != "127.0.0.1" || sp.ClientIsEveryones() != tc.everyones || sp.TopClientElsewhere <= tc.shareAbove {
			t.Errorf("%s: top client %s, elsewhere %.2f, everyone's %v; want 127.0.0.1, everyone's %v",
				tc.name, sp.TopClients[0], sp.TopClientElsewhere, sp.ClientIsEveryones(), tc.everyones)
		}
		if !tc.everyones && sp.TopClientElsewhere != 0 {
			t.Errorf("%s: elsewhere %.2f, want 0: it sent no other error", tc.name, sp.TopClientElsewhere)
		}
		// The same, counted by four workers and merged.
		p := runChunked(t, Config{}, "combined+timing", burstOverUsual404s(tc.usual, "127.0.0.1"), 16, 4).Snapshot()
		if len(p.Spikes) != 1 || p.Spikes[0].TopClientElsewhere != sp.TopClientElsewhere {
			t.Errorf("%s: four workers:%s, one: elsewhere %v", tc.name, spikeList(p.Spikes), sp.TopClientElsewhere)
		}
	}
}

// burstOverUsual404s is half an hour of 200s and a 404 every ten seconds
// from client usual, with a burst of 502s from client burst from 08:20 to
// 08:23.
func burstOverUsual404s(usual, burst string) []byte {
	t0 := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
	rng := rand.New(rand.NewSource(2))
	var buf bytes.Buffer
	for sec := 0; sec < 30*60; sec++ {
		at := t0.Add(time.Duration(sec) * time.Second)
		for range 5 {
			genLine(&buf, usual, at, "/", 200, rng)
		}
		if sec%10 == 0 {
			genLine(&buf, usual, at, "/old", 404, rng)
		}
		if sec >= 20*60 && sec < 23*60 {
			genLine(&buf, burst, at, "/api/orders", 502, rng)
		}
	}
	return buf.Bytes()
}

// Two logs read by two workers, one each: merged either way round, the
// spike names the file its errors are in, and knows there were two files
// even when the worker of the calm one saw no error.
func TestSpikeNamesItsInputAfterAMerge(t *testing.T) {
	t0 := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
	gen := func(burst bool) [][]byte {
		rng := rand.New(rand.NewSource(3))
		var buf bytes.Buffer
		for sec := 0; sec < 30*60; sec++ {
			at := t0.Add(time.Duration(sec) * time.Second)
			genLine(&buf, "10.0.0.1", at, "/", 200, rng)
			if burst && sec >= 20*60 && sec < 23*60 {
				genLine(&buf, "10.0.0.2", at, "/", 500, rng)
			}
		}
		return bytes.Split(bytes.TrimSuffix(buf.Bytes(), []byte("\n")), []byte("\n"))
	}
	format, err := parser.Compile("combined+timing")
	if err != nil {
		t.Fatal(err)
	}
	read := func(name string, lines [][]byte) *Aggregator {
		w := NewWorker(format.NewParser(), New(Config{}))
		w.Begin(name, 0, true)
		for _, l := range lines {
			w.Line(l)
		}
		w.End()
		return w.Agg
	}
	for _, calmFirst := range []bool{true, false} {
		calm, blog := read("/var/log/nginx/shop-access.log", gen(false)), read("/var/log/nginx/blog-access.log", gen(true))
		a, b := blog, calm
		if calmFirst {
			a, b = calm, blog
		}
		a.Merge(b)
		s := a.Snapshot()
		if len(s.Spikes) != 1 || fmt.Sprint(s.Spikes[0].TopInputs, s.Spikes[0].TopInputCounts) != "[/var/log/nginx/blog-access.log] [180]" {
			t.Errorf("calm one merged into: %v: spikes %+v", !calmFirst, s.Spikes)
		}
		if in, ok := s.Spikes[0].MainInput(); !ok || in != "blog-access.log" {
			t.Errorf("main input %q, %v", in, ok)
		}
	}
}

// With a status filter (--status 5xx), the errors it leaves out (the 404s
// of the same proxy's address) still say that the address sends every
// error: the 5xx spike does not name it, as without the filter.
func TestSpikeClientUnderAStatusFilter(t *testing.T) {
	status, err := ParseStatusSet("5xx")
	if err != nil {
		t.Fatal(err)
	}
	s := runFiltered(t, Filter{Status: status}, burstOverUsual404s("127.0.0.1", "127.0.0.1")).Snapshot()
	if len(s.Spikes) != 1 || !s.Spikes[0].ClientIsEveryones() {
		t.Errorf("--status 5xx: spikes%s; want the 5xx spike, on everyone's client", spikeList(s.Spikes))
	}
}

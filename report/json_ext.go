package report

import (
	"time"

	"github.com/codetop/codetop/codes"
	"github.com/codetop/codetop/stats"
	"github.com/codetop/codetop/units"
)

// The JSON report's extensions beyond the contract: latency, burn rates,
// and the detail of spikes. Like the contract, they only ever grow.

// JSONLatency summarises request times in milliseconds. Quantiles come
// from a sketch with a relative error of at most 2%.
type JSONLatency struct {
	Count int64   `json:"count"`
	P50   float64 `json:"p50_ms"`
	P90   float64 `json:"p90_ms"`
	P99   float64 `json:"p99_ms"`
	Max   float64 `json:"max_ms"`
}

// JSONBurn is the availability SLO burn rate of 5xx responses: 1 spends
// the error budget exactly over the SLO period; the SRE workbook pages at
// 14.4 over 1h and 5m together, and opens a ticket at 6 over 6h and 30m.
type JSONBurn struct {
	Objective float64                   `json:"objective"`
	Windows   map[string]JSONBurnWindow `json:"windows"`
	Page      bool                      `json:"page"`
	Ticket    bool                      `json:"ticket"`
}

// JSONBurnWindow is one window ending at the newest entry. SpanSeconds is
// shorter than the window when the log is younger than it.
type JSONBurnWindow struct {
	Rate        float64 `json:"rate"`
	Errors      int64   `json:"errors"`
	Total       int64   `json:"total"`
	SpanSeconds float64 `json:"span_seconds"`
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func latency(q stats.Quantiles) *JSONLatency {
	if q.Count == 0 {
		return nil
	}
	return &JSONLatency{Count: q.Count, P50: ms(q.P50), P90: ms(q.P90), P99: ms(q.P99), Max: ms(q.Max)}
}

func latencies(s *stats.Snapshot) map[string]*JSONLatency {
	if s.LatencyAll.Count == 0 {
		return nil
	}
	out := map[string]*JSONLatency{"all": latency(s.LatencyAll)}
	for i, class := range stats.ClassNames {
		if l := latency(s.Latency[i]); l != nil {
			out[class] = l
		}
	}
	return out
}

func burn(b stats.Burn) *JSONBurn {
	if len(b.Windows) == 0 {
		return nil
	}
	out := &JSONBurn{Objective: b.Objective, Windows: map[string]JSONBurnWindow{}, Page: b.Page, Ticket: b.Ticket}
	for _, w := range b.Windows {
		out.Windows[units.Step(w.Window)] = JSONBurnWindow{Rate: w.Rate, Errors: w.Errors, Total: w.Total, SpanSeconds: w.Span.Seconds()}
	}
	return out
}

func spike(sp stats.Spike) JSONSpike {
	js := JSONSpike{
		Kind: sp.Kind, Start: rfc3339(sp.Start), End: rfc3339(sp.End), Count: sp.Count,
		BaselinePerMin: sp.BaselinePerMin, PeakPerMin: sp.PeakPerMin, TopPaths: nonNil(sp.TopPaths),
		Active: sp.Active, LastSeen: rfc3339(sp.LastSeen), BaselineRatio: sp.BaselineRatio, PeakRatio: sp.PeakRatio,
		TopPathCounts: nonNilInts(sp.TopPathCounts), TopClients: nonNil(sp.TopClients), TopClientCounts: nonNilInts(sp.TopClientCounts),
		TopInputs: sp.TopInputs, TopInputCounts: sp.TopInputCounts,
	}
	if len(sp.TopCodes) > 0 {
		js.TopCodes = map[string]int64{}
		for _, c := range sp.TopCodes {
			js.TopCodes[codes.Label(c.Code)] = c.Count
		}
	}
	return js
}

func nonNilInts(s []int64) []int64 {
	if s == nil {
		return []int64{}
	}
	return s
}

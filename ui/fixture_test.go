package ui

import (
	"time"

	"github.com/codetop/codetop/stats"
)

// incident builds the snapshot of a shop 33 minutes into its log, three
// minutes into a 502 burst on /api/orders, after an earlier 429 storm. The
// numbers are consistent with each other (classes add up to the codes,
// windows to their totals) so that what the panes derive can be checked.
func incident() *stats.Snapshot {
	last := t0.Add(33 * time.Minute)
	s := &stats.Snapshot{
		Lines: 17_012, Parsed: 17_000, Malformed: 12,
		First: t0, Last: last, SpikesJudgedFrom: t0.Add(10 * time.Minute),
		Codes: []stats.CodeCount{cc(200, 15000), cc(304, 700), cc(401, 60), cc(404, 300), cc(429, 400), cc(500, 20), cc(502, 520)},
		Paths: []stats.PathStat{
			{Path: "/", Total: 5000, Codes: []stats.CodeCount{cc(200, 4700), cc(304, 300)},
				Latency: stats.Quantiles{Count: 5000, P50: 30 * time.Millisecond, P99: 95 * time.Millisecond}},
			{Path: "/products", Total: 3000, Codes: []stats.CodeCount{cc(200, 2800), cc(304, 200), cc(500, 0)}},
			{Path: "/api/orders", Total: 2000, Codes: []stats.CodeCount{cc(200, 1470), cc(500, 10), cc(502, 520)},
				Latency: stats.Quantiles{Count: 2000, P50: 40 * time.Millisecond, P99: 2 * time.Second}},
			{Path: "/api/search", Total: 1800, Codes: []stats.CodeCount{cc(200, 1400), cc(429, 400)}},
			{Path: "/login", Total: 660, Codes: []stats.CodeCount{cc(200, 600), cc(401, 60)}},
			{Path: "/favicon.ico", Total: 900, Codes: []stats.CodeCount{cc(200, 600), cc(404, 300)}},
			{Path: "/[red]tag", Total: 30, Codes: []stats.CodeCount{cc(200, 30)}},
			{Path: "/x\x1b]2;pwned\x07", Total: 20, Codes: []stats.CodeCount{cc(200, 10), cc(500, 10)}},
			{Path: stats.OtherPath, Total: 3590, Codes: []stats.CodeCount{cc(200, 3390), cc(304, 200)}},
		},
		Spikes: []stats.Spike{
			{Kind: "429", Start: t0.Add(10 * time.Minute), End: t0.Add(15 * time.Minute), Count: 400,
				BaselinePerMin: 0, PeakPerMin: 85, TopPaths: []string{"/api/search"},
				TopClients: []string{"203.0.113.77"}, TopClientCounts: []int64{400}},
			{Kind: "5xx", Start: t0.Add(30 * time.Minute), Active: true, Count: 300,
				BaselinePerMin: 0.5, PeakPerMin: 98, TopPaths: []string{"/api/orders"},
				TopCodes: []stats.CodeCount{cc(502, 296), cc(500, 4)}},
			{Kind: "502", Start: t0.Add(30 * time.Minute), Active: true, Count: 296,
				BaselinePerMin: 0.1, PeakPerMin: 97, TopPaths: []string{"/api/orders"}, TopPathCounts: []int64{296}},
		},
		Trends: []stats.Trend{
			{Kind: "5xx", NowPerMin: 60, BaselinePerMin: 0.6, Direction: 1, Sigma: 1},
			{Kind: "502", NowPerMin: 59, BaselinePerMin: 0.1, Direction: 1, Sigma: 1},
			{Kind: "404", NowPerMin: 9, BaselinePerMin: 9.2, Direction: 0, Sigma: 3},
			{Kind: "429", NowPerMin: 0, BaselinePerMin: 2, Direction: -1, Sigma: 0.5},
		},
		Burn: stats.Burn{Objective: 0.999, Windows: []stats.BurnWindow{{Window: time.Hour, Rate: 31}}},
	}
	for _, c := range s.Codes {
		s.Classes[classOf(c.Code)] += c.Count
	}
	// Windows: the burst dominates the last minutes.
	win := func(d time.Duration, total, ok, redirect, client, e500, e502, e429, e404, e401 int64) stats.WindowRate {
		w := stats.WindowRate{Window: d, Span: d, Total: total}
		if d == 0 {
			w.Span = last.Sub(t0)
		}
		w.Codes = []stats.CodeCount{cc(200, ok), cc(304, redirect), cc(401, e401), cc(404, e404), cc(429, e429), cc(500, e500), cc(502, e502)}
		for _, c := range w.Codes {
			w.Classes[classOf(c.Code)] += c.Count
		}
		_ = client
		return w
	}
	s.Rates = []stats.WindowRate{
		win(time.Minute, 600, 380, 20, 0, 1, 97, 0, 10, 2),
		win(5*time.Minute, 2700, 2100, 100, 0, 3, 296, 0, 45, 10),
		win(15*time.Minute, 7600, 6700, 300, 0, 8, 296, 0, 140, 30),
		win(time.Hour, 17000, 15000, 700, 0, 20, 520, 400, 300, 60),
		win(0, 17000, 15000, 700, 0, 20, 520, 400, 300, 60),
	}
	// Per-second series for the last 300 s: flat traffic, 5xx from the
	// last 180 s on.
	n := stats.RecentSeconds
	s.PerSecond = stats.Series{Start: last.Add(-time.Duration(n) * time.Second), Step: time.Second, Total: make([]int64, n)}
	for c := range s.PerSecond.Classes {
		s.PerSecond.Classes[c] = make([]int64, n)
	}
	for i := 0; i < n; i++ {
		s.PerSecond.Classes[2][i] = 8
		if i >= n-180 {
			s.PerSecond.Classes[5][i] = 2
		}
		s.PerSecond.Total[i] = s.PerSecond.Classes[2][i] + s.PerSecond.Classes[5][i]
	}
	s.PerMinute = stats.Series{Start: t0, Step: time.Minute, Total: make([]int64, 33)}
	for c := range s.PerMinute.Classes {
		s.PerMinute.Classes[c] = make([]int64, 33)
	}
	for i := 0; i < 33; i++ {
		s.PerMinute.Classes[2][i] = 480
		if i >= 30 {
			s.PerMinute.Classes[5][i] = 98
		}
		if i >= 10 && i < 15 {
			s.PerMinute.Classes[4][i] = 80
		}
		for c := range s.PerMinute.Classes {
			s.PerMinute.Total[i] += s.PerMinute.Classes[c][i]
		}
	}
	s.Timeline = s.PerMinute
	return s
}

func cc(code int, n int64) stats.CodeCount { return stats.CodeCount{Code: code, Count: n} }

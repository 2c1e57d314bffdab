package report

import (
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/codetop/codetop/stats"
)

// bigSnapshot is the demo's snapshot (latency, spikes, burn rates) with
// 10,000 paths of a few codes each, the default path cap: the most a
// scrape reads.
func bigSnapshot(tb testing.TB) *stats.Snapshot {
	s, _ := demoSnapshot(tb)
	b := *s
	b.Paths = make([]stats.PathStat, 10000)
	for i := range b.Paths {
		b.Paths[i] = stats.PathStat{Path: "/api/items/" + strconv.Itoa(i), Total: int64(10000 - i),
			Codes: []stats.CodeCount{{Code: 200, Count: int64(9000 - i/2)}, {Code: 404, Count: 5}, {Code: 502, Count: 3}}}
	}
	return &b
}

// BenchmarkCollect is one scrape's work in the collector alone.
func BenchmarkCollect(b *testing.B) {
	s := bigSnapshot(b)
	reg := prometheus.NewRegistry()
	reg.MustRegister(NewCollector(func() *stats.Snapshot { return s }, MetricsOptions{}))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := reg.Gather(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScrape is a whole /metrics request: our metrics, the Go and
// process collectors, and the text encoding.
func BenchmarkScrape(b *testing.B) {
	s := bigSnapshot(b)
	h := MetricsHandler(func() *stats.Snapshot { return s }, MetricsOptions{})
	req := httptest.NewRequest("GET", "/metrics", nil)
	b.ReportAllocs()
	var n int
	for b.Loop() {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		n = w.Body.Len()
	}
	b.ReportMetric(float64(n), "bytes/scrape")
}

package report

import (
	"fmt"
	"io"
	"maps"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"github.com/codetop/codetop/stats"
)

// gather collects the Collector's metrics by name, the way a scrape would.
func gather(t *testing.T, s *stats.Snapshot, opt MetricsOptions) map[string]*dto.MetricFamily {
	t.Helper()
	reg := prometheus.NewPedanticRegistry() // also checks Describe against Collect
	reg.MustRegister(NewCollector(func() *stats.Snapshot { return s }, opt))
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatalf("gather: %v", err)
	}
	out := map[string]*dto.MetricFamily{}
	for _, mf := range mfs {
		out[mf.GetName()] = mf
	}
	return out
}

func label(m *dto.Metric, name string) string {
	for _, l := range m.GetLabel() {
		if l.GetName() == name {
			return l.GetValue()
		}
	}
	return ""
}

func TestMetricsCountsMatchSnapshot(t *testing.T) {
	s, _ := demoSnapshot(t)
	mfs := gather(t, s, MetricsOptions{})

	if v := mfs["codetop_lines_total"].GetMetric()[0].GetCounter().GetValue(); v != float64(s.Lines) {
		t.Errorf("lines_total %v, want %d", v, s.Lines)
	}
	if v := mfs["codetop_malformed_lines_total"].GetMetric()[0].GetCounter().GetValue(); v != float64(s.Malformed) {
		t.Errorf("malformed_lines_total %v, want %d", v, s.Malformed)
	}
	var sum float64
	byClass := map[string]float64{}
	for _, m := range mfs["codetop_requests_total"].GetMetric() {
		sum += m.GetCounter().GetValue()
		byClass[label(m, "class")] += m.GetCounter().GetValue()
	}
	if sum != float64(s.Parsed) {
		t.Errorf("sum(requests_total) = %v, want parsed = %d", sum, s.Parsed)
	}
	for i, class := range stats.ClassNames {
		if byClass[class] != float64(s.Classes[i]) {
			t.Errorf("class %s: %v, want %d", class, byClass[class], s.Classes[i])
		}
	}

	// Per-path series: at most 20 paths, each the sum of its codes.
	paths := map[string]float64{}
	for _, m := range mfs["codetop_path_requests_total"].GetMetric() {
		paths[label(m, "path")] += m.GetCounter().GetValue()
	}
	if len(paths) == 0 || len(paths) > DefaultMetricPaths {
		t.Errorf("%d paths exported, want 1..%d", len(paths), DefaultMetricPaths)
	}
	for _, p := range s.Paths[:min(len(s.Paths), len(paths))] {
		if paths[p.Path] != float64(p.Total) {
			t.Errorf("path %q: %v, want %d", p.Path, paths[p.Path], p.Total)
		}
	}

	// The demo log has request times: a histogram per class, consistent
	// with the quantiles.
	hists := mfs["codetop_request_duration_seconds"].GetMetric()
	if len(hists) == 0 {
		t.Fatal("no request_duration_seconds histogram for a log with request times")
	}
	var counted uint64
	for _, m := range hists {
		h := m.GetHistogram()
		counted += h.GetSampleCount()
		prev := uint64(0)
		for _, b := range h.GetBucket() {
			if b.GetCumulativeCount() < prev || b.GetCumulativeCount() > h.GetSampleCount() {
				t.Errorf("class %s: bucket le=%g count %d not cumulative", label(m, "class"), b.GetUpperBound(), b.GetCumulativeCount())
			}
			prev = b.GetCumulativeCount()
		}
		// The median lies in the first bucket holding half the samples.
		q := s.Latency[classIndexOf(label(m, "class"))]
		for _, b := range h.GetBucket() {
			if b.GetCumulativeCount()*2 >= h.GetSampleCount() {
				if p50 := q.P50.Seconds(); p50 > b.GetUpperBound()*(1+stats.SketchRelativeError) {
					t.Errorf("class %s: p50 %v above the bucket le=%g that holds half the requests", label(m, "class"), q.P50, b.GetUpperBound())
				}
				break
			}
		}
	}
	if counted != uint64(s.LatencyAll.Count) {
		t.Errorf("histograms count %d requests, the snapshot %d", counted, s.LatencyAll.Count)
	}

	// Burn rates for the SRE workbook's windows, and the objective.
	windows := map[string]bool{}
	for _, m := range mfs["codetop_burn_rate"].GetMetric() {
		windows[label(m, "window")] = true
	}
	for _, w := range []string{"5m", "30m", "1h", "6h"} {
		if !windows[w] {
			t.Errorf("no codetop_burn_rate{window=%q}", w)
		}
	}
	if mfs["codetop_slo_objective"] == nil {
		t.Error("no codetop_slo_objective")
	}
	alerts := map[string]float64{}
	for _, m := range mfs["codetop_burn_alert"].GetMetric() {
		alerts[label(m, "severity")] = m.GetGauge().GetValue()
	}
	if want := map[string]float64{"page": boolGauge(s.Burn.Page), "ticket": boolGauge(s.Burn.Ticket)}; !maps.Equal(alerts, want) {
		t.Errorf("codetop_burn_alert %v, want %v (the snapshot's verdicts)", alerts, want)
	}
	if got := mfs["codetop_last_entry_timestamp_seconds"].GetMetric()[0].GetGauge().GetValue(); got != float64(s.Last.Unix()) {
		t.Errorf("last entry %v, want %d", got, s.Last.Unix())
	}
}

func classIndexOf(class string) int {
	for i, c := range stats.ClassNames {
		if c == class {
			return i
		}
	}
	return 0
}

func TestMetricsSpikeGauge(t *testing.T) {
	t0 := time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)
	s := &stats.Snapshot{Spikes: []stats.Spike{
		{Kind: "5xx", Start: t0, End: t0.Add(time.Minute)},
		{Kind: "502", Start: t0.Add(time.Hour), Active: true},
	}}
	got := map[string]float64{}
	for _, m := range gather(t, s, MetricsOptions{})["codetop_spike_active"].GetMetric() {
		got[label(m, "kind")] = m.GetGauge().GetValue()
	}
	want := map[string]float64{"5xx": 0, "429": 0, "502": 1}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("spike_active = %v, want %v", got, want)
	}
}

// TestMetricsHostilePaths: path labels are valid, printable, bounded, and
// two paths that sanitise to the same label do not break the scrape.
func TestMetricsHostilePaths(t *testing.T) {
	s, _ := snapshotOf(t, filepath.Join("testdata", "hostile.log"))
	s.Paths = append(s.Paths,
		stats.PathStat{Path: "/dup\x01", Total: 2, Codes: []stats.CodeCount{{Code: 200, Count: 2}}},
		stats.PathStat{Path: "/dup\x02", Total: 3, Codes: []stats.CodeCount{{Code: 200, Count: 3}}})
	mfs := gather(t, s, MetricsOptions{TopPaths: 100})
	seen := map[string]float64{}
	for _, m := range mfs["codetop_path_requests_total"].GetMetric() {
		p := label(m, "path")
		seen[p] += m.GetCounter().GetValue()
		if !utf8.ValidString(p) || utf8.RuneCountInString(p) > pathLabelMax {
			t.Errorf("bad label %q", p)
		}
		for _, r := range p {
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
				t.Errorf("label %q carries %U", p, r)
			}
		}
	}
	if seen["/dup\uFFFD"] != 5 {
		t.Errorf("colliding labels: %v, want their counts added (5)", seen["/dup\uFFFD"])
	}
	if n := len(gather(t, s, MetricsOptions{TopPaths: -1})["codetop_path_requests_total"].GetMetric()); n != 0 {
		t.Errorf("TopPaths -1 still exports %d path series", n)
	}
}

// TestMetricsHandlerServesTextFormat: what Prometheus scrapes is the text
// exposition with our metrics and the exporter's own process metrics.
func TestMetricsHandlerServesTextFormat(t *testing.T) {
	s, _ := demoSnapshot(t)
	srv := httptest.NewServer(MetricsHandler(func() *stats.Snapshot { return s }, MetricsOptions{}))
	defer srv.Close()
	resp, err := srv.Client().Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") {
		t.Fatalf("status %d, content type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	for _, want := range []string{
		fmt.Sprintf("codetop_lines_total %d\n", s.Lines),
		"# TYPE codetop_requests_total counter",
		"# TYPE codetop_request_duration_seconds histogram",
		`codetop_request_duration_seconds_bucket{class="2xx",le="+Inf"}`,
		"process_cpu_seconds_total",
		"go_goroutines",
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("scrape lacks %q", want)
		}
	}
}

func TestMetricsBeforeFirstSnapshot(t *testing.T) {
	reg := prometheus.NewPedanticRegistry()
	reg.MustRegister(NewCollector(func() *stats.Snapshot { return nil }, MetricsOptions{}))
	if _, err := reg.Gather(); err != nil {
		t.Fatal(err)
	}
}

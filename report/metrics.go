package report

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/codetop/codetop/codes"
	"github.com/codetop/codetop/sanitize"
	"github.com/codetop/codetop/stats"
	"github.com/codetop/codetop/units"
)

// DefaultMetricPaths is how many paths get their own series by default.
// Each path costs up to six series (one per class); twenty keep a scrape
// small however many distinct URLs the log holds.
const DefaultMetricPaths = 20

// pathLabelMax bounds a path label, in runes: label values are indexed by
// Prometheus, and a scanner's 8 KB URL should not become one.
const pathLabelMax = 120

// MetricsOptions tune the exporter.
type MetricsOptions struct {
	// TopPaths is how many of the busiest paths get per-path series;
	// 0 means DefaultMetricPaths, a negative value none.
	TopPaths int
}

// Collector exports a snapshot as Prometheus metrics. It reads only the
// snapshot that latest returns, once per scrape, so a scrape never waits
// for (or slows) the goroutine that parses and counts.
type Collector struct {
	latest   func() *stats.Snapshot
	topPaths int
}

var (
	descLines = prometheus.NewDesc("codetop_lines_total",
		"Log lines read, parsed or malformed.", nil, nil)
	descMalformed = prometheus.NewDesc("codetop_malformed_lines_total",
		"Log lines that could not be parsed (see the report's malformed_reasons).", nil, nil)
	descRequests = prometheus.NewDesc("codetop_requests_total",
		"Requests by status class and code, as logged.", []string{"class", "code"}, nil)
	descPathRequests = prometheus.NewDesc("codetop_path_requests_total",
		"Requests of the busiest paths (the path without its query, sanitised and cut) by status class.",
		[]string{"path", "class"}, nil)
	descDuration = prometheus.NewDesc("codetop_request_duration_seconds",
		"Request duration from the log's request time (or upstream time), by status class.", []string{"class"}, nil)
	descSpike = prometheus.NewDesc("codetop_spike_active",
		"1 while a spike of this class or code is going on at the newest log time, else 0.", []string{"kind"}, nil)
	descBurn = prometheus.NewDesc("codetop_burn_rate",
		"Error-budget burn rate of 5xx responses over a window ending at the newest log time (1 spends the budget exactly over the SLO period).",
		[]string{"window"}, nil)
	descBurnAlert = prometheus.NewDesc("codetop_burn_alert",
		"1 while the multiwindow burn-rate alert of this severity holds (page: 1h and 5m at 14.4x, ticket: 6h and 30m at 6x), judged once the log covers the shorter window; else 0.",
		[]string{"severity"}, nil)
	descObjective = prometheus.NewDesc("codetop_slo_objective",
		"The availability objective the burn rates are computed against (0.999 = 99.9%).", nil, nil)
	descLast = prometheus.NewDesc("codetop_last_entry_timestamp_seconds",
		"Time of the newest log entry, as logged (Unix seconds); a stale value means the log stopped moving.", nil, nil)
)

// alwaysKinds are the spike kinds exported even before any spike, so
// alerts can tell "no spike" (0) from "no data" (absent).
var alwaysKinds = []string{"5xx", "429"}

// NewCollector returns a Collector over the snapshots latest returns.
// latest must be safe to call from any goroutine and may return nil
// before the first snapshot.
func NewCollector(latest func() *stats.Snapshot, opt MetricsOptions) *Collector {
	n := opt.TopPaths
	if n == 0 {
		n = DefaultMetricPaths
	}
	return &Collector{latest: latest, topPaths: max(n, 0)}
}

// Describe implements prometheus.Collector.
func (c *Collector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descLines, descMalformed, descRequests, descPathRequests,
		descDuration, descSpike, descBurn, descBurnAlert, descObjective, descLast} {
		ch <- d
	}
}

// Collect implements prometheus.Collector.
func (c *Collector) Collect(ch chan<- prometheus.Metric) {
	s := c.latest()
	if s == nil {
		s = &stats.Snapshot{}
	}
	put := func(d *prometheus.Desc, t prometheus.ValueType, v float64, labels ...string) {
		m, err := prometheus.NewConstMetric(d, t, v, labels...)
		if err != nil {
			m = prometheus.NewInvalidMetric(d, err)
		}
		ch <- m
	}
	put(descLines, prometheus.CounterValue, float64(s.Lines))
	put(descMalformed, prometheus.CounterValue, float64(s.Malformed))
	for _, cc := range s.Codes {
		put(descRequests, prometheus.CounterValue, float64(cc.Count), codes.ClassOf(cc.Code), codes.Label(cc.Code))
	}
	c.collectPaths(s, put)
	for i, class := range stats.ClassNames {
		h := s.LatencyHist[i]
		if h.Count == 0 || len(h.Cumulative) != len(stats.LatencyBounds) {
			continue
		}
		buckets := make(map[float64]uint64, len(h.Cumulative))
		for j, b := range stats.LatencyBounds {
			buckets[b] = h.Cumulative[j]
		}
		m, err := prometheus.NewConstHistogram(descDuration, h.Count, h.Sum, buckets, class)
		if err != nil {
			m = prometheus.NewInvalidMetric(descDuration, err)
		}
		ch <- m
	}
	active := map[string]bool{}
	for _, k := range alwaysKinds {
		active[k] = false
	}
	for _, sp := range s.Spikes {
		active[sp.Kind] = active[sp.Kind] || sp.Active
	}
	for kind, on := range active {
		put(descSpike, prometheus.GaugeValue, boolGauge(on), sanitize.Text(kind, 16))
	}
	if s.Burn.Objective > 0 {
		put(descObjective, prometheus.GaugeValue, s.Burn.Objective)
	}
	for _, w := range s.Burn.Windows {
		put(descBurn, prometheus.GaugeValue, w.Rate, units.Step(w.Window))
	}
	if len(s.Burn.Windows) > 0 {
		put(descBurnAlert, prometheus.GaugeValue, boolGauge(s.Burn.Page), "page")
		put(descBurnAlert, prometheus.GaugeValue, boolGauge(s.Burn.Ticket), "ticket")
	}
	if !s.Last.IsZero() {
		put(descLast, prometheus.GaugeValue, float64(s.Last.UnixMilli())/1000)
	}
}

// collectPaths exports the busiest paths by class. Two paths can become
// the same label once sanitised and cut; their counts are added, since
// Prometheus rejects a scrape with a repeated series.
func (c *Collector) collectPaths(s *stats.Snapshot, put func(*prometheus.Desc, prometheus.ValueType, float64, ...string)) {
	type key struct{ path, class string }
	counts := map[key]int64{}
	var order []key
	n := 0
	for _, p := range s.Paths {
		if n >= c.topPaths {
			break
		}
		if p.Path == stats.OtherPath {
			continue
		}
		n++
		label := showPath(p.Path, pathLabelMax)
		for _, cc := range p.Codes {
			k := key{label, codes.ClassOf(cc.Code)}
			if _, ok := counts[k]; !ok {
				order = append(order, k)
			}
			counts[k] += cc.Count
		}
	}
	for _, k := range order {
		put(descPathRequests, prometheus.CounterValue, float64(counts[k]), k.path, k.class)
	}
}

// MetricsHandler serves the collector's metrics, with the Go runtime and
// process metrics of the exporter itself, in the Prometheus text format.
func MetricsHandler(latest func() *stats.Snapshot, opt MetricsOptions) http.Handler {
	reg := prometheus.NewRegistry()
	reg.MustRegister(NewCollector(latest, opt),
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return promhttp.HandlerFor(reg, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError})
}

func boolGauge(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

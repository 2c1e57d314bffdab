// Package report renders snapshots as text, JSON, CSV and HTML reports.
package report

import (
	"bytes"
	"encoding/json"
	"io"
	"maps"
	"slices"
	"time"

	"github.com/codetop/codetop/codes"
	"github.com/codetop/codetop/sanitize"
	"github.com/codetop/codetop/stats"
)

// Meta is what a report says about the run besides the counts.
type Meta struct {
	Inputs []string
	Format string // the format used, as detected or given
	Paths  int    // how many paths to list; 0 = all
	// Color turns on ANSI colour in the text report. The caller decides:
	// codetop sets it only when stdout is a terminal and NO_COLOR is unset or empty.
	Color bool
	// Filters lists the active filters by flag name without dashes
	// ("status": "5xx,429"), so a report says what it left out.
	Filters map[string]string
}

// FilterFlags returns filters (Meta.Filters) as the flags that set them,
// "--status 5xx,429", in the order of their names.
func FilterFlags(filters map[string]string) []string {
	keys := slices.Sorted(maps.Keys(filters))
	for i, k := range keys {
		keys[i] = "--" + k + " " + filters[k]
	}
	return keys
}

// JSONReport is the --report json document. Its fields are a contract
// (README.md, "The JSON report"): they may be extended, never renamed or removed.
type JSONReport struct {
	Lines     int64  `json:"lines"`
	Parsed    int64  `json:"parsed"`
	Malformed int64  `json:"malformed"`
	First     string `json:"first"`
	Last      string `json:"last"`

	Classes map[string]int64 `json:"classes"`
	Codes   map[string]int64 `json:"codes"`
	Paths   []JSONPath       `json:"paths"`
	Spikes  []JSONSpike      `json:"spikes"`

	MalformedSamples []JSONSample `json:"malformed_samples"`

	// Extensions.
	Format           string           `json:"format"`
	Inputs           []string         `json:"inputs"`
	MalformedReasons map[string]int64 `json:"malformed_reasons"`
	// Filters lists the selection flags in force (status, method, vhost,
	// path-regex, since, until); absent when the report counts everything.
	Filters map[string]string `json:"filters,omitempty"`
	// Latency holds request-time quantiles over all requests ("all") and
	// per class; absent when the log carries no request times.
	Latency map[string]*JSONLatency `json:"latency,omitempty"`
	// BurnRate is the 5xx error-budget burn over the windows ending at
	// "last"; absent when no entry had a time.
	BurnRate *JSONBurn `json:"burn_rate,omitempty"`
	// LinesRead is every line read, the filters' or not: lines, plus those
	// the filters (--status, --since, ...) left out. Equal to lines when
	// no filter is given.
	LinesRead int64 `json:"lines_read"`
	// SpikesJudgedFrom is the first minute the spike detector judged; ""
	// when it never had the traffic to learn from, and "spikes" being
	// empty then says nothing.
	SpikesJudgedFrom string `json:"spikes_judged_from"`
}

type JSONPath struct {
	Path  string           `json:"path"`
	Total int64            `json:"total"`
	Codes map[string]int64 `json:"codes"`

	// Extensions. Undercount bounds the requests of this path counted in
	// "(other)" before it earned a row (0, and absent, when exact).
	Undercount int64        `json:"undercount,omitempty"`
	Latency    *JSONLatency `json:"latency,omitempty"`
}

type JSONSpike struct {
	Kind           string   `json:"kind"`
	Start          string   `json:"start"`
	End            string   `json:"end"`
	Count          int64    `json:"count"`
	BaselinePerMin float64  `json:"baseline_per_min"`
	PeakPerMin     float64  `json:"peak_per_min"`
	TopPaths       []string `json:"top_paths"`

	// Extensions.
	Active          bool             `json:"active"`
	BaselineRatio   float64          `json:"baseline_ratio"`
	PeakRatio       float64          `json:"peak_ratio"`
	TopPathCounts   []int64          `json:"top_path_counts"`
	TopClients      []string         `json:"top_clients"`
	TopClientCounts []int64          `json:"top_client_counts"`
	TopCodes        map[string]int64 `json:"top_codes,omitempty"`
	// TopInputs are the files that carry it, when the run read several.
	TopInputs      []string `json:"top_inputs,omitempty"`
	TopInputCounts []int64  `json:"top_input_counts,omitempty"`
	// LastSeen is the time of its last response so far (of an active
	// spike: long before last, it has gone quiet), or of its last hot
	// minute's last response, one second before end.
	LastSeen string `json:"last_seen"`
}

type JSONSample struct {
	Line    int64  `json:"line"`
	Reason  string `json:"reason"`
	Input   string `json:"input"`
	Excerpt string `json:"excerpt"`
}

func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// BuildJSON converts a snapshot into the JSON document.
func BuildJSON(s *stats.Snapshot, m Meta) *JSONReport {
	r := &JSONReport{
		Lines: s.Lines, Parsed: s.Parsed, Malformed: s.Malformed, LinesRead: max(s.Read, s.Lines),
		First: rfc3339(s.First), Last: rfc3339(s.Last),
		Classes:          map[string]int64{},
		Codes:            map[string]int64{},
		Paths:            []JSONPath{},
		Spikes:           []JSONSpike{},
		MalformedSamples: []JSONSample{},
		Format:           m.Format,
		Inputs:           m.Inputs,
		MalformedReasons: map[string]int64{},
		Filters:          m.Filters,
		SpikesJudgedFrom: rfc3339(s.SpikesJudgedFrom),
	}
	for i, name := range stats.ClassNames {
		if name != "other" || s.Classes[i] > 0 {
			r.Classes[name] = s.Classes[i]
		}
	}
	for _, c := range s.Codes {
		r.Codes[codes.Label(c.Code)] = c.Count
	}
	for _, p := range limitPaths(s.Paths, m.Paths) {
		jp := JSONPath{Path: p.Path, Total: p.Total, Codes: map[string]int64{}, Undercount: p.Undercount, Latency: latency(p.Latency)}
		for _, c := range p.Codes {
			jp.Codes[codes.Label(c.Code)] = c.Count
		}
		r.Paths = append(r.Paths, jp)
	}
	for _, sp := range s.Spikes {
		r.Spikes = append(r.Spikes, spike(sp))
	}
	for _, mf := range s.Malformations {
		r.MalformedReasons[mf.Reason] = mf.Count
		for _, smp := range mf.Samples {
			r.MalformedSamples = append(r.MalformedSamples, JSONSample{
				Line: smp.Line, Reason: smp.Reason, Input: smp.Input, Excerpt: sanitize.Text(smp.Excerpt, 120),
			})
		}
	}
	if r.Inputs == nil {
		r.Inputs = []string{}
	}
	r.Latency = latencies(s)
	r.BurnRate = burn(s.Burn)
	return r
}

// pathCount is how many paths the snapshot knows of, listed or not.
func pathCount(s *stats.Snapshot) int { return max(len(s.Paths), s.PathCount) }

func limitPaths(p []stats.PathStat, n int) []stats.PathStat {
	if n > 0 && len(p) > n {
		return p[:n]
	}
	return p
}

// WriteJSON writes the JSON report, indented, with a final newline.
// Strings hold log text as logged; only its encoding is made safe to print
// (see escapeC1).
func WriteJSON(w io.Writer, s *stats.Snapshot, m Meta) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(BuildJSON(s, m)); err != nil {
		return err
	}
	_, err := w.Write(escapeC1(buf.Bytes()))
	return err
}

// escapeC1 rewrites DEL and the C1 controls (U+0080-U+009F) as \u escapes.
// encoding/json escapes C0 but writes these raw, and some terminals act on
// them (U+009B is a one-character CSI), so `codetop --report json` in a
// terminal could be steered by a path. The decoded strings are unchanged.
// In valid UTF-8, which the encoder always writes, 0x7f is only ever DEL
// and 0xc2 0x80-0x9f only ever a C1 character, so bytes can be matched.
func escapeC1(b []byte) []byte {
	if bytes.IndexByte(b, 0x7f) < 0 && bytes.IndexByte(b, 0xc2) < 0 {
		return b
	}
	const hex = "0123456789abcdef"
	out := make([]byte, 0, len(b)+16)
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == 0x7f:
			out = append(out, `\u007f`...)
		case c == 0xc2 && i+1 < len(b) && b[i+1] >= 0x80 && b[i+1] <= 0x9f:
			i++
			out = append(out, '\\', 'u', '0', '0', hex[b[i]>>4], hex[b[i]&15])
		default:
			out = append(out, c)
		}
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

package report

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/codetop/codetop/codes"
	"github.com/codetop/codetop/sanitize"
	"github.com/codetop/codetop/stats"
)

// CSVHeader is the one header row of the CSV report. The columns and the
// row kinds (the "section" column) are documented in report/README.md;
// they may be extended at the end, never reordered.
var CSVHeader = []string{
	"section", "path", "class", "code", "name", "count", "share",
	"start", "end", "baseline_per_min", "peak_per_min", "p50_ms", "p90_ms", "p99_ms",
	"client",
}

// csvRow names the columns so the writers below cannot shift them.
type csvRow struct {
	section, path, class, code, name string
	count                            int64
	share                            string
	start, end                       string
	baseline, peak                   string
	p50, p90, p99                    string
	client                           string
}

func (r *csvRow) record() []string {
	return []string{
		r.section, cell(r.path), r.class, r.code, cell(r.name), strconv.FormatInt(r.count, 10), r.share,
		r.start, r.end, r.baseline, r.peak, r.p50, r.p90, r.p99,
		cell(r.client),
	}
}

// WriteCSV writes the report as one table: a header row, then rows whose
// first column says what they count. One table (rather than several files)
// keeps `codetop --report csv > x.csv` a single, pivotable download.
func WriteCSV(w io.Writer, s *stats.Snapshot, m Meta) error {
	cw := csv.NewWriter(w)
	put := func(r csvRow) { cw.Write(r.record()) }
	cw.Write(CSVHeader)

	put(csvRow{section: "summary", name: "lines", count: s.Lines, start: rfc3339(s.First), end: rfc3339(s.Last)})
	put(csvRow{section: "summary", name: "parsed", count: s.Parsed, share: fraction(s.Parsed, s.Lines)})
	put(csvRow{section: "summary", name: "malformed", count: s.Malformed, share: fraction(s.Malformed, s.Lines)})

	for i, class := range stats.ClassNames {
		if class == "other" && s.Classes[i] == 0 {
			continue
		}
		info, _ := codes.Class(class)
		r := csvRow{section: "class", class: class, name: info.Name, count: s.Classes[i], share: fraction(s.Classes[i], s.Parsed)}
		r.setLatency(s.Latency[i])
		put(r)
	}
	for _, c := range s.Codes {
		put(csvRow{section: "code", class: codes.ClassOf(c.Code), code: codes.Label(c.Code), name: codes.Name(c.Code),
			count: c.Count, share: fraction(c.Count, s.Parsed)})
	}
	for _, p := range limitPaths(s.Paths, m.Paths) {
		r := csvRow{section: "path", path: p.Path, count: p.Total, share: fraction(p.Total, s.Parsed)}
		r.setLatency(p.Latency)
		put(r)
		for _, c := range p.Codes {
			put(csvRow{section: "path_code", path: p.Path, class: codes.ClassOf(c.Code), code: codes.Label(c.Code),
				name: codes.Name(c.Code), count: c.Count, share: fraction(c.Count, p.Total)})
		}
	}
	for _, sp := range s.Spikes {
		r := csvRow{section: "spike", name: sp.Kind, count: sp.Count, start: rfc3339(sp.Start), end: rfc3339(sp.End),
			baseline: decimal(sp.BaselinePerMin), peak: decimal(sp.PeakPerMin)}
		r.class, r.code = kindColumns(sp.Kind)
		put(r)
		// A row under the spike's: its times and kind, the i-th of counts
		// with its share of the spike.
		under := func(section string, i int, counts []int64) csvRow {
			sr := r
			sr.section, sr.count, sr.baseline, sr.peak = section, 0, "", ""
			if i < len(counts) {
				sr.count, sr.share = counts[i], fraction(counts[i], sp.Count)
			}
			return sr
		}
		for i, p := range sp.TopPaths {
			sr := under("spike_path", i, sp.TopPathCounts)
			sr.path = p
			put(sr)
		}
		for _, c := range sp.TopCodes {
			sr := r
			sr.section, sr.count, sr.share, sr.baseline, sr.peak = "spike_code", c.Count, fraction(c.Count, sp.Count), "", ""
			sr.class, sr.code, sr.name = codes.ClassOf(c.Code), codes.Label(c.Code), codes.Name(c.Code)
			put(sr)
		}
		for i, cl := range sp.TopClients {
			sr := under("spike_client", i, sp.TopClientCounts)
			sr.client = cl
			put(sr)
		}
	}
	for _, mf := range s.Malformations {
		put(csvRow{section: "malformed", name: mf.Reason, count: mf.Count, share: fraction(mf.Count, s.Lines)})
	}
	cw.Flush()
	return cw.Error()
}

// setLatency fills the percentile columns when there were request times.
func (r *csvRow) setLatency(q stats.Quantiles) {
	if q.Count == 0 {
		return
	}
	r.p50, r.p90, r.p99 = decimal(ms(q.P50)), decimal(ms(q.P90)), decimal(ms(q.P99))
}

// kindColumns splits a spike kind into the class and code columns: "5xx"
// fills class only, "429" fills both.
func kindColumns(kind string) (class, code string) {
	if n, ok := stats.KindCode(kind); ok {
		return codes.ClassOf(n), kind
	}
	return kind, ""
}

// cell makes untrusted text safe for a spreadsheet: control bytes become
// U+FFFD (so the file stays readable with cat), and a cell that a
// spreadsheet would take for a formula (=, +, -, @, or a leading tab or
// CR) gets a leading single quote, which spreadsheets show as text.
func cell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		s = "'" + s
	}
	return sanitize.Text(s, 0)
}

// fraction is n/total with four decimals ("0.0125"), empty when total is 0.
func fraction(n, total int64) string {
	if total == 0 {
		return ""
	}
	return strconv.FormatFloat(float64(n)/float64(total), 'f', 4, 64)
}

func decimal(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/codetop/codetop/codes"
	"github.com/codetop/codetop/sanitize"
	"github.com/codetop/codetop/stats"
	"github.com/codetop/codetop/units"
)

// WriteText writes the human-readable report: no line is wider than Width
// terminal columns, every string that came from a log goes through sanitize.Text, and
// colour is used only when m.Color says so.
func WriteText(w io.Writer, s *stats.Snapshot, m Meta) error {
	ew := &errWriter{w: w}
	p := painter(m.Color)
	writeSummary(ew, p, s, m)
	writeTimeline(ew, p, s)
	writeClasses(ew, p, s)
	writeCodes(ew, p, s)
	writePaths(ew, p, s, m)
	writeLatency(ew, p, s)
	writeBurn(ew, p, s)
	writeSpikes(ew, p, s)
	writeMalformed(ew, p, s)
	return ew.err
}

func writeSummary(ew *errWriter, p painter, s *stats.Snapshot, m Meta) {
	ew.printf("%s\n", p.bold("codetop report"))
	field := func(name, value string) {
		if value == "" {
			return
		}
		ew.printf("  %-10s %s\n", name, cut(value, Width-13))
	}
	field("inputs", sanitize.Text(strings.Join(m.Inputs, " "), 0))
	field("format", sanitize.Text(m.Format, 0))
	field("lines", fmt.Sprintf("%d (parsed %d, malformed %d)", s.Lines, s.Parsed, s.Malformed))
	for i, mf := range s.Malformations {
		label := ""
		if i == 0 {
			label = "malformed"
		}
		field(label, fmt.Sprintf("%d  %s", mf.Count, sanitize.Text(mf.Reason, 0)))
	}
	if !s.First.IsZero() {
		field("time span", fmt.Sprintf("%s .. %s (%s)", rfc3339(s.First), rfc3339(s.Last), units.Span(s.Last.Sub(s.First))))
	}
	if len(m.Filters) > 0 {
		field("filters", sanitize.Text(strings.Join(FilterFlags(m.Filters), " "), 0))
		if s.Read > s.Lines {
			// The shares below are of what the filters kept: the total
			// they were taken from is said once, here.
			field("", fmt.Sprintf("kept %d of the %d lines read", s.Lines, s.Read))
		}
	}
}

func writeClasses(ew *errWriter, p painter, s *stats.Snapshot) {
	ew.printf("\n%s\n", p.bold("Classes"))
	t := newTable(false, true, true, false)
	t.add(p.dim, "class", "count", "share", "meaning")
	for i, class := range stats.ClassNames {
		if class == "other" && s.Classes[i] == 0 {
			continue
		}
		info, _ := codes.Class(class)
		t.add(p.class(class), class, strconv.FormatInt(s.Classes[i], 10), share(s.Classes[i], s.Parsed), info.Name)
	}
	t.write(ew)
}

func writeCodes(ew *errWriter, p painter, s *stats.Snapshot) {
	if len(s.Codes) == 0 {
		return
	}
	ew.printf("\n%s\n", p.bold("Codes"))
	t := newTable(false, false, true, true)
	t.add(p.dim, "code", "name", "count", "share")
	for _, c := range s.Codes {
		t.add(p.class(codes.ClassOf(c.Code)), codes.Label(c.Code), codes.Name(c.Code), strconv.FormatInt(c.Count, 10), share(c.Count, s.Parsed))
	}
	t.write(ew)

	// The legend: one line per listed code, so a report read at 3 a.m.
	// needs no trip to a reference (codetop explain CODE has the rest).
	ew.printf("\n  %s\n", p.dim("what they mean (codetop explain CODE for causes and checks)"))
	legend := newTable(false, false)
	for _, c := range s.Codes {
		legend.add(nil, codes.Label(c.Code), codes.Lookup(c.Code).Meaning)
	}
	legend.cutWords = true
	legend.write(ew)
}

// classCols are the classes the path table has a column for.
var classCols = []string{"2xx", "3xx", "4xx", "5xx"}

func writePaths(ew *errWriter, p painter, s *stats.Snapshot, m Meta) {
	paths := limitPaths(s.Paths, m.Paths)
	if len(paths) == 0 {
		return
	}
	title := "Top paths"
	if all := pathCount(s); len(paths) < all {
		title = fmt.Sprintf("Top paths (%d of %d)", len(paths), all)
	}
	ew.printf("\n%s\n", p.bold(title))
	timed := s.LatencyAll.Count > 0
	head := []string{"requests", "2xx", "3xx", "4xx", "5xx", "errors"}
	right := []bool{true, true, true, true, true, true}
	if timed {
		head, right = append(head, "p99 ms"), append(right, true)
	}
	t := newTable(append(right, false)...)
	t.add(p.dim, append(head, "path")...)
	for _, ps := range paths {
		by := pathClasses(ps)
		errs := by["4xx"] + by["5xx"]
		row := []string{strconv.FormatInt(ps.Total, 10)}
		for _, c := range classCols {
			row = append(row, strconv.FormatInt(by[c], 10))
		}
		row = append(row, share(errs, ps.Total))
		if timed {
			row = append(row, msText(ps.Latency.P99, ps.Latency.Count))
		}
		row = append(row, showPath(ps.Path, 0))
		var colour func(string) string
		if by["5xx"] > 0 && by["5xx"]*10 >= ps.Total {
			colour = p.class("5xx") // at least a tenth failing: worth the eye
		}
		t.add(colour, row...)
	}
	t.write(ew)
	ew.printf("  %s\n", p.dim("errors: share of the path's requests answered 4xx or 5xx"))
}

func pathClasses(ps stats.PathStat) map[string]int64 {
	by := make(map[string]int64, 5)
	for _, c := range ps.Codes {
		by[codes.ClassOf(c.Code)] += c.Count
	}
	return by
}

func writeMalformed(ew *errWriter, p painter, s *stats.Snapshot) {
	if len(s.Malformations) == 0 {
		return
	}
	ew.printf("\n%s\n", p.bold("Malformed lines"))
	for _, mf := range s.Malformations {
		ew.printf("  %s\n", cut(fmt.Sprintf("%d  %s", mf.Count, sanitize.Text(mf.Reason, 0)), Width-2))
		for _, smp := range mf.Samples {
			where := sanitize.Text(smp.Input, 30) + ":" + strconv.FormatInt(smp.Line, 10)
			ew.printf("      %s\n", cut(where+"  "+sanitize.Text(smp.Excerpt, 0), Width-6))
		}
	}
}

func share(n, total int64) string {
	if total == 0 {
		return "-"
	}
	pct := 100 * float64(n) / float64(total)
	if n > 0 && pct < 0.05 {
		return "<0.1%" // not 0.0%: three 5xx in ten thousand are not none
	}
	return strconv.FormatFloat(pct, 'f', 1, 64) + "%"
}

// errWriter keeps the first write error so the report code can stay linear.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(b []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(b)
	e.err = err
	return n, err
}

func (e *errWriter) printf(format string, args ...any) {
	fmt.Fprintf(e, format, args...)
}

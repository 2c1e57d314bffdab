package report

import (
	_ "embed"
	"html/template"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/codetop/codetop/codes"
	"github.com/codetop/codetop/sanitize"
	"github.com/codetop/codetop/stats"
	"github.com/codetop/codetop/units"
)

// The HTML report: one self-contained page (no scripts, fonts, images or
// requests of any kind) with the timeline drawn as inline SVG on the
// server, so it shows the same in a mail attachment, an archive or a
// browser with scripts off. html/template escapes every string from a log
// for its context; a Content-Security-Policy in the page forbids scripts
// and every load besides, should anything ever get through.

//go:embed html.tmpl
var htmlSource string

// htmlPage is parsed on first use: most runs write no HTML, and parsing
// the template at start-up cost every run half a millisecond.
var htmlPage = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report").Parse(htmlSource))
})

// WriteHTML writes the report as one HTML page.
func WriteHTML(w io.Writer, s *stats.Snapshot, m Meta) error {
	return htmlPage().Execute(w, buildHTML(s, m))
}

// htmlView is what the template shows; every string in it is plain text
// (sanitised of control bytes) that the template escapes.
type htmlView struct {
	Title    string
	Facts    []fact
	Cards    []card
	Timeline *svgTimeline
	Spikes   []htmlSpike
	Codes    []htmlCode
	Paths    htmlPaths
	Bad      []htmlMalformed
	BadTotal int64
}

type fact struct{ Name, Value string }

// card is one headline number.
type card struct {
	Label, Value, Note string
	Class              string // a status class, for the colour
}

type htmlSpike struct {
	Kind, Class              string
	Start, Until, Duration   string
	Count                    int64
	Baseline, Peak           string
	BaselineRatio, PeakRatio string
	Codes                    []string
	Paths, Clients, Inputs   []portion
	ManyPaths                bool // no path carries a fifth of it
	Active                   bool
}

// portion is a path or client with its share of a spike.
type portion struct {
	Name string
	Pct  string
}

type htmlCode struct {
	Code, Name, Class, Source string
	Count                     int64
	Share                     string
	Meaning                   string
	Causes, Checks            []string
	Open                      bool // details shown unfolded: errors and spike kinds
}

type htmlPaths struct {
	Title string
	Rows  []htmlPath
}

type htmlPath struct {
	Path       string
	Total      int64
	Errors     string
	Segments   []segment // the bar: one piece per class, scaled to the busiest path
	Classes    []classCount
	Undercount int64
}

type segment struct {
	Class string
	X, W  string
}

type classCount struct {
	Class string
	Count int64
}

type htmlMalformed struct {
	Reason  string
	Count   int64
	Samples []htmlSample
}

type htmlSample struct{ Where, Excerpt string }

func buildHTML(s *stats.Snapshot, m Meta) *htmlView {
	v := &htmlView{Title: "codetop report"}
	if len(m.Inputs) > 0 {
		v.Title += ": " + sanitize.Text(strings.Join(m.Inputs, " "), 80)
	}
	v.Facts = htmlFacts(s, m)
	v.Cards = htmlCards(s)
	v.Timeline = buildTimeline(s)
	spikeKinds := map[string]bool{}
	for _, sp := range s.Spikes {
		v.Spikes = append(v.Spikes, htmlSpikeOf(sp, s.AsOf()))
		spikeKinds[sp.Kind] = true
	}
	for _, c := range s.Codes {
		e := codes.Lookup(c.Code)
		class := codes.ClassOf(c.Code)
		v.Codes = append(v.Codes, htmlCode{
			Code: codes.Label(c.Code), Name: e.Name, Class: class, Source: e.Source,
			Count: c.Count, Share: share(c.Count, s.Parsed), Meaning: e.Meaning,
			Causes: e.Causes, Checks: e.Checks,
			Open: class == "5xx" || spikeKinds[codes.Label(c.Code)],
		})
	}
	v.Paths = htmlPathsOf(s, m)
	for _, mf := range s.Malformations {
		hm := htmlMalformed{Reason: sanitize.Text(mf.Reason, 0), Count: mf.Count}
		for _, smp := range mf.Samples {
			hm.Samples = append(hm.Samples, htmlSample{
				Where:   sanitize.Text(smp.Input, 60) + ":" + strconv.FormatInt(smp.Line, 10),
				Excerpt: sanitize.Text(smp.Excerpt, 200),
			})
		}
		v.Bad = append(v.Bad, hm)
		v.BadTotal += mf.Count
	}
	return v
}

func htmlFacts(s *stats.Snapshot, m Meta) []fact {
	var out []fact
	add := func(name, value string) {
		if value != "" {
			out = append(out, fact{name, value})
		}
	}
	add("inputs", sanitize.Text(strings.Join(m.Inputs, " "), 300))
	add("format", sanitize.Text(m.Format, 0))
	add("lines", strconv.FormatInt(s.Lines, 10)+" (parsed "+strconv.FormatInt(s.Parsed, 10)+
		", malformed "+strconv.FormatInt(s.Malformed, 10)+")")
	if !s.First.IsZero() {
		add("time span", minuteUTC(s.First)+" .. "+minuteUTC(s.Last)+" UTC ("+units.Span(s.Last.Sub(s.First))+")")
	}
	for _, k := range slices.Sorted(maps.Keys(m.Filters)) {
		add("--"+k, sanitize.Text(m.Filters[k], 0))
	}
	return out
}

func htmlCards(s *stats.Snapshot) []card {
	out := []card{{Label: "requests", Value: strconv.FormatInt(s.Parsed, 10), Note: "parsed lines"}}
	for _, class := range []string{"2xx", "3xx", "4xx", "5xx", "other"} {
		n := s.Class(class)
		if class == "other" && n == 0 {
			continue // codes outside 100-599 (000 from proxies): shown when there are some
		}
		out = append(out, card{Label: class, Value: share(n, s.Parsed), Note: strconv.FormatInt(n, 10) + " responses", Class: class})
	}
	active := 0
	for _, sp := range s.Spikes {
		if sp.Active {
			active++
		}
	}
	note := "none found"
	switch {
	case active > 0:
		note = strconv.Itoa(active) + " going at the end"
	case len(s.Spikes) > 0:
		note = "all over"
	}
	sc := ""
	if len(s.Spikes) > 0 {
		sc = "5xx"
	}
	out = append(out, card{Label: "spikes", Value: strconv.Itoa(len(s.Spikes)), Note: note, Class: sc})
	return out
}

func htmlSpikeOf(sp stats.Spike, last time.Time) htmlSpike {
	h := htmlSpike{
		Kind: sanitize.Text(sp.Kind, 8), Class: kindClass(sp.Kind), Start: sp.Start.UTC().Format("2006-01-02 15:04:05Z"),
		Duration: units.Span(sp.Duration(last)), Count: sp.Count, Active: sp.Active,
		Baseline: perMin(sp.BaselinePerMin), Peak: perMin(sp.PeakPerMin),
		BaselineRatio: ratioPct(sp.BaselineRatio), PeakRatio: ratioPct(sp.PeakRatio),
	}
	h.Until = "at end" // going on at the last entry read, as in the text report
	if !sp.Active && !sp.End.IsZero() {
		h.Until = clockSec(sp.End, sp.Start)
	}
	for _, c := range sp.TopCodes {
		h.Codes = append(h.Codes, codes.Label(c.Code)+" ×"+strconv.FormatInt(c.Count, 10))
	}
	h.Paths = shares(sp.TopPaths, sp.TopPathCounts, sp.Count, true)
	h.ManyPaths = manyPaths(sp)
	h.Clients = shares(sp.TopClients, sp.TopClientCounts, sp.Count, false)
	inputs := make([]string, len(sp.TopInputs))
	for i := range inputs {
		inputs[i] = sp.InputName(i)
	}
	h.Inputs = shares(inputs, sp.TopInputCounts, sp.Count, false)
	return h
}

// shares pairs names with their share of total, dropping the tail below 1%.
func shares(names []string, counts []int64, total int64, paths bool) []portion {
	var out []portion
	for i, n := range names {
		name := sanitize.Text(n, 120)
		if paths {
			name = showPath(n, 120)
		}
		sh := portion{Name: name}
		if i < len(counts) && total > 0 {
			if 100*counts[i] < total && i > 0 {
				break // under 1% each from here: noise, as in the text report
			}
			sh.Pct = partOf(counts[i], total)
		}
		out = append(out, sh)
	}
	return out
}

func htmlPathsOf(s *stats.Snapshot, m Meta) htmlPaths {
	paths := limitPaths(s.Paths, m.Paths)
	hp := htmlPaths{Title: "Top paths"}
	if all := pathCount(s); len(paths) < all {
		hp.Title = "Top paths (" + strconv.Itoa(len(paths)) + " of " + strconv.Itoa(all) + ")"
	}
	var busiest int64
	for _, p := range paths {
		busiest = max(busiest, p.Total)
	}
	const barWidth = 240.0
	for _, p := range paths {
		by := pathClasses(p)
		row := htmlPath{Path: showPath(p.Path, 0), Total: p.Total, Errors: share(by["4xx"]+by["5xx"], p.Total), Undercount: p.Undercount}
		x := 0.0
		for _, class := range append([]string{"1xx"}, append(classCols, "other")...) {
			n := by[class]
			if n == 0 {
				continue
			}
			row.Classes = append(row.Classes, classCount{class, n})
			w := barWidth * float64(n) / float64(busiest)
			row.Segments = append(row.Segments, segment{Class: class, X: svgNum(x), W: svgNum(max(w, 0.5))})
			x += w
		}
		hp.Rows = append(hp.Rows, row)
	}
	return hp
}

// kindClass is the status class a spike kind belongs to: "5xx" for "5xx"
// and for "502".
func kindClass(kind string) string {
	if n, ok := stats.KindCode(kind); ok {
		return codes.ClassOf(n)
	}
	return kind
}

func minuteUTC(t time.Time) string { return t.UTC().Format("2006-01-02 15:04") }

func ratioPct(f float64) string {
	if f <= 0 {
		return "0%"
	}
	if f < 0.01 {
		return strconv.FormatFloat(100*f, 'f', 2, 64) + "%"
	}
	return strconv.FormatFloat(100*f, 'f', 1, 64) + "%"
}

// svgNum writes an SVG coordinate with one decimal.
func svgNum(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }

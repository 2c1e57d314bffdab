package report

import (
	"bytes"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/codetop/codetop/codes"
	"github.com/codetop/codetop/demo"
	"github.com/codetop/codetop/stats"
)

// csp is the policy the page must declare, as written in the page.
const csp = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">`

var (
	incidentOnce sync.Once
	incidentSnap *stats.Snapshot
	incidentFmt  string
)

// incidentSnapshot is the demo sample with hostile lines added (see
// testdata/README.md): an incident, and log text that tries to become
// markup and script.
func incidentSnapshot(t testing.TB) (*stats.Snapshot, string) {
	incidentOnce.Do(func() {
		hostile, err := os.ReadFile(filepath.Join("testdata", "hostile_html.log"))
		if err != nil {
			t.Fatal(err)
		}
		incidentSnap, incidentFmt = snapshotOfBytes(t, "incident.log", append(demo.Log(), hostile...))
	})
	return incidentSnap, incidentFmt
}

func htmlOf(t testing.TB, s *stats.Snapshot, m Meta) string {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteHTML(&buf, s, m); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// The page stands alone: it declares the policy, and holds nothing that
// loads or runs anything, whatever the log said.
func TestHTMLSelfContained(t *testing.T) {
	s, format := incidentSnapshot(t)
	page := htmlOf(t, s, Meta{Inputs: []string{"incident<b>.log"}, Format: format})
	if !strings.Contains(page, csp) {
		t.Errorf("no Content-Security-Policy meta tag %s", csp)
	}
	if i, j := strings.Index(page, "<meta http-equiv"), strings.Index(page, "<title>"); i < 0 || j < i {
		t.Error("the policy must come before any content")
	}
	lower := strings.ToLower(page)
	for _, bad := range []string{"<script", "<img", "<link", "<iframe", "<object", "<embed", "<base",
		"http://", "https://", "url(", "@import"} {
		if strings.Contains(lower, bad) {
			i := strings.Index(lower, bad)
			t.Errorf("page holds %q: %q", bad, page[max(0, i-80):min(len(page), i+80)])
		}
	}
	// No tag has an event handler or anything to load.
	for _, tag := range regexp.MustCompile(`<[a-zA-Z][^>]*>`).FindAllString(page, -1) {
		if regexp.MustCompile(`(?i)\s(on[a-z]+|src|href|xlink:href|srcset|action)\s*=`).MatchString(tag) {
			t.Errorf("tag with a handler or a link: %q", tag)
		}
	}
	// The hostile text is there, as text.
	for _, want := range []string{
		"/&lt;script&gt;alert(1)&lt;/script&gt;",
		"&lt;img src=x onerror=alert(2)&gt;",
		"incident&lt;b&gt;.log",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks the escaped text %q", want)
		}
	}
}

// What the page shows is what the snapshot holds: a lane per class that
// occurs, a shaded band per spike, a row per spike, code and listed path,
// each code with its meaning, causes and checks from the reference.
func TestHTMLContent(t *testing.T) {
	s, format := incidentSnapshot(t)
	page := htmlOf(t, s, Meta{Inputs: []string{"incident.log"}, Format: format, Paths: 8})
	count := func(re string) int { return len(regexp.MustCompile(re).FindAllStringIndex(page, -1)) }

	for _, class := range stats.ClassNames {
		lane := count(`<g class="lane" data-kind="` + class + `"`)
		if want := s.Class(class) > 0; (lane == 1) != want {
			t.Errorf("lane for %s: %d, want present=%v", class, lane, want)
		}
	}
	if count(`<g class="lane" data-kind="429"`) != 1 {
		t.Error("no lane for 429")
	}
	if n := count(`<path class="area c5xx" d="M[0-9. LZ]+"`); n != 1 {
		t.Errorf("%d 5xx area paths with drawing data, want 1", n)
	}
	if len(s.Spikes) < 2 {
		t.Fatalf("the incident sample has %d spikes, want the 5xx burst and the 429 storm", len(s.Spikes))
	}
	if n := count(`<rect class="spike spike-`); n != len(s.Spikes) {
		t.Errorf("%d shaded spike bands, want %d", n, len(s.Spikes))
	}
	if n := count(`<tr class="spike-row">`); n != len(s.Spikes) {
		t.Errorf("%d spike rows, want %d", n, len(s.Spikes))
	}
	if n := count(`<tr class="code-row">`); n != len(s.Codes) {
		t.Errorf("%d code rows, want %d", n, len(s.Codes))
	}
	if n := count(`<tr class="path-row">`); n != 8 {
		t.Errorf("%d path rows, want 8", n)
	}
	for _, c := range s.Codes {
		e := codes.Lookup(c.Code)
		for _, text := range append([]string{e.Meaning}, append(e.Causes, e.Checks...)...) {
			if !strings.Contains(page, escaped(text)) {
				t.Errorf("code %d: page lacks %q", c.Code, text)
				break
			}
		}
	}
	if !strings.Contains(page, "Malformed lines") || !strings.Contains(page, "bad or missing timestamp") {
		t.Error("no malformed-lines summary")
	}
	// The hostile path carries part of the 5xx burst, so the spike list
	// shows it too, escaped.
	spikes := page[strings.Index(page, `id="spikes"`):strings.Index(page, `id="codes"`)]
	if !strings.Contains(spikes, "/&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("the hostile path is not among the 5xx spike's paths")
	}
}

// escaped is how html/template writes plain text: the HTML special
// characters escaped, and '+' too.
func escaped(s string) string {
	return strings.ReplaceAll(html.EscapeString(s), "+", "&#43;")
}

// A log without times has no timeline, and the page says there were no
// spikes instead of showing an empty table.
func TestHTMLWithoutTimes(t *testing.T) {
	page := htmlOf(t, &stats.Snapshot{Lines: 2, Malformed: 2, Malformations: []stats.Malformation{
		{Reason: "no status field", Count: 2, Samples: []stats.Sample{{Input: "x.log", Line: 1, Excerpt: "\x1b[2Jhello"}}},
	}}, Meta{})
	if strings.Contains(page, `<svg class="timeline"`) {
		t.Error("a timeline without times")
	}
	if !strings.Contains(page, "None: no class or code rose") {
		t.Error("no word about the missing spikes")
	}
	if strings.Contains(page, "\x1b") || !strings.Contains(page, "\uFFFD[2Jhello") {
		t.Error("control bytes of an excerpt are not replaced")
	}
}

// Spike labels above the timeline never overlap: a spike starting under
// the previous label joins it; one far enough away gets its own.
func TestHTMLSpikeLabels(t *testing.T) {
	got := spikeLabels([]spikeMark{{100, "405"}, {120, "405"}, {130, "5xx"}, {400, "429"}, {1095, "401"}})
	want := []svgLabel{{"100.0", "405, 5xx"}, {"400.0", "429"}, {svgNum(svgWidth - 14 - 6.6*3), "401"}}
	if len(got) != len(want) {
		t.Fatalf("labels %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("label %d = %v, want %v", i, got[i], want[i])
		}
	}
}

// The headline cards add up: codes outside 100-599 (a proxy's 000) get a
// card of their own when there are some, and a small non-zero share does
// not read as none.
func TestHTMLCardsShowOtherAndSmallShares(t *testing.T) {
	s := &stats.Snapshot{Parsed: 10000}
	s.Classes[2], s.Classes[5] = 9984, 3 // 2xx, 5xx (indexed as stats.ClassNames)
	s.Classes[0] = 13                    // other
	got := map[string]string{}
	for _, c := range htmlCards(s) {
		got[c.Label] = c.Value
	}
	if got["other"] != "0.1%" || got["5xx"] != "<0.1%" || got["2xx"] != "99.8%" {
		t.Errorf("cards %v: want other 0.1%%, 5xx <0.1%%, 2xx 99.8%%", got)
	}
	s.Classes[0] = 0
	for _, c := range htmlCards(s) {
		if c.Label == "other" {
			t.Errorf("an other card with no such responses: %+v", c)
		}
	}
}

// A spike's path and client shares read as in the text report and on the
// dashboard, to a tenth of a percent, and stop at the paths under 1%.
func TestHTMLSpikeSharesToATenth(t *testing.T) {
	got := shares([]string{"/api/orders", "/api/pay", "/rare"}, []int64{626, 370, 4}, 1000, true)
	want := []portion{{Name: "/api/orders", Pct: "62.6%"}, {Name: "/api/pay", Pct: "37.0%"}}
	if len(got) != len(want) {
		t.Fatalf("shares %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("share %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if one := shares([]string{"10.0.0.1"}, []int64{999}, 999, false); one[0].Pct != "100%" {
		t.Errorf("a single client's share = %q, want 100%%", one[0].Pct)
	}
}

// With a status filter, the lines kept stop with a spike's last error
// while the traffic goes on: an active spike has lasted until the newest
// entry of all traffic, as the dashboard says, not until its last error.
func TestHTMLActiveSpikeLastsUntilTheNewestEntry(t *testing.T) {
	start := time.Date(2026, 11, 20, 12, 15, 37, 0, time.UTC)
	s := &stats.Snapshot{First: start.Add(-7 * time.Minute), Last: start.Add(77 * time.Second), Newest: start.Add(2 * time.Minute),
		Spikes: []stats.Spike{{Kind: "5xx", Start: start, Active: true, Count: 300}}}
	v := buildHTML(s, Meta{})
	if len(v.Spikes) != 1 || v.Spikes[0].Duration != "2m00s" {
		t.Errorf("spikes %+v, want one of 2m00s", v.Spikes)
	}
}

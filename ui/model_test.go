package ui

import (
	"testing"
	"time"

	"github.com/codetop/codetop/stats"
)

func TestPathRowsFilterAndSort(t *testing.T) {
	s := incident()
	names := func(rows []pathRow) []string {
		var out []string
		for _, r := range rows {
			out = append(out, r.path)
		}
		return out
	}
	all := pathRows(s, choices{codeFilter: -1})
	if got := names(all); got[0] != "/" || got[len(got)-1] != stats.OtherPath || len(got) != len(s.Paths) {
		t.Fatalf("by requests: %v", got)
	}
	byErr := pathRows(s, choices{codeFilter: -1, sort: byErrors})
	if got := names(byErr); got[0] != "/api/orders" || got[1] != "/api/search" || got[2] != "/favicon.ico" {
		t.Fatalf("by errors: %v", got)
	}
	only502 := pathRows(s, choices{codeFilter: 502, sort: byErrors})
	if got := names(only502); len(got) != 1 || got[0] != "/api/orders" || only502[0].codeCount != 520 {
		t.Fatalf("code 502: %v %+v", got, only502)
	}
	r := only502[0]
	if r.classes[2] != 1470 || r.classes[5] != 530 || r.errors != 530 || r.p99 != 2*time.Second {
		t.Fatalf("/api/orders row %+v", r)
	}
	found := pathRows(s, choices{codeFilter: -1, text: "API/"})
	if got := names(found); len(got) != 2 {
		t.Fatalf("text api/: %v", got)
	}
	if got := pathRows(s, choices{codeFilter: 999}); len(got) != 0 {
		t.Fatalf("a code nobody has: %v", names(got))
	}
}

func TestCodeRowsOrderAndFlags(t *testing.T) {
	rows := codeRows(incident(), 5*time.Minute)
	var order []int
	for _, r := range rows {
		order = append(order, r.code)
	}
	want := []int{500, 502, 401, 404, 429, 200, 304}
	for i := range want {
		if order[i] != want[i] {
			t.Fatalf("order %v, want %v", order, want)
		}
	}
	r502 := rows[1]
	if r502.count != 296 || !r502.spike || !r502.trended || r502.mark != "↑" || r502.basePerMin != 0.1 {
		t.Fatalf("502 row %+v", r502)
	}
	if r := rows[4]; r.code != 429 || r.count != 0 || r.spike {
		t.Fatalf("429 (storm over, none in 5m) %+v", r)
	}
	if got := rows[1].perMin; got < 59.1 || got > 59.3 {
		t.Fatalf("502 per minute over 5m: %v", got)
	}

	// The arrow judges the rate of the window shown: once the 502s have
	// stopped, the last minute is not going up, whatever the last 5m do.
	s := incident()
	s.Rates[0].Codes = []stats.CodeCount{cc(200, 580), cc(502, 0)}
	for _, r := range codeRows(s, time.Minute) {
		if r.code == 502 && (r.count != 0 || r.mark != "→") {
			t.Fatalf("502 over 1m after it stopped: %+v", r)
		}
	}
	for _, r := range codeRows(s, 5*time.Minute) {
		if r.code == 502 && r.mark != "↑" {
			t.Fatalf("502 over 5m: %+v", r)
		}
	}
}

func TestClassRowsUseTheWindowSeries(t *testing.T) {
	rows := classRows(incident(), time.Minute)
	if len(rows) != 5 {
		t.Fatalf("%d class rows", len(rows))
	}
	r5 := rows[4]
	if r5.class != 5 || r5.count != 98 || len(r5.series) != 60 {
		t.Fatalf("5xx over 1m: %+v (series %d)", r5, len(r5.series))
	}
	if rows := classRows(incident(), time.Hour); len(rows[4].series) != 33 {
		t.Fatalf("1h uses the per-minute series: %d steps", len(rows[4].series))
	}
}

func TestSparkline(t *testing.T) {
	for _, c := range []struct {
		in   []int64
		cols int
		want string
	}{
		{[]int64{0, 1, 2, 3, 4, 5, 6, 7}, 8, " ▂▃▄▅▆▇█"}, {[]int64{1, 100}, 2, "▁█"},
		{[]int64{0, 0, 8, 8}, 2, " █"},
		{[]int64{1, 1, 1}, 10, " █████████"}, // three steps, three columns each, to the right edge
		// Six steps, one column each: the blank is before the oldest, not
		// after the newest, which would read as traffic that stopped.
		{[]int64{1, 1, 1, 1, 1, 2}, 10, "    ▄▄▄▄▄█"},
		{[]int64{1, 2, 3, 4}, 8, "▂▂▄▄▆▆██"},
		{[]int64{5, 0, 0, 0, 0}, 2, "█ "}, // the newest step ends the line
		{nil, 5, ""},
		{[]int64{0, 0}, 5, "     "},
	} {
		if got := sparkline(c.in, c.cols); got != c.want {
			t.Errorf("sparkline(%v, %d) = %q, want %q", c.in, c.cols, got, c.want)
		}
	}
}

func TestFormats(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{count(999), "999"}, {count(12_345), "12,345"}, {count(1_234_567), "1.23M"}, {count(123_456_789), "123M"},
		{count(132_659), "133k"}, {count(999_499), "999k"}, {count(999_500), "1.00M"},
		{countIn(132_659, 7), "132,659"}, {countIn(132_659, 6), "133k"}, {countIn(1_234_567, 9), "1,234,567"}, {countIn(1_234_567, 7), "1.23M"},
		{rate(0), "0"}, {rate(0.004), "<0.01"}, {rate(1.234), "1.23"}, {rate(45.67), "45.7"}, {rate(12345), "12,345"},
		{percent(0.5), "50.0%"}, {percent(0.0004), "0.04%"}, {percent(1), "100%"},
		{latency(850 * time.Microsecond), "850µs"}, {latency(0), "0"}, {latency(-1), "-"},
		{latency(3990 * time.Microsecond), "4ms"}, {latency(198700 * time.Microsecond), "199ms"}, {latency(999600 * time.Microsecond), "1.0s"}, {latency(999700 * time.Nanosecond), "1ms"}, {latency(12 * time.Millisecond), "12ms"}, {latency(1500 * time.Millisecond), "1.5s"},
		// nginx logs milliseconds: the 0.001 it wrote comes back from the
		// latency sketch as 999µs (a bucket's middle), shown as the 1ms it was.
		{latency(984 * time.Microsecond), "984µs"}, {latency(999 * time.Microsecond), "1ms"},
		{latency(120 * time.Millisecond), "120ms"}, {latency(1250 * time.Millisecond), "1.2s"}, {latency(42 * time.Second), "42s"},
		{windowName(0), "all"}, {windowName(15 * time.Minute), "15m"}, {windowName(time.Hour), "1h"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestPickWindow(t *testing.T) {
	for in, want := range map[time.Duration]time.Duration{
		0: 0, time.Minute: time.Minute, 3 * time.Minute: 5 * time.Minute, 5 * time.Minute: 5 * time.Minute,
		time.Hour: time.Hour, 2 * time.Hour: 0,
	} {
		if got := pickWindow(in); got != want {
			t.Errorf("pickWindow(%v) = %v, want %v", in, got, want)
		}
	}
}

// Once the detector has learnt, a code without a trend (none of it lately
// nor in the hour before) has a known normal of 0, not "-", which means
// still learning. A code a spike covers points up, whatever its trend's
// spread made of it.
func TestCodeRowsBaselineKnownAndSpikeArrow(t *testing.T) {
	s := incident()
	for i := range s.Trends {
		if s.Trends[i].Kind == "502" {
			s.Trends[i].Direction, s.Trends[i].BaselinePerMin, s.Trends[i].Sigma = 0, 40, 300
		}
	}
	for _, r := range codeRows(s, 5*time.Minute) {
		switch r.code {
		case 401:
			if !r.trended || r.basePerMin != 0 {
				t.Errorf("401, no trend after learning: %+v", r)
			}
		case 502:
			if r.mark != "↑" {
				t.Errorf("502 under a live spike: %+v", r)
			}
		}
	}
}

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

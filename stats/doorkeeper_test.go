package stats

import (
	"fmt"
	"math/rand"
	"testing"
)

// Once the table is full, a path's first request is counted under other
// and its second takes a row, owning up to the first as undercount.
func TestFullTableAdmitsAPathOnItsSecondRequest(t *testing.T) {
	var p paths
	p.init(50)
	for i := 0; i < 50; i++ {
		for j := 0; j <= i%3; j++ {
			p.add([]byte(fmt.Sprint("/full/", i)), 200, -1)
		}
	}
	newcomer := []byte("/newcomer")
	if r := p.add(newcomer, 502, 1200); r != nil {
		t.Fatalf("first request of a new path took a row (%s) in a full table", r.key())
	}
	if p.other.total != 1 || p.other.ncodes() != 1 || p.other.lat.n != 1 {
		t.Fatalf("other: total %d, %d codes, %d latencies; want the newcomer's one request", p.other.total, p.other.ncodes(), p.other.lat.n)
	}
	r := p.add(newcomer, 502, 800)
	if r == nil || string(r.key()) != "/newcomer" || r.total != 1 || r.err < 1 {
		t.Fatalf("second request: row %v; want /newcomer with total 1 and an undercount of at least the first", r)
	}
	if row, _ := p.find(hashKey(newcomer), newcomer); row < 0 {
		t.Fatal("the newcomer's row is not in the index")
	}
}

// Space-Saving's bounds survive the doorkeeper and a merge: every row's
// total is at most its path's true count and its total plus undercount at
// least that; a path without a row has had at most the smallest estimate;
// rows and other add up to every request. The stream mixes a Zipf head,
// paths seen once, and a heavy path that starts after the table filled.
func TestPathBoundsHoldWithDoorkeeper(t *testing.T) {
	rng := rand.New(rand.NewSource(11))
	zipf := rand.NewZipf(rng, 1.1, 1, 4000)
	var stream []string
	for i := 0; i < 300_000; i++ {
		switch {
		case i > 150_000 && i%10 == 0:
			stream = append(stream, "/late/heavy")
		case rng.Intn(5) == 0:
			stream = append(stream, fmt.Sprint("/once/", i))
		default:
			stream = append(stream, fmt.Sprint("/z/", zipf.Uint64()))
		}
	}
	check := func(name string, p *paths, part []string, withMin bool) {
		truth := map[string]int64{}
		for _, s := range part {
			truth[s]++
		}
		sum := p.other.total
		held := map[string]bool{}
		for i := range p.rows {
			r := &p.rows[i]
			held[string(r.key())] = true
			sum += r.total
			if n := truth[string(r.key())]; r.total > n || r.total+r.err < n {
				t.Errorf("%s: row %s total %d undercount %d, true count %d", name, r.key(), r.total, r.err, n)
			}
		}
		if sum != int64(len(part)) {
			t.Errorf("%s: rows and other add up to %d, want %d", name, sum, len(part))
		}
		if !held["/late/heavy"] {
			t.Errorf("%s: the heavy path that came late has no row", name)
		}
		if withMin {
			least := p.rows[p.victim()].est()
			for s, n := range truth {
				if !held[s] && n > least {
					t.Errorf("%s: %s had %d requests and no row, above the smallest estimate %d", name, s, n, least)
				}
			}
		}
	}

	var whole paths
	whole.init(500)
	for _, s := range stream {
		whole.add([]byte(s), 200, -1)
	}
	check("one table", &whole, stream, true)

	var a, b paths
	a.init(500)
	b.init(500)
	for i, s := range stream {
		if i/1000%2 == 0 {
			a.add([]byte(s), 200, -1)
		} else {
			b.add([]byte(s), 200, -1)
		}
	}
	a.merge(&b)
	check("merged", &a, stream, false)
}

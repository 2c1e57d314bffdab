package stats

import (
	"bytes"
	"fmt"
	"math/rand"
	"reflect"
	"slices"
	"testing"
	"time"
)

// SnapshotTop must list exactly the first n paths of a full snapshot, in
// the same order, ties included, and say how many there were in all.
func TestSnapshotTopIsAPrefixOfSnapshot(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	var buf bytes.Buffer
	t0 := time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)
	for i := 0; i < 20000; i++ {
		// Few heavy paths, many with one or two hits: plenty of ties.
		path := fmt.Sprintf("/p/%d", int(rng.ExpFloat64()*300))
		status := []int{200, 200, 200, 404, 502}[rng.Intn(5)]
		genLine(&buf, "10.0.0.1", t0.Add(time.Duration(i)*10*time.Millisecond), path, status, rng)
	}
	for _, cfg := range []Config{{}, {MaxPaths: 100}} {
		a := run(t, cfg, "combined", buf.Bytes())
		full := a.Snapshot()
		if full.PathCount != len(full.Paths) {
			t.Fatalf("PathCount %d, len(Paths) %d", full.PathCount, len(full.Paths))
		}
		for _, n := range []int{1, 7, 50, len(full.Paths) - 1, len(full.Paths), len(full.Paths) + 5} {
			top := a.SnapshotTop(n)
			want := full.Paths[:min(n, len(full.Paths))]
			if !reflect.DeepEqual(top.Paths, want) {
				t.Fatalf("MaxPaths %d, top %d: paths differ from the full snapshot's first %d", cfg.MaxPaths, n, len(want))
			}
			if top.PathCount != len(full.Paths) {
				t.Errorf("MaxPaths %d, top %d: PathCount %d, want %d", cfg.MaxPaths, n, top.PathCount, len(full.Paths))
			}
		}
	}
}

// smallestKeys must pick the same rows as sorting the tied rows by path
// and keeping the first k, also when paths share their first eight bytes.
func TestSmallestKeysMatchesSorting(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	for round := 0; round < 50; round++ {
		n := 1 + rng.Intn(300)
		all := make([]pathRow, n)
		seen := map[string]bool{}
		for i := range all {
			var p string
			for p == "" || seen[p] {
				p = []string{"/api/v1/", "/a", "/static/img/", ""}[rng.Intn(4)] + fmt.Sprint(rng.Intn(1000))
			}
			seen[p] = true
			all[i].setKey([]byte(p))
		}
		tied := make([]int32, 0, n)
		for i := range all {
			if rng.Intn(4) > 0 {
				tied = append(tied, int32(i))
			}
		}
		k := rng.Intn(len(tied) + 1)
		sorted := append([]int32(nil), tied...)
		slices.SortFunc(sorted, func(x, y int32) int { return bytes.Compare(all[x].key(), all[y].key()) })
		want := sorted[:k]
		want = slices.Clone(want)
		slices.Sort(want)
		key := func(i int32) []byte { return all[i].key() }
		// The usual rounds, then cut short: the rest is sorted instead.
		for _, rounds := range []int{selectRounds(len(tied)), 0, 1, 2} {
			got := smallestKeysWithin(key, append([]int32(nil), tied...), k, rounds)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Fatalf("round %d, %d rounds: %d tied, k %d: got rows %v, want %v", round, rounds, len(tied), k, got, want)
			}
		}
	}
}

package stats

import (
	"fmt"
	"math/rand"
	"testing"
)

// Once the name table is full, an unseen name must not cost an allocation:
// scanners bring a new client or path on every line.
func TestNamesFullDoesNotAllocate(t *testing.T) {
	var n names
	buf := []byte("client-000000000")
	for i := 0; i < maxNames; i++ {
		n.id(fmt.Appendf(nil, "c%d", i))
	}
	allocs := testing.AllocsPerRun(1000, func() {
		for i := 0; i < 1000; i++ {
			buf[len(buf)-1] = byte('0' + i%10)
			buf[len(buf)-2] = byte('0' + i/10%10)
			if n.id(buf) != otherID {
				t.Fatal("a full table gave out a new id")
			}
		}
	})
	if allocs != 0 {
		t.Errorf("%v allocations per 1000 unseen names on a full table, want 0", allocs)
	}
}

// A cell's list keeps exact counts of the first attrCap distinct ids and
// counts the rest as other, whatever its filter says: checked against a
// map, with ids from a wide range so that the filter has false positives.
func TestAddIDMatchesAMap(t *testing.T) {
	rng := rand.New(rand.NewSource(8))
	for round := 0; round < 100; round++ {
		var c attrCell
		want := map[uint32]uint32{}
		var order []uint32
		var other int64
		for i := 0; i < 2000; i++ {
			id := uint32(rng.Intn(50 + round*20))
			if rng.Intn(50) == 0 {
				id = otherID
			}
			n := uint32(1 + rng.Intn(3))
			c.paths = addID(c.paths, &c.pathSeen, &c.otherPaths, id, n)
			if _, ok := want[id]; ok {
				want[id] += n
			} else if id != otherID && len(want) < attrCap {
				want[id] = n
				order = append(order, id)
			} else {
				other += int64(n)
			}
		}
		if len(c.paths) != len(order) || c.otherPaths != other {
			t.Fatalf("round %d: %d ids and other %d, want %d and %d", round, len(c.paths), c.otherPaths, len(order), other)
		}
		for i, e := range c.paths {
			if e.id != order[i] || e.n != want[e.id] {
				t.Fatalf("round %d, entry %d: id %d n %d, want id %d n %d", round, i, e.id, e.n, order[i], want[order[i]])
			}
		}
	}
}

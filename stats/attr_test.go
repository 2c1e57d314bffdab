package stats

import (
	"fmt"
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

package stats

import (
	"reflect"
	"testing"
	"unsafe"

	"github.com/codetop/codetop/parser"
)

// A batch read makes its workers one after the other, each a Worker with
// its Aggregator, and each writes to both on every line: no cache line may
// hold fields of two workers (see cacheLinePad).
func TestWorkersNeverShareACacheLine(t *testing.T) {
	f, err := parser.Compile("combined")
	if err != nil {
		t.Fatal(err)
	}
	a := NewWorker(f.NewParser(), New(Config{}))
	b := NewWorker(f.NewParser(), New(Config{}))
	for _, c := range []struct {
		name   string
		x, y   unsafe.Pointer
		layout reflect.Type
	}{
		{"Worker", unsafe.Pointer(a), unsafe.Pointer(b), reflect.TypeFor[Worker]()},
		{"Aggregator", unsafe.Pointer(a.Agg), unsafe.Pointer(b.Agg), reflect.TypeFor[Aggregator]()},
	} {
		last := c.layout.Field(c.layout.NumField() - 1)
		if last.Type != reflect.TypeFor[cacheLinePad]() {
			t.Errorf("%s ends with %s %v, not with a cacheLinePad", c.name, last.Name, last.Type)
			continue
		}
		lo, hi := uintptr(c.x), uintptr(c.y)
		if lo > hi {
			lo, hi = hi, lo
		}
		if (lo+last.Offset-1)/64 >= hi/64 {
			t.Errorf("two %ss at %#x and %#x share a cache line (fields take %d bytes)", c.name, lo, hi, last.Offset)
		}
	}
}

package parser

import (
	"reflect"
	"testing"
)

// The parsers of a batch read's workers are allocated one after the other,
// and each writes to itself on every line: no cache line may hold fields of
// two of them (see cacheLinePad).
func TestParsersNeverShareACacheLine(t *testing.T) {
	for _, spec := range []string{"combined", "vhost_combined", "nginx-json", "caddy",
		`nginx:$remote_addr [$time_local] "$request" $status $body_bytes_sent`,
		`apache:%h %l %u %t "%r" %>s %b`} {
		f := mustCompile(t, spec)
		a, b := f.NewParser(), f.NewParser()
		typ := reflect.TypeOf(a).Elem()
		last := typ.Field(typ.NumField() - 1)
		if last.Type != reflect.TypeFor[cacheLinePad]() {
			t.Errorf("%s: %v ends with %s %v, not with a cacheLinePad", spec, typ, last.Name, last.Type)
			continue
		}
		// The fields are what comes before the padding.
		fields := last.Offset
		lo, hi := addr(a), addr(b)
		if lo > hi {
			lo, hi = hi, lo
		}
		if (lo+fields-1)/64 >= hi/64 {
			t.Errorf("%s: parsers at %#x and %#x share a cache line (fields take %d bytes)", spec, lo, hi, fields)
		}
	}
}

func addr(p Parser) uintptr { return reflect.ValueOf(p).Pointer() }

package stats

import (
	"os"
	"reflect"
	"testing"
	"time"
)

// diffSnapshots names the first top-level field where two snapshots differ.
func diffSnapshots(a, b *Snapshot) string {
	va, vb := reflect.ValueOf(*a), reflect.ValueOf(*b)
	for i := 0; i < va.NumField(); i++ {
		if !reflect.DeepEqual(va.Field(i).Interface(), vb.Field(i).Interface()) {
			return va.Type().Field(i).Name
		}
	}
	return ""
}

func TestMergedEqualsSequential(t *testing.T) {
	gen := &scenario{
		name: "incidents", length: 90 * time.Minute, perSec: constRate(8), errShare: 0.002, seed: 7,
		incidents: []incident{
			{from: 20 * time.Minute, to: 24 * time.Minute, path: "/api/orders", status: 502},
			{from: 50 * time.Minute, to: 55 * time.Minute, client: "203.0.113.9", perSec: 12, status: 429, extraTo: "/api/search"},
		},
	}
	genLog := gen.generate()
	// A few bad lines, so malformed counts and sample line numbers are
	// compared too.
	genLog = append(append([]byte("garbage line\n"), genLog...), "another bad line\n"...)

	cases := []struct {
		name, file, format string
		data               []byte
		minSpikes          int
	}{
		{name: "nasa", file: "../testdata/logs/nasa_jul95_slice_common.log", format: "common"},
		{name: "honeypot", file: "testdata/honeypot_nginx_main.log", format: "combined", minSpikes: 1},
		{name: "generated", format: "combined", data: genLog, minSpikes: 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			data := tc.data
			if tc.file != "" {
				var err error
				if data, err = os.ReadFile(tc.file); err != nil {
					t.Fatal(err)
				}
			}
			want := run(t, Config{}, tc.format, data).Snapshot()
			if want.Parsed == 0 {
				t.Fatalf("nothing parsed: %+v", want.Malformations)
			}
			if len(want.Spikes) < tc.minSpikes {
				t.Fatalf("%d spikes, want at least %d, or the test proves little", len(want.Spikes), tc.minSpikes)
			}
			for _, split := range [][2]int{{2, 2}, {7, 3}, {16, 4}} {
				got := runChunked(t, Config{}, tc.format, data, split[0], split[1]).Snapshot()
				if f := diffSnapshots(got, want); f != "" {
					t.Errorf("%d chunks over %d workers: %s differs from one worker", split[0], split[1], f)
				}
			}
		})
	}
}

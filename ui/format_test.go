package ui

import (
	"testing"
	"time"
)

// Request times as an operator reads them. nginx logs milliseconds: the
// 0.001 it wrote comes back from the latency sketch as 999µs (a bucket's
// middle) and is shown as the 1ms it was; 4ms likewise.
func TestLatencyFormat(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		want string
	}{
		{-1, "-"},
		{0, "0"},
		{850 * time.Microsecond, "850µs"},
		{984 * time.Microsecond, "984µs"},
		{999 * time.Microsecond, "1ms"},
		{3990 * time.Microsecond, "4ms"},
		{120 * time.Millisecond, "120ms"},
		{1250 * time.Millisecond, "1.2s"},
		{42 * time.Second, "42s"},
	} {
		if got := latency(tc.d); got != tc.want {
			t.Errorf("latency(%v) = %q, want %q", tc.d, got, tc.want)
		}
	}
}

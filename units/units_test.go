package units

import (
	"testing"
	"time"
)

func TestBytesCountCountdown(t *testing.T) {
	for n, want := range map[int64]string{0: "0 B", 999: "999 B", 1000: "1.00 kB", 45_300: "45.3 kB",
		999_499: "999 kB", 999_500: "1.00 MB", 1_210_000_000: "1.21 GB", 3_000_000_000_000: "3.00 TB"} {
		if got := Bytes(n); got != want {
			t.Errorf("Bytes(%d) = %q, want %q", n, got, want)
		}
	}
	for n, want := range map[int64]string{7: "7", 12_345: "12.3k", 999_499: "999k", 999_500: "1.00M", 5_204_311: "5.20M", 2_000_000_000: "2.00G"} {
		if got := Count(n); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
	for d, want := range map[time.Duration]string{300 * time.Millisecond: "1s", 7 * time.Second: "7s",
		125 * time.Second: "2m05s", 3720 * time.Second: "1h02m", 26 * time.Hour: "26h00m"} {
		if got := Countdown(d); got != want {
			t.Errorf("Countdown(%v) = %q, want %q", d, got, want)
		}
	}
	for r, want := range map[float64]string{0: "0 B/s", -5: "0 B/s", 605_000_000: "605 MB/s", 99_600_000: "99.6 MB/s"} {
		if got := BytesPerSecond(r); got != want {
			t.Errorf("BytesPerSecond(%v) = %q, want %q", r, got, want)
		}
	}
}

func TestBytesOfAndLeft(t *testing.T) {
	for _, c := range []struct {
		done, total int64
		compressed  bool
		want        string
	}{
		{1_210_000_000, 4_000_000_000, false, "1.21 GB of 4.00 GB (30%)"},
		{50_000_000, 200_000_000, true, "50.0 MB of 200 MB compressed (25%)"},
		{999, 0, false, "999 B"},
		{999, 0, true, "999 B compressed"},
		{5_000, 4_000, false, "5.00 kB of 4.00 kB (100%)"}, // a followed file grew
	} {
		if got := BytesOf(c.done, c.total, c.compressed); got != c.want {
			t.Errorf("BytesOf(%d, %d, %v) = %q, want %q", c.done, c.total, c.compressed, got, c.want)
		}
	}
	for _, c := range []struct {
		done, total int64
		rate        float64
		want        string
	}{
		{1_210_000_000, 4_000_000_000, 605_000_000, "5s"},
		{1_610_000_000, 4_000_000_000, 100_000_000, "24s"},
		{0, 4_000_000_000, 0, ""},       // no rate yet
		{10, 0, 100, ""},                // unknown total
		{4_000, 4_000, 100, ""},         // done
		{4_001, 4_000, 100, ""},         // grew past
		{0, 100, 1e-300, "2562047h47m"}, // absurdly slow stays a number
	} {
		if got := Left(c.done, c.total, c.rate); got != c.want {
			t.Errorf("Left(%d, %d, %v) = %q, want %q", c.done, c.total, c.rate, got, c.want)
		}
	}
}

// The rate follows the last window, not the whole history, and starts over
// when the counter does.
func TestMeter(t *testing.T) {
	t0 := time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)
	var m Meter
	if r := m.Observe(t0, 0); r != 0 {
		t.Fatalf("one sample gives %v", r)
	}
	if r := m.Observe(t0.Add(2*time.Second), 1_210_000_000); r != 605_000_000 {
		t.Fatalf("two samples: %v, want 605e6", r)
	}
	// Slower: 100 MB a second for four seconds; the window is three.
	var r float64
	for i := 1; i <= 4; i++ {
		r = m.Observe(t0.Add(time.Duration(2+i)*time.Second), 1_210_000_000+int64(i)*100_000_000)
	}
	if r != 100_000_000 {
		t.Fatalf("after slowing down: %v, want 100e6", r)
	}
	if len(m.samples) > 5 {
		t.Errorf("%d samples kept for a 3s window at 1/s", len(m.samples))
	}
	if m.Rate() != r {
		t.Errorf("Rate %v, Observe said %v", m.Rate(), r)
	}
	// A new read: the counter starts over.
	if r := m.Observe(t0.Add(10*time.Second), 5); r != 0 {
		t.Fatalf("after a restart: %v", r)
	}
	if r := m.Observe(t0.Add(11*time.Second), 1005); r != 1000 {
		t.Fatalf("after a restart: %v, want 1000", r)
	}
	m = Meter{Window: time.Second}
	for i := 0; i <= 10; i++ {
		m.Observe(t0.Add(time.Duration(i)*250*time.Millisecond), int64(i*i))
	}
	// The oldest sample kept is the last one a full window back, at 1.5 s
	// (36): 100-36 over one second.
	if got := m.Rate(); got != 64 {
		t.Errorf("1s window: %v, want 64", got)
	}
}

// RFC 3339 as people type it: the spellings the RFC allows beside the one
// time.Parse takes read the same; what is no RFC 3339 time is refused.
func TestParseTime(t *testing.T) {
	want := time.Date(2026, 11, 20, 14, 0, 0, 0, time.UTC)
	for _, s := range []string{"2026-11-20T14:00:00Z", "2026-11-20t14:00:00z", "2026-11-20 14:00:00Z", "2026-11-20T15:00:00+01:00"} {
		if got, err := ParseTime(s); err != nil || !got.Equal(want) {
			t.Errorf("ParseTime(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	for _, s := range []string{"2h", "2026-11-20 14:00", "yesterday", ""} {
		if _, err := ParseTime(s); err == nil {
			t.Errorf("ParseTime(%q) accepted", s)
		}
	}
}

func TestSpanAndStep(t *testing.T) {
	for d, want := range map[time.Duration]string{
		-time.Second: "0s", 0: "0s", 42 * time.Second: "42s", 3*time.Minute + 5*time.Second: "3m05s",
		26 * time.Hour: "26h00m", 6*time.Hour + 42*time.Minute + 34*time.Second: "6h42m", 50 * time.Hour: "2d02h",
		83*time.Hour + 56*time.Second: "3d11h",
	} {
		if got := Span(d); got != want {
			t.Errorf("Span(%v) = %q, want %q", d, got, want)
		}
	}
	for d, want := range map[time.Duration]string{
		30 * time.Second: "30s", 5 * time.Minute: "5m", 20 * time.Minute: "20m", time.Hour: "1h", 6 * time.Hour: "6h",
		24 * time.Hour: "1d", 90 * time.Second: "90s", 1500 * time.Millisecond: "1.5s",
	} {
		if got := Step(d); got != want {
			t.Errorf("Step(%v) = %q, want %q", d, got, want)
		}
	}
}

package parser

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// The hand decoders agree with time.Parse on random instants in random
// zones, including across the cached date (the same cache is reused for
// every value, as a parser does).
func TestTimeDecodersAgreeWithTimeParse(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var clf, iso dateCache
	for range 20000 {
		sec := r.Int64N(253402300799-86400) + 86400 // 1970-01-02 .. 9999-12-30
		ms := r.Int64N(1000)
		off := (r.IntN(28*4) - 14*4) * 15 * 60 // -14:00 .. +13:45
		zone := time.FixedZone("", off)
		tm := time.Unix(sec, ms*1e6).In(zone)
		want := tm.UnixMilli()

		s := tm.Format("02/Jan/2006:15:04:05 -0700")
		if got, ok := clf.clfTime([]byte(s)); !ok || got != want-ms {
			t.Fatalf("clfTime(%q) = %d, %v; want %d", s, got, ok, want-ms)
		}
		s = tm.Format("02/Jan/2006:15:04:05.000 -0700")
		if got, ok := clf.clfTime([]byte(s)); !ok || got != want {
			t.Fatalf("clfTime(%q) = %d, %v; want %d", s, got, ok, want)
		}
		for _, layout := range []string{"2006-01-02T15:04:05.000Z07:00", "2006-01-02T15:04:05.000000000Z07:00", "2006-01-02 15:04:05.000-0700"} {
			s = tm.Format(layout)
			if got, ok := iso.isoTime([]byte(s)); !ok || got != want {
				t.Fatalf("isoTime(%q) = %d, %v; want %d", s, got, ok, want)
			}
		}
		s = tm.Format(time.RFC3339)
		if got, ok := iso.anyTime([]byte(s)); !ok || got != want-ms {
			t.Fatalf("anyTime(%q) = %d, %v; want %d", s, got, ok, want-ms)
		}
	}
}

func TestTimeShapes(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" when it must be refused
	}{
		{"10/Oct/2000:13:55:36 -0700", "2000-10-10T20:55:36.000Z"},
		{"[10/Oct/2000:13:55:36 -0700]", "2000-10-10T20:55:36.000Z"},
		{"10/Oct/2000:13:55:36.5 +0000", "2000-10-10T13:55:36.500Z"},
		{"2024-10-12T23:14:20+09:00", "2024-10-12T14:14:20.000Z"},
		{"2024-06-06T09:16:51.056051625Z", "2024-06-06T09:16:51.056Z"},
		{"2023-08-11T11:41:25", "2023-08-11T11:41:25.000Z"}, // no zone: UTC
		{"2023-08-11 11:41:25,250+0200", "2023-08-11T09:41:25.250Z"},
		{"2023-08-11T11:41:25+05", "2023-08-11T06:41:25.000Z"},
		{"2024-02-29T00:00:00Z", "2024-02-29T00:00:00.000Z"},
		{"1703373474.8155608", "2023-12-23T23:17:54.815Z"}, // Caddy ts, seconds
		{"1703373474", "2023-12-23T23:17:54.000Z"},
		{"1703373474815", "2023-12-23T23:17:54.815Z"},       // milliseconds
		{"1703373474815123", "2023-12-23T23:17:54.815Z"},    // microseconds
		{"1703373474815123456", "2023-12-23T23:17:54.815Z"}, // nanoseconds
		{"1703373474.815", "2023-12-23T23:17:54.815Z"},      // nginx $msec
		{"2023-02-29T00:00:00Z", ""},
		{"2023-13-01T00:00:00Z", ""},
		{"2023-01-01T24:00:00Z", ""},
		{"2023-01-01T00:00:00+24:00", ""},
		{"2023-01-01T00:00:00.Z", ""},
		{"1969-12-31T23:59:59Z", ""},
		{"1970-01-01T00:00:00+01:00", ""}, // before the epoch in UTC
		// A zone moves a date across 1970 and 10000 both ways.
		{"31/Dec/1969:18:01:01 -0700", "1970-01-01T01:01:01.000Z"},
		{"1969-12-31T18:01:01-07:00", "1970-01-01T01:01:01.000Z"},
		{"31/Dec/1969:16:59:59 -0700", ""},
		{"1969-12-31T16:59:59.999-07:00", ""},
		{"30/Dec/1969:23:00:00 -2359", ""},
		{"31/Dec/9999:23:59:59 +0000", "9999-12-31T23:59:59.000Z"},
		{"31/Dec/9999:23:59:59 -2359", ""},
		{"9999-12-31T23:59:59-23:59", ""},
		{"9999-12-31T00:00:59.999-23:59", "9999-12-31T23:59:59.999Z"},
		{"9999-12-31T00:01:00-23:59", ""},
		{"10/Oct/2000:13:55:36", ""}, // no zone
		{"10/Oct/2000:13:55:36 0700", ""},
		{"-1703373474", ""},
		{"1703373474.", ""},
		{"1703373474.8x", ""},
		{"99999999999999999999", ""},
		{"9270000000000000000", ""},                        // 19 digits: would overflow (a fuzz find)
		{"999999999999999999", "2001-09-09T01:46:39.999Z"}, // 18 digits: nanoseconds
		{"", ""},
		{"-", ""},
	}
	for _, tt := range tests {
		var c dateCache
		got, ok := c.anyTime([]byte(tt.in))
		switch {
		case tt.want == "" && ok:
			t.Errorf("anyTime(%q) = %s, want refused", tt.in, msTime(got))
		case tt.want != "" && !ok:
			t.Errorf("anyTime(%q) refused, want %s", tt.in, tt.want)
		case ok && msTime(got) != tt.want:
			t.Errorf("anyTime(%q) = %s, want %s", tt.in, msTime(got), tt.want)
		}
	}
}

// A cached date must not leak into a line whose date or zone differs.
func TestDateCacheKeysOnDateAndZone(t *testing.T) {
	var c dateCache
	a, _ := c.clfTime([]byte("10/Oct/2000:13:55:36 -0700"))
	b, _ := c.clfTime([]byte("10/Oct/2000:13:55:36 +0000"))
	d, _ := c.clfTime([]byte("11/Oct/2000:13:55:36 +0000"))
	if a-b != 7*3600*1000 || d-b != 86400*1000 {
		t.Errorf("cache mixed dates or zones: %d %d %d", a, b, d)
	}
}

func TestParseScaled(t *testing.T) {
	tests := []struct {
		in       string
		decimals int
		want     int64
		ok       bool
	}{
		{"0.123", 6, 123000, true},
		{"1", 6, 1000000, true},
		{"0.1234567", 6, 123456, true},
		{".5", 3, 500, true},
		{"0.120, 0.003", 6, 120000, true},
		{"0.120 : 0.003", 6, 120000, true},
		{"1819676095", 0, 1819676095, true},
		{"-", 6, 0, false},
		{"", 6, 0, false},
		{".", 6, 0, false},
		{"1e3", 6, 0, false},
		{"9999999999999", 6, 0, false}, // would overflow microseconds
	}
	for _, tt := range tests {
		got, ok := parseScaled([]byte(tt.in), tt.decimals)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseScaled(%q, %d) = %d, %v; want %d, %v", tt.in, tt.decimals, got, ok, tt.want, tt.ok)
		}
	}
}

// A request that nginx passed to several upstreams waited for all of them:
// their times add up.
func TestUpstreamTimeAddsTheUpstreamsTried(t *testing.T) {
	tests := []struct {
		in   string
		u    unit
		want int64
		ok   bool
	}{
		{"0.120", seconds, 120000, true},
		{"0.120, 0.003", seconds, 123000, true},
		{"0.120 : 0.003", seconds, 123000, true},
		{"0.100, 0.020 : 0.003", seconds, 123000, true},
		{"-, 0.003", seconds, 3000, true}, // the first upstream was never reached
		{"-", seconds, 0, false},
		{"-, -", seconds, 0, false},
		{"", seconds, 0, false},
		{"0.1, x", seconds, 0, false},
		{"120, 3", millis, 123000, true},
		{strings.Repeat("999999999999.999999, ", 10) + "1", seconds, math.MaxInt64, true},
	}
	for _, tt := range tests {
		got, ok := upstreamTime([]byte(tt.in), tt.u)
		if got != tt.want || ok != tt.ok {
			t.Errorf("upstreamTime(%q, %d) = %d, %v; want %d, %v", tt.in, tt.u, got, ok, tt.want, tt.ok)
		}
	}
}

// The cache must never change an answer at the edges of the range: on 1
// January 1970 at +0100, 02:00 is a valid time but 00:30 lies before 1970;
// on 31 December 9999 at -2359, the first minute is in range and the rest
// lie in the year 10000. The valid time is decoded first, so its day would
// be cached.
func TestDateCacheKeepsOutOfRangeTimesOut(t *testing.T) {
	for _, tt := range []struct{ name, valid, want, outside string }{
		{"clf", "01/Jan/1970:02:00:00 +0100", "1970-01-01T01:00:00.000Z", "01/Jan/1970:00:30:00 +0100"},
		{"iso", "1970-01-01T02:00:00+01:00", "1970-01-01T01:00:00.000Z", "1970-01-01T00:30:00+01:00"},
		{"clf", "31/Dec/9999:00:00:30 -2359", "9999-12-31T23:59:30.000Z", "31/Dec/9999:00:01:00 -2359"},
		{"iso", "9999-12-31T00:00:30-23:59", "9999-12-31T23:59:30.000Z", "9999-12-31T00:01:00-23:59"},
	} {
		var c dateCache
		parse := c.clfTime
		if tt.name == "iso" {
			parse = c.isoTime
		}
		if got, ok := parse([]byte(tt.valid)); !ok || msTime(got) != tt.want {
			t.Errorf("%s: %s = %s, %v; want %s", tt.name, tt.valid, msTime(got), ok, tt.want)
		}
		if got, ok := parse([]byte(tt.outside)); ok {
			t.Errorf("%s: %s after %s = %s, want refused (out of range)", tt.name, tt.outside, tt.valid, msTime(got))
		}
	}
}

// The remembered second must never change an answer either: each
// timestamp below, decoded right after the one before it with the same
// cache, gets what a fresh cache gives it, from both decoders. Every byte
// of a remembered timestamp is changed in turn, to digits that keep it
// valid and to bytes that do not, and left out in turn: a 32-byte time
// with a run of zeros and its 31-byte twin without one agree in their
// first 16 and last 16 bytes.
func TestLastSecondNeverChangesAnAnswer(t *testing.T) {
	bases := []string{
		"21/Nov/2026:10:00:07 +0000", "21/Nov/2026:10:00:07.250 +0100",
		"2026-11-21T10:00:07+00:00", "2026-11-21T10:00:07.123Z", "2026-11-21T10:00:07",
		"2026-11-21 10:00:07,5 +0200", "2026-11-21T10:00:07.123456789+05:30",
		"01/Jan/2000:00:00:00.00000 +0000",
	}
	seq := []string{"01/Jan/1970:00:00:00 +0000", "01/Jan/1970:00:00:00 +0000", // 0 ms, twice
		"01/Jan/1970:00:00:01 +0000", "01/Jan/1970:00:00:00 +0000"}
	for _, base := range bases {
		seq = append(seq, base, base)
		for i := range len(base) {
			for _, c := range []byte{'0', '1', '9', 'x', ' ', ':', '-'} {
				b := []byte(base)
				b[i] = c
				seq = append(seq, base, string(b), string(b), base)
			}
			seq = append(seq, base, base[:i]+base[i+1:], base)
		}
	}
	var shared dateCache
	decoders := []struct {
		name string
		fn   func(*dateCache, []byte) (int64, bool)
	}{{"clfTime", (*dateCache).clfTime}, {"isoTime", (*dateCache).isoTime}, {"anyTime", (*dateCache).anyTime}}
	for k, s := range seq {
		for _, d := range decoders {
			var fresh dateCache
			want, wantOK := d.fn(&fresh, []byte(s))
			if got, ok := d.fn(&shared, []byte(s)); got != want || ok != wantOK {
				t.Errorf("%s(%q) after %q: %d, %v; a fresh cache gives %d, %v", d.name, s, seq[max(k-1, 0)], got, ok, want, wantOK)
			}
		}
	}
}

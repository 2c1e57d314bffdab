package genlog

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestSameSeedSameBytes(t *testing.T) {
	a, _ := Bytes(Config{Seed: 7}, Limit{Lines: 5000})
	b, _ := Bytes(Config{Seed: 7}, Limit{Lines: 5000})
	c, _ := Bytes(Config{Seed: 8}, Limit{Lines: 5000})
	if !bytes.Equal(a, b) {
		t.Error("the same seed gave different logs")
	}
	if bytes.Equal(a, c) {
		t.Error("different seeds gave the same log")
	}
}

func TestLimits(t *testing.T) {
	b, c := Bytes(Config{}, Limit{Bytes: 100_000})
	if int64(len(b)) != c.Bytes || c.Bytes < 100_000 || c.Bytes > 101_000 {
		t.Errorf("asked 100000 bytes, got %d (counted %d)", len(b), c.Bytes)
	}
	if n := int64(bytes.Count(b, []byte("\n"))); n != c.Lines {
		t.Errorf("%d newlines, counted %d lines", n, c.Lines)
	}
	_, c = Bytes(Config{}, Limit{Lines: 123, Bytes: 1e9})
	if c.Lines != 123 {
		t.Errorf("asked 123 lines, got %d", c.Lines)
	}
	if _, err := Write(&bytes.Buffer{}, Config{}, Limit{}); err == nil {
		t.Error("Write without a limit must fail")
	}
}

// The benchmark script counts statuses with awk's $9, so every combined line
// must have its status as the ninth blank-separated field.
func TestCombinedShape(t *testing.T) {
	b, c := Bytes(Config{Seed: 3, Timings: true}, Limit{Lines: 50_000})
	var codes [600]int64
	var v6, escaped, queries, timed int
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	var prev time.Time
	for i, l := range lines {
		f := strings.Fields(l)
		st, err := strconv.Atoi(f[8])
		if err != nil || st < 100 || st > 599 {
			t.Fatalf("line %d: field 9 is %q, not a status: %s", i+1, f[8], l)
		}
		codes[st]++
		if strings.Contains(f[0], ":") {
			v6++
		}
		if strings.Contains(l, `\"`) {
			escaped++
		}
		if strings.Contains(f[6], "?") {
			queries++
		}
		if _, err := strconv.ParseFloat(f[len(f)-2], 64); err == nil {
			timed++
		}
		ts, err := time.Parse("[02/Jan/2006:15:04:05 -0700]", f[3]+" "+f[4])
		if err != nil {
			t.Fatalf("line %d: bad time: %v", i+1, err)
		}
		if ts.Before(prev) {
			t.Fatalf("line %d: time goes back from %s to %s", i+1, prev, ts)
		}
		prev = ts
	}
	if int64(len(lines)) != c.Lines || codes != c.Codes {
		t.Errorf("the counts disagree with the lines written")
	}
	if v6 < len(lines)/50 || escaped < len(lines)/50 || queries < len(lines)/20 || timed != len(lines) {
		t.Errorf("too few IPv6 clients (%d), escaped quotes (%d), query strings (%d) or timed lines (%d) in %d lines",
			v6, escaped, queries, timed, len(lines))
	}
	if span := c.Last.Sub(c.First); span < 47*time.Second || span > 53*time.Second {
		t.Errorf("50,000 lines span %s, want about 50s at 1000/s", span)
	}
}

func TestStatusMix(t *testing.T) {
	_, c := Bytes(Config{Seed: 5, BurstFor: -1}, Limit{Lines: 100_000})
	for _, want := range []struct {
		class    int
		min, max float64
	}{{2, 0.845, 0.855}, {3, 0.076, 0.084}, {4, 0.056, 0.064}, {5, 0.008, 0.012}} {
		if s := float64(c.Class(want.class)) / float64(c.Lines); s < want.min || s > want.max {
			t.Errorf("%dxx share %.4f, want %.3f..%.3f", want.class, s, want.min, want.max)
		}
	}
	if c.Burst != 0 {
		t.Errorf("%d lines in a disabled burst", c.Burst)
	}
}

// In the burst, 5xx must stand far above the 1% outside it.
func TestBurst(t *testing.T) {
	g := New(Config{})
	if g.burstFrom != 3*time.Minute || g.burstTo != 6*time.Minute {
		t.Errorf("default burst of a bare generator %s..%s, want 3m..6m", g.burstFrom, g.burstTo)
	}
	// A 1 GB log spans about 90 minutes: the burst starts about 54 in.
	big := placeBurst(Config{}, Limit{Bytes: 1e9})
	if big.BurstAt < 50*time.Minute || big.BurstAt > 58*time.Minute || big.BurstFor != 3*time.Minute {
		t.Errorf("1 GB log: burst at %s for %s, want about 54m for 3m", big.BurstAt, big.BurstFor)
	}
	b, c := Bytes(Config{Seed: 6, BurstAt: 10 * time.Second, BurstFor: 30 * time.Second}, Limit{Lines: 50_000})
	// Within one hour the timestamps sort as strings.
	const from, to = "[21/Nov/2026:10:00:10", "[21/Nov/2026:10:00:40"
	var in, in5, out, out5 float64
	for _, l := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		f := strings.Fields(l)
		bad := f[8][0] == '5'
		if f[3] >= from && f[3] < to {
			in++
			if bad {
				in5++
			}
		} else {
			out++
			if bad {
				out5++
			}
		}
	}
	if float64(c.Burst) != in || in < 28_000 || in > 32_000 {
		t.Errorf("%v lines in the 30-second burst window (generator counted %d), want about 30,000", in, c.Burst)
	}
	if s := out5 / out; s < 0.007 || s > 0.013 {
		t.Errorf("5xx share outside the burst %.4f, want about 0.01", s)
	}
	if s := in5 / in; s < 0.10 || s > 0.12 {
		t.Errorf("5xx share in the burst %.4f, want about 0.1 + 0.9*0.01", s)
	}
}

func TestJSONLines(t *testing.T) {
	b, c := Bytes(Config{Seed: 4, Format: JSON}, Limit{Lines: 5_000})
	var codes [600]int64
	var escaped int
	for i, l := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		var v map[string]string
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			t.Fatalf("line %d is not a JSON object of strings: %v\n%s", i+1, err, l)
		}
		st, _ := strconv.Atoi(v["status"])
		codes[st]++
		if strings.Contains(v["http_user_agent"], `"`) {
			escaped++
		}
		if _, err := time.Parse(time.RFC3339, v["time"]); err != nil {
			t.Fatalf("line %d: time %q: %v", i+1, v["time"], err)
		}
		if len(strings.Fields(v["request"])) != 3 {
			t.Fatalf("line %d: request %q", i+1, v["request"])
		}
	}
	if codes != c.Codes {
		t.Error("the counts disagree with the lines written")
	}
	if escaped == 0 {
		t.Error("no agent with a quote")
	}
}

func TestDistinctPaths(t *testing.T) {
	const n = 50_000
	b, _ := Bytes(Config{DistinctPaths: n}, Limit{Lines: n + 1000})
	seen := map[string]bool{}
	for _, l := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		seen[strings.Fields(l)[6]] = true
	}
	if len(seen) != n {
		t.Errorf("%d distinct paths, want %d", len(seen), n)
	}
}

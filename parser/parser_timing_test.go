package parser

import (
	"bytes"
	"encoding/json"
	"regexp"
	"runtime"
	"strconv"
	"testing"
	"time"
)

// Benchmarks per format over real lines. One iteration parses a batch of
// 1000 lines cycled from a test log, and b.SetBytes is the size of that one
// batch, so MB/s is the parsing rate. The baselines beside them do the same
// work the obvious way — regexp for the NCSA formats, encoding/json for the
// JSON ones, time.Parse for timestamps — so the speed-up shows in one run:
//
//	go test -run x -bench . -cpu 1 -count 5 ./parser
//
// Beside MB/s (wall clock) each reports cpu-MB/s, the rate per second of
// the benchmark thread's own CPU time, which other processes on a shared
// machine do not inflate.

func BenchmarkParse(b *testing.B) {
	for _, c := range formatCases {
		b.Run(c.name, func(b *testing.B) {
			lines, size := batch(b, c.log, 1000)
			p := mustCompile(b, c.spec).NewParser()
			var e Entry
			b.SetBytes(int64(size))
			b.ReportAllocs()
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			t0 := threadCPU()
			for b.Loop() {
				for _, l := range lines {
					if err := p.Parse(l, &e); err != nil {
						b.Fatal(err)
					}
				}
			}
			reportCPU(b, t0, size)
		})
		if base, ok := baselines[c.name]; ok {
			b.Run(c.name+"_"+base.name, func(b *testing.B) {
				lines, size := batch(b, c.log, 1000)
				b.SetBytes(int64(size))
				b.ReportAllocs()
				runtime.LockOSThread()
				defer runtime.UnlockOSThread()
				t0 := threadCPU()
				for b.Loop() {
					for _, l := range lines {
						if err := base.parse(l); err != nil {
							b.Fatal(err)
						}
					}
				}
				reportCPU(b, t0, size)
			})
		}
	}
}

// reportCPU adds "cpu-MB/s": the bytes parsed per second of the thread's
// own CPU time. On a shared machine wall-clock MB/s also counts the time
// other processes held the core; this metric does not.
func reportCPU(b *testing.B, t0 int64, size int) {
	t1 := threadCPU()
	if t0 < 0 || t1 <= t0 {
		return
	}
	b.ReportMetric(float64(size)*float64(b.N)/float64(t1-t0)*1e3, "cpu-MB/s")
}

// baseline is the straightforward way to get the same fields out of a line.
type baseline struct {
	name  string
	parse func(line []byte) error
}

var baselines = map[string]baseline{
	"combined":     {"regexp_baseline", regexpCombined},
	"nginx-json":   {"encoding_json_baseline", jsonNginx},
	"traefik":      {"encoding_json_baseline", jsonTraefik},
	"caddy":        {"encoding_json_baseline", jsonCaddy},
	"common":       {"regexp_baseline", regexpCombined},
	"combined+xff": {"regexp_baseline", regexpCombined},
}

var combinedRE = regexp.MustCompile(`^(\S+) (\S+) (\S+) \[([^\]]+)\] "((?:[^"\\]|\\.)*)" (\d{3}) (\d+|-)(?: "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)")?`)

// baselineSink keeps the compiler from dropping what the baselines decode.
var baselineSink struct {
	e    Entry
	t    time.Time
	path []byte
}

func regexpCombined(line []byte) error {
	m := combinedRE.FindSubmatch(line)
	if m == nil {
		return ErrNoMatch
	}
	t, err := time.Parse("02/Jan/2006:15:04:05 -0700", string(m[4]))
	if err != nil {
		return err
	}
	st, err := strconv.Atoi(string(m[6]))
	if err != nil {
		return err
	}
	var size int
	if string(m[7]) != "-" {
		size, _ = strconv.Atoi(string(m[7]))
	}
	e := &baselineSink.e
	e.Client, e.User, e.Status, e.Bytes, e.Time = m[1], m[3], st, int64(size), t.UnixMilli()
	if method, rest, ok := bytes.Cut(m[5], []byte(" ")); ok {
		target, proto, _ := bytes.Cut(rest, []byte(" "))
		e.Method, e.Proto = method, proto
		e.Path, e.Query, _ = bytes.Cut(target, []byte("?"))
	}
	e.Referer, e.UserAgent = m[8], m[9]
	return nil
}

func jsonNginx(line []byte) error {
	var v struct {
		Time         string `json:"time"`
		Host         string `json:"host"`
		Method       string `json:"method"`
		URI          string `json:"uri"`
		Status       string `json:"status"`
		BodyBytes    int64  `json:"body_bytes"`
		Referer      string `json:"referer"`
		UA           string `json:"ua"`
		RequestTime  string `json:"request_time"`
		ResponseTime string `json:"response_time"`
	}
	if err := json.Unmarshal(line, &v); err != nil {
		return err
	}
	t, err := time.Parse(time.RFC3339, v.Time)
	if err != nil {
		return err
	}
	st, err := strconv.Atoi(v.Status)
	if err != nil {
		return err
	}
	rt, _ := strconv.ParseFloat(v.RequestTime, 64)
	ut, _ := strconv.ParseFloat(v.ResponseTime, 64)
	e := &baselineSink.e
	e.Time, e.Status, e.Bytes = t.UnixMilli(), st, v.BodyBytes
	e.RequestTime, e.UpstreamTime = int64(rt*1e6), int64(ut*1e6)
	path, query, _ := bytes.Cut([]byte(v.URI), []byte("?"))
	e.Path, e.Query, e.Method = path, query, []byte(v.Method)
	e.VHost, e.Referer, e.UserAgent = []byte(v.Host), []byte(v.Referer), []byte(v.UA)
	return nil
}

func jsonTraefik(line []byte) error {
	var v struct {
		ClientHost            string
		DownstreamContentSize int64
		DownstreamStatus      int
		Duration              int64
		OriginDuration        int64
		RequestHost           string
		RequestMethod         string
		RequestPath           string
		RequestProtocol       string
		StartUTC              string
		UserAgent             string `json:"request_User-Agent"`
		Referer               string `json:"request_Referer"`
	}
	if err := json.Unmarshal(line, &v); err != nil {
		return err
	}
	t, err := time.Parse(time.RFC3339Nano, v.StartUTC)
	if err != nil {
		return err
	}
	e := &baselineSink.e
	e.Time, e.Status, e.Bytes = t.UnixMilli(), v.DownstreamStatus, v.DownstreamContentSize
	e.RequestTime, e.UpstreamTime = v.Duration/1000, v.OriginDuration/1000
	path, query, _ := bytes.Cut([]byte(v.RequestPath), []byte("?"))
	e.Path, e.Query, e.Method, e.Proto = path, query, []byte(v.RequestMethod), []byte(v.RequestProtocol)
	e.Client, e.VHost, e.UserAgent, e.Referer = []byte(v.ClientHost), []byte(v.RequestHost), []byte(v.UserAgent), []byte(v.Referer)
	return nil
}

func jsonCaddy(line []byte) error {
	var v struct {
		TS      float64 `json:"ts"`
		Request struct {
			ClientIP string              `json:"client_ip"`
			Proto    string              `json:"proto"`
			Method   string              `json:"method"`
			Host     string              `json:"host"`
			URI      string              `json:"uri"`
			Headers  map[string][]string `json:"headers"`
		} `json:"request"`
		Duration float64 `json:"duration"`
		Size     int64   `json:"size"`
		Status   int     `json:"status"`
	}
	if err := json.Unmarshal(line, &v); err != nil {
		return err
	}
	e := &baselineSink.e
	e.Time, e.Status, e.Bytes, e.RequestTime = int64(v.TS*1000), v.Status, v.Size, int64(v.Duration*1e6)
	path, query, _ := bytes.Cut([]byte(v.Request.URI), []byte("?"))
	e.Path, e.Query, e.Method, e.Proto = path, query, []byte(v.Request.Method), []byte(v.Request.Proto)
	e.Client, e.VHost = []byte(v.Request.ClientIP), []byte(v.Request.Host)
	if ua := v.Request.Headers["User-Agent"]; len(ua) > 0 {
		e.UserAgent = []byte(ua[0])
	}
	if ref := v.Request.Headers["Referer"]; len(ref) > 0 {
		e.Referer = []byte(ref[0])
	}
	return nil
}

// The baselines read what the parsers read: a check that the comparison
// is fair, not a benchmark.
func TestBaselinesAgree(t *testing.T) {
	for _, c := range formatCases {
		base, ok := baselines[c.name]
		if !ok {
			continue
		}
		p := mustCompile(t, c.spec).NewParser()
		var e Entry
		for i, l := range testLog(t, c.log) {
			if err := p.Parse(l, &e); err != nil {
				t.Fatalf("%s line %d: %v", c.name, i+1, err)
			}
			if err := base.parse(l); err != nil {
				t.Fatalf("%s baseline line %d: %v", c.name, i+1, err)
			}
			got, want := &e, &baselineSink.e
			// The regexp cannot read an agent whose quote is never closed;
			// the parser takes the rest of the line.
			agentOK := string(got.UserAgent) == string(want.UserAgent) || want.UserAgent == nil
			if got.Status != want.Status || got.Time/1000 != want.Time/1000 || string(got.Path) != string(want.Path) || !agentOK {
				t.Fatalf("%s line %d: parser %d %d %q %q, baseline %d %d %q %q", c.name, i+1,
					got.Status, got.Time, got.Path, got.UserAgent, want.Status, want.Time, want.Path, want.UserAgent)
			}
		}
	}
}

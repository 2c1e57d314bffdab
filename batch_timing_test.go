package main

import (
	"bytes"
	"context"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/codetop/codetop/internal/cputime"
	"github.com/codetop/codetop/parser"
	"github.com/codetop/codetop/report"
	"github.com/codetop/codetop/source"
	"github.com/codetop/codetop/stats"
)

// The batch benchmark times what `codetop --report json FILE` does after
// its flags are parsed: readBatch (one parse+count worker per core, then
// the merge), the snapshot and the JSON report. Run it with -cpu 1,2 to see
// how the work spreads over the cores. CODETOP_BENCH_LOG names an existing
// log to time instead of the generated one.

// batchLogMB is the size of the generated log: large enough that each
// worker gets several 8 MiB chunks and its path table reaches a steady
// state, small enough to generate in a second or two.
const batchLogMB = 64

var batchLog struct {
	once sync.Once
	data []byte
}

// batchFile returns the log to time: CODETOP_BENCH_LOG, or the generated
// log (made once per process) written to a temporary directory that is
// removed when the benchmark ends.
func batchFile(b *testing.B) (string, int64) {
	if p := os.Getenv("CODETOP_BENCH_LOG"); p != "" {
		fi, err := os.Stat(p)
		if err != nil {
			b.Fatal(err)
		}
		return p, fi.Size()
	}
	batchLog.once.Do(func() { batchLog.data = shopLog(1, batchLogMB<<20) })
	path := filepath.Join(b.TempDir(), "access.log")
	if err := os.WriteFile(path, batchLog.data, 0o644); err != nil {
		b.Fatal(err)
	}
	return path, int64(len(batchLog.data))
}

func BenchmarkBatch(b *testing.B) {
	path, size := batchFile(b)
	inputs := []string{path}
	ctx := context.Background()
	f, ok := parser.Detect(source.Sample(inputs, 50))
	if !ok {
		b.Fatal("format not detected")
	}
	b.SetBytes(size)
	b.ReportAllocs()
	var lines int64
	cpu := cputime.Process()
	for b.Loop() {
		agg, err := readBatch(ctx, inputs, f, source.Options{MaxLine: source.DefaultMaxLine}, stats.Config{}, stats.Filter{})
		if err != nil {
			b.Fatal(err)
		}
		snap := agg.Snapshot()
		if snap.Malformed*100 > snap.Lines {
			b.Fatalf("%d of %d lines malformed: the benchmark would not time the hot path", snap.Malformed, snap.Lines)
		}
		if err := report.WriteJSON(io.Discard, snap, report.Meta{Inputs: inputs, Format: f.Name(), Paths: 50}); err != nil {
			b.Fatal(err)
		}
		lines = snap.Lines
	}
	b.ReportMetric(float64(lines)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
	// CPU time, of all cores, varies far less than wall time on a machine
	// busy with other work: compare versions by it there.
	if cpu != 0 {
		b.ReportMetric(float64(cputime.Process()-cpu)/float64(b.N), "cpu-ns/op")
	}
}

// shopLog writes about size bytes of a combined log with request and
// upstream times, shaped like a busy shop: a few hundred requests a second,
// routes of very different popularity, IDs in paths drawn from a Zipf law
// (tens of thousands of distinct paths, more than the path table's cap, so
// its eviction is timed too), a status mix of 85% 2xx, 8% 3xx, 6% 4xx and
// 1% 5xx, a 5xx burst in the middle, and clients from a skewed pool.
func shopLog(seed int64, size int) []byte {
	rng := rand.New(rand.NewSource(seed))
	ids := rand.NewZipf(rng, 1.1, 1, 1<<20)
	hosts := rand.NewZipf(rng, 1.3, 1, 50000)
	type route struct {
		prefix, suffix string
		id             bool
		weight         int
	}
	routes := []route{
		{"/", "", false, 250}, {"/api/v1/products/", "", true, 200},
		{"/static/js/app.", ".js", true, 150}, {"/images/products/", ".jpg", true, 150},
		{"/api/v1/orders/", "", true, 100}, {"/api/v1/search", "?q=boots&page=2", false, 100},
		{"/api/v1/users/", "/profile", true, 80}, {"/api/v1/cart", "", false, 80},
		{"/health", "", false, 40}, {"/favicon.ico", "", false, 30}, {"/login", "?next=%2Faccount", false, 20},
	}
	var weights int
	for _, r := range routes {
		weights += r.weight
	}
	agents := []string{
		"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
		"Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
		"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
		"Googlebot/2.1 (+http://www.google.com/bot.html)",
		"kube-probe/1.31",
	}
	referers := []string{"-", "https://www.google.com/", "https://shop.example.com/products/winter-boots"}
	// Statuses per 1000 requests: 2xx 85%, 3xx 8%, 4xx 6%, 5xx 1%.
	mix := []struct{ code, per1000 int }{
		{200, 820}, {204, 20}, {206, 10}, {304, 50}, {301, 30},
		{404, 35}, {403, 10}, {429, 10}, {401, 5}, {500, 6}, {502, 2}, {504, 2},
	}
	bad := []int{502, 503, 504}
	t := time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)
	var buf bytes.Buffer
	buf.Grow(size + 512)
	lines := size / 200 // about how many lines there will be
	for n := 0; buf.Len() < size; n++ {
		t = t.Add(time.Duration(rng.Intn(6)) * time.Millisecond)
		h := hosts.Uint64()
		buf.WriteString("10.")
		buf.WriteString(strconv.Itoa(int(h >> 16 & 255)))
		buf.WriteByte('.')
		buf.WriteString(strconv.Itoa(int(h >> 8 & 255)))
		buf.WriteByte('.')
		buf.WriteString(strconv.Itoa(int(h & 255)))
		buf.WriteString(" - - [")
		buf.WriteString(t.Format("02/Jan/2006:15:04:05 -0700"))
		buf.WriteString("] \"GET ")
		w := rng.Intn(weights)
		var r route
		for _, r = range routes {
			if w -= r.weight; w < 0 {
				break
			}
		}
		buf.WriteString(r.prefix)
		if r.id {
			buf.WriteString(strconv.FormatUint(ids.Uint64()+1000, 10))
		}
		buf.WriteString(r.suffix)
		buf.WriteString(" HTTP/1.1\" ")
		status, p := 200, rng.Intn(1000)
		for _, m := range mix {
			if p -= m.per1000; p < 0 {
				status = m.code
				break
			}
		}
		if n > lines/2 && n < lines/2+lines/20 && rng.Intn(4) == 0 {
			status = bad[rng.Intn(len(bad))]
		}
		buf.WriteString(strconv.Itoa(status))
		buf.WriteByte(' ')
		buf.WriteString(strconv.Itoa(200 + rng.Intn(40000)))
		buf.WriteString(" \"")
		buf.WriteString(referers[rng.Intn(len(referers))])
		buf.WriteString("\" \"")
		buf.WriteString(agents[rng.Intn(len(agents))])
		ms := 1 + rng.Intn(400)
		buf.WriteString("\" 0.")
		buf.WriteString(strconv.Itoa(1000 + ms)[1:])
		buf.WriteString(" 0.")
		buf.WriteString(strconv.Itoa(1000 + ms - ms/10)[1:])
		buf.WriteByte('\n')
	}
	return buf.Bytes()
}

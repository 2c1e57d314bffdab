// Package demo holds the sample log behind `codetop --demo`: an hour of a
// shop's nginx traffic with two incidents, a 502 burst on one path and a 429
// storm from one client. The log is generated deterministically by Generate
// and embedded gzipped; a test keeps the two identical.
package demo

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"math/rand"
	"time"
)

//go:embed sample.log.gz
var sampleGz []byte

// Log returns the embedded sample log, uncompressed.
func Log() []byte {
	zr, err := gzip.NewReader(bytes.NewReader(sampleGz))
	if err != nil {
		panic("demo: embedded sample is not gzip: " + err.Error())
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		panic("demo: embedded sample is corrupt: " + err.Error())
	}
	return b
}

// Start is the time of the first line of the sample.
var Start = time.Date(2026, 11, 20, 14, 0, 0, 0, time.UTC)

// The incidents, as offsets from Start, so tests can check what is found.
const (
	BurstPath    = "/api/orders"
	BurstStart   = 30 * time.Minute
	BurstEnd     = 34 * time.Minute
	StormClient  = "203.0.113.77"
	StormStart   = 45 * time.Minute
	StormEnd     = 50 * time.Minute
	SampleLength = 60 * time.Minute
)

var pages = []struct {
	path   string
	weight int
}{
	{"/", 30}, {"/products", 18}, {"/api/orders", 12}, {"/api/cart", 10},
	{"/static/app.js", 14}, {"/static/app.css", 14}, {"/login", 5},
	{"/api/search", 8}, {"/favicon.ico", 4}, {"/checkout", 3},
}

var agents = []string{
	`Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36`,
	`Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1`,
	`Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0`,
	`curl/8.5.0`,
}

// Generate writes the sample log: combined format with $request_time and
// $upstream_response_time appended, as many nginx setups log it.
func Generate() []byte {
	rng := rand.New(rand.NewSource(20261120))
	var buf bytes.Buffer
	total := 0
	for _, p := range pages {
		total += p.weight
	}
	for sec := 0; sec < int(SampleLength/time.Second); sec++ {
		t := Start.Add(time.Duration(sec) * time.Second)
		off := time.Duration(sec) * time.Second
		n := 6 + rng.Intn(5)
		for i := 0; i < n; i++ {
			w := rng.Intn(total)
			path := pages[0].path
			for _, p := range pages {
				if w < p.weight {
					path = p.path
					break
				}
				w -= p.weight
			}
			status, rt := 200, 0.02+rng.Float64()*0.08
			switch {
			case path == BurstPath && off >= BurstStart && off < BurstEnd:
				status, rt = 502, 0.001+rng.Float64()*0.004
			case path == "/favicon.ico" && rng.Intn(3) == 0:
				status = 404
			case path == "/login" && rng.Intn(8) == 0:
				status = 401
			case rng.Intn(400) == 0:
				status = 500
			case rng.Intn(20) == 0:
				status = 304
			}
			client := fmt.Sprintf("198.51.100.%d", 1+rng.Intn(200))
			writeLine(&buf, client, t, "GET", path, status, rng, rt)
		}
		if off >= StormStart && off < StormEnd {
			// A scraper hammers the search API and is rate limited.
			for i := 0; i < 25; i++ {
				writeLine(&buf, StormClient, t, "GET", "/api/search?q=item"+fmt.Sprint(rng.Intn(1000)), 429, rng, 0.0005)
			}
		}
	}
	return buf.Bytes()
}

func writeLine(buf *bytes.Buffer, client string, t time.Time, method, target string, status int, rng *rand.Rand, rt float64) {
	size := 0
	if status != 304 {
		size = 200 + rng.Intn(20000)
	}
	up := fmt.Sprintf("%.3f", rt*0.9)
	if status == 429 {
		up = "-"
	}
	fmt.Fprintf(buf, "%s - - [%s] \"%s %s HTTP/1.1\" %d %d \"-\" \"%s\" %.3f %s\n",
		client, t.Format("02/Jan/2006:15:04:05 -0700"), method, target, status, size,
		agents[rng.Intn(len(agents))], rt, up)
}

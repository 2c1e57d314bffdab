package stats

import (
	"bytes"
	"fmt"
	"math"
	"math/rand"
	"testing"
	"time"

	"github.com/codetop/codetop/parser"
	"github.com/codetop/codetop/source"
)

// A small generator of combined-format logs for scenario tests: steady
// background traffic with a realistic mix of codes, plus incidents laid over
// it. Everything is seeded, so a scenario is the same log on every run.

var genStart = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

type genPath struct {
	path   string
	weight int
}

var genPaths = []genPath{
	{"/", 30}, {"/products", 18}, {"/api/orders", 12}, {"/api/cart", 10},
	{"/static/app.js", 14}, {"/static/app.css", 14}, {"/login", 5},
	{"/api/search", 8}, {"/favicon.ico", 4},
}

// incident changes or adds requests while it lasts.
type incident struct {
	from, to time.Duration // offsets from genStart
	// path, when set, makes every background request to it fail with status.
	path   string
	status int
	// client, when set, adds perSec extra requests from it, all with status.
	client  string
	perSec  float64
	extraTo string // the path those extra requests ask for
}

type scenario struct {
	name   string
	length time.Duration
	// perSec is the background rate at an offset; 0 means silence.
	perSec    func(off time.Duration) float64
	incidents []incident
	// errShare is the background share of 500s (404s and 304s are fixed).
	errShare float64
	seed     int64
}

func constRate(r float64) func(time.Duration) float64 {
	return func(time.Duration) float64 { return r }
}

// generate writes the scenario's log, one line per request, in time order.
func (sc *scenario) generate() []byte {
	rng := rand.New(rand.NewSource(sc.seed + 1))
	total := 0
	for _, p := range genPaths {
		total += p.weight
	}
	var buf bytes.Buffer
	carry := 0.0
	for sec := 0; sec < int(sc.length/time.Second); sec++ {
		off := time.Duration(sec) * time.Second
		t := genStart.Add(off)
		// A deterministic Poisson-like count: the rate with random rounding.
		r := sc.perSec(off)
		n := int(r)
		carry += r - float64(n)
		if rng.Float64() < carry {
			n++
			carry--
		}
		for i := 0; i < n; i++ {
			w := rng.Intn(total)
			path := genPaths[0].path
			for _, p := range genPaths {
				if w < p.weight {
					path = p.path
					break
				}
				w -= p.weight
			}
			status := 200
			switch {
			case path == "/favicon.ico" && rng.Intn(3) == 0:
				status = 404
			case rng.Float64() < sc.errShare:
				status = 500
			case rng.Intn(20) == 0:
				status = 304
			}
			for _, inc := range sc.incidents {
				if inc.path == path && off >= inc.from && off < inc.to {
					status = inc.status
				}
			}
			genLine(&buf, fmt.Sprintf("198.51.100.%d", 1+rng.Intn(200)), t, path, status, rng)
		}
		for _, inc := range sc.incidents {
			if inc.client == "" || off < inc.from || off >= inc.to {
				continue
			}
			k := int(inc.perSec)
			if rng.Float64() < inc.perSec-float64(k) {
				k++
			}
			for i := 0; i < k; i++ {
				genLine(&buf, inc.client, t, inc.extraTo, inc.status, rng)
			}
		}
	}
	return buf.Bytes()
}

func genLine(buf *bytes.Buffer, client string, t time.Time, path string, status int, rng *rand.Rand) {
	rt := 0.005 + rng.ExpFloat64()*0.04
	if status >= 500 {
		rt = 0.001 + rng.Float64()*0.003
	}
	fmt.Fprintf(buf, "%s - - [%s] \"GET %s HTTP/1.1\" %d %d \"-\" \"gen/1.0\" %.3f\n",
		client, t.Format("02/Jan/2006:15:04:05 -0700"), path, status, 200+rng.Intn(5000), rt)
}

// run counts data with one worker, like a plain batch run, and returns the
// aggregator.
func run(t testing.TB, cfg Config, format string, data []byte) *Aggregator {
	t.Helper()
	f, err := parser.Compile(format)
	if err != nil {
		t.Fatal(err)
	}
	a := New(cfg)
	if err := source.ReadReader("test.log", bytes.NewReader(data), source.Options{}, NewWorker(f.NewParser(), a)); err != nil {
		t.Fatal(err)
	}
	return a
}

// runChunked splits data into nChunks chunks at line boundaries and deals
// them round-robin to nWorkers workers, each with its own aggregator (so a
// worker sees several separate stretches of time), then merges them in
// worker order, as a parallel batch run does.
func runChunked(t testing.TB, cfg Config, format string, data []byte, nChunks, nWorkers int) *Aggregator {
	t.Helper()
	f, err := parser.Compile(format)
	if err != nil {
		t.Fatal(err)
	}
	var chunks [][]byte
	size := int(math.Ceil(float64(len(data)) / float64(nChunks)))
	for len(data) > 0 {
		end := min(size, len(data))
		if i := bytes.IndexByte(data[end-1:], '\n'); i >= 0 {
			end += i
		} else {
			end = len(data)
		}
		chunks = append(chunks, data[:end])
		data = data[end:]
	}
	workers := make([]*Worker, nWorkers)
	for i := range workers {
		workers[i] = NewWorker(f.NewParser(), New(cfg))
	}
	for seq, c := range chunks {
		w := workers[seq%nWorkers]
		w.Begin("test.log", seq, seq == 0)
		for _, l := range bytes.Split(bytes.TrimSuffix(c, []byte("\n")), []byte("\n")) {
			w.Line(l)
		}
		w.End()
	}
	a := workers[0].Agg
	for _, w := range workers[1:] {
		a.Merge(w.Agg)
	}
	return a
}

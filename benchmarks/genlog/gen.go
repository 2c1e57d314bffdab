// Package genlog writes deterministic, realistic access logs for benchmarks
// and tests: a shop's traffic at about 1000 requests a second, heavy-headed
// route popularity with Zipf-distributed IDs and query strings, IPv4 and
// IPv6 clients, browser agents with escaped quotes, referers, a status mix of
// about 85% 2xx, 8% 3xx, 6% 4xx and 1% 5xx, and a burst of upstream errors a
// few minutes long.
//
// The same Config and seed always give the same bytes, so a benchmark run on
// one machine can be repeated on another. The Generator also counts what it
// wrote, which gives tests an exact answer to check a reader against.
package genlog

import (
	"bufio"
	"errors"
	"io"
	"math"
	"math/rand/v2"
	"time"
)

// Format is the kind of log line written.
type Format int

const (
	// Combined is the NCSA combined format nginx and Apache write by default.
	Combined Format = iota
	// JSON is one object per line as nginx writes with log_format escape=json.
	JSON
)

// Config describes the log to generate. The zero value is a combined log
// with seed 0 starting at DefaultStart.
type Config struct {
	Seed   uint64
	Format Format
	// Timings appends "$request_time $upstream_response_time" to combined
	// lines (JSON lines always carry both).
	Timings bool
	// Start is the time of the first request; zero means DefaultStart.
	Start time.Time
	// Rate is the mean number of requests per second; 0 means 1000.
	Rate float64
	// BurstAt and BurstFor place the 5xx burst as offsets from Start. Both
	// zero mean a 3-minute burst starting 60% into the log, as Write and
	// Bytes estimate its span from their Limit (3 minutes in for a bare
	// Generator): late enough that a detector has a baseline before it in
	// long logs. A negative BurstFor disables it.
	BurstAt, BurstFor time.Duration
	// BurstShare is the probability that a request in the burst fails with
	// 502, 503 or 504; 0 means 0.1 (10 times the usual 5xx share).
	BurstShare float64
	// DistinctPaths, when positive, replaces the route mix with exactly
	// this many distinct paths, used in turn in a scrambled order: the
	// first DistinctPaths lines all have different paths. It is the worst
	// case for per-path memory.
	DistinctPaths int
}

// DefaultStart is the first timestamp of a log when Config.Start is zero.
var DefaultStart = time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)

// Counts is what a Generator wrote: the exact answer a reader must find.
type Counts struct {
	Lines, Bytes int64
	Codes        [600]int64 // by status code
	Burst        int64      // lines whose time falls in the burst
	First, Last  time.Time  // times of the first and last lines (to the second)
}

// Class returns the number of lines with a status of class c (1 to 5).
func (c *Counts) Class(class int) int64 {
	var n int64
	for code := class * 100; code < class*100+100; code++ {
		n += c.Codes[code]
	}
	return n
}

// Generator produces lines one at a time. Not safe for concurrent use.
type Generator struct {
	cfg    Config
	r      *rand.Rand
	counts Counts

	routes, c2xx, c3xx, c4xx, c5xx, cBurst, meth, proto picker
	ids, hashes, clientRank                             *rand.Zipf
	clients                                             []string

	now                 time.Duration // offset of the current line from Start
	burstFrom, burstTo  time.Duration
	stamp               []byte // formatted time of the current second
	stampSec            int64
	distinct, stride, i int64
}

// New returns a Generator for cfg.
func New(cfg Config) *Generator {
	if cfg.Start.IsZero() {
		cfg.Start = DefaultStart
	}
	if cfg.Rate <= 0 {
		cfg.Rate = 1000
	}
	if cfg.BurstAt == 0 && cfg.BurstFor == 0 {
		cfg.BurstAt, cfg.BurstFor = 3*time.Minute, defaultBurst
	}
	if cfg.BurstShare <= 0 {
		cfg.BurstShare = 0.1
	}
	r := rand.New(rand.NewPCG(cfg.Seed, 0x636f6465746f70)) // "codetop"
	g := &Generator{cfg: cfg, r: r, stampSec: math.MinInt64}
	g.burstFrom, g.burstTo = cfg.BurstAt, cfg.BurstAt+cfg.BurstFor
	rw := make([]weighted, len(routes))
	for i, rt := range routes {
		rw[i] = weighted{i, rt.weight}
	}
	g.routes = newPicker(rw)
	g.c2xx, g.c3xx, g.c4xx = newPicker(codes2xx), newPicker(codes3xx), newPicker(codes4xx)
	g.c5xx, g.cBurst = newPicker(codes5xx), newPicker(codesBurst)
	g.meth, g.proto = newPicker(methods), newPicker(protos)
	g.ids = rand.NewZipf(r, 1.07, 2, 499_999)
	g.hashes = rand.NewZipf(r, 2, 1, 23)
	g.clients = makeClients(r, 20_000, 4_000)
	g.clientRank = rand.NewZipf(r, 1.2, 4, uint64(len(g.clients)-1))
	if cfg.DistinctPaths > 0 {
		g.distinct = int64(cfg.DistinctPaths)
		g.stride = coprimeNear(g.distinct, 1_000_003)
	}
	return g
}

// Counts returns what has been generated so far.
func (g *Generator) Counts() Counts { return g.counts }

// Append appends the next line, newline included, to dst.
func (g *Generator) Append(dst []byte) []byte {
	start := len(dst)
	g.now += time.Duration(g.r.ExpFloat64() / g.cfg.Rate * float64(time.Second))
	sec := g.cfg.Start.Add(g.now).Unix()
	if sec != g.stampSec {
		g.stampSec = sec
		t := time.Unix(sec, 0).In(g.cfg.Start.Location())
		if g.cfg.Format == JSON {
			g.stamp = t.AppendFormat(g.stamp[:0], "2006-01-02T15:04:05-07:00")
		} else {
			g.stamp = t.AppendFormat(g.stamp[:0], "02/Jan/2006:15:04:05 -0700")
		}
		if g.counts.Lines == 0 {
			g.counts.First = t
		}
		g.counts.Last = t
	}
	req := g.request()
	if g.cfg.Format == JSON {
		dst = g.appendJSON(dst, &req)
	} else {
		dst = g.appendCombined(dst, &req)
	}
	g.counts.Lines++
	g.counts.Bytes += int64(len(dst) - start)
	g.counts.Codes[req.status]++
	if req.burst {
		g.counts.Burst++
	}
	return dst
}

// request is one generated request before formatting.
type request struct {
	client, user, method, proto, referer, agent string
	rt                                          *route
	id                                          uint64
	word, query                                 string
	status                                      int
	bytes                                       int64
	reqMs, upMs                                 int64 // upMs < 0: no upstream
	burst                                       bool
}

func (g *Generator) request() request {
	r := g.r
	q := request{
		client:  g.clients[g.clientRank.Uint64()],
		user:    users[r.IntN(len(users))],
		method:  methodNames[g.meth.pick(r)],
		proto:   protoNames[g.proto.pick(r)],
		referer: referers[r.IntN(len(referers))],
		agent:   agents[r.IntN(len(agents))],
	}
	if g.distinct > 0 {
		q.id = uint64(g.i * g.stride % g.distinct)
		g.i++
	} else {
		q.rt = &routes[g.routes.pick(r)]
		switch q.rt.kind {
		case withID:
			q.id = g.ids.Uint64() + 1
		case withHash:
			q.id = g.hashes.Uint64()
		case withSlug:
			q.word = slugs[r.IntN(len(slugs))]
		}
		if q.rt.query > 0 && r.Float64() < q.rt.query {
			q.query = queries[r.IntN(len(queries))]
		}
	}
	q.burst = g.now >= g.burstFrom && g.now < g.burstTo
	switch u := r.Float64(); {
	case q.burst && r.Float64() < g.cfg.BurstShare:
		q.status = codesBurst[g.cBurst.pick(r)].code
	case u < 0.85:
		q.status = codes2xx[g.c2xx.pick(r)].code
	case u < 0.93:
		q.status = codes3xx[g.c3xx.pick(r)].code
	case u < 0.99:
		q.status = codes4xx[g.c4xx.pick(r)].code
	default:
		q.status = codes5xx[g.c5xx.pick(r)].code
	}
	static := q.rt != nil && q.rt.static
	switch {
	case q.status == 204 || q.status == 304 || q.method == "HEAD":
		q.bytes = 0
	case static:
		q.bytes = int64(math.Exp(6 + 6*r.Float64())) // 400 B to 65 KB
	default:
		q.bytes = int64(math.Exp(5 + 4*r.Float64())) // 150 B to 8 KB
	}
	q.reqMs = int64(math.Exp(3 + r.NormFloat64()))
	q.upMs = q.reqMs - int64(r.IntN(3))
	switch {
	case static:
		q.reqMs, q.upMs = int64(r.IntN(3)), -1
	case q.status == 504:
		q.reqMs, q.upMs = 60_000+int64(r.IntN(5)), 60_000
	case q.status == 502:
		q.reqMs, q.upMs = 1+int64(r.IntN(4)), 0
	}
	return q
}

// Limit says when generation stops: after Lines lines, or once Bytes bytes
// are written (the last line is whole, so a little more), whichever comes
// first. A zero field is no limit; at least one must be set.
type Limit struct {
	Lines, Bytes int64
}

const defaultBurst = 3 * time.Minute

// Mean line lengths of the generated formats, to estimate a log's span.
const (
	meanCombined = 184
	meanTimings  = 12
	meanJSON     = 350
)

// placeBurst puts a default burst 60% into the span lim will cover.
func placeBurst(cfg Config, lim Limit) Config {
	if cfg.BurstAt != 0 || cfg.BurstFor != 0 {
		return cfg
	}
	lines := float64(lim.Lines)
	if lim.Bytes > 0 {
		mean := float64(meanCombined)
		switch {
		case cfg.Format == JSON:
			mean = meanJSON
		case cfg.Timings:
			mean += meanTimings
		}
		if est := float64(lim.Bytes) / mean; lines <= 0 || est < lines {
			lines = est
		}
	}
	rate := cfg.Rate
	if rate <= 0 {
		rate = 1000
	}
	span := time.Duration(lines / rate * float64(time.Second))
	cfg.BurstAt, cfg.BurstFor = (span * 6 / 10).Truncate(time.Second), defaultBurst
	return cfg
}

func (g *Generator) reached(lim Limit) bool {
	return (lim.Lines > 0 && g.counts.Lines >= lim.Lines) ||
		(lim.Bytes > 0 && g.counts.Bytes >= lim.Bytes) ||
		(lim.Lines <= 0 && lim.Bytes <= 0)
}

// Write generates a log into w until lim is reached and returns what it
// wrote.
func Write(w io.Writer, cfg Config, lim Limit) (Counts, error) {
	if lim.Lines <= 0 && lim.Bytes <= 0 {
		return Counts{}, errors.New("genlog: no limit given (lines or bytes)")
	}
	g := New(placeBurst(cfg, lim))
	bw := bufio.NewWriterSize(w, 1<<20)
	line := make([]byte, 0, 1024)
	for !g.reached(lim) {
		line = g.Append(line[:0])
		if _, err := bw.Write(line); err != nil {
			return g.counts, err
		}
	}
	return g.counts, bw.Flush()
}

// Bytes generates a log in memory; for benchmarks and tests.
func Bytes(cfg Config, lim Limit) ([]byte, Counts) {
	g := New(placeBurst(cfg, lim))
	// Lines average under 256 bytes.
	size := lim.Bytes
	if lim.Lines > 0 && (size <= 0 || lim.Lines*256 < size) {
		size = lim.Lines * 256
	}
	buf := make([]byte, 0, size+1024)
	for !g.reached(lim) {
		buf = g.Append(buf)
	}
	return buf, g.counts
}

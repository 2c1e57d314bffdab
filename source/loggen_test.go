package source_test

import (
	"bytes"
	"fmt"
	"math/rand"
	"strconv"
	"time"
)

// genLog writes a realistic combined log of about size bytes: a day of a
// site's traffic with a few hundred paths (some with queries), weighted
// statuses, real-looking agents and referers, time moving forward. Every
// badEvery-th line (0: none) is garbage, and their 1-based numbers are
// returned.
func genLog(seed int64, size int, badEvery int) ([]byte, []int64) {
	return genLogN(seed, size, badEvery, 300, 1<<30)
}

// genLogN is genLog with nPaths generated paths and at most nClients
// client addresses. Few of each keep the per-minute tables of stats within
// their caps, where merged workers must give exactly one worker's report.
func genLogN(seed int64, size int, badEvery, nPaths, nClients int) ([]byte, []int64) {
	rng := rand.New(rand.NewSource(seed))
	var paths []string
	for _, p := range []string{"/", "/index.html", "/favicon.ico", "/robots.txt", "/login", "/logout", "/checkout"} {
		paths = append(paths, p)
	}
	for i := 0; i < nPaths; i++ {
		switch i % 4 {
		case 0:
			paths = append(paths, fmt.Sprintf("/api/v1/orders/%d", 1000+i))
		case 1:
			paths = append(paths, fmt.Sprintf("/static/js/chunk.%x.js", rng.Uint32()))
		case 2:
			paths = append(paths, fmt.Sprintf("/products/item-%d?color=red&size=%d", i, i%5))
		default:
			paths = append(paths, fmt.Sprintf("/blog/2026/11/post-%d/", i))
		}
	}
	agents := []string{
		"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
		"Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
		"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
		"Googlebot/2.1 (+http://www.google.com/bot.html)",
		"curl/8.5.0",
		"python-requests/2.32.3",
	}
	referers := []string{"-", "https://www.google.com/", "https://example.com/products", "https://example.com/"}
	statuses := []int{200, 200, 200, 200, 200, 200, 200, 200, 200, 304, 301, 302, 404, 404, 403, 500, 502, 503, 429, 401}
	methods := []string{"GET", "GET", "GET", "GET", "POST", "HEAD", "PUT", "DELETE"}
	t := time.Date(2026, 11, 20, 0, 0, 0, 0, time.FixedZone("", 3600))
	var b bytes.Buffer
	b.Grow(size + 1024)
	var bad []int64
	for n := int64(1); b.Len() < size; n++ {
		if badEvery > 0 && n%int64(badEvery) == 0 {
			fmt.Fprintf(&b, "garbage line %d \x16\x03\x01 no status here\n", n)
			bad = append(bad, n)
			continue
		}
		t = t.Add(time.Duration(rng.Intn(40)) * time.Millisecond)
		c := rng.Intn(min(nClients, 200*256*254))
		b.WriteString(strconv.Itoa(10 + c%200))
		b.WriteByte('.')
		b.WriteString(strconv.Itoa(c / 200 % 256))
		b.WriteString(".0.")
		b.WriteString(strconv.Itoa(1 + c/(200*256)))
		b.WriteString(" - - [")
		b.WriteString(t.Format("02/Jan/2006:15:04:05 -0700"))
		b.WriteString("] \"")
		b.WriteString(methods[rng.Intn(len(methods))])
		b.WriteByte(' ')
		b.WriteString(paths[rng.Intn(len(paths))])
		b.WriteString(" HTTP/1.1\" ")
		b.WriteString(strconv.Itoa(statuses[rng.Intn(len(statuses))]))
		b.WriteByte(' ')
		b.WriteString(strconv.Itoa(rng.Intn(50000)))
		b.WriteString(" \"")
		b.WriteString(referers[rng.Intn(len(referers))])
		b.WriteString("\" \"")
		b.WriteString(agents[rng.Intn(len(agents))])
		b.WriteString("\"\n")
	}
	return b.Bytes(), bad
}

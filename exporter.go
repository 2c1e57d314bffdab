package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/codetop/codetop/parser"
	"github.com/codetop/codetop/report"
	"github.com/codetop/codetop/source"
	"github.com/codetop/codetop/stats"
)

// listenAddr turns a --listen value into the address to bind. codetop
// binds to loopback unless told otherwise: a bare port ("9145") or an empty
// host (":9145", which Go alone would take as every interface) both mean
// 127.0.0.1, and note says so; exposing log-derived metrics to the network
// takes an explicit host such as 0.0.0.0:9145 or [::]:9145.
func listenAddr(spec string) (addr, note string, err error) {
	bad := usageErr("--listen %q: want HOST:PORT such as 127.0.0.1:9145 (0.0.0.0:9145 for every interface)", spec)
	given := spec
	if _, err := strconv.ParseUint(spec, 10, 16); err == nil {
		spec = ":" + spec
	}
	host, port, err := net.SplitHostPort(spec)
	if err != nil {
		return "", "", bad
	}
	if _, err := strconv.ParseUint(port, 10, 16); err != nil {
		return "", "", bad
	}
	if host == "" {
		note = fmt.Sprintf("--listen %s: serving on 127.0.0.1 only; give 0.0.0.0:%s or [::]:%s to accept other hosts", given, port, port)
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port), note, nil
}

// shutdownGrace is how long a scrape in flight may take to finish once
// codetop is told to stop.
const shutdownGrace = 5 * time.Second

// listenTCP opens the exporter's socket; tests replace it with a listener
// that fails.
var listenTCP = func(addr string) (net.Listener, error) { return net.Listen("tcp", addr) }

// runExporter follows the inputs and serves their metrics on addr until
// ctx ends (SIGINT or SIGTERM), then shuts the server down gracefully.
// The files' history is read on every core, then one goroutine follows
// and counts; scrapes read only the latest snapshot.
// When every input has ended (standard input, archives), the last counts
// stay served until ctx ends.
func runExporter(ctx context.Context, addr string, inputs []string, format parser.Format, cfg stats.Config, filter stats.Filter, maxLine int, stderr io.Writer) error {
	ln, err := listenTCP(addr)
	if err != nil {
		return &exitError{1, fmt.Errorf("--listen: %v", err)}
	}
	live := stats.NewLive(format.NewParser(), cfg)
	live.SetFilter(filter)

	mux := http.NewServeMux()
	mux.Handle("/metrics", report.MetricsHandler(live.Latest, report.MetricsOptions{}))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprintln(w, "codetop exporter: metrics at /metrics")
	})
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second, WriteTimeout: 30 * time.Second, IdleTimeout: 2 * time.Minute}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	fmt.Fprintf(stderr, "codetop: serving metrics on http://%s/metrics\n", ln.Addr())

	// A server that stops serving ends the run: following on with no
	// endpoint would look alive to systemd and to nobody else.
	fctx, stop := context.WithCancel(ctx)
	defer stop()
	var serveErr error
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		select {
		case serveErr = <-served:
			stop()
		case <-fctx.Done():
		}
	}()

	opts := source.FollowOptions{Options: source.Options{MaxLine: maxLine}}
	opts.History = newHistory(live, format, cfg)
	opts.Errors = func(err error) { printError(stderr, err) }
	// A path still waited for is no failure of the exporter: it was said
	// as it happened.
	followErr := source.Failures(source.Follow(fctx, inputs, opts, live))
	live.Publish() // whatever arrived last is scraped too

	// Inputs that ended (standard input, archives) stay served until ctx
	// ends, or the server does.
	<-fctx.Done()
	<-watched
	if serveErr != nil {
		return &exitError{1, fmt.Errorf("metrics server: %v", serveErr)}
	}
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		fmt.Fprintln(stderr, "codetop: shutting down the metrics server:", err)
	}
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return &exitError{1, fmt.Errorf("metrics server: %v", err)}
	}
	if followErr != nil {
		return &exitError{1, followErr}
	}
	return nil
}

// checkListen rejects flag combinations that cannot mean anything.
func checkListen(c *config) error {
	if c.listen == "" {
		return nil
	}
	if c.report != "" {
		return usageErr("--listen follows the logs and serves metrics; --report %s reads to the end and exits: use one or the other", c.report)
	}
	if strings.TrimSpace(c.listen) != c.listen {
		return usageErr("--listen %q: no spaces, please", c.listen)
	}
	return nil
}

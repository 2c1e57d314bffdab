// Command genlog writes a deterministic, realistic access log for
// benchmarks (see package genlog for what the traffic looks like).
//
//	genlog -size 100M -o access.log            # combined, about 100 MB
//	genlog -size 1G -timings -o timed.log      # with request/upstream times
//	genlog -size 100M -format json -o json.log # nginx escape=json lines
//	genlog -lines 2500000 -distinct 2000000    # 2 million distinct paths
//
// It prints a summary with the exact class counts to stderr.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/codetop/codetop/benchmarks/genlog"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "genlog:", err)
			os.Exit(2)
		}
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("genlog", flag.ContinueOnError)
	fs.SetOutput(stderr)
	size := fs.String("size", "", "stop after about this many bytes: 100M, 1G, 512K (decimal units)")
	lines := fs.Int64("lines", 0, "stop after this many lines")
	format := fs.String("format", "combined", "combined or json (nginx escape=json)")
	timings := fs.Bool("timings", false, "append $request_time $upstream_response_time to combined lines")
	distinct := fs.Int("distinct", 0, "use exactly this many distinct paths, all different in the first lines")
	seed := fs.Uint64("seed", 1, "random seed; the same seed gives the same log")
	out := fs.String("o", "-", "output file, - for stdout")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	cfg := genlog.Config{Seed: *seed, Timings: *timings, DistinctPaths: *distinct}
	switch *format {
	case "combined":
	case "json":
		cfg.Format = genlog.JSON
	default:
		return fmt.Errorf("-format %q: want combined or json", *format)
	}
	lim := genlog.Limit{Lines: *lines}
	if *size != "" {
		n, err := parseSize(*size)
		if err != nil {
			return err
		}
		lim.Bytes = n
	}
	if lim.Lines <= 0 && lim.Bytes <= 0 {
		return errors.New("give -size or -lines")
	}
	w := stdout
	if *out != "-" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	c, err := genlog.Write(w, cfg, lim)
	if err != nil {
		return err
	}
	if f, ok := w.(*os.File); ok && *out != "-" {
		if err := f.Close(); err != nil {
			return err
		}
	}
	fmt.Fprintf(stderr, "genlog: %d lines, %d bytes, %s .. %s; 1xx %d 2xx %d 3xx %d 4xx %d 5xx %d; %d lines in the burst\n",
		c.Lines, c.Bytes, c.First.Format("2006-01-02T15:04:05Z07:00"), c.Last.Format("2006-01-02T15:04:05Z07:00"),
		c.Class(1), c.Class(2), c.Class(3), c.Class(4), c.Class(5), c.Burst)
	return nil
}

// parseSize reads 100M, 1G, 512K or a plain byte count (decimal units, as
// the MB/s the benchmarks report).
func parseSize(s string) (int64, error) {
	mult := int64(1)
	switch {
	case strings.HasSuffix(s, "K"):
		mult, s = 1e3, strings.TrimSuffix(s, "K")
	case strings.HasSuffix(s, "M"):
		mult, s = 1e6, strings.TrimSuffix(s, "M")
	case strings.HasSuffix(s, "G"):
		mult, s = 1e9, strings.TrimSuffix(s, "G")
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("-size %q: want a positive number with an optional K, M or G", s)
	}
	return n * mult, nil
}

// Command codetop is top for HTTP status codes: it reads nginx, Apache and
// JSON access logs, live or archived, and shows what is failing, since when,
// on which paths, and what each code means.
//
// This file only parses flags and wires the pipeline's stages together.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/codetop/codetop/parser"
	"github.com/codetop/codetop/report"
	"github.com/codetop/codetop/source"
	"github.com/codetop/codetop/stats"
)

// exitError carries the process exit status of a failed run.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func usageErr(format string, args ...any) error {
	return &exitError{2, fmt.Errorf(format, args...)}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err == nil {
		return
	}
	code := 1
	var ee *exitError
	if errors.As(err, &ee) {
		code = ee.code
	}
	if !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(os.Stderr, "codetop:", err)
	} else {
		code = 0
	}
	os.Exit(code)
}

// config is the parsed command line.
type config struct {
	format     string
	report     string
	paths      int
	maxLine    int
	demo       bool
	groupPaths bool
	slo        float64
	failSpike  bool
	inputs     []string
	stdoutTerm bool
}

func parseFlags(args []string, stderr io.Writer) (*config, error) {
	c := &config{}
	fs := flag.NewFlagSet("codetop", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.format, "format", "auto", "log format: auto, combined, common, vhost_combined")
	fs.StringVar(&c.report, "report", "", "print a report and exit: text, json")
	fs.IntVar(&c.paths, "paths", 50, "how many paths a report lists (0 = all)")
	fs.IntVar(&c.maxLine, "max-line", source.DefaultMaxLine, "longest line accepted, in bytes; longer lines count as malformed")
	fs.BoolVar(&c.demo, "demo", false, "show codetop on an embedded sample log with an incident")
	fs.BoolVar(&c.groupPaths, "group-paths", false, "fold numeric IDs, UUIDs and long hex segments of paths into :id")
	fs.Float64Var(&c.slo, "slo", stats.DefaultObjective*100, "availability objective in percent, for SLO burn rates")
	fs.BoolVar(&c.failSpike, "fail-on-spike", false, "with --report: exit 3 when spikes were found")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: codetop [flags] [PATH ...]\n       codetop explain CODE|CLASS|--all\n\nPATH is a file, a glob, a .gz file, or - for standard input.\n\nflags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, err
		}
		return nil, &exitError{2, fmt.Errorf("%v (see codetop -h)", err)}
	}
	switch c.report {
	case "", "text", "json":
	default:
		return nil, usageErr("--report %q: want text or json", c.report)
	}
	if c.paths < 0 {
		return nil, usageErr("--paths %d: want 0 (all) or more", c.paths)
	}
	if c.slo <= 0 || c.slo >= 100 {
		return nil, usageErr("--slo %g: want a percentage between 0 and 100, such as 99.9", c.slo)
	}
	if c.failSpike && c.report == "" {
		return nil, usageErr("--fail-on-spike needs --report")
	}
	if c.maxLine < 64 {
		return nil, usageErr("--max-line %d: want at least 64 bytes", c.maxLine)
	}
	c.inputs = fs.Args()
	return c, nil
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	c.stdoutTerm = isTerminal(stdout)
	if c.demo {
		return runDemo(ctx, c, stdout)
	}
	if len(c.inputs) == 0 {
		if isTerminal(os.Stdin) {
			return usageErr("no input: give a log file, a glob, or - for standard input (see codetop -h)")
		}
		c.inputs = []string{source.Stdin}
	}
	inputs, err := source.Expand(c.inputs)
	if err != nil {
		return &exitError{1, err}
	}
	format, err := chooseFormat(c.format, inputs)
	if err != nil {
		return err
	}
	agg := stats.New(c.statsConfig())
	w := stats.NewWorker(format.NewParser(), agg)
	readErr := source.ReadAll(ctx, inputs, source.Options{MaxLine: c.maxLine}, w)
	meta := report.Meta{Inputs: inputs, Format: format.Name(), Paths: c.paths}
	snap := agg.Snapshot()
	if err := writeReport(stdout, c.report, snap, meta); err != nil {
		return err
	}
	if readErr != nil {
		return &exitError{1, readErr}
	}
	return c.spikeExit(snap)
}

// statsConfig is what the flags ask of the aggregator.
func (c *config) statsConfig() stats.Config {
	return stats.Config{GroupPaths: c.groupPaths, Objective: c.slo / 100}
}

// spikeExit is the exit status --fail-on-spike asks for: 3 when the report
// found spikes, for cron jobs and CI.
func (c *config) spikeExit(s *stats.Snapshot) error {
	if c.failSpike && len(s.Spikes) > 0 {
		return &exitError{3, fmt.Errorf("%d spike(s) found (--fail-on-spike)", len(s.Spikes))}
	}
	return nil
}

func chooseFormat(spec string, inputs []string) (parser.Format, error) {
	if spec != "auto" {
		f, err := parser.Compile(spec)
		if err != nil {
			return nil, &exitError{2, fmt.Errorf("--format: %v", err)}
		}
		return f, nil
	}
	f, ok := parser.Detect(source.Sample(inputs, 50))
	if !ok {
		// Nothing recognisable: read anyway, so every line is counted
		// (as malformed) and the report says why.
		f, _ = parser.Compile("combined")
	}
	return f, nil
}

func writeReport(w io.Writer, kind string, s *stats.Snapshot, m report.Meta) error {
	if kind == "json" {
		return report.WriteJSON(w, s, m)
	}
	return report.WriteText(w, s, m)
}

// isTerminal reports whether v is a character device (a terminal).
func isTerminal(v any) bool {
	f, ok := v.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

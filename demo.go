package main

import (
	"bytes"
	"context"
	"io"

	"github.com/codetop/codetop/demo"
	"github.com/codetop/codetop/parser"
	"github.com/codetop/codetop/source"
	"github.com/codetop/codetop/stats"
)

// runDemo opens the dashboard on the embedded sample log, replayed; when
// stdout is not a terminal (or with --report), it prints the sample's report.
//
// The sample is the input: paths, --format, --listen and time bounds are
// refused, the other filters apply.
func runDemo(ctx context.Context, c *config, stdout io.Writer, filter stats.Filter, filterDesc map[string]string) error {
	if err := checkDemoFlags(c); err != nil {
		return err
	}
	log := demo.Log()
	format, ok := parser.Detect(bytes.SplitAfterN(log, []byte("\n"), 50))
	if !ok {
		panic("demo: the embedded sample matches no format")
	}
	if wantDashboard(c) {
		return runDemoDashboard(ctx, c, format, filter)
	}
	agg := stats.New(c.statsConfig())
	w := stats.NewWorker(format.NewParser(), agg)
	w.Filter = filter
	if err := source.ReadReader("demo", bytes.NewReader(log), source.Options{}, w); err != nil {
		return err
	}
	snap := agg.Snapshot()
	if err := writeReport(stdout, c.report, snap, c.meta([]string{"(embedded demo sample)"}, format.Name(), filterDesc)); err != nil {
		return err
	}
	return c.spikeExit(snap)
}

// checkDemoFlags refuses what --demo cannot honour: the sample is its one
// input, in its one format, and is not served as metrics.
func checkDemoFlags(c *config) error {
	switch {
	case len(c.inputs) > 0:
		return usageErr("--demo reads its embedded sample, not %s: drop --demo, or the paths", c.inputs[0])
	case c.format != "auto":
		return usageErr("--demo reads its embedded sample in its own format: drop --format")
	case c.listen != "":
		return usageErr("--demo does not serve metrics: drop --listen, or --demo")
	case c.since != "" || c.until != "":
		return usageErr("--demo replays a sample whose times are its own: drop --since and --until")
	}
	return nil
}

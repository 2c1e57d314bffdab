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
func runDemo(ctx context.Context, c *config, stdout io.Writer) error {
	log := demo.Log()
	format, ok := parser.Detect(bytes.SplitAfterN(log, []byte("\n"), 50))
	if !ok {
		panic("demo: the embedded sample matches no format")
	}
	if wantDashboard(c) {
		return runDemoDashboard(ctx, c, format)
	}
	agg := stats.New(c.statsConfig())
	if err := source.ReadReader("demo", bytes.NewReader(log), source.Options{}, stats.NewWorker(format.NewParser(), agg)); err != nil {
		return err
	}
	snap := agg.Snapshot()
	if err := writeReport(stdout, c.report, snap, c.meta([]string{"(embedded demo sample)"}, format.Name(), nil)); err != nil {
		return err
	}
	return c.spikeExit(snap)
}

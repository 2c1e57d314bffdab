// Command codetop is top for HTTP status codes: it reads nginx, Apache and
// JSON access logs, live or archived, and shows what is failing, since when,
// on which paths, and what each code means.
//
// This file wires the pipeline's stages together for the three jobs:
// flags.go reads the command line, batch.go makes a report of inputs read
// to their end, dashboard.go and exporter.go follow logs live.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/codetop/codetop/parser"
	"github.com/codetop/codetop/source"
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
	err := func() error {
		defer startCPUProfile()() // written out even if run panics
		return run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	}()
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
		printError(os.Stderr, err)
	} else {
		code = 0
	}
	os.Exit(code)
}

// printError writes err with "codetop: " before each of its lines, so
// that every problem of several (two inputs missing) says where it comes
// from; indented lines go on the one before (a format's caret line).
func printError(w io.Writer, err error) {
	for _, line := range strings.Split(err.Error(), "\n") {
		if line != "" && line[0] != ' ' && line[0] != '\t' {
			line = "codetop: " + line
		}
		fmt.Fprintln(w, line)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "explain" {
		return runExplain(args[1:], stdout)
	}
	c, err := parseFlags(args, stdout)
	if err != nil {
		return err
	}
	if c.version {
		printVersion(stdout)
		return nil
	}
	filter, filterDesc, err := c.filters.compile()
	if err != nil {
		return err
	}
	c.stdoutTerm = isTTY(stdout)
	if err := c.checkOutputFlags(); err != nil {
		return err
	}
	if c.demo {
		return runDemo(ctx, c, stdout, filter, filterDesc)
	}
	if len(c.inputs) == 0 {
		if noLogOnStdin() {
			return usageErr("no input: give a log file, a glob, or - for standard input (see codetop -h)")
		}
		c.inputs = []string{source.Stdin}
	}
	inputs, expandErr := source.Expand(c.inputs)
	if len(inputs) == 0 {
		return &exitError{1, expandErr}
	}
	var said noticeLog
	if wantDashboard(c) && c.listen == "" {
		// What is said on stderr before the dashboard takes the screen
		// is also shown on it: the terminal shows stderr again only once
		// it closes.
		said.w, stderr = stderr, &said
	}
	format, ref, warning, err := chooseFormat(c.format, inputs)
	if err != nil {
		return err
	}
	if warning != "" {
		fmt.Fprintln(stderr, "codetop:", warning)
	}
	for _, w := range parser.Warnings(format) {
		fmt.Fprintln(stderr, "codetop: --format:", w)
	}
	live := (c.listen != "" || wantDashboard(c)) && !c.dash.noFollow
	for _, w := range formatWarnings(format, inputs, ref, c.format != "auto", live) {
		fmt.Fprintln(stderr, "codetop:", w)
	}
	// The zone wraps the format once the warnings about it are out: they
	// look at what the format is. Nothing reads the referer or the agent.
	format = parser.Counted(parser.InZone(format, c.zone))
	if w := clientWarning(c.clientFrom, format.Name()); w != "" {
		fmt.Fprintln(stderr, "codetop:", w)
	}
	format, _ = parser.ClientFrom(format, c.clientFrom) // checked with the flags
	tf, fromNow, anchor, err := timeFilter(c.since, c.until, c.boundZone, inputs, format, live, time.Now)
	if err != nil {
		return err
	}
	filter.From, filter.To = tf.From, tf.To
	describeTimes(filterDesc, c.since, c.until, tf)
	if c.listen != "" {
		// Until the dashboard can run beside it, --listen is headless
		// whether or not --no-ui is given.
		addr, note, err := listenAddr(c.listen)
		if err != nil {
			return err
		}
		if note != "" {
			fmt.Fprintln(stderr, "codetop:", note)
		}
		return runExporter(ctx, addr, inputs, format, c.statsConfig(), filter, c.maxLine, stderr)
	}
	if wantDashboard(c) {
		return runDashboard(ctx, c, inputs, format, filter, expandErr, said.lines)
	}
	return runReport(ctx, c, reportRun{inputs, format, filter, filterDesc, fromNow, anchor, expandErr}, stdout, stderr)
}

// noLogOnStdin reports whether standard input, with no input named, cannot
// be a log: a terminal, or /dev/null (a cron job or a service given no
// file), where an empty report would hide the mistake.
func noLogOnStdin() bool {
	fi, err := os.Stdin.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// noticeLog passes what is written to stderr on, and keeps its lines for
// the dashboard, which takes the screen once they are written.
type noticeLog struct {
	w     io.Writer
	lines []string
}

func (n *noticeLog) Write(p []byte) (int, error) {
	for _, l := range strings.Split(strings.TrimRight(string(p), "\n"), "\n") {
		if l = strings.TrimPrefix(l, "codetop: "); l != "" {
			n.lines = append(n.lines, l)
		}
	}
	return n.w.Write(p)
}

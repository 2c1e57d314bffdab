package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/codetop/codetop/parser"
	"github.com/codetop/codetop/report"
	"github.com/codetop/codetop/sanitize"
	"github.com/codetop/codetop/source"
	"github.com/codetop/codetop/stats"
)

// A report: the inputs read to their end on every core, merged, written
// in the format asked for, and the exit status it comes to.

// reportRun is what a report is made of, as run worked it out.
type reportRun struct {
	inputs     []string
	format     parser.Format
	filter     stats.Filter
	filterDesc map[string]string
	fromNow    bool      // --since or --until counted back from now
	anchor     time.Time // or from this entry time (zero: neither)
	expandErr  error     // paths given that named nothing readable
}

// runReport reads the inputs to their end on every core, prints the report
// and decides the exit status.
func runReport(ctx context.Context, c *config, r reportRun, stdout, stderr io.Writer) error {
	// The collector stays off through the report too: it allocates a few
	// megabytes that the exit returns anyway.
	resume := pauseGC()
	defer resume()
	prog := &source.Progress{}
	stopProgress := c.startProgress(stderr, prog)
	agg, readErr := readBatch(ctx, r.inputs, r.format, source.Options{MaxLine: c.maxLine, Progress: prog}, c.statsConfig(), r.filter)
	stopProgress()
	if seen := agg.NewestSeen(); !r.anchor.IsZero() && seen.After(r.anchor) {
		// The inputs' last lines were not their newest (files given out
		// of time order, access.log before access.log.1): the range was
		// counted back from the wrong entry. Read again from the newest.
		fmt.Fprintf(stderr, "codetop: the inputs' last lines end at %s, but an entry at %s is newer (they are not in time order): reading again with %s counted back from it\n",
			r.anchor.Format(time.RFC3339), seen.Format(time.RFC3339), durationFlags(c.since, c.until))
		tf := reanchored(c.since, c.until, c.boundZone, seen)
		r.filter.From, r.filter.To = tf.From, tf.To
		describeTimes(r.filterDesc, c.since, c.until, tf)
		prog = &source.Progress{}
		stopProgress = c.startProgress(stderr, prog)
		agg, readErr = readBatch(ctx, r.inputs, r.format, source.Options{MaxLine: c.maxLine, Progress: prog}, c.statsConfig(), r.filter)
		stopProgress()
	}
	snap := agg.SnapshotTop(c.paths)
	if err := writeReport(stdout, c.report, snap, c.meta(r.inputs, r.format.Name(), r.filterDesc)); err != nil {
		return err
	}
	others := r.filter
	others.From, others.To = 0, 0
	if read := prog.Lines.Load(); r.fromNow && snap.Lines == 0 && read > 0 && !others.Active() {
		// The report is empty, and the reason is not in it: an archive
		// piped in is old, and "the last 2h" of it meant the last 2h of
		// the clock. (With other filters too, any of them may be why.)
		fmt.Fprintf(stderr, "codetop: none of the %d lines read is in the range: a duration in --since or --until counted back from now, since standard input and pipes cannot be looked at from their end first; "+
			"for an archive, give an RFC 3339 time or name the files\n", read)
	} else if snap.Lines == 0 && read > 0 && r.filter.Active() {
		hint := ""
		if _, ok := r.filterDesc["vhost"]; ok {
			hint = vhostHint(r.inputs, r.format)
		}
		fmt.Fprintf(stderr, "codetop: the filters (%s) kept none of the %d lines read%s\n", strings.Join(report.FilterFlags(r.filterDesc), ", "), read, hint)
	}
	if c.failSpike && snap.Parsed > 0 && snap.SpikesJudgedFrom.IsZero() {
		// Exit 0 would read as "no spike" to a cron job, when none
		// could be looked for.
		fmt.Fprintf(stderr, "codetop: --fail-on-spike: no spike judged, since the detector learns what is normal from 10 minutes of traffic first and this input has less; the exit status says nothing about spikes\n")
	}
	spikes := c.spikeExit(snap)
	if err := errors.Join(r.expandErr, readErr); err != nil {
		// Spikes found in what was read are spikes all the same: they
		// decide the status (3), which --fail-on-spike asked about, and
		// the input that failed is still named. Without them an input
		// that failed decides it (1): "no spike" is not known.
		if spikes != nil {
			return &exitError{3, errors.Join(err, spikes)}
		}
		return &exitError{1, err}
	}
	return spikes
}

// durationFlags names the flags among --since and --until given as a
// duration.
func durationFlags(since, until string) string {
	var out []string
	for _, f := range [][2]string{{"since", since}, {"until", until}} {
		if _, err := time.ParseDuration(f[1]); err == nil {
			out = append(out, "--"+f[0]+" "+f[1])
		}
	}
	return strings.Join(out, " and ")
}

// vhostHint says why --vhost may have kept nothing, from the first lines
// of the inputs: the hosts they name, or that their format has none.
func vhostHint(inputs []string, f parser.Format) string {
	p := f.NewParser()
	var e parser.Entry
	seen := map[string]int{}
	parsed := false
	// Enough lines that a host behind a first busy one is met too.
	for _, line := range source.Sample(inputs, 20_000) {
		if p.Parse(line, &e) != nil {
			continue
		}
		parsed = true
		if len(e.VHost) > 0 && (len(seen) < 1000 || seen[string(e.VHost)] > 0) {
			seen[string(e.VHost)]++
		}
	}
	// The busiest three, busiest first.
	hosts := slices.SortedFunc(maps.Keys(seen), func(a, b string) int {
		if c := cmp.Compare(seen[b], seen[a]); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	hosts = hosts[:min(3, len(hosts))]
	switch {
	case len(hosts) > 0:
		return "; the log's hosts include " + sanitize.Text(strings.Join(hosts, ", "), 120) + " (--vhost ignores case and the :port)"
	case parsed:
		return "; the log's format (" + f.Name() + ") has no host field, so --vhost keeps nothing of it"
	}
	return ""
}

// spikeExit is the exit status --fail-on-spike asks for: 3 when the report
// found spikes, for cron jobs and CI.
func (c *config) spikeExit(s *stats.Snapshot) error {
	if c.failSpike && len(s.Spikes) > 0 {
		return &exitError{3, fmt.Errorf("%d spike(s) found (--fail-on-spike)", len(s.Spikes))}
	}
	return nil
}

// meta describes the run for a report. Colour is for terminals only, and
// NO_COLOR (https://no-color.org), set and not empty, turns it off.
func (c *config) meta(inputs []string, format string, filters map[string]string) report.Meta {
	return report.Meta{
		Inputs: inputs, Format: format, Paths: c.paths, Filters: filters,
		Color: c.stdoutTerm && os.Getenv("NO_COLOR") == "",
	}
}

// readBatch reads the inputs to their ends with one parse+aggregate worker
// per core and merges what the workers counted. The caller pauses the
// collector around it and whatever it does with the result (pauseGC).
func readBatch(ctx context.Context, inputs []string, f parser.Format, opts source.Options, cfg stats.Config, filter stats.Filter) (*stats.Aggregator, error) {
	workers := make([]*stats.Worker, runtime.GOMAXPROCS(0))
	sinks := make([]source.Sink, len(workers))
	for i := range workers {
		workers[i] = stats.NewWorker(f.NewParser(), stats.New(cfg))
		workers[i].Filter = filter
		sinks[i] = workers[i]
	}
	err := source.ReadParallel(ctx, inputs, opts, sinks)
	agg := workers[0].Agg
	for _, w := range workers[1:] {
		agg.Merge(w.Agg)
	}
	return agg, err
}

func writeReport(w io.Writer, kind string, s *stats.Snapshot, m report.Meta) error {
	switch kind {
	case "json":
		return report.WriteJSON(w, s, m)
	case "csv":
		return report.WriteCSV(w, s, m)
	case "html":
		return report.WriteHTML(w, s, m)
	}
	return report.WriteText(w, s, m)
}

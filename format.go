package main

import (
	"fmt"
	"strings"

	"github.com/codetop/codetop/parser"
	"github.com/codetop/codetop/source"
)

// chooseFormat compiles --format, or with "auto" detects the format from
// the first lines of the first input whose lines it recognises, and says
// which (ref, an index in inputs; -1 when the format was given or no input
// has a line).
// When no input has a line yet (an empty or missing file to follow), the
// format is detected later, from the first line that arrives
// (parser.Deferred). When no format reads the lines there are, warning says
// so: the report's "format combined" would read as if it had been found.
func chooseFormat(spec string, inputs []string) (f parser.Format, ref int, warning string, err error) {
	if spec != "auto" {
		f, err := parser.Compile(spec)
		if err != nil {
			return nil, -1, "", &exitError{2, fmt.Errorf("--format: %v", err)}
		}
		return f, -1, "", nil
	}
	unknown, unread := -1, 0 // the first input with lines of no known format
	for i, in := range inputs {
		if unknown >= 0 && i-unknown > maxFormatChecks {
			break // a look at each costs
		}
		// Standard input is only peeked, and a pipe passed over.
		if sample := source.Sample([]string{in}, 50); len(sample) > 0 {
			if f, ok := parser.Detect(sample); ok {
				if parser.WholeNumberAfterAgent(f, sample) {
					// The way to fix it first: the dashboard's footer
					// shows the start of this line.
					warning = fmt.Sprintf("the whole number after the agent is read as no time; for Apache's %%D (µs) give "+
						"--format 'apache:%%h %%l %%u %%t \"%%r\" %%>s %%b \"%%{Referer}i\" \"%%{User-Agent}i\" %%D' (%s)", in)
				}
				return f, i, warning, nil
			}
			// A file of comments or of some other log tells nothing: the
			// inputs after it may.
			if unknown < 0 {
				unknown, unread = i, len(sample)
			}
		}
	}
	if unknown >= 0 {
		// Nothing recognisable: read anyway, so every line is counted (as
		// malformed) and the report says why.
		f, _ := parser.Compile("combined")
		return f, unknown, fmt.Sprintf("no known format reads %s of %s: its lines will count as malformed (the report says why); "+
			"give the format, such as --format 'nginx:<log_format>', 'apache:<LogFormat>' or 'json:status=KEY,path=KEY,time=KEY' (see codetop -h)", firstLines(unread), inputs[unknown]), nil
	}
	return parser.Deferred(), -1, "", nil
}

// formatWarnings names the inputs that the format f does not read. One
// format serves a whole run; a log of another format given beside the one
// it was detected from (a JSON log next to a combined one), or a --format
// that does not match the log, would only count malformed lines. The first
// lines of the inputs are looked at (source.Sample, which passes over
// pipes, and stdin when live): those after inputs[ref] when f was detected
// from it, every one when f was given (given), up to maxFormatChecks of
// them. One of which f reads fewer than half gets a warning when it reads
// as another format, or when f reads none of it and no known format does
// either (with a given format, when f reads none of it).
func formatWarnings(f parser.Format, inputs []string, ref int, given, live bool) []string {
	from := ref + 1
	switch {
	case given:
		from = 0
	case ref < 0:
		return nil
	}
	var out []string
	p := f.NewParser()
	var e parser.Entry
	for i, in := range inputs[from:] {
		if i == maxFormatChecks {
			break // a look at each costs, opened or not
		}
		if in == source.Stdin && live {
			// Live, nothing waits for its first line to arrive: a quiet
			// pipe would hold up the dashboard or the exporter.
			continue
		}
		lines := source.Sample([]string{in}, 50)
		if len(lines) == 0 {
			continue
		}
		read := 0
		for _, l := range lines {
			if p.Parse(l, &e) == nil {
				read++
			}
		}
		if read*2 >= len(lines) {
			continue
		}
		g, ok := parser.Detect(lines)
		switch {
		case ok && g.Name() != f.Name() && given:
			out = append(out, fmt.Sprintf("%s reads as %s, not as the --format given: its lines will count as malformed; try --format %s, or auto", in, g.Name(), g.Name()))
		case ok && g.Name() != f.Name():
			out = append(out, fmt.Sprintf("%s reads as %s, not as %s (detected from %s): its lines will count as malformed; read it in a run of its own, or give --format", in, g.Name(), f.Name(), inputs[ref]))
		case !ok && !given && read == 0:
			out = append(out, fmt.Sprintf("no known format reads %s of %s: its lines will count as malformed; read it in a run of its own with --format", firstLines(len(lines)), in))
		case given && read == 0:
			out = append(out, fmt.Sprintf("the --format given reads none of %s of %s: its lines will count as malformed; compare the format with a line of the log", firstLines(len(lines)), in))
		}
	}
	return out
}

// maxFormatChecks bounds the inputs formatWarnings opens: a glob over a
// directory of archives should not cost a second at start.
const maxFormatChecks = 64

// firstLines names a sample of n lines: "the first line", "the first 4 lines".
func firstLines(n int) string {
	if n == 1 {
		return "the first line"
	}
	return fmt.Sprintf("the first %d lines", n)
}

// clientWarning says when --client-from asks for X-Forwarded-For from an
// NCSA format that has none: every client then stays the address logged,
// a load balancer's as a rule.
func clientWarning(from, format string) string {
	if from == parser.ClientAddr || strings.Contains(format, "+xff") {
		return ""
	}
	for _, base := range []string{"combined", "common", "vhost_combined", "vhost_common"} {
		if format == base || strings.HasPrefix(format, base+"+") {
			with := base + "+xff" + strings.TrimPrefix(format, base)
			return fmt.Sprintf("--client-from %s: the %s format has no X-Forwarded-For field after the agent, so clients stay the addresses logged; "+
				"give --format %s if the lines end with it, or an nginx: format that names $http_x_forwarded_for", from, format, with)
		}
	}
	return ""
}

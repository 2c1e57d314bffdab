package main

import (
	"fmt"

	"github.com/codetop/codetop/parser"
	"github.com/codetop/codetop/source"
)

// chooseFormat compiles --format, or with "auto" detects the format from
// the first lines of the first input that has any, and says which (ref, an
// index in inputs; -1 when the format was given or no input has a line).
// When no input has a line yet (an empty or missing file to follow), the
// format is detected later, from the first line that arrives
// (parser.Deferred).
func chooseFormat(spec string, inputs []string) (f parser.Format, ref int, err error) {
	if spec != "auto" {
		f, err := parser.Compile(spec)
		if err != nil {
			return nil, -1, &exitError{2, fmt.Errorf("--format: %v", err)}
		}
		return f, -1, nil
	}
	for i, in := range inputs {
		// Standard input is only peeked, and a pipe passed over.
		if sample := source.Sample([]string{in}, 50); len(sample) > 0 {
			f, ok := parser.Detect(sample)
			if !ok {
				// Nothing recognisable: read anyway, so every line is
				// counted (as malformed) and the report says why.
				f, _ = parser.Compile("combined")
			}
			return f, i, nil
		}
	}
	return parser.Deferred(), -1, nil
}

// formatWarnings names the inputs that the format f, detected from
// inputs[ref], does not read. One format serves a whole run; a log of
// another format given beside it (a JSON log next to a combined one) would
// only count as malformed lines. The first lines of the inputs after ref
// are looked at (source.Sample, which passes over pipes), up to
// maxFormatChecks of them, and one of which f reads fewer than half, and
// which reads as another format, gets a warning.
func formatWarnings(f parser.Format, inputs []string, ref int) []string {
	if ref < 0 {
		return nil
	}
	var out []string
	p := f.NewParser()
	var e parser.Entry
	for i, in := range inputs[ref+1:] {
		if i == maxFormatChecks {
			break // a look at each costs, opened or not
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
		if g, ok := parser.Detect(lines); ok && g.Name() != f.Name() {
			out = append(out, fmt.Sprintf("%s reads as %s, not as %s (detected from %s): its lines will count as malformed; read it in a run of its own, or give --format", in, g.Name(), f.Name(), inputs[ref]))
		}
	}
	return out
}

// maxFormatChecks bounds the inputs formatWarnings opens: a glob over a
// directory of archives should not cost a second at start.
const maxFormatChecks = 64

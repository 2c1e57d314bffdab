package report

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/codetop/codetop/sanitize"
	"github.com/codetop/codetop/stats"
)

// pathWidth is how many runes of a path the text report shows, so that a
// row fits 100 columns.
const pathWidth = 48

// WriteText writes the human-readable report.
func WriteText(w io.Writer, s *stats.Snapshot, m Meta) error {
	ew := &errWriter{w: w}
	ew.printf("codetop report\n")
	ew.printf("  inputs     %s\n", sanitize.Text(strings.Join(m.Inputs, " "), 90))
	ew.printf("  format     %s\n", m.Format)
	ew.printf("  lines      %d (parsed %d, malformed %d)\n", s.Lines, s.Parsed, s.Malformed)
	if !s.First.IsZero() {
		ew.printf("  time span  %s .. %s (%s)\n", rfc3339(s.First), rfc3339(s.Last), s.Last.Sub(s.First))
	}

	ew.printf("\nClasses\n")
	tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "class\tcount\tshare\t\n")
	for i, name := range stats.ClassNames {
		if name == "other" && s.Classes[i] == 0 {
			continue
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t\n", name, s.Classes[i], share(s.Classes[i], s.Parsed))
	}
	tw.Flush()

	ew.printf("\nCodes\n")
	tw = tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "code\tcount\tshare\n")
	for _, c := range s.Codes {
		fmt.Fprintf(tw, "%s\t%d\t%s\n", codeKey(c.Code), c.Count, share(c.Count, s.Parsed))
	}
	tw.Flush()

	paths := limitPaths(s.Paths, m.Paths)
	if len(paths) > 0 {
		ew.printf("\nTop paths\n")
		tw = tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
		fmt.Fprintf(tw, "requests\terrors\tpath\n")
		for _, p := range paths {
			var errs int64
			for _, c := range p.Codes {
				if c.Code >= 400 {
					errs += c.Count
				}
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\n", p.Total, share(errs, p.Total), sanitize.Text(p.Path, pathWidth))
		}
		tw.Flush()
	}

	if len(s.Malformations) > 0 {
		ew.printf("\nMalformed lines\n")
		for _, mf := range s.Malformations {
			ew.printf("  %d  %s\n", mf.Count, mf.Reason)
			for _, smp := range mf.Samples {
				ew.printf("      %s:%d  %s\n", sanitize.Text(smp.Input, 30), smp.Line, sanitize.Text(smp.Excerpt, 60))
			}
		}
	}
	return ew.err
}

func share(n, total int64) string {
	if total == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(n)/float64(total))
}

// errWriter keeps the first write error so the report code can stay linear.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

func (e *errWriter) printf(format string, args ...any) {
	fmt.Fprintf(e, format, args...)
}

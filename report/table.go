package report

import (
	"strings"

	"github.com/codetop/codetop/sanitize"
	"github.com/codetop/codetop/stats"
)

// Width is the most columns a line of the text report takes.
const Width = 100

// table lays out rows of plain cells in aligned columns. It measures cells
// in terminal columns (a path in Chinese takes two per character) and
// before colouring them, which text/tabwriter cannot do: escape sequences
// would count as width there and misalign every coloured row.
type table struct {
	indent string
	right  []bool // per column: right-aligned (numbers)
	rows   [][]string
	colour []func(string) string // per row: applied to the padded row, may be nil
	// last, when true, lets the final column take whatever width is left
	// (cut with an ellipsis) so that no line passes Width.
	last bool
	// cutWords cuts the last column at a word boundary, for prose.
	cutWords bool
}

func newTable(right ...bool) *table { return &table{indent: "  ", right: right, last: true} }

func (t *table) add(colour func(string) string, cells ...string) {
	t.rows = append(t.rows, cells)
	t.colour = append(t.colour, colour)
}

func (t *table) write(ew *errWriter) {
	if len(t.rows) == 0 {
		return
	}
	n := len(t.right)
	widths := t.widths()
	if t.last && n > 0 {
		widths[n-1] = min(widths[n-1], t.lastRoom())
	}
	var b strings.Builder
	for ri, r := range t.rows {
		b.Reset()
		b.WriteString(t.indent)
		for i := 0; i < n; i++ {
			c := ""
			if i < len(r) {
				c = r[i]
			}
			if t.cutWords && i == n-1 {
				c = cutAtWord(c, widths[i])
			} else {
				c = cut(c, widths[i])
			}
			pad := strings.Repeat(" ", max(widths[i]-sanitize.Columns(c), 0))
			if i == n-1 && !t.right[i] {
				pad = "" // no trailing blanks
			}
			if t.right[i] {
				b.WriteString(pad + c)
			} else {
				b.WriteString(c + pad)
			}
			if i < n-1 {
				b.WriteString("  ")
			}
		}
		line := strings.TrimRight(b.String(), " ")
		if f := t.colour[ri]; f != nil {
			line = f(line)
		}
		ew.printf("%s\n", line)
	}
}

// widths are the columns' widths: their widest cells.
func (t *table) widths() []int {
	widths := make([]int, len(t.right))
	for _, r := range t.rows {
		for i := 0; i < len(widths) && i < len(r); i++ {
			widths[i] = max(widths[i], sanitize.Columns(r[i]))
		}
	}
	return widths
}

// lastRoom is the width the last column gets with the rows added so far:
// what the other columns leave of Width.
func (t *table) lastRoom() int {
	widths := t.widths()
	used := len(t.indent)
	for i := 0; i < len(widths)-1; i++ {
		used += widths[i] + 2
	}
	return max(Width-used, 8)
}

// cut shortens s to at most n columns, marking the cut with an ellipsis.
func cut(s string, n int) string {
	if n <= 0 {
		return ""
	}
	return sanitize.Fit(s, n)
}

// cutAtWord is cut for prose: it ends at the last whole word that fits.
func cutAtWord(s string, n int) string {
	if sanitize.Columns(s) <= n {
		return s
	}
	h := sanitize.Head(s, max(n-1, 0))
	if sp := strings.LastIndexByte(h, ' '); sp >= 0 && sanitize.Columns(h[:sp]) > n/2 {
		return strings.TrimRight(h[:sp], " ,;:") + "…"
	}
	return h + "…"
}

// showPath makes a logged path printable: sanitised, cut to max runes
// (0 = no limit), and stats.NoPath when empty.
func showPath(p string, max int) string {
	if p == "" {
		return stats.NoPath
	}
	return sanitize.Text(p, max)
}

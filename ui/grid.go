package ui

import (
	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"
)

// column describes one column of a table: its heading, how wide its cells
// get, and how to render a row into it. Columns are chosen per width: the
// ones with the lowest prio that fit are shown, in their declared order, and
// the flexible column (a path, a name) gets what is left.
type column[R any] struct {
	title string
	width int // widest cell; for the flexible column, the least it needs
	prio  int // lower is kept longer when the pane is narrow
	flex  bool
	left  bool // align left (text); numbers align right
	// cell renders r in at most w columns. Untrusted text must go
	// through Sanitize here, with w as its width.
	cell func(r *R, w int) (string, tcell.Style)
}

// grid is a read-only tview.TableContent over rows the dashboard copied out
// of a snapshot: the table asks for the cells it is about to draw, so a
// table of ten thousand paths costs what its visible rows cost.
type grid[R any] struct {
	tview.TableContentReadOnly
	cols  []column[R]
	rows  []R
	shown []int // indexes into cols, for the current width
	flexW int   // width given to the flexible column
	head  tcell.Style
}

// fit chooses the columns for an inner width of w cells, measuring the
// rows first to first+n (the ones on screen, as tview sizes columns by the
// rows it draws): narrow numbers leave room for a longer path. One cell of
// padding separates columns.
func (g *grid[R]) fit(w, first, n int) {
	widths := make([]int, len(g.cols))
	flex := -1
	for i := range g.cols {
		c := &g.cols[i]
		if c.flex {
			flex = i
			widths[i] = c.width
			continue
		}
		widths[i] = width(c.title)
		for r := max(first, 0); r < min(first+n, len(g.rows)); r++ {
			text, _ := c.cell(&g.rows[r], c.width)
			widths[i] = max(widths[i], width(text))
		}
	}
	keep := make([]bool, len(g.cols))
	used := 0
	if flex >= 0 {
		keep[flex] = true
		used = widths[flex]
	}
	// Add columns by priority while they fit.
	for p := 0; p < 10; p++ {
		for i, c := range g.cols {
			if c.prio == p && !c.flex && used+1+widths[i] <= w {
				keep[i] = true
				used += 1 + widths[i]
			}
		}
	}
	g.shown = g.shown[:0]
	for i, k := range keep {
		if k {
			g.shown = append(g.shown, i)
		}
	}
	if flex >= 0 {
		g.flexW = widths[flex] + max(0, w-used)
	}
}

func (g *grid[R]) GetRowCount() int    { return len(g.rows) + 1 }
func (g *grid[R]) GetColumnCount() int { return len(g.shown) }

func (g *grid[R]) GetCell(row, col int) *tview.TableCell {
	// tview asks for cells outside the table too: a click on its border or
	// below its last row comes with row -1 or past the end.
	if row < 0 || col < 0 || col >= len(g.shown) {
		return nil
	}
	c := &g.cols[g.shown[col]]
	w := c.width
	if c.flex {
		w = g.flexW
	}
	var cell *tview.TableCell
	if row == 0 {
		cell = tview.NewTableCell(tview.Escape(c.title)).SetStyle(g.head).SetSelectable(false)
	} else {
		if row-1 >= len(g.rows) {
			return nil
		}
		text, style := c.cell(&g.rows[row-1], w)
		cell = tview.NewTableCell(text).SetStyle(style)
	}
	if c.flex {
		cell.SetExpansion(1)
	}
	if !c.left {
		cell.SetAlign(tview.AlignRight)
	}
	return cell
}

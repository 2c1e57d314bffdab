package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"

	"github.com/codetop/codetop/codes"
	"github.com/codetop/codetop/stats"
	"github.com/codetop/codetop/units"
)

// tag turns a style into a tview colour tag, for the text views.
func tag(s tcell.Style) string {
	fg, bg, attr := s.Decompose()
	name := func(c tcell.Color) string {
		if c == tcell.ColorDefault {
			return "-"
		}
		return c.String()
	}
	flags := ""
	if attr&tcell.AttrBold != 0 {
		flags += "b"
	}
	if attr&tcell.AttrDim != 0 {
		flags += "d"
	}
	if attr&tcell.AttrReverse != 0 {
		flags += "r"
	}
	if attr&tcell.AttrUnderline != 0 {
		flags += "u"
	}
	if flags == "" {
		flags = "-"
	}
	return "[" + name(fg) + ":" + name(bg) + ":" + flags + "]"
}

const reset = "[-:-:-]"

// banner is the third header line: a red (reverse without colour) banner
// while a spike is active, the SLO burn and the 5xx share otherwise.
func (d *Dashboard) banner(w int) string {
	s, t := d.snap, d.theme
	sp, n, ok := leadSpike(s)
	if !ok {
		w5 := windowRate(s, d.choice.window)
		line := "no active spike"
		if learning(s) {
			// An empty spike list is no all-clear before the detector has
			// learnt what is normal: a log opened during an outage would
			// otherwise read as calm.
			// Short, as it may follow the page banner. The detector counts
			// minutes that had traffic, the first one partial: "about".
			line = fmt.Sprintf("no spike judged yet: learning what is normal (%s of about %s)",
				units.Span(s.AsOf().Sub(s.First).Truncate(time.Second)), units.Span(stats.LearnTime))
		}
		if s.Burn.Page {
			return d.pageBanner(w, line)
		}
		if w5.Total > 0 {
			line += " · 5xx " + percent(float64(w5.Classes[5])/float64(w5.Total)) + " in " + windowName(d.choice.window)
		}
		if b := s.Burn.Rate(time.Hour); b != nil && s.Burn.Objective > 0 {
			line += fmt.Sprintf(" · SLO %s burn 1h %s×", percent(s.Burn.Objective), rate(b.Rate))
		}
		if ended := len(s.Spikes); ended > 0 {
			line += fmt.Sprintf(" · %d in history", ended)
		}
		return tag(t.calm) + tview.Escape(line) + reset
	}
	// Where it fails comes before how hard: on a narrow screen the
	// client or the path is what the operator acts on, and the rates are
	// what gets cut. The code's name gives way when the client or the
	// path would not fit whole with it (the explanation pane has it).
	where := ""
	if on := spikeWhereShares(&sp); strings.HasPrefix(on, "in ") {
		where = " · " + on // in blog-access.log · /broken
	} else if on != "" {
		where = " · on " + on
	}
	// A spike stays active for its hold time after its last hot minute;
	// once its errors have stopped for half a minute, the banner says
	// since when, before anything else: "is it over?" is what is asked
	// right after a fix.
	// Both are measured to the newest line of all traffic: with --status
	// 5xx, the newest line kept is the spike's last error, and the banner
	// would stand still at it.
	quiet := ""
	if !sp.LastSeen.IsZero() && s.AsOf().Sub(sp.LastSeen) >= QuietAfter {
		quiet = " · none since " + clock(sp.LastSeen, spansDays(s))
	}
	head := func(name string) string {
		return fmt.Sprintf(" ▲ SPIKE %s %s (%s)", name, d.spikeSince(&sp), units.Span(sp.Duration(s.AsOf()))) + quiet + where
	}
	text := head(sp.Kind)
	if code, isCode := spikeCode(sp); isCode {
		if named := head(sp.Kind + " " + codes.Name(code)); tview.TaggedStringWidth(Sanitize(named, 4*w)) <= w {
			text = named
		}
	}
	text += fmt.Sprintf(" · peak %s/min, normally %s/min", rate(sp.PeakPerMin), rate(sp.BaselinePerMin))
	if n > 1 {
		text += fmt.Sprintf(" · +%d more", n-1)
	}
	return d.alert(text, w)
}

// learning reports whether the spike detector has yet to judge a minute of
// an input that has entries with times.
func learning(s *stats.Snapshot) bool {
	return s.SpikesJudgedFrom.IsZero() && !s.First.IsZero()
}

// pageBanner is the banner while the SLO's paging alert holds (5xx burn at
// 14.4x or more over both 1h and 5m) and no spike is active: an outage
// that was going on when the log began is normal to the detector, but
// not to the objective. calm is what the calm banner would have said.
func (d *Dashboard) pageBanner(w int, calm string) string {
	s := d.snap
	text := fmt.Sprintf(" ▲ SLO %s PAGE · 5xx burn the error budget", percent(s.Burn.Objective))
	if b1, b5 := s.Burn.Rate(time.Hour), s.Burn.Rate(5*time.Minute); b1 != nil && b5 != nil {
		text += fmt.Sprintf(" %s× over 1h, %s× over 5m", rate(b1.Rate), rate(b5.Rate))
		if b5.Total > 0 {
			text += " · " + percent(float64(b5.Errors)/float64(b5.Total)) + " of requests in 5m"
		}
	}
	return d.alert(text+" · "+calm, w)
}

// alert is text in the banner's style across the whole width, cut to it.
func (d *Dashboard) alert(text string, w int) string {
	shown := Sanitize(text, w)
	return tag(d.theme.banner) + shown + strings.Repeat(" ", max(0, w-tview.TaggedStringWidth(shown))) + reset
}

// renderFooter shows a passing message, or the keys. It reports whether
// that changed.
func (d *Dashboard) renderFooter() bool {
	_, _, w, _ := d.keyLine.GetInnerRect()
	if w <= 0 {
		w = 80
	}
	if d.message != "" {
		return setText(d.keyLine, &d.footerText, tag(d.theme.warn)+Sanitize(d.message, w)+reset)
	}
	return setText(d.keyLine, &d.footerText, helpLine(d.keys, w, tag(d.theme.head)))
}

// drawClasses draws the classes pane: count, share and rate in the window,
// and a sparkline of each class over the window.
func (d *Dashboard) drawClasses(screen tcell.Screen, x, y, w, h int) (int, int, int, int) {
	ix, iy, iw, ih := x+1, y+1, w-2, h-2
	t := d.theme
	for i, r := range d.classRows {
		if i >= ih {
			break
		}
		left := fmt.Sprintf("%-5s %7s %6s %7s/s ", stats.ClassNames[r.class], countIn(r.count, 7), percent(r.share), rate(r.perSec))
		cols := iw - width(left) - 1 // a blank before the border
		line := tag(t.classStyle(r.class)) + left[:5] + reset + left[5:]
		if cols > 0 {
			line += tag(t.classStyle(r.class)) + sparkline(r.series, cols) + reset
		}
		tview.Print(screen, line, ix, iy+i, iw, tview.AlignLeft, tcell.ColorDefault)
	}
	return ix, iy, iw, ih
}

// renderExplain fills the explanation pane for the selected code: the
// reference entry, then what this log says about the code.
func (d *Dashboard) renderExplain(w int) {
	if d.selCode < 0 {
		d.explain.SetTitle(" Explanation ")
		d.setExplain("Select a code to see what it means, its usual causes and what to check.")
		return
	}
	e := codes.Lookup(d.selCode)
	// The title names the code; the body starts with what it means, then
	// what this log shows of it, then the reference's causes and checks.
	about := e.Class
	if e.Source != "" {
		about += ", " + e.Source
	}
	d.explain.SetTitle(" " + Sanitize(codes.Label(e.Code)+" "+e.Name+" · "+about, max(10, w-4)) + " ")
	body := codes.Format(e, max(20, w))
	_, body, _ = strings.Cut(body, "\n\n") // the heading, which the title shows
	meaning, rest, _ := strings.Cut(body, "\n\n")
	var b strings.Builder
	b.WriteString(tag(d.theme.title) + tview.Escape(meaning) + reset + "\n")
	if ctx := d.codeContext(d.selCode); ctx != "" {
		b.WriteString(tag(d.theme.warn) + Sanitize(ctx, 0) + reset + "\n")
	}
	b.WriteString("\n" + tview.Escape(rest))
	d.setExplain(b.String())
}

func (d *Dashboard) setExplain(text string) {
	if text == d.explained {
		return
	}
	d.explained = text
	if d.selCode == d.explainedCode {
		// The same code with new counts (a snapshot a few times a second
		// while lines arrive): the reader keeps their place.
		row, col := d.explain.GetScrollOffset()
		d.explain.SetText(text).ScrollTo(row, col)
		return
	}
	d.explainedCode = d.selCode
	d.explain.SetText(text).ScrollToBeginning()
}

// codeContext says what the log shows of a code right now: its count and
// rate in the window, against its baseline, and the spike it is part of.
func (d *Dashboard) codeContext(code int) string {
	var r *codeRow
	for i := range d.codeGrid.rows {
		if d.codeGrid.rows[i].code == code {
			r = &d.codeGrid.rows[i]
		}
	}
	if r == nil {
		return ""
	}
	s := fmt.Sprintf("Here: %s in %s (%s), %s/min", thousands(r.count), windowName(d.choice.window), percent(r.share), rate(r.perMin))
	if r.trended {
		s += fmt.Sprintf(", normally %s/min", rate(r.basePerMin))
	}
	s += "."
	for _, sp := range d.snap.ActiveSpikes() {
		if spikeCovers([]stats.Spike{sp}, code) {
			s += fmt.Sprintf(" Spike (%s) %s", sp.Kind, d.spikeSince(&sp))
			if len(sp.TopPaths) > 0 {
				paths := make([]string, len(sp.TopPaths))
				for i, p := range sp.TopPaths {
					paths[i] = pathName(p)
				}
				s += ", on " + topList(paths, sp.TopPathCounts, 3)
			}
			s += "."
			break
		}
	}
	return s
}

// pathName shows the empty path of a request that had none (a TLS
// handshake sent to the plain port, a "-" request) as the text report and
// the metrics do.
func pathName(p string) string {
	if p == "" {
		return stats.NoPath
	}
	return p
}

// topList names up to n of a spike's heaviest paths or clients, with their
// counts when the snapshot has them: "/api/orders (166), /login (2)".
func topList(names []string, counts []int64, n int) string {
	parts := make([]string, 0, n)
	for i, name := range names[:min(n, len(names))] {
		if i < len(counts) {
			name += " (" + thousands(counts[i]) + ")"
		}
		parts = append(parts, name)
	}
	return strings.Join(parts, ", ")
}

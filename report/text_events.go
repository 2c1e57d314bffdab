package report

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/codetop/codetop/codes"
	"github.com/codetop/codetop/sanitize"
	"github.com/codetop/codetop/stats"
	"github.com/codetop/codetop/units"
)

// The parts of the text report about time: latency, error-budget burn and
// the spikes timeline.

func writeLatency(ew *errWriter, p painter, s *stats.Snapshot) {
	if s.LatencyAll.Count == 0 {
		return
	}
	ew.printf("\n%s\n", p.bold("Latency (request time in ms, quantiles within 2%)"))
	t := newTable(false, true, true, true, true, true)
	t.add(p.dim, "class", "requests", "p50", "p90", "p99", "max")
	row := func(colour func(string) string, name string, q stats.Quantiles) {
		t.add(colour, name, strconv.FormatInt(q.Count, 10), msText(q.P50, q.Count), msText(q.P90, q.Count),
			msText(q.P99, q.Count), msText(q.Max, q.Count))
	}
	row(nil, "all", s.LatencyAll)
	for i, class := range stats.ClassNames {
		if s.Latency[i].Count > 0 {
			row(p.class(class), class, s.Latency[i])
		}
	}
	t.write(ew)
	if n := s.LatencyAll.Count; n < s.Parsed {
		ew.printf("  %s\n", p.dim(fmt.Sprintf("%d of the %d requests had a time logged; the others are not in these figures", n, s.Parsed)))
	}
}

// msText writes a duration in milliseconds with a precision that suits
// its size; "-" when nothing was measured.
func msText(d time.Duration, n int64) string {
	if n == 0 {
		return "-"
	}
	v := float64(d.Microseconds()) / 1000
	switch {
	case v >= 1000:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case v >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

func writeBurn(ew *errWriter, p painter, s *stats.Snapshot) {
	b := s.Burn
	if len(b.Windows) == 0 {
		return
	}
	objective := strconv.FormatFloat(100*b.Objective, 'f', -1, 64)
	ew.printf("\n%s\n", p.bold("Error budget (5xx against a "+objective+"% objective, windows ending at the last entry)"))
	t := newTable(false, true, true, true, false)
	t.add(p.dim, "window", "requests", "5xx", "burn rate", "")
	for _, w := range b.Windows {
		note := ""
		if w.Span < w.Window {
			note = "the log covers only " + units.Span(w.Span)
		}
		var colour func(string) string
		if w.Rate >= 6 {
			colour = p.class("5xx")
		}
		t.add(colour, units.Step(w.Window), strconv.FormatInt(w.Total, 10), strconv.FormatInt(w.Errors, 10),
			strconv.FormatFloat(w.Rate, 'f', 1, 64), note)
	}
	t.write(ew)
	covered := func(i int) bool { return len(b.Windows) > i && b.Windows[i].Span >= b.Windows[i].Window }
	switch {
	case b.Page:
		ew.printf("  %s\n", p.class("5xx")("page: 1h and 5m both burn at 14.4x or more"))
	case b.Ticket:
		ew.printf("  %s\n", p.class("4xx")("ticket: 6h and 30m both burn at 6x or more"))
	case !covered(0):
		ew.printf("  no alert judged: paging needs 5m of log, ticketing 30m\n")
	case !covered(1):
		ew.printf("  below the paging threshold (14.4x over 1h and 5m); ticketing needs 30m of log\n")
	case len(b.Windows) == 4 && (b.Windows[2].Rate >= 14.4 || b.Windows[3].Rate >= 6):
		// A long window over its threshold and its short one under it:
		// the budget burned, and the burn has stopped. "Below both" would
		// read as a calm log.
		var over []string
		rate := func(w stats.BurnWindow) string {
			return units.Step(w.Window) + " at " + strconv.FormatFloat(w.Rate, 'f', 1, 64) + "x"
		}
		if w := b.Windows; w[2].Rate >= 14.4 {
			over = append(over, rate(w[2])+" but "+rate(w[0]))
		}
		if w := b.Windows; w[3].Rate >= 6 {
			over = append(over, rate(w[3])+" but "+rate(w[1]))
		}
		ew.printf("  no alert: the burn has slowed or stopped by the last entry (%s)\n", strings.Join(over, "; "))
	default:
		ew.printf("  below both multiwindow alert thresholds (14.4x over 1h and 5m, 6x over 6h and 30m)\n")
	}
}

func writeSpikes(ew *errWriter, p painter, s *stats.Snapshot) {
	ew.printf("\n%s\n", p.bold("Spikes"))
	// What the detector could not judge is said: an empty list after too
	// little traffic to learn from is not "nothing rose".
	learn := int(stats.LearnTime.Minutes())
	judged := s.SpikesJudgedFrom
	if len(s.Spikes) == 0 {
		switch {
		case judged.IsZero() && s.First.IsZero():
			ew.printf("  none judged: no line was read as a request with a time\n")
		case judged.IsZero():
			ew.printf("  none judged: the detector learns what is normal from %d minutes of traffic first,\n", learn)
			ew.printf("  and this input has less; read a longer span (--since 1h, or the whole log)\n")
		case judged.After(s.First):
			ew.printf("  none from %s on: no class or code rose far above its own baseline\n", clock(judged, s.First))
			ew.printf("  (the %d minutes of traffic before taught the detector what is normal)\n", learn)
		default:
			ew.printf("  none: no class or code rose far above its own baseline\n")
		}
		return
	}
	t := newTable(false, false, false, true, true, true, false)
	t.add(p.dim, "start", "until", "kind", "count", "base/min", "peak/min", "where (share)")
	type row struct {
		cells []string
		where []string
	}
	rows := make([]row, 0, len(s.Spikes))
	for _, sp := range s.Spikes {
		// A spike going on at the last entry read: a report reads to the
		// end of its input (or range), and cannot tell whether it stopped
		// after, so it says where it was seen last, as the dashboard does.
		until := "at end"
		if !sp.Active && !sp.End.IsZero() {
			until = clockSec(sp.End, sp.Start)
		}
		r := row{cells: []string{sp.Start.UTC().Format("2006-01-02 15:04:05Z"), until, sanitize.Text(sp.Kind, 8),
			strconv.FormatInt(sp.Count, 10), perMin(sp.BaselinePerMin), perMin(sp.PeakPerMin)}, where: dominant(sp)}
		rows = append(rows, r)
		t.add(nil, r.cells...)
	}
	// The where column is not cut: what does not fit goes on to the
	// lines below, in its column. The other columns are laid out first,
	// to know its room.
	room := t.lastRoom()
	t.rows, t.colour = t.rows[:1], t.colour[:1]
	for i, r := range rows {
		colour := p.class(kindClass(s.Spikes[i].Kind))
		lines := wrapParts(r.where, room)
		t.add(colour, append(r.cells, lines[0])...)
		for _, l := range lines[1:] {
			t.add(colour, "", "", "", "", "", "", l)
		}
	}
	t.write(ew)
	if !judged.After(s.First) {
		return
	}
	// A spike that was going on when judging began is flagged from then,
	// with what came after: its start and count may not be the incident's.
	for _, sp := range s.Spikes {
		if sp.Start.Before(judged.Add(time.Minute)) {
			ew.printf("  %s\n", p.dim(fmt.Sprintf("the %s spike starts as judging did, at %s: it may have begun earlier;", sanitize.Text(sp.Kind, 8), clock(judged, s.First))))
			ew.printf("  %s\n", p.dim(fmt.Sprintf("the detector first learns from %d minutes of traffic; read from earlier to see it whole", learn)))
			return
		}
	}
	// Otherwise the minutes before judging went unjudged: an incident in
	// them, over before judging began, is in no row above. One line, as
	// most logs start with those minutes.
	ew.printf("  %s\n", p.dim(fmt.Sprintf("judged from %s on: the %d minutes of traffic before it taught the detector what is normal", clock(judged, s.First), learn)))
}

// dominant lists a spike's heaviest paths with their share of it, after
// the codes a class spike is made of: "(502 500) /api/orders 99%, /cart 1%",
// and first the client, when one address makes half of it or more: "client
// 203.0.113.9 98% · /login 100%". It returns the list in pieces that end
// where a line may break.
func dominant(sp stats.Spike) []string {
	var parts []string
	if in, ok := sp.MainInput(); ok {
		parts = append(parts, "in "+sanitize.Text(in, 45)+" "+partOf(sp.TopInputCounts[0], sp.Count)+" ·")
	}
	if cl, ok := sp.MainClient(); ok {
		parts = append(parts, "client "+sanitize.Text(cl, 45)+" "+partOf(sp.TopClientCounts[0], sp.Count)+" ·")
	}
	codesPart := ""
	if len(sp.TopCodes) > 0 {
		cs := make([]string, 0, 3)
		for _, c := range sp.TopCodes[:min(3, len(sp.TopCodes))] {
			cs = append(cs, codes.Label(c.Code))
		}
		codesPart = "(" + strings.Join(cs, " ") + ") "
	}
	var paths []string
	for i, path := range sp.TopPaths {
		item := showPath(path, 40)
		if i < len(sp.TopPathCounts) && sp.Count > 0 {
			if 100*sp.TopPathCounts[i] < sp.Count && i > 0 {
				break // the rest carry less than 1% each: noise, not news
			}
			item += " " + partOf(sp.TopPathCounts[i], sp.Count)
		}
		paths = append(paths, item)
	}
	if len(paths) > 0 && manyPaths(sp) {
		// A piece of its own, so that a narrow column breaks after it
		// rather than cutting the path's share.
		parts = append(parts, codesPart+"many paths, top")
		codesPart = ""
	}
	for i, p := range paths {
		if i == 0 {
			p = codesPart + p
		}
		if i < len(paths)-1 {
			p += ","
		}
		parts = append(parts, p)
	}
	if len(paths) == 0 && codesPart != "" {
		parts = append(parts, strings.TrimSpace(codesPart))
	}
	return parts
}

// manyPaths reports whether no path carries a fifth of a spike (a
// scanner's 404s over a thousand paths): its top path is then one of many,
// not where it is, and the reports say so, as the dashboard does.
func manyPaths(sp stats.Spike) bool {
	return len(sp.TopPathCounts) > 0 && sp.Count > 0 && sp.TopPathCounts[0]*5 < sp.Count
}

// partOf is n's share of a spike's total, to a tenth of a percent as the
// dashboard shows it: 62.6% and 37.4%, not 62% and 37%.
func partOf(n, total int64) string {
	pct := 100 * float64(n) / float64(total)
	if pct >= 99.95 {
		return "100%"
	}
	return strconv.FormatFloat(pct, 'f', 1, 64) + "%"
}

// wrapParts packs pieces, joined by spaces, into lines of at most room
// columns; a piece wider than room has a line of its own (and is cut).
func wrapParts(parts []string, room int) []string {
	var lines []string
	cur := ""
	for _, p := range parts {
		switch {
		case cur == "":
			cur = p
		case sanitize.Columns(cur)+1+sanitize.Columns(p) <= room:
			cur += " " + p
		default:
			lines = append(lines, cur)
			cur = p
		}
	}
	if cur != "" || len(lines) == 0 {
		lines = append(lines, cur)
	}
	return lines
}

// clock writes end as a time of day to the minute, with its date only
// when it differs from start's, so a row stays short.
func clock(end, start time.Time) string { return dayClock(end, start, "15:04Z") }

// clockSec is clock to the second, for the starts and ends of spikes,
// which are that precise.
func clockSec(end, start time.Time) string { return dayClock(end, start, "15:04:05Z") }

func dayClock(end, start time.Time, layout string) string {
	end, start = end.UTC(), start.UTC()
	if end.YearDay() == start.YearDay() && end.Year() == start.Year() {
		return end.Format(layout)
	}
	return end.Format("2006-01-02 " + layout)
}

func perMin(f float64) string {
	if f >= 100 {
		return strconv.FormatFloat(f, 'f', 0, 64)
	}
	return strconv.FormatFloat(f, 'f', 1, 64)
}

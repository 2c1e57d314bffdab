package stats

import (
	"github.com/codetop/codetop/parser"
)

// Worker is the goroutine-local glue of the hot path: it parses each line
// and counts it in its own Aggregator, so that fields can point into the read
// buffer. It implements the line sink the source package feeds.
type Worker struct {
	Agg *Aggregator
	// Filter, when active, drops entries before they are counted.
	Filter Filter

	parser parser.Parser
	entry  parser.Entry

	chunk     int   // current chunk sequence number; noChunk before the first
	chunkLine int64 // lines seen in the current chunk
	input     string
	_         cacheLinePad
}

// cacheLinePad ends the structs a worker writes to on every line (the
// Worker and its Aggregator), which a batch read allocates for all its
// workers one after the other. Without it the end of one could share a
// 64-byte cache line with the start of the next, and two cores writing the
// same line would take it from each other on every line (false sharing,
// which cost the parsers up to a tenth of a run's CPU). With 64 bytes of
// nothing after the last field, two padded objects never share a line that
// either of them writes.
type cacheLinePad [64]byte

// NewWorker returns a Worker that parses with p into agg.
func NewWorker(p parser.Parser, agg *Aggregator) *Worker {
	return &Worker{Agg: agg, parser: p, chunk: noChunk}
}

// noChunk is the chunk of a Worker that has not begun one: chunk 0 may
// already be in its Aggregator, merged from another, and finishing "the
// current chunk" must not write over that chunk's line count.
const noChunk = -1

// Begin is called before the lines of a chunk: seq orders chunks across all
// inputs, first says whether this chunk starts its input (line 1). A seq
// begun before is resumed: its line numbers continue.
func (w *Worker) Begin(input string, seq int, first bool) {
	w.finishChunk()
	w.input, w.chunk = input, seq
	w.chunkLine = w.Agg.chunks.begin(seq, input, first)
	w.Agg.enterInput(input)
}

// End closes the current chunk.
func (w *Worker) End() { w.finishChunk() }

func (w *Worker) finishChunk() {
	if w.chunk == noChunk {
		return
	}
	if w.chunkLine > 0 || w.Agg.chunks.has(w.chunk) {
		w.Agg.chunks.setLines(w.chunk, w.chunkLine)
	}
}

// Line parses and counts one line (without its newline).
func (w *Worker) Line(b []byte) {
	w.chunkLine++
	w.Agg.read++
	if err := w.parser.Parse(b, &w.entry); err != nil {
		w.Agg.addMalformed(w.input, w.chunk, w.chunkLine, reasonOf(err), b)
		return
	}
	if w.Filter.Active() {
		w.Agg.traffic = w.Filter.Status != nil
		if w.Filter.PathRegexp != nil {
			// The expression sees the path as the report shows it
			// (/users/:id/cart).
			w.entry.Path = w.Agg.shownPath(w.entry.Path)
		}
		if !w.Filter.Match(&w.entry) {
			w.Agg.filteredLast = max(w.Agg.filteredLast, w.entry.Time)
			if to := w.Filter.To; to != 0 && w.entry.Time >= to {
				w.Agg.passedTo = to
			}
			switch {
			case w.Filter.Status != nil && w.Filter.matchExceptStatus(&w.entry):
				w.Agg.addTraffic(w.entry.Time)
				if errorKind(w.entry.Status) {
					// An error --status left out is still one of the
					// log's errors: whether a spike's client sends
					// every error is judged on all of them.
					w.Agg.attr.countClient(w.Agg.attr.clients.id(w.entry.Client))
				}
			case w.Filter.inLeadIn(&w.entry):
				w.Agg.addLeadIn(&w.entry, w.Filter.Status, w.Filter.From)
			}
			return
		}
	}
	w.Agg.Add(&w.entry)
}

// TooLong counts a line the reader skipped for its length.
func (w *Worker) TooLong(prefix []byte) {
	w.chunkLine++
	w.Agg.read++
	w.Agg.addMalformed(w.input, w.chunk, w.chunkLine, ReasonTooLong, prefix)
}

// Cut counts the start of a line its input broke off in (a truncated
// archive): a malformed line, not one read as if whole.
func (w *Worker) Cut(start []byte) {
	w.chunkLine++
	w.Agg.read++
	w.Agg.addMalformed(w.input, w.chunk, w.chunkLine, ReasonCut, start)
}

// ReasonTooLong is the malformed reason for lines over the length limit.
const ReasonTooLong = "line too long"

// ReasonCut is the malformed reason for the line an input broke off in.
const ReasonCut = "cut off where the input broke"

func reasonOf(err error) string {
	if pe, ok := err.(*parser.Error); ok {
		return pe.Reason
	}
	return err.Error()
}

func (a *Aggregator) addMalformed(input string, chunk int, local int64, reason string, b []byte) {
	a.lines++
	a.malformed++
	// Only the first few per reason are kept: copying the excerpt for the
	// others would be wasted work (and an allocation per bad line).
	for i := range a.bad.reasons {
		r := &a.bad.reasons[i]
		if r.reason == reason && len(r.samples) >= a.cfg.SamplesPerReason {
			r.count++
			return
		}
	}
	if len(b) > excerptLen {
		b = b[:excerptLen]
	}
	a.bad.add(reason, Sample{Input: input, Line: local, Reason: reason, Excerpt: string(b), chunk: chunk}, a.cfg.SamplesPerReason)
}

package parser

import "time"

// tunedFormat is a format whose parsers are told something the format
// alone does not say: the zone of times written without one (InZone), and
// whether to leave out what codetop does not count (Counted), where the
// client comes from (ClientFrom).
type tunedFormat struct {
	Format
	loc    *time.Location // nil: UTC
	lean   bool
	client string // ClientXFF or ClientXFFFirst; "" for the address logged
}

// tune returns a tunedFormat over f to set options on, a copy when f is
// one already, so that the Format given is never changed.
func tune(f Format) *tunedFormat {
	if t, ok := f.(*tunedFormat); ok {
		c := *t
		return &c
	}
	return &tunedFormat{Format: f}
}

func (f *tunedFormat) NewParser() Parser {
	p := f.Format.NewParser()
	f.apply(p)
	if f.client != "" {
		return &forwardedParser{Parser: p, first: f.client == ClientXFFFirst}
	}
	return p
}

// apply passes the options on to p.
func (f *tunedFormat) apply(p Parser) {
	switch p := p.(type) {
	case *clfParser:
		// CLF times always carry their zone: only leanness applies, and
		// not when the client comes from X-Forwarded-For, after the agent.
		p.lean = f.lean && !p.timed && f.client == ""
	case *jsonParser:
		p.s.dates.loc = f.loc
	case *templateParser:
		p.s.dates.loc = f.loc
	case *deferredParser:
		p.tuned = f // passed on to the parser of the format it finds
	}
}

// Counted returns f with parsers that may leave out the fields codetop
// does not count (Referer, UserAgent, and ForwardedFor unless ClientFrom
// takes the client from it) when that saves reading them. Every other
// field, and every verdict on a line (parsed or malformed, and why), is
// what f's parsers give.
//
// Today that is the tail of an NCSA line in a variant without timings
// ("combined", "combined+xff", not "combined+timing"): past the byte count
// such a line holds quoted fields only, so a line that ends with a quote
// is done there, without looking for the quotes of the referer and the
// agent (a tenth of the time of reading a combined log). A line that ends
// otherwise is read to its end, so that a timing after the agent (rt=0.2,
// or bare seconds) is still found; one followed by a quoted field is not.
func Counted(f Format) Format {
	t := tune(f)
	t.lean = true
	return t
}

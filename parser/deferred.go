package parser

import "sync/atomic"

// Deferred returns the Format for inputs that have no lines yet: a log that
// is empty or not there when a dashboard or exporter starts to follow it
// (right after a rotation, or at a first deployment). Detecting from no
// lines would fall back to one format and count every line of another as
// malformed. Each of its parsers instead detects the format from the first
// line it is given that a format reads (rejecting lines before that with
// ErrUnknownFormat), and parses with that format from then on. Its Name is
// "auto" until a parser has decided, then the name of what was decided.
func Deferred() Format { return &deferredFormat{} }

// ErrUnknownFormat rejects a line that no format reads, met by a Deferred
// parser before it has found its format.
var ErrUnknownFormat = &Error{"no known format reads the line"}

type deferredFormat struct {
	decided atomic.Pointer[string]
}

func (f *deferredFormat) Name() string {
	if n := f.decided.Load(); n != nil {
		return *n
	}
	return "auto"
}

func (f *deferredFormat) NewParser() Parser { return &deferredParser{f: f} }

type deferredParser struct {
	f     *deferredFormat
	inner Parser       // nil until the first line a format reads
	tuned *tunedFormat // options for the inner parser, or nil
	_     cacheLinePad
}

func (p *deferredParser) Parse(line []byte, e *Entry) error {
	if p.inner == nil {
		g, ok := Detect([][]byte{line})
		if !ok {
			e.Reset()
			return ErrUnknownFormat
		}
		p.inner = g.NewParser()
		if p.tuned != nil {
			p.tuned.apply(p.inner)
		}
		name := g.Name()
		p.f.decided.CompareAndSwap(nil, &name)
	}
	return p.inner.Parse(line, e)
}

package stats

import "github.com/codetop/codetop/parser"

// Filter selects the entries a run counts. The zero Filter keeps everything.
// Lines it rejects are not counted at all (not even as lines): a report over
// --since 2h describes those two hours only.
type Filter struct {
	// From and To bound entry times, in Unix ms; 0 means unbounded. An entry
	// without a time passes.
	From, To int64
}

// Active reports whether the filter rejects anything.
func (f *Filter) Active() bool { return f.From != 0 || f.To != 0 }

// Match reports whether e passes.
func (f *Filter) Match(e *parser.Entry) bool {
	if e.Time != 0 {
		if f.From != 0 && e.Time < f.From {
			return false
		}
		if f.To != 0 && e.Time >= f.To {
			return false
		}
	}
	return true
}

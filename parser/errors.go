package parser

// Error is why a line was rejected. The values below are preallocated so
// that rejecting a line costs no allocation; compare with ==.
type Error struct{ Reason string }

func (e *Error) Error() string { return e.Reason }

var (
	ErrEmpty       = &Error{"empty line"}
	ErrNoTime      = &Error{"bad or missing timestamp"}
	ErrNoRequest   = &Error{"bad or missing request field"}
	ErrNoStatus    = &Error{"no status field"}
	ErrBadStatus   = &Error{"status is not a number"}
	ErrBadBytes    = &Error{"bad byte count"}
	ErrShort       = &Error{"line ends early"}
	ErrNoMatch     = &Error{"line does not match the format"}
	ErrNotJSON     = &Error{"not a JSON object"}
	ErrBadJSON     = &Error{"broken JSON"}
	ErrNoJSONField = &Error{"status field missing from JSON"}
)

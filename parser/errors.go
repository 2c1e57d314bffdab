package parser

import (
	"fmt"
	"strings"
)

// Error is why a line was rejected. The values below are preallocated so
// that rejecting a line costs no allocation; compare with ==. Callers count
// malformed lines by Reason, so each value names one distinct cause.
type Error struct{ Reason string }

func (e *Error) Error() string { return e.Reason }

var (
	ErrEmpty     = &Error{"empty line"}
	ErrComment   = &Error{"comment line"}
	ErrNoTime    = &Error{"bad or missing timestamp"}
	ErrNoRequest = &Error{"bad or missing request field"}
	ErrNoStatus  = &Error{"no status field"}
	ErrBadStatus = &Error{"status is not a number"}
	// ErrStatusRange is a number that is no HTTP status: one or two digits
	// other than 0 (42), or over 999. 0 (000, no response; HAProxy's -1),
	// nginx's 009 (HTTP/0.9) and 600-999 are read; they count under
	// "other".
	ErrStatusRange = &Error{"status number out of range"}
	ErrBadBytes    = &Error{"bad byte count"}
	ErrShort       = &Error{"line ends early"}
	ErrNoMatch     = &Error{"line does not match the format"}
	ErrNotJSON     = &Error{"not a JSON object"}
	ErrBadJSON     = &Error{"broken JSON"}
)

// SpecError is a --format value that does not compile. Col is the 1-based
// byte column of the offending character in Spec (the whole value as the
// user typed it, prefix included), so the message can point at it.
type SpecError struct {
	Spec string
	Col  int
	Msg  string
}

// Error renders the message, the spec, and a caret under the column:
//
//	column 25: unknown directive %Q
//	  apache:%h %l %u %t "%r" %Q
//	                          ^
func (e *SpecError) Error() string {
	col := e.Col
	if col < 1 {
		col = 1
	}
	if col > len(e.Spec)+1 {
		col = len(e.Spec) + 1
	}
	// Tabs keep their width in the caret line so the caret stays aligned.
	pad := []byte(e.Spec[:col-1])
	for i, c := range pad {
		if c != '\t' {
			pad[i] = ' '
		}
	}
	return fmt.Sprintf("column %d: %s\n  %s\n  %s^", col, e.Msg, e.Spec, pad)
}

func specErr(spec string, col int, format string, args ...any) *SpecError {
	return &SpecError{Spec: spec, Col: col, Msg: fmt.Sprintf(format, args...)}
}

// oneLine makes a spec fit on one line for SpecError: a caret under a
// multi-line spec would point nowhere.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s)
}

package parser

import (
	"bytes"
	"encoding/binary"
	"math"
	"math/bits"
)

// Small helpers over []byte that never allocate. Scans of long fields go
// through bytes.IndexByte, which the runtime vectorises: most of a line is
// skipped 16 or 32 bytes at a time. Short fields are scanned in place, since
// the call and setup of IndexByte cost more than a few bytes take to read.

// trimLine drops what surrounds a line's fields: its newline or CRLF, and a
// UTF-8 byte order mark before the first line of a file written by a
// Windows tool, which would otherwise stick to the first field (a client
// address, the '{' that makes a line JSON).
func trimLine(b []byte) []byte {
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		b = b[3:]
	}
	for len(b) > 0 && (b[len(b)-1] == '\n' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}

func hasPrefix(b []byte, p string) bool {
	return len(b) >= len(p) && string(b[:len(p)]) == p
}

func isDash(b []byte) bool { return len(b) == 1 && b[0] == '-' }

// indexSpace returns the index of the first space in b at or after i, or
// len(b) when there is none. It tests eight bytes at a time in a register:
// x has a zero byte where b has a space, and (x-0x01..)&^x&0x80.. marks the
// first zero byte exactly (a borrow can only mark bytes after it).
func indexSpace(b []byte, i int) int {
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:]) ^ 0x2020202020202020
		if z := (x - 0x0101010101010101) &^ x & 0x8080808080808080; z != 0 {
			return i + bits.TrailingZeros64(z)>>3
		}
	}
	for i < len(b) && b[i] != ' ' {
		i++
	}
	return i
}

// closeQuote returns the index in b of the double quote that closes a field
// whose opening quote was just before b, or -1. A quote preceded by an odd
// number of backslashes is escaped (Apache writes \" and \\; nginx writes
// \x22, which holds no quote at all).
func closeQuote(b []byte) int {
	off := 0
	for {
		j := bytes.IndexByte(b[off:], '"')
		if j < 0 {
			return -1
		}
		j += off
		if !escaped(b, j) {
			return j
		}
		off = j + 1
	}
}

// escaped reports whether b[j] follows an odd number of backslashes in b.
func escaped(b []byte, j int) bool {
	k := j
	for k > 0 && b[k-1] == '\\' {
		k--
	}
	return (j-k)%2 == 1
}

// statusError says why parseStatus refused b.
func statusError(b []byte) *Error {
	if len(b) > 0 && isDigits(b) {
		return ErrStatusRange
	}
	return ErrBadStatus
}

func isDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// parseStatus accepts a status of three digits ("502"; "009" is how nginx
// logs a request in HTTP/0.9, which has no status line), zero written as
// "0" (a proxy that never got a response), or HAProxy's "-1" for the same,
// which is counted as 0. "42" is not a status.
func parseStatus(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 3 {
		return 0, false
	}
	if len(b) == 2 && b[0] == '-' && b[1] == '1' {
		return 0, true
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	if n != 0 && n < 100 && len(b) < 3 {
		return 0, false
	}
	return n, true
}

// parseBytes accepts a decimal count or "-" (nothing sent: -1).
func parseBytes(b []byte) (int64, bool) {
	if isDash(b) {
		return -1, true
	}
	if isNumber(b) && (len(b) > 18 || b[0] == '-' || bytes.IndexByte(b, '.') >= 0) {
		// A number, but no byte count: negative (old 32-bit Apache
		// wrapped past 2 GB), fractional or too large. The request is
		// still one; only its size is unknown.
		return -1, true
	}
	if len(b) == 0 || len(b) > 18 {
		return 0, false
	}
	var n int64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	return n, true
}

// parseScaled decodes a non-negative decimal such as "0.123" as an integer
// count of 10^-decimals units: parseScaled("0.123", 6) is 123000. Digits
// past the unit are dropped. A comma or a space may end the number: what
// follows is the caller's (see upstreamTime).
func parseScaled(b []byte, decimals int) (int64, bool) {
	// At most 18 significant digits in all, so the result fits an int64.
	maxWhole := 18 - decimals
	var whole, frac int64
	i, nf := 0, 0
	for ; i < len(b) && b[i]-'0' <= 9; i++ {
		if i >= maxWhole {
			return 0, false
		}
		whole = whole*10 + int64(b[i]-'0')
	}
	digits := i
	if i < len(b) && b[i] == '.' {
		for i++; i < len(b) && b[i]-'0' <= 9; i++ {
			if nf < decimals {
				frac = frac*10 + int64(b[i]-'0')
				nf++
			}
			digits++
		}
	}
	if digits == 0 || i < len(b) && b[i] != ',' && b[i] != ' ' {
		return 0, false
	}
	return whole*pow10[decimals] + frac*pow10[decimals-nf], true
}

var pow10 = [...]int64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9}

// Duration units the formats log in, as parsed into microseconds.
type unit uint8

const (
	seconds unit = iota
	millis
	micros
	nanos
)

// parseDuration decodes a logged duration in unit u into microseconds.
func parseDuration(b []byte, u unit) (int64, bool) {
	switch u {
	case seconds:
		return parseScaled(b, 6)
	case millis:
		return parseScaled(b, 3)
	case micros:
		return parseScaled(b, 0)
	}
	ns, ok := parseScaled(b, 0)
	return ns / 1000, ok
}

// upstreamTime decodes $upstream_response_time in unit u into microseconds.
// nginx lists one time per upstream it tried, "0.120, 0.003" within a group
// and "0.120 : 0.003" across an internal redirect; the request waited for
// all of them, so they are added up. A "-" (an upstream never reached)
// adds nothing; anything else that is not a time refuses the whole field.
func upstreamTime(b []byte, u unit) (int64, bool) {
	var sum int64
	known := false
	for {
		k := 0
		for k < len(b) && b[k] != ',' && b[k] != ':' {
			k++
		}
		v := b[:k]
		for len(v) > 0 && v[0] == ' ' {
			v = v[1:]
		}
		for len(v) > 0 && v[len(v)-1] == ' ' {
			v = v[:len(v)-1]
		}
		if len(v) > 0 && !isDash(v) { // "0.120," is cut there: the rest follows
			us, ok := parseDuration(v, u)
			if !ok {
				return 0, false
			}
			sum = min(sum, math.MaxInt64-us) + us // saturates
			known = true
		}
		if k == len(b) {
			return sum, known
		}
		b = b[k+1:]
	}
}

// splitRequest splits "METHOD TARGET PROTO". Anything that is not shaped like
// a request (TLS bytes, an empty string) leaves Method and Path empty: the
// line still counts, under its status.
func splitRequest(req []byte, e *Entry) {
	// The method and the protocol are short words at either end: plain
	// loops find them faster than IndexByte and LastIndexByte would.
	sp := 0
	for sp < len(req) && req[sp] != ' ' {
		sp++
	}
	if sp == 0 || sp == len(req) || sp == 1 && req[0] == '-' {
		// "- - -", "- http://host:80- -": what load balancers write for
		// a request they could not read. No method, and no path.
		return
	}
	e.Method = req[:sp]
	target := req[sp+1:]
	for len(target) > 0 && target[0] == ' ' {
		target = target[1:] // "GET  /x": servers read the target past the spaces
	}
	// " HTTP/1.1" ends nearly every request; the loop is for the rest.
	last := len(target) - 9
	if last < 0 || target[last] != ' ' || !hasPrefix(target[last+1:], "HTTP/") || target[last+6] == ' ' || target[last+7] == ' ' || target[last+8] == ' ' {
		last = len(target) - 1
		for last >= 0 && target[last] != ' ' {
			last--
		}
	}
	if hasPrefix(target[last+1:], "HTTP/") {
		// With last at -1, "GET HTTP/1.1": a request without a target,
		// not one for the path HTTP/1.1.
		e.Proto = target[last+1:]
		if last < 0 {
			return
		}
		target = target[:last]
	}
	splitTarget(target, e)
}

// splitTarget sets Path and Query from a request target.
func splitTarget(t []byte, e *Entry) {
	if q := bytes.IndexByte(t, '?'); q >= 0 {
		e.Path, e.Query = t[:q], t[q+1:]
	} else {
		e.Path, e.Query = t, nil
	}
}

// isNumber reports whether b is a decimal number: an optional minus sign,
// digits, and at most one point among them.
func isNumber(b []byte) bool {
	if len(b) > 0 && b[0] == '-' {
		b = b[1:]
	}
	digits, points := 0, 0
	for _, c := range b {
		switch {
		case c-'0' <= 9:
			digits++
		case c == '.':
			points++
		default:
			return false
		}
	}
	return digits > 0 && points <= 1
}

package parser

import "bytes"

// Small helpers over []byte that never allocate. Scans for one byte go
// through bytes.IndexByte, which the runtime vectorises: most of a line is
// skipped 16 or 32 bytes at a time.

func trimEOL(b []byte) []byte {
	for len(b) > 0 && (b[len(b)-1] == '\n' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}

func lastByte(b []byte, c byte) int { return bytes.LastIndexByte(b, c) }

func hasPrefix(b []byte, p string) bool {
	return len(b) >= len(p) && string(b[:len(p)]) == p
}

func isDash(b []byte) bool { return len(b) == 1 && b[0] == '-' }

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
		k := j
		for k > 0 && b[k-1] == '\\' {
			k--
		}
		if (j-k)%2 == 0 {
			return j
		}
		off = j + 1
	}
}

// parseStatus accepts a status of three digits ("502"), or zero written as
// "0" or "000" (a proxy that never got a response). "42" is not a status.
func parseStatus(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 3 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	if n != 0 && n < 100 {
		return 0, false
	}
	return n, true
}

// parseBytes accepts a decimal count or "-" (nothing sent: -1).
func parseBytes(b []byte) (int64, bool) {
	if isDash(b) {
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
// past the unit are dropped. nginx writes "0.1, 0.2" or "0.1 : 0.2" when it
// tried several upstreams: the first value counts.
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

// splitRequest splits "METHOD TARGET PROTO". Anything that is not shaped like
// a request (TLS bytes, an empty string) leaves Method and Path empty: the
// line still counts, under its status.
func splitRequest(req []byte, e *Entry) {
	sp := bytes.IndexByte(req, ' ')
	if sp <= 0 {
		return
	}
	e.Method = req[:sp]
	target := req[sp+1:]
	if last := lastByte(target, ' '); last >= 0 && hasPrefix(target[last+1:], "HTTP/") {
		e.Proto = target[last+1:]
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

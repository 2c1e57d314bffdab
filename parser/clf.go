package parser

import (
	"bytes"
	"math"
)

// The NCSA family: common, combined, vhost_combined and vhost_common, with
// whatever extra fields nginx setups append after the user agent.
//
//	[vhost[:port] ]client ident user [time] "request" status bytes ["referer" "agent" extras...]
//
// One parser reads them all; the format only says whether a vhost field
// comes first, and carries the name Detect chose.

type clfFormat struct {
	name  string
	vhost bool // a leading "host[:port]" field (Apache vhost_combined)
	timed bool // a "+timing" variant: timings after the agent
}

func (f clfFormat) Name() string      { return f.name }
func (f clfFormat) NewParser() Parser { return &clfParser{vhost: f.vhost, timed: f.timed} }

type clfParser struct {
	vhost bool
	timed bool
	lean  bool // stop at a final quote: see Counted
	dates dateCache
	// seen records what the last line carried after the agent, for Detect
	// to name the variant ("combined+xff").
	seen extras
	_    cacheLinePad
}

type extras uint8

const (
	extraQuoted extras = 1 << iota // a quoted field after the agent: XFF
	extraTiming                    // rt=0.1 or bare seconds
	extraWhole                     // a bare whole number, taken for no time
)

func (p *clfParser) Parse(line []byte, e *Entry) error {
	// Zeroing the Entry is plain stores; a literal with the three -1s
	// in it would be copied from a template, a load per store.
	*e = Entry{}
	e.Bytes, e.RequestTime, e.UpstreamTime = -1, -1, -1
	p.seen = 0
	line = trimLine(line)
	n := len(line)
	if n == 0 {
		return ErrEmpty
	}
	if line[0] == '#' {
		return ErrComment
	}
	// The line is read with one index moving left to right. Client,
	// ident, user, status and byte count are a few bytes long and are
	// scanned in place (indexSpace, digit loops): the call and setup of
	// bytes.IndexByte cost more than such a field takes to read. The
	// longer fields (vhost, request, referer, agent) go through it.
	i := 0
	if p.vhost {
		sp := bytes.IndexByte(line, ' ')
		if sp < 0 {
			e.VHost = line
			return ErrShort
		}
		e.VHost = stripPort(line[:sp])
		i = sp + 1
	}
	// client ident user: each must be there and not empty.
	j := indexSpace(line, i)
	e.Client = line[i:j]
	if j == n || j == i {
		return ErrNoTime
	}
	i = j + 1
	if j = shortWord(line, i); j == n || j == i {
		return ErrNoTime
	}
	i = j + 1
	j = shortWord(line, i)
	e.User = line[i:j]
	if j == n || j == i || j+1 == n || line[j+1] != '[' {
		return ErrNoTime
	}
	// [10/Oct/2000:13:55:36 -0700]: 26 bytes between the brackets unless
	// the server logs a fraction of a second.
	open := j + 1
	end := open + 27
	if end >= n || line[end] != ']' {
		k := bytes.IndexByte(line[open:], ']')
		if k < 0 {
			return ErrNoTime
		}
		end = open + k
	}
	var ok bool
	if e.Time, ok = p.dates.clfTime(line[open+1 : end]); !ok {
		return ErrNoTime
	}
	i = skipSpaces(line, end+1)
	if i == n || line[i] != '"' {
		return ErrNoRequest
	}
	rs := i + 1
	q := requestQuote(line, rs)
	if q < 0 {
		return ErrNoRequest
	}
	splitRequest(line[rs:q], e)
	i = skipSpaces(line, q+1)

	// The status: three digits and a space on nearly every line.
	if i+3 <= n && (i+3 == n || line[i+3] == ' ') && line[i]-'0' <= 9 && line[i+1]-'0' <= 9 && line[i+2]-'0' <= 9 {
		e.Status = int(line[i]-'0')*100 + int(line[i+1]-'0')*10 + int(line[i+2]-'0')
		i += 4
	} else {
		j = indexSpace(line, i)
		st := line[i:j]
		if len(st) == 0 || isDash(st) {
			return ErrNoStatus
		}
		if e.Status, ok = parseStatus(st); !ok {
			return statusError(st)
		}
		i = j + 1
	}
	if i > n {
		i = n // the line ends with the status
	}
	// From here on the line is a request with a status. Only a byte count
	// that is not a number still rejects it (the line is garbled where it
	// should not be); a missing count, referer or agent is left absent, and
	// a quote never closed takes the rest of the line.
	if i, ok = byteCount(line, i, e); !ok {
		e.Bytes = 0 // what a rejected count has always left in e
		return ErrBadBytes
	}
	i = skipSpaces(line, i)
	if p.lean && line[n-1] == '"' {
		return nil // quoted fields to the end: nothing counted is left
	}
	if i == n || line[i] != '"' {
		p.extras(line[i:], e) // common, maybe with timings after it
		return nil
	}
	e.Referer, i = quotedAt(line, i)
	i = skipSpaces(line, i)
	if i == n || line[i] != '"' {
		p.extras(line[i:], e)
		return nil
	}
	e.UserAgent, i = quotedAt(line, i)
	if i = skipSpaces(line, i); i < n {
		p.extras(line[i:], e)
	}
	return nil
}

// shortWord is indexSpace for ident and user, which are "-" on most lines.
func shortWord(b []byte, i int) int {
	if i+1 < len(b) && b[i+1] == ' ' && b[i] != ' ' {
		return i + 1
	}
	return indexSpace(b, i)
}

// skipSpaces returns the index of the first byte at or after i in b that
// is not a space, or len(b).
func skipSpaces(b []byte, i int) int {
	for i < len(b) && b[i] == ' ' {
		i++
	}
	return i
}

// byteCount reads the byte count starting at line[i] into e.Bytes: digits,
// "-" (nothing sent) or an empty field (absent), up to a space or the end
// of the line. It returns where the next field may start, and false when
// the count is neither (at most 18 digits keep it inside an int64).
func byteCount(line []byte, i int, e *Entry) (int, bool) {
	n := len(line)
	j := i
	var v int64
	for j < n && line[j]-'0' <= 9 {
		v = v*10 + int64(line[j]-'0')
		j++
	}
	switch {
	case j < n && line[j] != ' ':
		if j != i || line[j] != '-' {
			return i, false
		}
		// "-", or a negative number (old 32-bit Apache past 2 GB): the
		// request's size is unknown, Bytes stays -1.
		for j++; j < n && line[j]-'0' <= 9; j++ {
		}
		if j < n && line[j] != ' ' {
			return i, false
		}
	case j-i > 18:
		// Too large to be a size: unknown, as above.
	case j > i:
		e.Bytes = v
	}
	if j < n {
		j++
	}
	return j, true
}

// requestQuote returns the index in line of the quote that closes the
// request starting at line[rs] (just after its opening quote), or -1. On
// nearly every line that is the first quote, unescaped and followed by
// " <status>"; anything else goes to requestEnd, which has the full rule.
func requestQuote(line []byte, rs int) int {
	k := bytes.IndexByte(line[rs:], '"')
	if k < 0 {
		return -1
	}
	q := rs + k
	// line[rs-1] is the opening quote, so line[q-1] is never out of range.
	if line[q-1] != '\\' && q+2 < len(line) && line[q+1] == ' ' && (line[q+2]-'0' <= 9 || line[q+2] == '-') {
		return q
	}
	if k = requestEnd(line[rs:]); k < 0 {
		return -1
	}
	return rs + k
}

// quotedAt returns the contents of the quoted field whose opening quote is
// line[i], and the index just past its closing quote. A quote that is
// never closed takes the rest of the line: agents cut off by a line limit
// or a crash are still agents.
func quotedAt(line []byte, i int) ([]byte, int) {
	i++
	// A one-byte field, "-" above all, needs no search.
	if i+1 < len(line) && line[i+1] == '"' && line[i] != '\\' && line[i] != '"' {
		return line[i : i+1], i + 2
	}
	k := bytes.IndexByte(line[i:], '"')
	if k >= 0 && escaped(line[i:], k) {
		// The next quote is found by closeQuote, from just after this
		// one: no run of backslashes reaches back past a quote.
		if j := closeQuote(line[i+k+1:]); j >= 0 {
			k += j + 1
		} else {
			k = -1
		}
	}
	if k < 0 {
		return line[i:], len(line)
	}
	return line[i : i+k], i + k + 1
}

// requestEnd finds the quote closing the request field in b (which starts
// just after the opening quote). The request is the one field a client
// controls outright, and servers that do not escape quotes in it exist, so
// a closing quote must be followed by " <status>": an inner quote that is
// not is taken as part of the request. When no quote is, the first one
// closes it, and the status after it is what is wrong with the line.
func requestEnd(b []byte) int {
	first := -1
	off := 0
	for {
		j := closeQuote(b[off:])
		if j < 0 {
			return first
		}
		j += off
		if first < 0 {
			first = j
		}
		if j+2 < len(b) && b[j+1] == ' ' && (b[j+2] >= '0' && b[j+2] <= '9' || b[j+2] == '-') {
			return j
		}
		off = j + 1
	}
}

// stripPort removes ":443" from "host:443"; a bare IPv6 address ("::1") or
// a name without a port is left as it is.
func stripPort(h []byte) []byte {
	// Back over the port's digits: the byte before them must be the last
	// colon in h, and the only one unless the address is in brackets.
	c := len(h) - 1
	for c >= 0 && h[c]-'0' <= 9 {
		c--
	}
	if c <= 0 || c == len(h)-1 || h[c] != ':' || h[0] != '[' && bytes.IndexByte(h[:c], ':') >= 0 {
		return h
	}
	return h[:c]
}

// extras picks the fields nginx setups most often append after the agent:
// a quoted X-Forwarded-For, and timings either as key=value (rt=0.123
// urt=0.120) or as bare numbers ($request_time $upstream_response_time).
func (p *clfParser) extras(b []byte, e *Entry) {
	n := 0
	// The field the last bare time went to (0 none, 1 request, 2 upstream),
	// and whether the next one is of the same upstream list ("0.120, 0.003"
	// or "0.120 : 0.003" when nginx tried several upstreams).
	last, inList := 0, false
	for len(b) > 0 {
		var tok []byte
		if b[0] == '"' {
			var k int
			tok, k = quotedAt(b, 0)
			b = b[k:]
			if n == 0 {
				e.ForwardedFor = tok
				p.seen |= extraQuoted
			}
		} else {
			sp := indexSpace(b, 0) // timings are short
			eq := bytes.IndexByte(b[:sp], '=')
			if eq > 0 {
				// key=value, the value maybe quoted and holding spaces:
				// urt="0.120, 0.003".
				key := b[:eq]
				var val []byte
				quoted := eq+1 < len(b) && b[eq+1] == '"'
				if quoted {
					var k int
					val, k = quotedAt(b, eq+1)
					b = b[k:]
				} else {
					val, b = b[eq+1:sp], b[sp:]
				}
				last, inList = 0, false
				switch applyTiming(key, val, e) {
				case 1:
					p.seen |= extraTiming
				case 2:
					p.seen |= extraTiming
					// Unquoted, urt=0.120, 0.003 goes on as bare
					// tokens: they are the same upstream list.
					last, inList = 2, !quoted && val[len(val)-1] == ','
				}
			} else {
				tok, b = b[:sp], b[sp:]
				last, inList = p.bareTime(tok, e, last, inList)
			}
		}
		n++
		b = b[skipSpaces(b, 0):]
	}
}

// bareTime reads one bare token after the agent. A bare number there is
// $request_time by convention, the next one $upstream_response_time, whose
// list of upstreams tried is added up: "0.250 0.120, 0.003" is a request of
// 250 ms that waited 123 ms for upstreams, and a list alone is upstream
// times. nginx writes times in seconds with three decimals; a whole number
// is something else (Apache's %D counts microseconds, %T whole seconds) and
// is left alone. last and inList carry what the token before said.
func (p *clfParser) bareTime(tok []byte, e *Entry, last int, inList bool) (int, bool) {
	if len(tok) == 1 && tok[0] == ':' {
		// "a : b": a was the first of an upstream list.
		if last == 1 && e.UpstreamTime < 0 {
			e.UpstreamTime, e.RequestTime, last = e.RequestTime, -1, 2
		}
		return last, last == 2
	}
	more := len(tok) > 1 && tok[len(tok)-1] == ','
	if more {
		tok = tok[:len(tok)-1]
	}
	us, ok := parseScaled(tok, 6)
	if !ok || bytes.IndexByte(tok, '.') <= 0 {
		if ok {
			p.seen |= extraWhole
		}
		return 0, false
	}
	p.seen |= extraTiming
	switch {
	case inList:
		e.UpstreamTime = min(e.UpstreamTime, math.MaxInt64-us) + us
		last = 2
	case more && e.UpstreamTime < 0:
		e.UpstreamTime, last = us, 2
	case e.RequestTime < 0:
		e.RequestTime, last = us, 1
	case e.UpstreamTime < 0:
		e.UpstreamTime, last = us, 2
	default:
		last = 0
	}
	return last, more && last == 2
}

// applyTiming reads key=value and says which time it set: 0 none, 1 the
// request's, 2 the upstreams'.
func applyTiming(key, val []byte, e *Entry) int {
	switch string(key) {
	case "rt", "request_time", "reqtime":
		if us, ok := parseScaled(val, 6); ok {
			e.RequestTime = us
			return 1
		}
	case "urt", "upstream_response_time", "upstream_time", "ut":
		if us, ok := upstreamTime(val, seconds); ok {
			e.UpstreamTime = us
			return 2
		}
	}
	return 0
}

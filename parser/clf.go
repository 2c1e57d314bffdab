package parser

import "bytes"

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
}

func (f clfFormat) Name() string      { return f.name }
func (f clfFormat) NewParser() Parser { return &clfParser{vhost: f.vhost} }

type clfParser struct {
	vhost bool
	dates dateCache
	// seen records what the last line carried after the agent, for Detect
	// to name the variant ("combined+xff").
	seen extras
}

type extras uint8

const (
	extraQuoted extras = 1 << iota // a quoted field after the agent: XFF
	extraTiming                    // rt=0.1 or bare seconds
)

// token returns the space-delimited token at the start of b and the rest
// after the space, or ok=false when b holds no space.
func token(b []byte) (tok, rest []byte, ok bool) {
	sp := bytes.IndexByte(b, ' ')
	if sp < 0 {
		return b, nil, false
	}
	return b[:sp], b[sp+1:], true
}

func skipSpaces(b []byte) []byte {
	for len(b) > 0 && b[0] == ' ' {
		b = b[1:]
	}
	return b
}

func (p *clfParser) Parse(line []byte, e *Entry) error {
	*e = Entry{Bytes: -1, RequestTime: -1, UpstreamTime: -1}
	p.seen = 0
	line = trimEOL(line)
	if len(line) == 0 {
		return ErrEmpty
	}
	if line[0] == '#' {
		return ErrComment
	}
	rest := line
	var ok bool
	if p.vhost {
		if e.VHost, rest, ok = token(rest); !ok {
			return ErrShort
		}
		e.VHost = stripPort(e.VHost)
	}
	var ident []byte
	if e.Client, rest, ok = token(rest); !ok || len(e.Client) == 0 {
		return ErrNoTime
	}
	if ident, rest, ok = token(rest); !ok || len(ident) == 0 {
		return ErrNoTime
	}
	if e.User, rest, ok = token(rest); !ok || len(e.User) == 0 || len(rest) == 0 || rest[0] != '[' {
		return ErrNoTime
	}
	// [10/Oct/2000:13:55:36 -0700]: 26 bytes between the brackets unless
	// the server logs a fraction of a second.
	end := 27
	if len(rest) <= end || rest[end] != ']' {
		if end = bytes.IndexByte(rest, ']'); end < 0 {
			return ErrNoTime
		}
	}
	if e.Time, ok = p.dates.clfTime(rest[1:end]); !ok {
		return ErrNoTime
	}
	rest = skipSpaces(rest[end+1:])
	if len(rest) == 0 || rest[0] != '"' {
		return ErrNoRequest
	}
	rest = rest[1:]
	q := requestEnd(rest)
	if q < 0 {
		return ErrNoRequest
	}
	splitRequest(rest[:q], e)
	rest = skipSpaces(rest[q+1:])

	st, rest, _ := token(rest)
	if len(st) == 0 || isDash(st) {
		return ErrNoStatus
	}
	if e.Status, ok = parseStatus(st); !ok {
		return ErrBadStatus
	}
	// From here on the line is a request with a status. Only a byte count
	// that is not a number still rejects it (the line is garbled where it
	// should not be); a missing count, referer or agent is left absent, and
	// a quote never closed takes the rest of the line.
	bs, rest, _ := token(rest)
	if len(bs) > 0 {
		if e.Bytes, ok = parseBytes(bs); !ok {
			return ErrBadBytes
		}
	}
	rest = skipSpaces(rest)
	if len(rest) == 0 || rest[0] != '"' {
		p.extras(rest, e) // common, maybe with timings after it
		return nil
	}
	e.Referer, rest = quotedRest(rest)
	rest = skipSpaces(rest)
	if len(rest) == 0 || rest[0] != '"' {
		p.extras(rest, e)
		return nil
	}
	e.UserAgent, rest = quotedRest(rest)
	p.extras(skipSpaces(rest), e)
	return nil
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

// quotedRest returns the contents of the quoted field at the start of b and
// what follows it. A quote that is never closed takes the rest of the line:
// agents cut off by a line limit or a crash are still agents.
func quotedRest(b []byte) (val, rest []byte) {
	b = b[1:]
	q := closeQuote(b)
	if q < 0 {
		return b, nil
	}
	return b[:q], b[q+1:]
}

// stripPort removes ":443" from "host:443"; a bare IPv6 address ("::1") or
// a name without a port is left as it is.
func stripPort(h []byte) []byte {
	c := lastByte(h, ':')
	if c <= 0 || c == len(h)-1 || bytes.IndexByte(h[:c], ':') >= 0 && h[0] != '[' {
		return h
	}
	for _, d := range h[c+1:] {
		if d < '0' || d > '9' {
			return h
		}
	}
	return h[:c]
}

// extras picks the fields nginx setups most often append after the agent:
// a quoted X-Forwarded-For, and timings either as key=value (rt=0.123
// urt=0.120) or as bare numbers ($request_time $upstream_response_time).
func (p *clfParser) extras(b []byte, e *Entry) {
	n := 0
	for len(b) > 0 {
		var tok []byte
		if b[0] == '"' {
			tok, b = quotedRest(b)
			if n == 0 {
				e.ForwardedFor = tok
				p.seen |= extraQuoted
			}
		} else {
			sp := bytes.IndexByte(b, ' ')
			if sp < 0 {
				sp = len(b)
			}
			eq := bytes.IndexByte(b[:sp], '=')
			if eq > 0 {
				// key=value, the value maybe quoted and holding spaces:
				// urt="0.120, 0.003".
				key := b[:eq]
				var val []byte
				if eq+1 < len(b) && b[eq+1] == '"' {
					val, b = quotedRest(b[eq+1:])
				} else {
					val, b = b[eq+1:sp], b[sp:]
				}
				if applyTiming(key, val, e) {
					p.seen |= extraTiming
				}
			} else {
				tok, b = b[:sp], b[sp:]
				if us, ok := parseScaled(tok, 6); ok {
					// A bare number after the agent is $request_time by
					// convention, the next one $upstream_response_time.
					if e.RequestTime < 0 {
						e.RequestTime = us
					} else if e.UpstreamTime < 0 {
						e.UpstreamTime = us
					}
					p.seen |= extraTiming
				}
			}
		}
		n++
		b = skipSpaces(b)
	}
}

func applyTiming(key, val []byte, e *Entry) bool {
	us, ok := parseScaled(val, 6)
	if !ok {
		return false
	}
	switch string(key) {
	case "rt", "request_time", "reqtime":
		e.RequestTime = us
	case "urt", "upstream_response_time", "upstream_time", "ut":
		e.UpstreamTime = us
	default:
		return false
	}
	return true
}

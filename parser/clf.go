package parser

// The NCSA family: common, combined and vhost_combined, with whatever extra
// fields nginx setups append after the user agent.
//
//	[vhost[:port] ]client ident user [time] "request" status bytes ["referer" "agent" ...]

type clfFormat struct {
	name  string
	vhost bool // a leading "host:port" field (Apache vhost_combined)
}

func (f clfFormat) Name() string      { return f.name }
func (f clfFormat) NewParser() Parser { return &clfParser{vhost: f.vhost} }

type clfParser struct {
	vhost bool
	dates dateCache
}

// field returns the space-delimited token at b[i:] and the index after the
// space that ends it.
func field(b []byte, i int) ([]byte, int) {
	j := i
	for j < len(b) && b[j] != ' ' {
		j++
	}
	k := j
	if k < len(b) {
		k++
	}
	return b[i:j], k
}

// quoted returns the contents of the double-quoted field at b[i] and the
// index just past its closing quote. A backslash escapes the next byte, as
// both Apache (\") and nginx (\x22 never contains a quote) write them.
func quoted(b []byte, i int) ([]byte, int, bool) {
	if i >= len(b) || b[i] != '"' {
		return nil, i, false
	}
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return b[i+1 : j], j + 1, true
		}
	}
	return nil, i, false
}

func skipSpaces(b []byte, i int) int {
	for i < len(b) && b[i] == ' ' {
		i++
	}
	return i
}

func (p *clfParser) Parse(line []byte, e *Entry) error {
	e.Reset()
	line = trimEOL(line)
	if len(line) == 0 {
		return ErrEmpty
	}
	i := 0
	if p.vhost {
		e.VHost, i = field(line, i)
		if c := lastByte(e.VHost, ':'); c >= 0 {
			e.VHost = e.VHost[:c]
		}
	}
	e.Client, i = field(line, i)
	_, i = field(line, i) // ident, always "-" in practice
	e.User, i = field(line, i)
	if len(e.Client) == 0 || i >= len(line) || line[i] != '[' {
		return ErrNoTime
	}
	end := i + 1
	for end < len(line) && line[end] != ']' {
		end++
	}
	if end >= len(line) {
		return ErrNoTime
	}
	t, ok := p.dates.clfTime(line[i+1 : end])
	if !ok {
		return ErrNoTime
	}
	e.Time = t
	i = skipSpaces(line, end+1)
	req, i, ok := quoted(line, i)
	if !ok {
		return ErrNoRequest
	}
	splitRequest(req, e)
	i = skipSpaces(line, i)
	st, i := field(line, i)
	if len(st) == 0 {
		return ErrNoStatus
	}
	if e.Status, ok = parseStatus(st); !ok {
		return ErrBadStatus
	}
	var bs []byte
	bs, i = field(line, i)
	if len(bs) == 0 {
		return ErrShort
	}
	if e.Bytes, ok = parseBytes(bs); !ok {
		return ErrBadBytes
	}
	// combined: "referer" "agent", then anything nginx setups add.
	i = skipSpaces(line, i)
	if i >= len(line) {
		return nil
	}
	if e.Referer, i, ok = quoted(line, i); !ok {
		return ErrNoMatch
	}
	i = skipSpaces(line, i)
	if e.UserAgent, i, ok = quoted(line, i); !ok {
		return ErrNoMatch
	}
	parseExtras(line, skipSpaces(line, i), e)
	return nil
}

// splitRequest splits "METHOD TARGET PROTO". Anything that is not shaped like
// a request (TLS bytes, an empty string) leaves Method and Path empty: the
// line still counts, under its status.
func splitRequest(req []byte, e *Entry) {
	sp := indexByte(req, ' ')
	if sp <= 0 {
		return
	}
	e.Method = req[:sp]
	target := req[sp+1:]
	if last := lastByte(target, ' '); last >= 0 && hasPrefix(target[last+1:], "HTTP/") {
		e.Proto = target[last+1:]
		target = target[:last]
	}
	if q := indexByte(target, '?'); q >= 0 {
		e.Path, e.Query = target[:q], target[q+1:]
	} else {
		e.Path = target
	}
}

// parseExtras picks the fields nginx setups most often append after the
// agent: a quoted X-Forwarded-For, and key=value timings such as rt=0.123.
func parseExtras(b []byte, i int, e *Entry) {
	n := 0
	for i < len(b) {
		var tok []byte
		if b[i] == '"' {
			var ok bool
			tok, i, ok = quoted(b, i)
			if !ok {
				return
			}
			if n == 0 && len(tok) > 0 && !(len(tok) == 1 && tok[0] == '-') {
				e.ForwardedFor = tok
			}
		} else {
			tok, i = field(b, i)
			if eq := indexByte(tok, '='); eq > 0 {
				applyTiming(tok[:eq], tok[eq+1:], e)
			} else if n > 0 || len(tok) > 0 {
				// A bare number after the agent is $request_time by
				// convention, the next one $upstream_response_time.
				if us, ok := parseSeconds(tok); ok {
					if e.RequestTime < 0 {
						e.RequestTime = us
					} else if e.UpstreamTime < 0 {
						e.UpstreamTime = us
					}
				}
			}
		}
		n++
		i = skipSpaces(b, i)
	}
}

func applyTiming(key, val []byte, e *Entry) {
	us, ok := parseSeconds(unquote(val))
	if !ok {
		return
	}
	switch string(key) {
	case "rt", "request_time", "reqtime":
		e.RequestTime = us
	case "urt", "uct", "upstream_response_time", "upstream_time", "ut":
		if string(key) != "uct" {
			e.UpstreamTime = us
		}
	}
}

func unquote(b []byte) []byte {
	if len(b) >= 2 && b[0] == '"' && b[len(b)-1] == '"' {
		return b[1 : len(b)-1]
	}
	return b
}

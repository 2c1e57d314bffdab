package parser

import (
	"bytes"
	"encoding/binary"
	"math/bits"
)

// JSON access logs. Every JSON format is a mapping from key paths to fields:
// the built-in ones (nginx-json, caddy, traefik, json) list the key names
// those servers and common log_format recipes use, and a user mapping
// (json:status=resp.code,path=req.url,time=@timestamp) lists its own.
//
// A mapping compiles into a tree of nodes, one per object level. A dotted
// path "a.b.c" matches nested objects ({"a":{"b":{"c":1}}}) as well as keys
// that contain the dots themselves ({"a.b.c":1}, as ECS-style logs write
// them), so the user does not need to know which.

type jsonFormat struct {
	name string
	root *jnode
}

func (f *jsonFormat) Name() string      { return f.name }
func (f *jsonFormat) NewParser() Parser { return &jsonParser{root: f.root} }

type jsonParser struct {
	root *jnode
	s    fieldState
	// best holds, per field, 255 minus the rank of the key that filled it
	// on this line, and 0 while none did: clearing it is one memclr.
	best [numFields]uint8
	buf  [64]byte // for decoding escaped numbers and times
	// text holds the decoded text fields of the line (see set); n is the
	// line's length, which no decoding can outgrow.
	text []byte
	n    int
	_    cacheLinePad
}

// maxDepth bounds how deep mapped objects are followed. Mappings are a few
// levels deep; anything deeper is skipped without recursion.
const maxDepth = 8

func (p *jsonParser) Parse(line []byte, e *Entry) error {
	*e = Entry{Bytes: -1, RequestTime: -1, UpstreamTime: -1}
	line = trimLine(line)
	i := skipWS(line, 0)
	if i >= len(line) {
		return ErrEmpty
	}
	if line[i] != '{' {
		if line[i] == '#' {
			return ErrComment
		}
		return ErrNotJSON
	}
	p.best = [numFields]uint8{}
	p.text, p.n = p.text[:0], len(line)
	_, err := p.object(line, i, p.root, e, 0)
	if p.best[fStatus] == 0 {
		if err != nil {
			return err
		}
		return ErrNoStatus
	}
	// A line that breaks off after its status was read (cut by a line
	// limit, or a bare nginx value JSON does not allow) still counts: its
	// status and whatever came before are intact.
	if err != nil && err != ErrBadJSON {
		return err
	}
	return nil
}

// ws skips whitespace at b[i]; compact JSON has none, so the common case is
// one comparison.
func ws(b []byte, i int) int {
	if i < len(b) && b[i] > ' ' {
		return i
	}
	return skipWS(b, i)
}

// object reads the object opening at b[i] with node n and returns the index
// after it. Compact JSON ("key":"value",) takes the straight path through
// the loop; whitespace, nesting and lists go through ws and value.
func (p *jsonParser) object(b []byte, i int, n *jnode, e *Entry, depth int) (int, *Error) {
	i++
	for {
		if i >= len(b) || b[i] != '"' {
			if i = ws(b, i); i >= len(b) {
				return i, ErrBadJSON
			}
			if b[i] != '"' {
				if b[i] == '}' {
					return i + 1, nil
				}
				return i, ErrBadJSON
			}
		}
		// Most keys are under 16 bytes: the words that find the closing
		// quote are also the words the lookup compares.
		var t *jtarget
		ke := -1
		if j := i + 1; j+16 <= len(b) {
			x := binary.LittleEndian.Uint64(b[j : j+8])
			if m := hasByte(x, '"') | hasByte(x, '\\'); m != 0 {
				if k := bits.TrailingZeros64(m) >> 3; b[j+k] == '"' {
					ke = j + k
					t = n.lookupWord(x&(1<<(8*k)-1), b[j:ke])
				}
			} else {
				x2 := binary.LittleEndian.Uint64(b[j+8 : j+16])
				if m := hasByte(x2, '"') | hasByte(x2, '\\'); m != 0 {
					if k := bits.TrailingZeros64(m) >> 3; b[j+8+k] == '"' {
						ke = j + 8 + k
						t = n.lookupWord(x, b[j:ke])
					}
				}
			}
		}
		if ke < 0 {
			if ke, _ = stringEnd(b, i+1); ke < 0 {
				return i, ErrBadJSON
			}
			t = n.lookup(b[i+1 : ke])
		}
		if i = ke + 1; i >= len(b) || b[i] != ':' {
			if i = ws(b, i); i >= len(b) || b[i] != ':' {
				return i, ErrBadJSON
			}
		}
		if i = ws(b, i+1); i >= len(b) {
			return i, ErrBadJSON
		}
		var err *Error
		switch {
		case b[i] == '"':
			// A string, mapped or not: the commonest value by far.
			end, esc := stringEnd(b, i+1)
			if end < 0 {
				return i, ErrBadJSON
			}
			if t != nil {
				err = p.set(t, b[i+1:end], esc, e)
			}
			i = end + 1
		case t != nil:
			i, err = p.value(b, i, t, e, depth)
		default:
			i, err = skipValue(b, i)
		}
		if err != nil {
			return i, err
		}
		if i < len(b) && b[i] == ',' {
			i++
			continue
		}
		if i = ws(b, i); i >= len(b) {
			return i, ErrBadJSON
		}
		switch b[i] {
		case ',':
			i++
		case '}':
			return i + 1, nil
		default:
			return i, ErrBadJSON
		}
	}
}

// value reads the value at b[i] for target t.
func (p *jsonParser) value(b []byte, i int, t *jtarget, e *Entry, depth int) (int, *Error) {
	switch b[i] {
	case '"':
		end, esc := stringEnd(b, i+1)
		if end < 0 {
			return i, ErrBadJSON
		}
		return end + 1, p.set(t, b[i+1:end], esc, e)
	case '{':
		if t.child != nil && depth < maxDepth {
			return p.object(b, i, t.child, e, depth+1)
		}
		return skipValue(b, i)
	case '[':
		// A list (Caddy logs each header as one): its first element.
		if t.f != fSkip {
			j := ws(b, i+1)
			if j < len(b) && b[j] == '"' {
				if end, esc := stringEnd(b, j+1); end >= 0 {
					if err := p.set(t, b[j+1:end], esc, e); err != nil {
						return i, err
					}
				}
			}
		}
		return skipValue(b, i)
	}
	end := scalarEnd(b, i)
	if end == i {
		return i, ErrBadJSON
	}
	if v := b[i:end]; string(v) != "null" {
		return end, p.set(t, v, false, e)
	}
	return end, nil
}

// set fills t's field from value v, unless a better-ranked key already did.
// esc says v may hold backslash escapes.
func (p *jsonParser) set(t *jtarget, v []byte, esc bool, e *Entry) *Error {
	if t.f == fSkip || 255-t.rank < p.best[t.f] {
		return nil
	}
	p.best[t.f] = 255 - t.rank
	switch {
	case esc && decoded(t.f):
		// "\u0032\u0030\u0030" is 200 too.
		if u, ok := unescape(v, &p.buf); ok {
			v = u
		}
	case esc && countedText(t.f) && bytes.IndexByte(v, '\\') >= 0:
		// A text field: "/a\u0026b" is the path /a&b, as a combined log
		// of the same request says. The decoded text goes after the
		// line's earlier fields in p.text, which holds a whole line from
		// the first such field on, so that it never moves under them.
		if len(p.text) == 0 && cap(p.text) < p.n {
			p.text = make([]byte, 0, p.n)
		}
		start := len(p.text)
		p.text = appendText(p.text, v)
		v = p.text[start:len(p.text):len(p.text)]
	}
	return p.s.set(t.f, v, e)
}

// countedText says whether a text field is one codetop counts or filters
// by, whose escapes are decoded: the same request must be the same path,
// method, client or host in every format. The others (agent, referer,
// X-Forwarded-For, a query given apart) are shown nowhere and are left as
// logged, which costs nothing.
func countedText(f field) bool {
	switch f {
	case fTarget, fPath, fRequest, fURLRequest, fMethod, fClient, fClientPort, fVHost:
		return true
	}
	return false
}

// decoded says whether a field is read as a number or a time, so that its
// escapes must be decoded first.
func decoded(f field) bool {
	switch f {
	case fStatus, fBytes, fTime, fReqTime, fReqTimeMs, fReqTimeUs, fReqTimeNs, fUpTime, fUpTimeMs, fUpTimeUs, fUpTimeNs:
		return true
	}
	return false
}

package parser

import (
	"bytes"
	"strings"
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

// jtarget is what a key maps to: a field, a nested node, or both (the value
// decides: an object descends, anything else fills the field).
type jtarget struct {
	f     field
	rank  uint8 // lower wins when several keys fill one field
	child *jnode
}

type jnode struct {
	keys    map[string]int
	targets []jtarget
	lens    uint64 // bit n set when some key has length n (63: 63 or more)
}

func newJNode() *jnode { return &jnode{keys: map[string]int{}} }

func lenBit(n int) uint64 { return 1 << min(n, 63) }

// lookup finds the target of key. Most keys of a line are not mapped; the
// length mask turns most of them away before any hashing.
func (n *jnode) lookup(key []byte) *jtarget {
	if n.lens&lenBit(len(key)) == 0 {
		return nil
	}
	if i, ok := n.keys[string(key)]; ok { // no allocation for a lookup
		return &n.targets[i]
	}
	return nil
}

func (n *jnode) target(key string) *jtarget {
	if i, ok := n.keys[key]; ok {
		return &n.targets[i]
	}
	n.keys[key] = len(n.targets)
	n.targets = append(n.targets, jtarget{})
	n.lens |= lenBit(len(key))
	return &n.targets[len(n.targets)-1]
}

// add maps the dotted path to f, both nested and flat. It reports false when
// a key is already mapped to another field.
func (n *jnode) add(path string, f field, rank uint8) bool {
	t := n.target(path)
	if t.f != fSkip && t.f != f {
		return false
	}
	if t.f == fSkip || rank < t.rank {
		t.f, t.rank = f, rank
	}
	if dot := strings.IndexByte(path, '.'); dot > 0 && dot < len(path)-1 {
		head := n.target(path[:dot])
		if head.child == nil {
			head.child = newJNode()
		}
		return head.child.add(path[dot+1:], f, rank)
	}
	return true
}

type jsonFormat struct {
	name string
	root *jnode
}

func (f *jsonFormat) Name() string      { return f.name }
func (f *jsonFormat) NewParser() Parser { return &jsonParser{root: f.root} }

type jsonParser struct {
	root *jnode
	s    fieldState
	rank [numFields]uint8 // rank of the key that filled each field; 255: none
	buf  [64]byte         // for decoding escaped numbers and times
}

// maxDepth bounds how deep mapped objects are followed. Mappings are a few
// levels deep; anything deeper is skipped without recursion.
const maxDepth = 8

func (p *jsonParser) Parse(line []byte, e *Entry) error {
	*e = Entry{Bytes: -1, RequestTime: -1, UpstreamTime: -1}
	line = trimEOL(line)
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
	for k := range p.rank {
		p.rank[k] = 255
	}
	_, err := p.object(line, i, p.root, e, 0)
	if p.rank[fStatus] == 255 {
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

// object reads the object opening at b[i] with node n and returns the index
// after it.
func (p *jsonParser) object(b []byte, i int, n *jnode, e *Entry, depth int) (int, *Error) {
	i++
	for {
		i = skipWS(b, i)
		if i >= len(b) {
			return i, ErrBadJSON
		}
		if b[i] == '}' {
			return i + 1, nil
		}
		if b[i] != '"' {
			return i, ErrBadJSON
		}
		ke := stringEnd(b, i+1)
		if ke < 0 {
			return i, ErrBadJSON
		}
		key := b[i+1 : ke]
		i = skipWS(b, ke+1)
		if i >= len(b) || b[i] != ':' {
			return i, ErrBadJSON
		}
		if i = skipWS(b, i+1); i >= len(b) {
			return i, ErrBadJSON
		}
		var err *Error
		if t := n.lookup(key); t != nil {
			i, err = p.value(b, i, t, e, depth)
		} else {
			i, err = skipValue(b, i)
		}
		if err != nil {
			return i, err
		}
		i = skipWS(b, i)
		if i >= len(b) {
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
	case '{':
		if t.child != nil && depth < maxDepth {
			return p.object(b, i, t.child, e, depth+1)
		}
		return skipValue(b, i)
	case '"':
		end := stringEnd(b, i+1)
		if end < 0 {
			return i, ErrBadJSON
		}
		return end + 1, p.set(t, b[i+1:end], true, e)
	case '[':
		// A list (Caddy logs each header as one): its first element.
		if t.f != fSkip {
			j := skipWS(b, i+1)
			if j < len(b) && b[j] == '"' {
				if end := stringEnd(b, j+1); end >= 0 {
					if err := p.set(t, b[j+1:end], true, e); err != nil {
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
func (p *jsonParser) set(t *jtarget, v []byte, quoted bool, e *Entry) *Error {
	if t.f == fSkip || t.rank > p.rank[t.f] {
		return nil
	}
	p.rank[t.f] = t.rank
	if quoted && decoded(t.f) && bytes.IndexByte(v, '\\') >= 0 {
		// "\u0032\u0030\u0030" is 200 too. Byte fields keep their
		// escapes: they are shown as logged.
		if u, ok := unescape(v, &p.buf); ok {
			v = u
		}
	}
	return p.s.set(t.f, v, e)
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

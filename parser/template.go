package parser

import (
	"bytes"
	"fmt"
	"strings"
)

// A template is a compiled nginx log_format or Apache LogFormat: literal
// text and fields in turn. A field's value runs up to the first byte of the
// literal after it, so "$remote_addr - $remote_user [$time_local]" reads the
// address up to " - ", the user up to " [" and the time up to "]".
//
// Two shapes need more than that. A field between double quotes ends at the
// first unescaped quote, since a quoted value may hold spaces and escaped
// quotes (Apache \", JSON \"). A field known to hold spaces itself (a CLF
// time outside brackets, an unquoted request line) skips that many spaces
// before its end.

type tItem struct {
	lit    string // literal text before the field
	f      field
	term   string // the next non-empty literal: where the value ends
	spaces int    // spaces inside the value, skipped when term starts with one
	quoted bool   // between double quotes
	stopQ  bool   // a path directly followed by its query: '?' ends it too
	optQ   bool   // nginx $is_args: an optional "?", no value of its own
	list   bool   // a list (upstreams, X-Forwarded-For): ", " and " : " do not end it
	col    int    // column in the spec, for errors
}

type templateFormat struct {
	name  string
	items []tItem
	tail  string // literal after the last field
	// hashFirst: the format itself starts with '#', so such a line is not
	// a comment.
	hashFirst bool
	warnings  []string // what the format logs that is not read (see Warnings)
}

func (f *templateFormat) Name() string { return f.name }

func (f *templateFormat) NewParser() Parser { return &templateParser{f: f} }

type templateParser struct {
	f *templateFormat
	s fieldState
	_ cacheLinePad
}

func (p *templateParser) Parse(line []byte, e *Entry) error {
	*e = Entry{Bytes: -1, RequestTime: -1, UpstreamTime: -1}
	line = trimLine(line)
	if len(line) == 0 {
		return ErrEmpty
	}
	if line[0] == '#' && !p.f.hashFirst {
		return ErrComment
	}
	items := p.f.items
	status := false
	pos := 0
	for k := range items {
		it := &items[k]
		if !hasPrefix(line[pos:], it.lit) {
			if status {
				return nil
			}
			if rest := line[pos:]; len(rest) < len(it.lit) && string(rest) == it.lit[:len(rest)] {
				return ErrShort // the line stops inside the literal
			}
			return ErrNoMatch
		}
		pos += len(it.lit)
		if it.optQ {
			if pos < len(line) && line[pos] == '?' {
				pos++
			}
			continue
		}
		end, next := it.extent(line, pos)
		if err := p.s.set(it.f, line[pos:end], e); err != nil {
			return err
		}
		if it.f == fStatus {
			status = true
		}
		if next < 0 {
			// The line ended inside this field: a quote never closed,
			// or no separator after it. With a status read, it is a
			// request all the same.
			switch {
			case status:
				return nil
			case it.quoted:
				return ErrShort
			}
			return ErrNoMatch
		}
		pos = next
	}
	if !status {
		return ErrNoStatus
	}
	return nil
}

// extent returns where the value starting at pos ends, and where the next
// literal starts (next < 0 when the line ended first).
func (it *tItem) extent(line []byte, pos int) (end, next int) {
	rest := line[pos:]
	if it.quoted {
		q := closeQuote(rest)
		if q < 0 {
			return len(line), -1
		}
		return pos + q, pos + q
	}
	if it.term == "" {
		// The last field takes the rest of the line, less trailing blanks.
		end = len(line)
		for end > pos && (line[end-1] == ' ' || line[end-1] == '\t') {
			end--
		}
		return end, len(line)
	}
	c := it.term[0]
	off := 0
	if c == ' ' {
		for n := 0; n < it.spaces; n++ {
			j := bytes.IndexByte(rest[off:], ' ')
			if j < 0 {
				break
			}
			off += j + 1
		}
	}
	j := bytes.IndexByte(rest[off:], c)
	if it.list && c == ' ' {
		// nginx lists the upstreams it tried as "0.049, 0.001" (one
		// group) and "502 : 200" (after an internal redirect); proxies
		// list X-Forwarded-For as "203.0.113.1, 10.0.0.1".
	list:
		for j >= 0 {
			at := off + j
			switch {
			case at > 0 && rest[at-1] == ',':
				off = at + 1
			case at+2 < len(rest) && rest[at+1] == ':' && rest[at+2] == ' ':
				off = at + 3
			default:
				break list
			}
			j = bytes.IndexByte(rest[off:], c)
		}
	}
	if it.stopQ {
		if q := bytes.IndexByte(rest[off:], '?'); q >= 0 && (j < 0 || q < j) {
			return pos + off + q, pos + off + q
		}
	}
	if j < 0 {
		return len(line), -1
	}
	return pos + off + j, pos + off + j
}

// tBuilder collects literals and fields while a spec compiles, and checks
// what a template must satisfy before it is used.
type tBuilder struct {
	// unreadTime holds the times the format logs in a way codetop does not
	// read; they are worth a warning when no other time is read.
	unreadTime []string
	spec       string // the whole --format value, for errors
	items      []tItem
	lit        []byte
	rank       [numFields]int // best rank seen per field (0 = none yet)
	src        [numFields]int // item index holding that best
}

func (b *tBuilder) literal(s string) { b.lit = append(b.lit, s...) }

// field adds a field. When a format logs the same field twice (both
// $body_bytes_sent and $bytes_sent), the lower rank wins and the other
// becomes a skipped field. A duration logged in two units (Apache's %D in
// microseconds and %T in whole seconds) is one field: the finer unit wins,
// wherever it stands.
func (b *tBuilder) field(f field, rank, spaces, col int) {
	it := tItem{lit: string(b.lit), f: f, spaces: spaces, col: col}
	b.lit = b.lit[:0]
	if f != fSkip {
		key := f
		switch {
		case f >= fReqTime && f <= fReqTimeNs:
			key, rank = fReqTime, int(fReqTimeNs-f)
		case f >= fUpTime && f <= fUpTimeNs:
			key, rank = fUpTime, int(fUpTimeNs-f)
		}
		rank++ // 0 means unset
		if old := b.rank[key]; old != 0 {
			if old <= rank {
				it.f = fSkip
			} else {
				b.items[b.src[key]].f = fSkip
			}
		}
		if it.f != fSkip {
			b.rank[key], b.src[key] = rank, len(b.items)
		}
	}
	b.items = append(b.items, it)
}

func (b *tBuilder) optionalQ(col int) {
	b.items = append(b.items, tItem{lit: string(b.lit), optQ: true, col: col})
	b.lit = b.lit[:0]
}

// build checks the template and works out where each field ends.
func (b *tBuilder) build(name, want string) (*templateFormat, error) {
	t := &templateFormat{name: name, items: b.items, tail: string(b.lit)}
	if b.rank[fTime] == 0 && len(b.unreadTime) > 0 {
		t.warnings = append(t.warnings, fmt.Sprintf("the format's time (%s) is not read: only a layout that writes the whole date and time in one directive is (%%t, %%{%%d/%%b/%%Y:%%T %%z}t, %%{%%F %%T %%z}t, %%{sec}t ...); the report will have no timeline, spikes or --since", strings.Join(b.unreadTime, " ")))
	}
	t.hashFirst = len(t.items) > 0 && strings.HasPrefix(t.items[0].lit, "#")
	if b.rank[fStatus] == 0 {
		return nil, specErr(b.spec, len(b.spec)+1, "the format has no %s field: codetop needs it", want)
	}
	for k := range t.items {
		it := &t.items[k]
		if it.optQ {
			continue
		}
		// The value ends at the next non-empty literal. Fields with no
		// literal between them can only be told apart in one case: a path
		// followed by its query ($uri$is_args$args, %U%q).
		j := k + 1
		for j < len(t.items) && t.items[j].lit == "" {
			nx := &t.items[j]
			switch {
			case pathLike(it) && (nx.optQ || nx.f == fQuery):
				it.stopQ = true
			case it.f == fSkip && nx.f == fSkip:
				// Two fields nobody reads: where one ends does not matter.
			default:
				return nil, specErr(b.spec, nx.col, "nothing separates this field from the one before it")
			}
			j++
		}
		if j < len(t.items) {
			it.term = t.items[j].lit
		} else {
			it.term = t.tail
		}
		it.list = it.f == fUpstreamStatus || it.f == fXFF || it.f >= fUpTime && it.f <= fUpTimeNs
		it.quoted = !it.stopQ && len(it.lit) > 0 && it.lit[len(it.lit)-1] == '"' && len(it.term) > 0 && it.term[0] == '"'
	}
	return t, nil
}

func pathLike(it *tItem) bool { return it.f == fPath || it.f == fTarget }

// Warnings returns what a compiled format logs but does not read, worth
// telling the user before a run (a time in a layout split over several
// directives); nil for the others.
func Warnings(f Format) []string {
	if t, ok := f.(*tunedFormat); ok {
		f = t.Format
	}
	if t, ok := f.(*templateFormat); ok {
		return t.warnings
	}
	return nil
}

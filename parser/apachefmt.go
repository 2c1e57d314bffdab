package parser

import "strings"

// Compiling an Apache LogFormat string ("apache:<LogFormat>"):
//
//	apache:%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i"
//
// or the line from httpd.conf, with its quotes and nickname:
//
//	apache:LogFormat "%v:%p %h %l %u %t \"%r\" %>s %O" vhost_common
//
// Directives take the documented modifiers: status conditions
// (%400,501{User-agent}i, %!200i), < and > (original or final request), and
// {arguments}. Directives codetop does not read become skipped fields.

type apacheDirective struct {
	f      field
	rank   int
	spaces int
}

var apacheDirectives = map[byte]apacheDirective{
	'a': {fClient, 0, 0},
	'h': {fClient, 1, 0},
	'b': {fBytes, 0, 0},
	'B': {fBytes, 1, 0},
	'O': {fBytes, 2, 0}, // includes headers: only when nothing better is logged
	'D': {fReqTimeUs, 0, 0},
	'T': {fReqTime, 1, 0},
	'H': {fProto, 0, 0},
	'm': {fMethod, 0, 0},
	'q': {fQuery, 0, 0},
	'r': {fRequest, 0, 2},
	's': {fStatus, 1, 0}, // %>s (final) outranks %s (original)
	'u': {fUser, 0, 0},
	'U': {fPath, 0, 0},
	'v': {fVHost, 0, 0},
	'V': {fVHost, 1, 0},
	't': {fTime, 0, 1},
}

// Directives that are valid but not read.
const apacheSkipped = "AcCefiIklLnoPpRSX"

// Strftime layouts whose output anyTime decodes, with or without zone.
var apacheTimeLayouts = map[string]bool{
	"%d/%b/%Y:%H:%M:%S %z": true,
	"%d/%b/%Y:%T %z":       true,
	"%Y-%m-%dT%H:%M:%S%z":  true,
	"%Y-%m-%dT%T%z":        true,
	"%FT%T%z":              true,
	"%FT%H:%M:%S%z":        true,
	"%Y-%m-%dT%H:%M:%S":    true,
	"%Y-%m-%dT%T":          true,
	"%FT%T":                true,
	"%Y-%m-%d %H:%M:%S":    true,
	"%Y-%m-%d %T":          true,
	"%F %T":                true,
	"%F %H:%M:%S":          true,
	"%Y-%m-%d %H:%M:%S %z": true,
	"%Y-%m-%d %T %z":       true,
	"%F %T %z":             true,
	"%s":                   true, // epoch seconds
}

func compileApache(spec string, off int) (Format, error) {
	text, cols, err := apacheConfigText(spec, off)
	if err != nil {
		return nil, err
	}
	b := &tBuilder{spec: spec}
	for i := 0; i < len(text); {
		c := text[i]
		if c != '%' {
			b.literal(text[i : i+1])
			i++
			continue
		}
		start := i
		i++
		if i < len(text) && text[i] == '%' {
			b.literal("%")
			i++
			continue
		}
		// Status conditions and the original/final marker.
		final := false
		for i < len(text) && (text[i] == '!' || text[i] == ',' || text[i] >= '0' && text[i] <= '9' || text[i] == '<' || text[i] == '>') {
			if text[i] == '>' {
				final = true
			}
			i++
		}
		var arg string
		hasArg := false
		if i < len(text) && text[i] == '{' {
			end := strings.IndexByte(text[i+1:], '}')
			if end < 0 {
				return nil, specErr(spec, cols[i], "%%{ is never closed")
			}
			arg, hasArg = text[i+1:i+1+end], true
			i += end + 2
		}
		if i >= len(text) {
			return nil, specErr(spec, cols[start], "%% at the end: a directive letter must follow")
		}
		letter := text[i]
		i++
		if letter == '^' { // %^ti, %^to: trailers, two letters
			if i >= len(text) {
				return nil, specErr(spec, cols[start], "%%^ must be followed by ti or to")
			}
			i++
			b.field(fSkip, 0, 0, cols[start])
			continue
		}
		d, known := apacheDirectives[letter]
		if !known {
			if strings.IndexByte(apacheSkipped, letter) < 0 {
				return nil, specErr(spec, cols[start], "unknown directive %%%c", letter)
			}
			d = apacheDirective{f: fSkip}
		}
		switch letter {
		case 's':
			if final {
				d.rank = 0
			}
		case 'i':
			d = apacheHeader(arg)
		case 'a':
			if arg != "" && arg != "c" {
				d.f = fSkip
			}
		case 'T':
			switch arg {
			case "ms":
				d.f = fReqTimeMs
			case "us":
				d.f = fReqTimeUs
			}
		case 't':
			if hasArg {
				d = apacheTime(arg)
				if d.f == fSkip {
					b.unreadTime = append(b.unreadTime, "%{"+arg+"}t")
				}
			} else {
				// Plain %t logs its own brackets.
				b.literal("[")
				b.field(fTime, 0, 1, cols[start])
				b.literal("]")
				continue
			}
		}
		b.field(d.f, d.rank, d.spaces, cols[start])
	}
	return b.build(spec, "%>s")
}

func apacheHeader(name string) apacheDirective {
	switch strings.ToLower(name) {
	case "referer":
		return apacheDirective{f: fReferer}
	case "user-agent":
		return apacheDirective{f: fAgent}
	case "x-forwarded-for":
		return apacheDirective{f: fXFF}
	case "host":
		return apacheDirective{f: fVHost, rank: 2}
	}
	return apacheDirective{f: fSkip}
}

// apacheTime reads %{format}t: epoch forms, or a strftime layout whose
// output anyTime knows. Other layouts are skipped, spaces and all: a time
// split over several directives cannot be put back together per line.
func apacheTime(arg string) apacheDirective {
	arg = strings.TrimPrefix(strings.TrimPrefix(arg, "begin:"), "end:")
	switch arg {
	case "sec", "msec", "usec":
		return apacheDirective{f: fTime}
	}
	d := apacheDirective{f: fSkip, spaces: strings.Count(arg, " ")}
	if apacheTimeLayouts[arg] {
		d.f = fTime
	}
	return d
}

// apacheConfigText returns the format text of spec[off:] and the 1-based
// column in spec of each of its bytes. A pasted LogFormat line is unquoted
// (\" and \\ become " and \; \n and \t what they say).
func apacheConfigText(spec string, off int) (string, []int, error) {
	body := spec[off:]
	trimmed := strings.TrimLeft(body, " \t")
	var text []byte
	var cols []int
	if !strings.HasPrefix(trimmed, "LogFormat") {
		// The string alone, as copied from between the quotes: its
		// escapes (\t) mean what Apache makes of them there.
		for i := off; i < len(spec); {
			i = unescapeSpec(spec, i, &text, &cols)
		}
		return string(text), cols, nil
	}
	i := off + len(body) - len(trimmed) + len("LogFormat")
	for i < len(spec) && (spec[i] == ' ' || spec[i] == '\t') {
		i++
	}
	if i >= len(spec) || spec[i] != '"' {
		return "", nil, specErr(spec, i+1, "LogFormat must be followed by a quoted format")
	}
	start := i
	for i++; i < len(spec); {
		if spec[i] == '"' {
			// What follows is the nickname, if anything.
			return string(text), cols, nil
		}
		i = unescapeSpec(spec, i, &text, &cols)
	}
	return "", nil, specErr(spec, start+1, "this quote is never closed")
}

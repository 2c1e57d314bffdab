package parser

import "strings"

// Compiling an nginx log_format string ("nginx:<log_format>").
//
// The value may be the format string itself,
//
//	nginx:$remote_addr - $remote_user [$time_local] "$request" $status ...
//
// or pasted from nginx.conf, quotes, concatenation and all:
//
//	nginx:log_format main '$remote_addr - $remote_user [$time_local] '
//	                      '"$request" $status $body_bytes_sent';

// nginxVar says what an nginx variable fills. rank orders variables that
// fill the same field: the lower one is kept when a format logs both.
type nginxVar struct {
	f      field
	rank   int
	spaces int
}

var nginxVars = map[string]nginxVar{
	"remote_addr":            {fClient, 0, 0},
	"realip_remote_addr":     {fClient, 1, 0},
	"binary_remote_addr":     {fSkip, 0, 0},
	"remote_user":            {fUser, 0, 0},
	"msec":                   {fTime, 0, 0}, // milliseconds: the most precise
	"time_iso8601":           {fTime, 1, 0},
	"time_local":             {fTime, 2, 1}, // "10/Oct/2000:13:55:36 -0700"
	"request":                {fRequest, 0, 2},
	"request_method":         {fMethod, 0, 0},
	"request_uri":            {fTarget, 0, 0},
	"uri":                    {fPath, 1, 0},
	"document_uri":           {fPath, 2, 0},
	"args":                   {fQuery, 0, 0},
	"query_string":           {fQuery, 1, 0},
	"server_protocol":        {fProto, 0, 0},
	"status":                 {fStatus, 0, 0},
	"body_bytes_sent":        {fBytes, 0, 0},
	"bytes_sent":             {fBytes, 1, 0},
	"http_referer":           {fReferer, 0, 0},
	"http_user_agent":        {fAgent, 0, 0},
	"request_time":           {fReqTime, 0, 0},
	"upstream_response_time": {fUpTime, 0, 0},
	"upstream_status":        {fUpstreamStatus, 0, 0},
	"host":                   {fVHost, 0, 0},
	"http_host":              {fVHost, 1, 0},
	"server_name":            {fVHost, 2, 0},
	"http_x_forwarded_for":   {fXFF, 0, 0},
}

func isNameByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// compileNginx compiles spec, the whole --format value; body starts at
// byte off of it (after "nginx:").
func compileNginx(spec string, off int) (Format, error) {
	text, cols, err := nginxConfigText(spec, off)
	if err != nil {
		return nil, err
	}
	b := &tBuilder{spec: spec}
	for i := 0; i < len(text); {
		c := text[i]
		if c != '$' {
			b.literal(text[i : i+1])
			i++
			continue
		}
		start := i
		var name string
		if i+1 < len(text) && text[i+1] == '{' {
			end := strings.IndexByte(text[i+2:], '}')
			if end < 0 {
				return nil, specErr(spec, cols[start], "${ is never closed")
			}
			name = text[i+2 : i+2+end]
			i += end + 3
		} else {
			j := i + 1
			for j < len(text) && isNameByte(text[j]) {
				j++
			}
			name = text[i+1 : j]
			i = j
		}
		if name == "" || strings.IndexFunc(name, func(r rune) bool { return r > 127 || !isNameByte(byte(r)) }) >= 0 {
			return nil, specErr(spec, cols[start], "$ must be followed by a variable name")
		}
		if name == "is_args" {
			b.optionalQ(cols[start])
			continue
		}
		v, ok := nginxVars[name]
		if !ok {
			v = nginxVar{f: fSkip}
		}
		b.field(v.f, v.rank, v.spaces, cols[start])
	}
	return b.build(spec, "$status")
}

// unescapeSpec appends to text the byte of spec at i, or what the escape
// starting there stands for (\t, \n, \r; \x is x, \" a quote), with the
// column it came from, and returns where the next one starts. nginx and
// Apache read the escapes of their format strings the same way.
func unescapeSpec(spec string, i int, text *[]byte, cols *[]int) int {
	c, n := spec[i], 1
	if c == '\\' && i+1 < len(spec) {
		c, n = spec[i+1], 2
		switch c {
		case 'n':
			c = '\n'
		case 't':
			c = '\t'
		case 'r':
			c = '\r'
		}
	}
	*text = append(*text, c)
	*cols = append(*cols, i+1)
	return i + n
}

// nginxConfigText returns the format text of spec[off:] and, for each of
// its bytes, the 1-based column in spec it came from. Plain text maps one to
// one; the nginx.conf form is unquoted and concatenated first.
func nginxConfigText(spec string, off int) (string, []int, error) {
	body := spec[off:]
	trimmed := strings.TrimLeft(body, " \t")
	lead := len(body) - len(trimmed)
	var text []byte
	var cols []int
	if !(strings.HasPrefix(trimmed, "log_format") || strings.HasPrefix(trimmed, "escape=") || strings.HasPrefix(trimmed, "'")) {
		// The string alone, as copied from between the quotes: its escapes
		// (\t) mean what nginx makes of them there.
		for i := off; i < len(spec); {
			i = unescapeSpec(spec, i, &text, &cols)
		}
		return string(text), cols, nil
	}
	i := off + lead
	words := 0
	for i < len(spec) {
		c := spec[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == ';':
			i++
			for i < len(spec) && strings.IndexByte(" \t\r\n", spec[i]) >= 0 {
				i++
			}
			if i < len(spec) {
				return "", nil, specErr(spec, i+1, "unexpected text after ';'")
			}
		case c == '\'' || c == '"':
			start := i
			i++
			closed := false
			for i < len(spec) {
				if spec[i] == c {
					closed = true
					i++
					break
				}
				i = unescapeSpec(spec, i, &text, &cols)
			}
			if !closed {
				return "", nil, specErr(spec, start+1, "this quote is never closed")
			}
			words++
		default:
			// Bare words before the strings: "log_format", its name and
			// "escape=json" say nothing about how a line reads.
			start := i
			for i < len(spec) && strings.IndexByte(" \t\r\n;'\"", spec[i]) < 0 {
				i++
			}
			if words > 0 {
				return "", nil, specErr(spec, start+1, "unquoted text between the format strings")
			}
		}
	}
	if len(text) == 0 {
		return "", nil, specErr(spec, len(spec)+1, "no quoted format string")
	}
	return string(text), cols, nil
}

package parser

import (
	"sort"
	"strings"
)

// Detect picks the format of a log from its first lines and names it
// (Format.Name): "combined+xff", "vhost_combined", "traefik",
// "json:status=http.status,path=url.path", ... ok is false when no format
// reads any of the sample lines. Lines no format reads do not stop it: they
// will be malformed lines of the format chosen for the others.
func Detect(sample [][]byte) (f Format, ok bool) {
	jsonLines, textLines := 0, 0
	for _, l := range sample {
		l = trimLine(l)
		if i := skipWS(l, 0); i < len(l) {
			if l[i] == '{' {
				jsonLines++
			} else {
				textLines++
			}
		}
	}
	if jsonLines > textLines {
		return detectJSON(sample)
	}
	return detectText(sample)
}

// detectText chooses within the NCSA family: whether a vhost comes first,
// whether lines carry referer and agent, and what follows the agent. An AWS
// load balancer's log, which no NCSA line resembles, is the one other text
// formats it knows.
func detectText(sample [][]byte) (Format, bool) {
	var best *clfParser
	bestN := 0
	var e Entry
	for _, vhost := range []bool{false, true} {
		p := &clfParser{vhost: vhost}
		n := 0
		for _, l := range sample {
			if p.Parse(l, &e) == nil {
				n++
			}
		}
		if n > bestN {
			best, bestN = p, n
		}
	}
	for _, name := range []string{"aws-alb", "aws-elb"} {
		if f := builtin[name]; countRequests(f, sample) > bestN {
			return f, true
		}
	}
	if best == nil {
		return nil, false
	}
	// The variant the majority of the parsed lines show.
	agents, xff, timing := 0, 0, 0
	for _, l := range sample {
		if best.Parse(l, &e) != nil {
			continue
		}
		if e.UserAgent != nil {
			agents++
		}
		if best.seen&extraQuoted != 0 {
			xff++
		}
		if best.seen&extraTiming != 0 {
			timing++
		}
	}
	name := "common"
	if agents*2 > bestN {
		name = "combined"
	}
	if best.vhost {
		name = "vhost_" + name
	}
	if xff*2 > bestN {
		name += "+xff"
	}
	if timing*2 > bestN {
		name += "+timing"
	}
	return builtin[name], true
}

// detectJSON tries the built-in JSON formats, most specific first; a line
// counts for a format when it parses and yields a request (a path or a
// method), so that a mapping that only finds "status" does not win by
// accident. When none fits, it builds a mapping from the key names of the
// first line that has a plausible status.
func detectJSON(sample [][]byte) (Format, bool) {
	var best Format
	bestN := 0
	for _, name := range []string{"traefik", "caddy", "nginx-json"} {
		f := builtin[name]
		if n := countRequests(f, sample); n > bestN {
			best, bestN = f, n
		}
	}
	if best != nil {
		return best, true
	}
	for _, l := range sample {
		spec, ok := guessJSONMapping(trimLine(l))
		if !ok {
			continue
		}
		f, err := Compile(spec)
		if err == nil && countRequests(f, sample) > 0 {
			return f, true
		}
	}
	return nil, false
}

func countRequests(f Format, sample [][]byte) int {
	p := f.NewParser()
	var e Entry
	n := 0
	for _, l := range sample {
		if p.Parse(l, &e) == nil && (len(e.Path) > 0 || len(e.Method) > 0) {
			n++
		}
	}
	return n
}

// Key names (the last segment of a path, lower case) that suggest a field,
// best first. Only the status is required.
var guessNames = []struct {
	field string
	names []string
}{
	{"status", []string{"status", "status_code", "statuscode", "http_status", "response_status", "response_code", "code"}},
	{"path", []string{"request_uri", "uri", "url", "path", "target", "original_url"}},
	{"request", []string{"request", "request_line"}},
	{"method", []string{"method", "request_method", "verb", "http_method"}},
	{"time", []string{"time", "timestamp", "@timestamp", "ts", "time_local", "time_iso8601", "date", "datetime", "start_time"}},
	{"bytes", []string{"bytes", "body_bytes_sent", "bytes_sent", "size", "response_size", "content_length"}},
	{"agent", []string{"user_agent", "useragent", "http_user_agent", "ua", "agent"}},
	{"referer", []string{"referer", "referrer", "http_referer"}},
	{"client", []string{"remote_addr", "client_ip", "clientip", "remote_ip", "ip", "client"}},
	{"vhost", []string{"host", "hostname", "vhost", "server_name"}},
}

// guessJSONMapping names the keys of one JSON line by what they look like,
// and returns a json: spec for them.
func guessJSONMapping(line []byte) (string, bool) {
	var paths []string
	vals := map[string][]byte{}
	walkJSON(line, "", 0, func(path string, v []byte, quoted bool) {
		paths = append(paths, path)
		vals[path] = v
	})
	var parts []string
	used := map[string]bool{}
	for _, g := range guessNames {
		path := ""
		for _, n := range g.names {
			for _, p := range paths {
				// A key holding ',', '=' or '|' cannot be written in a
				// mapping: it is no candidate.
				if used[p] || strings.ToLower(p[strings.LastIndexByte(p, '.')+1:]) != n || strings.ContainsAny(p, ",=|") {
					continue
				}
				if g.field == "status" {
					if st, ok := parseStatus(vals[p]); !ok || st < 100 || st > 599 {
						continue
					}
				}
				path = p
				break
			}
			if path != "" {
				break
			}
		}
		if path == "" {
			if g.field == "status" {
				return "", false
			}
			continue
		}
		used[path] = true
		parts = append(parts, g.field+"="+path)
	}
	sort.Strings(parts[1:]) // status first, the rest in a stable order
	return "json:" + strings.Join(parts, ","), true
}

// walkJSON calls fn for every scalar or string value of the object at the
// start of b, with its dotted key path. It is for Detect only: it allocates.
func walkJSON(b []byte, prefix string, depth int, fn func(path string, v []byte, quoted bool)) int {
	i := skipWS(b, 0)
	if i >= len(b) || b[i] != '{' {
		return -1
	}
	i++
	for {
		i = skipWS(b, i)
		if i >= len(b) || b[i] != '"' {
			return -1
		}
		ke, _ := stringEnd(b, i+1)
		if ke < 0 {
			return -1
		}
		path := prefix + string(b[i+1:ke])
		i = skipWS(b, ke+1)
		if i >= len(b) || b[i] != ':' {
			return -1
		}
		i = skipWS(b, i+1)
		if i >= len(b) {
			return -1
		}
		switch {
		case b[i] == '{' && depth < 4:
			n := walkJSON(b[i:], path+".", depth+1, fn)
			if n < 0 {
				return -1
			}
			i += n
		case b[i] == '"':
			e, _ := stringEnd(b, i+1)
			if e < 0 {
				return -1
			}
			fn(path, b[i+1:e], true)
			i = e + 1
		default:
			e, err := skipValue(b, i)
			if err != nil {
				return -1
			}
			if b[i] != '[' && b[i] != '{' {
				fn(path, b[i:e], false)
			}
			i = e
		}
		i = skipWS(b, i)
		if i < len(b) && b[i] == ',' {
			i++
			continue
		}
		if i < len(b) && b[i] == '}' {
			return i + 1
		}
		return -1
	}
}

// WholeNumberAfterAgent reports whether most of the sample's lines that f
// reads end with a bare whole number after the agent, which f takes for no
// time: nginx writes its times in seconds with a fraction, and a whole
// number is in a unit only the server's configuration knows (Apache's %D
// counts microseconds, %T seconds). The caller says how to read it.
func WholeNumberAfterAgent(f Format, sample [][]byte) bool {
	p, ok := f.NewParser().(*clfParser)
	if !ok {
		return false
	}
	var e Entry
	parsed, whole := 0, 0
	for _, l := range sample {
		if p.Parse(l, &e) != nil {
			continue
		}
		parsed++
		if p.seen&extraWhole != 0 && e.RequestTime < 0 && e.UpstreamTime < 0 {
			whole++
		}
	}
	return whole*2 > parsed
}

package parser

import "bytes"

// The fields a custom format (nginx log_format, Apache LogFormat, a JSON
// mapping) can fill, and how a logged value becomes an Entry field. The
// template and JSON parsers share this so that "-" or a bad number means the
// same thing whatever the format.

type field uint8

const (
	fSkip           field = iota
	fStatus               // "200"; "-" or empty is no status
	fTarget               // request target: path, then query after '?'
	fPath                 // path alone (nginx $uri, Apache %U)
	fQuery                // query alone; a leading '?' is dropped (Apache %q)
	fMethod               // "GET"
	fProto                // "HTTP/1.1"
	fRequest              // the whole request line "GET /x HTTP/1.1"
	fBytes                // response size; "-" is none
	fAgent                // User-Agent
	fReferer              // Referer
	fClient               // client address
	fUser                 // authenticated user
	fVHost                // virtual host
	fXFF                  // X-Forwarded-For
	fUpstreamStatus       // upstream status list as logged
	fTime                 // any timestamp shape anyTime knows
	fReqTime              // request duration in seconds
	fReqTimeMs
	fReqTimeUs
	fReqTimeNs
	fUpTime // upstream duration in seconds
	fUpTimeMs
	fUpTimeUs
	fUpTimeNs
	fURLRequest // a request line whose target is a whole URL, as load balancers log it
	fClientPort // a client always written with its port, IPv6 unbracketed: AWS
	numFields
)

// fieldNames are the names the JSON mapping accepts (json:status=...), by
// field. Aliases map to the same field in fieldByName.
var fieldNames = [numFields]string{
	fStatus:         "status",
	fTarget:         "path",
	fPath:           "path_only",
	fQuery:          "query",
	fMethod:         "method",
	fProto:          "proto",
	fRequest:        "request",
	fBytes:          "bytes",
	fAgent:          "agent",
	fReferer:        "referer",
	fClient:         "client",
	fUser:           "user",
	fVHost:          "vhost",
	fXFF:            "xff",
	fUpstreamStatus: "upstream_status",
	fTime:           "time",
	fReqTime:        "request_time",
	fReqTimeMs:      "request_time_ms",
	fReqTimeUs:      "request_time_us",
	fReqTimeNs:      "request_time_ns",
	fUpTime:         "upstream_time",
	fUpTimeMs:       "upstream_time_ms",
	fUpTimeUs:       "upstream_time_us",
	fUpTimeNs:       "upstream_time_ns",
	fURLRequest:     "request_url",
	fClientPort:     "client_with_port",
}

var fieldAliases = map[string]field{
	"uri":            fTarget,
	"url":            fTarget,
	"target":         fTarget,
	"user_agent":     fAgent,
	"ua":             fAgent,
	"referrer":       fReferer,
	"host":           fVHost,
	"forwarded_for":  fXFF,
	"duration":       fReqTime,
	"duration_ms":    fReqTimeMs,
	"duration_us":    fReqTimeUs,
	"duration_ns":    fReqTimeNs,
	"size":           fBytes,
	"remote_addr":    fClient,
	"protocol":       fProto,
	"timestamp":      fTime,
	"upstream_code":  fUpstreamStatus,
	"request_line":   fRequest,
	"response_bytes": fBytes,
}

func fieldByName(name string) (field, bool) {
	for f, n := range fieldNames {
		if n == name && f != int(fSkip) {
			return field(f), true
		}
	}
	f, ok := fieldAliases[name]
	return f, ok
}

// fieldState is what a parser needs besides the Entry to set fields: the
// date cache for timestamps.
type fieldState struct {
	dates dateCache
}

// set stores value v of field f into e. Only status, time and byte counts
// can reject a line; a duration that does not parse is left absent, since a
// request with an odd timing is still a request.
func (s *fieldState) set(f field, v []byte, e *Entry) *Error {
	switch f {
	case fStatus:
		if len(v) == 0 || isDash(v) {
			return ErrNoStatus
		}
		st, ok := parseStatus(v)
		if !ok {
			return statusError(v)
		}
		e.Status = st
	case fTarget:
		// nginx and Apache log "-" for a value a request never had (a 400
		// or 414 before the target was read): no path, as in combined.
		if !isDash(v) {
			splitTarget(v, e)
		}
	case fPath:
		if !isDash(v) {
			e.Path = v
		}
	case fQuery:
		if len(v) > 0 && v[0] == '?' {
			v = v[1:]
		}
		if !isDash(v) {
			e.Query = v
		}
	case fMethod:
		if !isDash(v) {
			e.Method = v
		}
	case fProto:
		if !isDash(v) {
			e.Proto = v
		}
	case fRequest:
		splitRequest(v, e)
	case fURLRequest:
		splitRequest(v, e)
		fromAbsolute(e)
	case fBytes:
		if len(v) == 0 {
			return nil
		}
		n, ok := parseBytes(v)
		if !ok {
			return ErrBadBytes
		}
		e.Bytes = n
	case fAgent:
		e.UserAgent = v
	case fReferer:
		e.Referer = v
	case fClient:
		// "192.0.2.7:2817", "[2001:db8::7]:2817": a load balancer's
		// client is the address and the connection's port; the client
		// is the address.
		e.Client = stripPort(v)
	case fClientPort:
		// AWS writes "2001:db8::7:40000": the port is always there, and
		// only the last colon can be its.
		if c := bytes.LastIndexByte(v, ':'); c > 0 {
			v = v[:c]
		}
		e.Client = v
	case fUser:
		e.User = v
	case fVHost:
		e.VHost = v
	case fXFF:
		e.ForwardedFor = v
	case fUpstreamStatus:
		if len(v) > 0 && !isDash(v) {
			e.UpstreamStatus = v
		}
	case fTime:
		t, ok := s.dates.anyTime(v)
		if !ok {
			return ErrNoTime
		}
		e.Time = t
	case fReqTime, fReqTimeMs, fReqTimeUs, fReqTimeNs:
		if us, ok := parseDuration(v, unit(f-fReqTime)); ok {
			e.RequestTime = us
		}
	case fUpTime, fUpTimeMs, fUpTimeUs, fUpTimeNs:
		if us, ok := upstreamTime(v, unit(f-fUpTime)); ok {
			e.UpstreamTime = us
		}
	}
	return nil
}

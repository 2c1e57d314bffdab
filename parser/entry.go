package parser

// Entry is one parsed request. Numeric fields use -1 for "absent" where 0 is
// a meaningful value. Byte fields are as logged, except that in JSON logs
// Method, Path, Query (when it comes with the path), Client and VHost have
// their JSON escapes decoded (see countedText); they then point into the
// parser's own buffer, valid until its next Parse, like the line.
type Entry struct {
	// Time is the request time in Unix milliseconds (UTC), zone-correct and
	// to the millisecond where the log has it; 0 when the line carries no
	// timestamp. Parsers refuse times before 1970 or after 9999.
	Time int64
	// Status is the HTTP status code as logged: three digits (100 to 999,
	// nginx's 009 for HTTP/0.9), or 0 for "000", "0" or HAProxy's "-1" (a
	// proxy that never got a response).
	Status int
	// Bytes is the response size in bytes; -1 when logged as "-" or absent.
	Bytes int64
	// RequestTime and UpstreamTime are durations in microseconds; -1 when
	// the log does not have them.
	RequestTime  int64
	UpstreamTime int64

	Method       []byte // "GET"; empty when the request line is garbage
	Path         []byte // request target up to the first '?', as logged
	Query        []byte // after the '?', without it; empty when none
	Proto        []byte // "HTTP/1.1"
	Client       []byte // client address or host name
	User         []byte // authenticated user, "-" as logged
	VHost        []byte // virtual host (vhost_combined, $host, Host header)
	Referer      []byte
	UserAgent    []byte
	ForwardedFor []byte // X-Forwarded-For as logged
	// UpstreamStatus is the upstream's status as logged ("502", "502, 200"
	// when nginx tried two upstreams); empty when the log has none.
	UpstreamStatus []byte
}

// Reset clears e for the next line without releasing anything.
func (e *Entry) Reset() {
	*e = Entry{Bytes: -1, RequestTime: -1, UpstreamTime: -1}
}

// Parser parses lines of one format.
type Parser interface {
	// Parse fills e from line. On error, e holds whatever was decoded so far
	// and the error is one of the package's *Error values (never allocated).
	Parse(line []byte, e *Entry) error
}

// Format is a compiled log format: a name for humans and a factory of
// parsers (one per goroutine).
type Format interface {
	Name() string
	NewParser() Parser
}

// cacheLinePad ends every parser, because a parser writes to itself on
// every line and the parsers of a batch read's workers are allocated one
// after the other. Without it the end of one could share a 64-byte cache
// line with the start of the next, and two cores writing the same line take
// it from each other on every line (false sharing): when a field made the
// NCSA parser 160 bytes long, that cost up to a tenth of the CPU of a run.
// With 64 bytes of nothing after the last field, two padded objects never
// share a line that either of them writes.
type cacheLinePad [64]byte

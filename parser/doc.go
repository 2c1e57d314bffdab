// Package parser turns one access-log line into an Entry without allocating.
//
// Every byte-slice field of an Entry is a sub-slice of the line passed to
// Parse: it is valid only until the caller reuses or overwrites that line
// buffer, and only until the next call to Parse with the same Entry. Callers
// that keep a field (a path inserted into a map, say) must copy it.
//
// A Parser is not safe for concurrent use: it caches the last date it
// decoded. Give each goroutine its own with Format.NewParser.
//
// Formats, by the names Compile accepts:
//
//   - combined, common, vhost_combined, vhost_common: the NCSA family, with
//     whatever nginx setups append after the agent (a quoted
//     X-Forwarded-For, rt=0.123 urt=0.120, bare $request_time
//     $upstream_response_time). Detect adds what it saw to the name:
//     "combined+xff", "combined+timing".
//   - "nginx:<log_format>": any nginx log_format, as the string or pasted
//     from nginx.conf.
//   - "apache:<LogFormat>": any Apache LogFormat, as the string or the
//     LogFormat line.
//   - nginx-json, caddy, traefik: JSON access logs, scanned in place;
//     "json" reads any of the three.
//   - "json:status=KEY,path=KEY,...": any other JSON, by key paths.
//
// A line that is not a request is rejected with one of the package's *Error
// values, whose Reason says why; a spec that does not compile is a
// *SpecError that points at its column.
package parser

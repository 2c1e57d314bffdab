package parser

import "strings"

// The built-in JSON mappings and the compiler of user mappings.

// jsonKeys lists, for one field, the key paths that fill it, best first.
type jsonKeys struct {
	f     field
	paths []string
}

// nginx JSON log_format recipes name their keys after the variables, with
// or without the "http_" and "request_" prefixes, or after what they hold.
var nginxJSONKeys = []jsonKeys{
	{fStatus, []string{"status", "status_code"}},
	{fRequest, []string{"request"}},
	{fTarget, []string{"request_uri", "uri", "path", "url"}},
	{fQuery, []string{"args", "query_string", "query"}},
	{fMethod, []string{"request_method", "method"}},
	{fProto, []string{"server_protocol", "protocol", "proto"}},
	{fBytes, []string{"body_bytes_sent", "body_bytes", "bytes_sent", "bytes", "size", "length"}},
	{fReferer, []string{"http_referer", "referer", "referrer"}},
	{fAgent, []string{"http_user_agent", "user_agent", "ua", "agent"}},
	{fClient, []string{"remote_addr", "client_ip", "client", "ip", "remote_ip", "clientip"}},
	{fUser, []string{"remote_user", "user"}},
	{fVHost, []string{"host", "http_host", "server_name", "vhost"}},
	{fXFF, []string{"http_x_forwarded_for", "x_forwarded_for", "xff", "forwarded_for"}},
	{fTime, []string{"msec", "time_iso8601", "time_local", "time", "timestamp", "@timestamp", "date", "ts"}},
	{fReqTime, []string{"request_time"}},
	// "response_time" is what the alp-style recipes call
	// $upstream_response_time.
	{fUpTime, []string{"upstream_response_time", "upstream_time", "response_time"}},
	{fUpstreamStatus, []string{"upstream_status"}},
}

// Caddy's structured access log (logger "http.log.access").
var caddyKeys = []jsonKeys{
	{fStatus, []string{"status"}},
	{fBytes, []string{"size"}},
	{fTime, []string{"ts"}},
	{fReqTime, []string{"duration"}},
	{fTarget, []string{"request.uri"}},
	{fMethod, []string{"request.method"}},
	{fProto, []string{"request.proto"}},
	{fVHost, []string{"request.host"}},
	{fClient, []string{"request.client_ip", "request.remote_ip"}},
	{fAgent, []string{"request.headers.User-Agent"}},
	{fReferer, []string{"request.headers.Referer"}},
	{fXFF, []string{"request.headers.X-Forwarded-For"}},
	{fUser, []string{"user_id"}},
}

// Traefik's JSON access log. Its "time" is the local time of the log
// record without a zone, and StartLocal the same instant as StartUTC in
// another zone: StartUTC is the one to read.
var traefikKeys = []jsonKeys{
	{fStatus, []string{"DownstreamStatus"}},
	{fTarget, []string{"RequestPath"}},
	{fMethod, []string{"RequestMethod"}},
	{fProto, []string{"RequestProtocol"}},
	{fVHost, []string{"RequestHost"}},
	{fClient, []string{"ClientHost"}},
	{fUser, []string{"ClientUsername"}},
	{fTime, []string{"StartUTC", "time"}},
	{fReqTimeNs, []string{"Duration"}},
	{fUpTimeNs, []string{"OriginDuration"}},
	{fBytes, []string{"DownstreamContentSize"}},
	{fAgent, []string{"request_User-Agent"}},
	{fReferer, []string{"request_Referer"}},
	{fXFF, []string{"request_X-Forwarded-For"}},
	{fUpstreamStatus, []string{"OriginStatus"}},
}

func builtinJSON(name string, lists ...[]jsonKeys) *jsonFormat {
	root := newJNode()
	for _, list := range lists {
		for _, k := range list {
			for r, path := range k.paths {
				if !root.add(path, k.f, uint8(r)) {
					panic("parser: built-in JSON mapping " + name + " maps " + path + " twice")
				}
			}
		}
	}
	return &jsonFormat{name: name, root: root}
}

// compileJSON compiles a user mapping, spec[off:] being
// "status=resp.code,path=req.url|request.uri,time=@timestamp": field names
// (see fieldNames), each with one or more key paths separated by '|'.
func compileJSON(spec string, off int) (Format, error) {
	body := spec[off:]
	if strings.TrimSpace(body) == "" {
		return nil, specErr(spec, off+1, "empty mapping: want status=KEY[,path=KEY,time=KEY,...]")
	}
	root := newJNode()
	var seen [numFields]bool
	pos := off
	for _, part := range strings.Split(body, ",") {
		col := pos + 1
		pos += len(part) + 1
		lead := len(part) - len(strings.TrimLeft(part, " "))
		part = strings.TrimSpace(part)
		col += lead
		eq := strings.IndexByte(part, '=')
		if eq < 0 {
			return nil, specErr(spec, col, "want FIELD=KEY, found %q", part)
		}
		name := strings.TrimSpace(part[:eq])
		f, ok := fieldByName(name)
		if !ok {
			return nil, specErr(spec, col, "unknown field %q (fields: %s)", name, strings.Join(fieldNames[fStatus:], ", "))
		}
		if seen[f] {
			return nil, specErr(spec, col, "field %q is mapped twice", name)
		}
		seen[f] = true
		kcol := col + eq + 1
		for r, path := range strings.Split(part[eq+1:], "|") {
			path = strings.TrimSpace(path)
			if path == "" || strings.HasPrefix(path, ".") || strings.HasSuffix(path, ".") || strings.Contains(path, "..") {
				return nil, specErr(spec, kcol, "bad key path %q", path)
			}
			if !root.add(path, f, uint8(min(r, 254))) {
				return nil, specErr(spec, kcol, "key %q is already mapped to another field", path)
			}
			kcol += len(path) + 1
		}
	}
	if !seen[fStatus] {
		return nil, specErr(spec, len(spec)+1, "the mapping has no status=KEY: codetop needs it")
	}
	return &jsonFormat{name: spec, root: root}, nil
}

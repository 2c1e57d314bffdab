package parser

import "bytes"

// The access logs of AWS load balancers: one line per request, its fields
// separated by spaces in the order AWS documents. An Application Load
// Balancer (aws-alb) writes
//
//	type time elb client:port target:port request_processing_time
//	target_processing_time response_processing_time elb_status_code
//	target_status_code received_bytes sent_bytes "request" "user_agent"
//	ssl_cipher ssl_protocol target_group_arn "trace_id" "domain_name" ...
//
// with more fields appended over the years, all after the agent and none
// read here; a Classic Load Balancer (aws-elb) writes the same up to
// ssl_protocol, without the type. Lines of TCP listeners have "-" for the
// statuses: they are no HTTP requests and count as malformed.
//
// The status is the load balancer's own: the 460s, 502s and 504s it
// answered itself are what an operator looks for (the target's status is
// kept as the upstream status). The latency is the target's processing
// time, -1 (absent) when the target never answered. The request line holds
// the URL the client asked for, "GET https://shop.example.com:443/cart
// HTTP/1.1": its host is the virtual host and the rest the path, as in
// every other format.

// awsFormat builds the template of an AWS load balancer's line: the ALB's
// when typeFirst, the Classic one's otherwise.
func awsFormat(name string, typeFirst bool) *templateFormat {
	b := &tBuilder{spec: name}
	fields := []field{fTime, fSkip, fClientPort, fSkip, fSkip, fUpTime, fSkip, fStatus, fUpstreamStatus, fSkip, fBytes}
	if typeFirst {
		fields = append([]field{fSkip}, fields...)
	}
	for i, f := range fields {
		if i > 0 {
			b.literal(" ")
		}
		b.field(f, 0, 0, i+1)
	}
	b.literal(` "`)
	b.field(fURLRequest, 0, 0, len(fields)+1)
	b.literal(`" "`)
	b.field(fAgent, 0, 0, len(fields)+2)
	b.literal(`" `)
	b.field(fSkip, 0, 0, len(fields)+3) // the rest of the line
	t, err := b.build(name, "elb_status_code")
	if err != nil {
		panic(name + ": " + err.Error())
	}
	return t
}

// fromAbsolute moves the scheme and host of a path in absolute form
// (https://host:port/path) out of it: the host, without its port, becomes
// the virtual host unless one was logged, and the path is what follows.
func fromAbsolute(e *Entry) {
	p := e.Path
	n := 0 // the length of the scheme and "://"
	switch {
	case len(p) >= 8 && bytes.EqualFold(p[:8], []byte("https://")):
		n = 8
	case len(p) >= 7 && bytes.EqualFold(p[:7], []byte("http://")):
		n = 7
	default:
		return
	}
	host := p[n:]
	if slash := bytes.IndexByte(host, '/'); slash >= 0 {
		host, e.Path = host[:slash], host[slash:]
	} else {
		// No path after the host: "/", the last slash of "://", so that
		// the path stays a part of the line as every field is.
		e.Path = p[n-1 : n]
	}
	// A host with a port that is no number ("host:80-", from a request
	// line that was never one) names no virtual host.
	if h := stripPort(host); e.VHost == nil && len(h) > 0 && (h[0] == '[' || bytes.IndexByte(h, ':') < 0) {
		e.VHost = h
	}
}

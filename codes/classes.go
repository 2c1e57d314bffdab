package codes

// classes holds the class-level explanations used for codes without an
// entry of their own and by Class.
var classes = map[string]ClassInfo{
	"1xx": {
		Class:   "1xx",
		Name:    "Informational",
		Meaning: "An interim answer sent before the real one; the request is still in progress.",
		Causes: []string{
			"A protocol switch (101 for WebSocket upgrades) or an Expect: 100-continue exchange.",
			"An experimental or vendor-specific interim response from a proxy or application.",
		},
		Checks: []string{
			"Which virtual host and upstream emitted it, and whether a final status followed.",
			"Leave 1xx lines out of latency statistics: their duration is often the length of a long-lived connection.",
		},
	},
	"2xx": {
		Class:   "2xx",
		Name:    "Success",
		Meaning: "The request was received, understood and handled successfully.",
		Causes: []string{
			"Normal traffic.",
			"An error page served with a success code (a \"soft\" error) by the application or a CDN.",
		},
		Checks: []string{
			"Response sizes: a burst of identical small 2xx bodies can be an error page in disguise.",
			"Latency of the successful requests, which is what users feel.",
		},
	},
	"3xx": {
		Class:   "3xx",
		Name:    "Redirection",
		Meaning: "The client has to do something else, usually follow the Location header, to finish the request.",
		Causes: []string{
			"Canonical-URL rules: HTTP to HTTPS, www to bare domain, trailing slashes.",
			"Login redirects and cache revalidation.",
		},
		Checks: []string{
			"The Location targets of the most frequent redirects, looking for loops (A to B to A).",
			"Whether the proxy and the application both enforce the same redirect rule.",
		},
	},
	"4xx": {
		Class:   "4xx",
		Name:    "Client error",
		Meaning: "The server refused or could not handle the request as sent; the fix is usually in the request, the client or the access rules.",
		Causes: []string{
			"Malformed or unexpected requests from bots, scanners or an outdated client release.",
			"Missing or expired credentials, access rules, rate limits or size limits.",
			"Links or API routes that no longer exist after a deploy.",
		},
		Checks: []string{
			"Top paths, client addresses and user agents for the code: one client or everyone?",
			"Whether the proxy answered by itself or passed the application's answer on (nginx $upstream_status is \"-\" when no upstream was contacted).",
			"Recent deploys of the clients, the API or the proxy configuration.",
		},
	},
	"5xx": {
		Class:   "5xx",
		Name:    "Server error",
		Meaning: "The server or something behind it failed to handle a request that looked valid.",
		Causes: []string{
			"Application crashes or unhandled exceptions.",
			"Upstreams that are down, overloaded, too slow or restarting during a deploy.",
			"Exhausted resources: connections, worker pools, memory, disk.",
		},
		Checks: []string{
			"Proxy error log (nginx error.log, Apache ErrorLog) and application logs around the first failures.",
			"Upstream health and latency: $upstream_status, $upstream_response_time, load balancer target health.",
			"What changed just before: deploys, config reloads, traffic spikes, dependency incidents.",
		},
	},
	"other": {
		Class:   "other",
		Name:    "Non-standard",
		Meaning: "A number outside the 100-599 range HTTP defines, so not an HTTP status code at all.",
		Causes: []string{
			"A proxy or application writing a private marker into the status field (nginx's 009 for HTTP/0.9 requests; HAProxy's -1 is counted as 000).",
			"A log format whose fields are not in the order the parser expects, so another number is read as the status.",
			"A site answering unwanted clients with a made-up code.",
		},
		Checks: []string{
			"A few raw log lines with this value, compared with the configured log format (nginx log_format, Apache LogFormat).",
			"Which virtual host, upstream or tool wrote these lines.",
		},
	},
}

package codes

// informational holds the registered 1xx codes.
var informational = []Entry{
	{
		Code: 100, Name: "Continue", Class: "1xx", Standard: true, Source: "RFC 9110",
		Meaning: "The server accepted the request headers and invites the client to upload the body now.",
		Notes: "Only sent when the client asked with Expect: 100-continue (curl does this for larger uploads). " +
			"Access logs normally show the final status instead; a proxy that cannot handle the exchange may answer 417.",
	},
	{
		Code: 101, Name: "Switching Protocols", Class: "1xx", Standard: true, Source: "RFC 9110",
		Meaning: "The server accepted the client's Upgrade request and the connection now speaks another protocol, almost always WebSocket.",
		Notes: "nginx logs a 101 when the upgraded connection closes, and $request_time is the whole life of the WebSocket. " +
			"Leave 101 out of latency percentiles or they will look terrible. Behind nginx, upgrades need " +
			"proxy_http_version 1.1 and the Upgrade and Connection headers passed on explicitly.",
	},
	{
		Code: 102, Name: "Processing", Class: "1xx", Standard: true, Source: "RFC 2518 (WebDAV)",
		Meaning: "A WebDAV server says it is still working on a long request so the client does not time out.",
		Notes:   "Defined for WebDAV in RFC 2518 and dropped from its successor RFC 4918; still registered but rarely sent.",
	},
	{
		Code: 103, Name: "Early Hints", Class: "1xx", Standard: true, Source: "RFC 8297",
		Meaning: "An early, provisional response carrying Link headers so the browser can start preloading assets while the real response is prepared.",
		Notes:   "Some CDNs send it on the origin's behalf; logs show the final status of the request, not the 103.",
	},
}

// success holds the registered 2xx codes.
var success = []Entry{
	{
		Code: 200, Name: "OK", Class: "2xx", Standard: true, Source: "RFC 9110",
		Meaning: "The request worked and the response carries the result.",
		Notes: "A 200 is not proof of health: applications and CDNs sometimes serve error or maintenance pages with 200. " +
			"Watch response sizes and latency as well as the status.",
	},
	{
		Code: 201, Name: "Created", Class: "2xx", Standard: true, Source: "RFC 9110",
		Meaning: "The request worked and created something new, usually after a POST or PUT; Location points to it.",
	},
	{
		Code: 202, Name: "Accepted", Class: "2xx", Standard: true, Source: "RFC 9110",
		Meaning: "The server took the request for later processing (a queue or batch job), so the work has not finished and may still fail.",
		Notes:   "Failures of the background work never show up as HTTP errors; check the queue and workers, not the access log.",
	},
	{
		Code: 203, Name: "Non-Authoritative Information", Class: "2xx", Standard: true, Source: "RFC 9110",
		Meaning: "A success whose content was changed by a transforming proxy, so it is not exactly what the origin sent.",
		Notes:   "Introduced with HTTP/1.1; seldom seen in practice.",
	},
	{
		Code: 204, Name: "No Content", Class: "2xx", Standard: true, Source: "RFC 9110",
		Meaning: "The request worked and there is deliberately no body to return, typical for DELETE, PUT and tracking beacons.",
	},
	{
		Code: 205, Name: "Reset Content", Class: "2xx", Standard: true, Source: "RFC 9110",
		Meaning: "The request worked and the client should clear the form or view that sent it.",
	},
	{
		Code: 206, Name: "Partial Content", Class: "2xx", Standard: true, Source: "RFC 9110",
		Meaning: "The server sent only the byte range the client asked for with a Range header, as in video seeking and resumed downloads.",
		Notes: "Many 206 lines for the same file are normal for media players and download managers; " +
			"bytes sent per line are only a slice of the file.",
	},
	{
		Code: 207, Name: "Multi-Status", Class: "2xx", Standard: true, Source: "RFC 4918 (WebDAV)",
		Meaning: "A WebDAV response whose XML body holds a separate status for each of several resources, some of which may have failed.",
		Notes:   "A 207 can hide failures: the individual results are inside the body, not in the access log.",
	},
	{
		Code: 208, Name: "Already Reported", Class: "2xx", Standard: true, Source: "RFC 5842 (WebDAV)",
		Meaning: "Appears within a WebDAV multi-status reply to mark a member listed already, so a collection reached through several bindings is not listed twice.",
	},
	{
		Code: 226, Name: "IM Used", Class: "2xx", Standard: true, Source: "RFC 3229 (delta encoding)",
		Meaning: "The server answered a GET with a delta or other instance manipulation of the resource instead of the full representation.",
		Notes:   "Part of HTTP delta encoding; almost never deployed.",
	},
}

// redirection holds the registered 3xx codes.
var redirection = []Entry{
	{
		Code: 300, Name: "Multiple Choices", Class: "3xx", Standard: true, Source: "RFC 9110",
		Meaning: "Several representations of the resource exist and the client is asked to pick one.",
		Notes:   "Rare; some servers send it from automatic content negotiation (Apache MultiViews).",
	},
	{
		Code: 301, Name: "Moved Permanently", Class: "3xx", Standard: true, Source: "RFC 9110",
		Meaning: "The resource has a new permanent URL, given in Location, and clients and search engines should use it from now on.",
		Causes: []string{
			"Canonical redirects: HTTP to HTTPS, www to bare domain, added or removed trailing slashes.",
			"A redirect loop when TLS ends at a load balancer or CDN that talks plain HTTP to the origin, " +
				"and the origin keeps redirecting to HTTPS because it never sees HTTPS.",
			"Site or API path migrations after a deploy.",
		},
		Checks: []string{
			"Follow the chain: curl -sIL https://host/path | grep -i -E '^(HTTP|location)'; a repeating Location is a loop.",
			"Whether the origin trusts X-Forwarded-Proto from the proxy, and the CDN SSL mode (Cloudflare \"Flexible\" is a classic loop source).",
			"Whether the proxy and the application both canonicalise the host or slash in opposite directions.",
		},
		Notes: "Browsers cache 301s, so users may keep bouncing after the config is fixed. " +
			"Clients may turn a POST into a GET when following a 301; use 308 to keep the method.",
	},
	{
		Code: 302, Name: "Found", Class: "3xx", Standard: true, Source: "RFC 9110",
		Meaning: "The resource is temporarily at another URL, given in Location; clients should keep using the original URL later.",
		Causes: []string{
			"Login redirects: a jump in 302s to the login page means sessions are being lost.",
			"Session cookies not sticking: Secure or SameSite cookie attributes over plain HTTP, a cookie domain mismatch, " +
				"or a session store (Redis, database) that is down or not shared between servers.",
			"Temporary maintenance or A/B redirects left in place.",
		},
		Checks: []string{
			"Top Location targets and source paths; the same client hitting the same pair over and over is a loop.",
			"Set-Cookie attributes on the login response and whether the next request sends the cookie back.",
			"Health of the session store and whether every application server uses the same one.",
		},
		Notes: "Originally \"Moved Temporarily\". Browsers follow 302 with a GET even after a POST, which HTTP/1.1 " +
			"made explicit by adding 303 and 307.",
	},
	{
		Code: 303, Name: "See Other", Class: "3xx", Standard: true, Source: "RFC 9110",
		Meaning: "The client should fetch the result from another URL with a GET, the usual answer after a form POST.",
		Notes:   "Introduced with HTTP/1.1 to name the behaviour browsers already had for 302.",
	},
	{
		Code: 304, Name: "Not Modified", Class: "3xx", Standard: true, Source: "RFC 9110",
		Meaning: "The client's cached copy is still valid (its If-None-Match or If-Modified-Since matched), so no body was sent.",
		Causes: []string{
			"Normal cache revalidation by browsers and CDNs; a high share is good news.",
			"A sudden drop in 304s: ETags or Last-Modified dates that differ between servers, or every asset changing in a deploy.",
			"Unexpected 304s for dynamic pages: the application or proxy emits validators for content that changes.",
		},
		Checks: []string{
			"Compare ETag and Last-Modified for the same URL on each backend: curl -sI against each server.",
			"ETags built from modification times (Apache's default FileETag MTime Size, nginx) differ when a deploy left different mtimes on each server; " +
				"Apache mod_deflate appends -gzip to ETags, so If-None-Match never matches and 304s turn into 200s.",
			"Cache-Control headers on pages that must not be revalidated as unchanged.",
		},
	},
	{
		Code: 305, Name: "Use Proxy", Class: "3xx", Standard: true, Source: "RFC 9110", Deprecated: true,
		Meaning: "Obsolete: told the client to repeat the request through the proxy named in Location.",
		Notes: "Introduced with HTTP/1.1 and later deprecated because letting a response choose the " +
			"client's proxy is a security risk; browsers ignore it.",
	},
	{
		Code: 306, Name: "(Unused)", Class: "3xx", Standard: true, Source: "RFC 9110", Deprecated: true,
		Meaning: "Reserved and never sent; it was \"Switch Proxy\" in an early HTTP/1.1 draft.",
		Notes:   "If it appears in logs, an application is using the number for its own purpose.",
	},
	{
		Code: 307, Name: "Temporary Redirect", Class: "3xx", Standard: true, Source: "RFC 9110",
		Meaning: "The resource is temporarily at another URL and the client must repeat the same method and body there.",
		Causes: []string{
			"Temporary moves and maintenance redirects that must keep POST bodies.",
			"Load balancer or application redirect rules (HTTP to HTTPS, region or shard routing).",
			"Loops between two rules, exactly as with 302.",
		},
		Checks: []string{
			"Follow the chain with curl -sIL and look for a repeating Location.",
			"Which layer issues it: proxy rules (nginx return/rewrite), load balancer listener rules, or the application.",
		},
		Notes: "Added in RFC 2616 (HTTP/1.1, 1999); the first HTTP/1.1 text, RFC 2068, did not have it. Browsers also show an internal 307 for HSTS upgrades; " +
			"those never reach the server and do not appear in its logs.",
	},
	{
		Code: 308, Name: "Permanent Redirect", Class: "3xx", Standard: true, Source: "RFC 9110",
		Meaning: "The resource has a new permanent URL and the client must repeat the same method and body there.",
		Causes: []string{
			"Trailing-slash or canonical-host rules in frameworks and platforms that default to 308.",
			"HTTPS enforcement that must not turn POSTs into GETs.",
			"Redirect loops between the proxy and the application, as with 301.",
		},
		Checks: []string{
			"Follow the chain with curl -sIL; compare the Location with the request URL.",
			"Clients that do not support 308 (very old libraries) and fail instead of following it.",
			"Browser caching: like 301, it is remembered, so fixes take effect slowly.",
		},
		Notes: "First defined in RFC 7238 (2014, experimental), moved to the standards track by RFC 7538 (2015), now part of RFC 9110.",
	},
}

package codes

// clientErrorsMore holds the registered codes 418-451.
var clientErrorsMore = []Entry{
	{
		Code: 418, Name: "(Unused)", Class: "4xx", Standard: true, Source: "RFC 9110",
		Meaning: "Reserved because of the 1998 April Fools' \"I'm a teapot\" joke (RFC 2324); some sites return it on purpose to turn away bots.",
		Causes: []string{
			"An application or WAF rule that answers unwanted clients (scrapers, bad bots) with 418 as a joke or marker.",
			"Test or placeholder endpoints left in production.",
		},
		Checks: []string{
			"grep the proxy config and application code for 418 to find the rule that sends it.",
			"Top user agents and addresses receiving it, to confirm only unwanted clients are affected.",
		},
		Notes: "The registry lists 418 as \"(Unused)\" so that nobody assigns it a real meaning; everyone knows it as \"I'm a teapot\".",
	},
	{
		Code: 421, Name: "Misdirected Request", Class: "4xx", Standard: true, Source: "RFC 9110",
		Meaning: "The request arrived on a server or connection that does not serve this host name (or scheme), typically because a connection was reused for another site.",
		Causes: []string{
			"HTTP/2 connection reuse: a browser sends requests for b.example.com over a connection opened for a.example.com " +
				"because the certificate covers both, but the server treats the hosts differently.",
			"The TLS SNI name and the Host header disagree (Apache mod_ssl logs AH02032 and answers 421).",
			"Virtual hosts with overlapping wildcard certificates but different TLS settings (client certificates, protocols).",
		},
		Checks: []string{
			"Which host names share a certificate (openssl s_client -connect host:443 -servername host) and whether their TLS settings differ.",
			"Apache or proxy error logs for SNI/Host mismatch messages.",
			"Server blocks that share a certificate or IP but differ in ssl_verify_client, ssl_protocols or similar settings (nginx -T).",
		},
	},
	{
		Code: 422, Name: "Unprocessable Content", Class: "4xx", Standard: true, Source: "RFC 9110",
		Meaning: "The request is well formed but its content fails the application's validation, for example a required field is empty or a date is impossible.",
		Causes: []string{
			"Validation errors in frameworks that use 422 by default (Rails, Laravel, FastAPI).",
			"A client and API out of step after a release: renamed fields, new required fields, changed types.",
		},
		Checks: []string{
			"The response body, which lists the fields that failed validation.",
			"Client versions behind the 422s and the API changes in the latest deploy.",
		},
		Notes: "Called \"Unprocessable Entity\" in RFC 4918 (WebDAV); RFC 9110 generalised and renamed it.",
	},
	{
		Code: 423, Name: "Locked", Class: "4xx", Standard: true, Source: "RFC 4918 (WebDAV)",
		Meaning: "The WebDAV resource is locked, so it cannot be changed right now.",
		Causes: []string{
			"A document opened for editing by another user (office files on SharePoint, Nextcloud and similar).",
			"Stale locks left by clients that crashed or lost their connection.",
		},
		Checks: []string{
			"Who holds the lock and when it expires (the server's lock table or admin view).",
			"LOCK and UNLOCK requests in the access log for the path, and lock timeout settings.",
		},
	},
	{
		Code: 424, Name: "Failed Dependency", Class: "4xx", Standard: true, Source: "RFC 4918 (WebDAV)",
		Meaning: "This WebDAV operation was skipped because another operation it depended on, in the same request, failed.",
		Causes: []string{
			"A batch operation (PROPPATCH and similar) where one part failed and the rest were abandoned.",
			"The real error is reported for another resource in the same multi-status response.",
		},
		Checks: []string{
			"The multi-status body for the first operation that failed and its own status.",
			"Server logs for that first failure (permissions, locks, storage).",
		},
	},
	{
		Code: 425, Name: "Too Early", Class: "4xx", Standard: true, Source: "RFC 8470",
		Meaning: "The server refused a request sent in TLS 1.3 early data (0-RTT) because an attacker could replay it.",
		Causes: []string{
			"0-RTT enabled on the proxy or CDN (nginx ssl_early_data on) with the application rejecting requests marked Early-Data: 1.",
			"Non-idempotent requests (POST) sent by clients during connection resumption.",
		},
		Checks: []string{
			"nginx ssl_early_data and whether the Early-Data header is passed to the application (proxy_set_header Early-Data $ssl_early_data).",
			"Which methods and paths get 425; clients should retry them after the handshake completes.",
		},
		Notes: "Old WebDAV drafts used 425 for \"Unordered Collection\"; that meaning was never standardised.",
	},
	{
		Code: 426, Name: "Upgrade Required", Class: "4xx", Standard: true, Source: "RFC 9110",
		Meaning: "This endpoint only works over another protocol, named in the Upgrade header (WebSocket, TLS), so the client must switch first.",
		Causes: []string{
			"A WebSocket endpoint receiving a plain HTTP request because a proxy did not pass the Upgrade and Connection headers.",
			"Servers that require TLS or a newer HTTP version for an endpoint.",
		},
		Checks: []string{
			"nginx location for the WebSocket path: proxy_http_version 1.1, proxy_set_header Upgrade $http_upgrade and Connection \"upgrade\".",
			"The Upgrade header in the response and the protocol the failing clients used.",
		},
		Notes: "RFC 2817 introduced it for upgrading a connection to TLS.",
	},
	{
		Code: 428, Name: "Precondition Required", Class: "4xx", Standard: true, Source: "RFC 6585",
		Meaning: "The server insists on conditional requests (If-Match with an ETag) for this change, to avoid overwriting someone else's update.",
		Causes: []string{
			"A client that updates resources without sending If-Match or If-Unmodified-Since.",
			"An API that recently started enforcing conditional updates.",
		},
		Checks: []string{
			"Whether failing clients send If-Match, and where they get the ETag from.",
			"API change notes: clients must read the resource first and send its ETag back.",
		},
	},
	{
		Code: 429, Name: "Too Many Requests", Class: "4xx", Standard: true, Source: "RFC 6585",
		Meaning: "A rate limiter fired: this client sent more requests than allowed in a time window.",
		Causes: []string{
			"One aggressive client: a crawler, a scraper, a misbehaving integration or a script in a loop.",
			"A retry storm: clients retrying failed calls immediately and without backoff, multiplying the load.",
			"Limits too tight for real traffic: nginx limit_req rate or burst, API gateway quotas, WAF rate rules.",
			"Many users behind one address (corporate NAT, mobile carrier) or a proxy that hides client addresses, so all count as one.",
		},
		Checks: []string{
			"Top client addresses and user agents for the 429s: one client or many?",
			"The limiter config: nginx limit_req_zone rate and the key it uses, limit_req burst/nodelay, gateway or WAF rules.",
			"Whether the limiter keys on the real client address (real_ip_header and set_real_ip_from behind a load balancer).",
			"Retry-After in the responses and whether clients respect it; error.log \"limiting requests, excess: ... by zone\".",
		},
		Notes: "nginx limit_req and limit_conn reject with 503 unless limit_req_status / limit_conn_status is set to 429.",
	},
	{
		Code: 431, Name: "Request Header Fields Too Large", Class: "4xx", Standard: true, Source: "RFC 6585",
		Meaning: "The request headers, all together or one of them (often Cookie), are bigger than the server accepts.",
		Causes: []string{
			"Cookie bloat: many or large cookies set on a parent domain by analytics, A/B tools or sessions.",
			"Large tokens in headers (JWTs with many claims in Authorization).",
			"Server limits below what clients send: Node.js --max-http-header-size (16 KB default) answers 431.",
		},
		Checks: []string{
			"The size of the Cookie header for affected users (browser dev tools) and which cookies dominate it.",
			"Header limits on each layer: Node --max-http-header-size, nginx large_client_header_buffers, Apache LimitRequestFieldSize.",
			"Whether the errors start right after a release that added a cookie or grew a token.",
		},
		Notes: "nginx answers the same situation with 400 \"Request Header Or Cookie Too Large\" (494 internally) instead of 431.",
	},
	{
		Code: 451, Name: "Unavailable For Legal Reasons", Class: "4xx", Standard: true, Source: "RFC 7725",
		Meaning: "The server refuses to serve this resource for a legal reason, such as a court order, sanctions or a takedown notice.",
		Causes: []string{
			"Geo-blocking rules for countries where content or service is not allowed.",
			"Takedown or court-ordered removals applied by the application or a CDN.",
			"On Microsoft Exchange, a mailbox redirect for ActiveSync clients (see Notes).",
		},
		Checks: []string{
			"The geo or legal-block rule that matched (CDN or WAF configuration) and the client countries affected.",
			"If the path is /Microsoft-Server-ActiveSync, treat it as an Exchange redirect, not a legal block.",
		},
		Notes: "Clash: Microsoft Exchange ActiveSync (IIS) uses 451 as \"Redirect\", telling a device to use another " +
			"server for its mailbox; that use predates RFC 7725.",
	},
}

package codes

// clientErrors holds the registered codes 400-417.
var clientErrors = []Entry{
	{
		Code: 400, Name: "Bad Request", Class: "4xx", Standard: true, Source: "RFC 9110",
		Meaning: "The server could not make sense of the request, or rejected it as invalid, before doing any real work.",
		Causes: []string{
			"Malformed requests from scanners and bots, including TLS handshakes sent to a plain-HTTP port (request line full of \\x16\\x03 bytes).",
			"nginx's own 494-497 errors (header too large, client certificate problems, plain HTTP on the HTTPS port), which it logs as 400.",
			"Application input validation: broken JSON, missing fields, bad query parameters after a client or API release.",
			"Invalid or missing Host header, or framing problems such as conflicting Content-Length and Transfer-Encoding.",
		},
		Checks: []string{
			"The raw request line and user agent of the failing lines: garbage or binary means scanners or a protocol mismatch.",
			"$upstream_status: \"-\" means nginx rejected the request itself; a number means the application did.",
			"nginx error.log at info level (\"client sent invalid ...\", \"client sent too long header line\") or Apache ErrorLog.",
			"The response body the application returns, which usually names the invalid field.",
		},
	},
	{
		Code: 401, Name: "Unauthorized", Class: "4xx", Standard: true, Source: "RFC 9110",
		Meaning: "The request carried no valid credentials: the client is not authenticated (despite the name, this is about identity, not permission).",
		Causes: []string{
			"Expired or revoked tokens, sessions or API keys, often right after a credential rotation that not every client received.",
			"Clock skew making fresh JWTs look expired or not yet valid (exp/nbf checks).",
			"A proxy or redirect dropping the Authorization header, or CORS preflight (OPTIONS) requests that never carry credentials.",
			"Identity provider or key set (JWKS) unreachable, so valid tokens cannot be verified.",
		},
		Checks: []string{
			"Which clients and keys fail: group the 401s by user agent, client address or API key if it is logged.",
			"The WWW-Authenticate header in the response, which names the scheme and often the error (invalid_token).",
			"Time sync on servers and token issuers (chronyc tracking or timedatectl).",
			"Recent secret rotations, auth_basic user files, and the identity provider's status.",
		},
	},
	{
		Code: 402, Name: "Payment Required", Class: "4xx", Standard: true, Source: "RFC 9110",
		Meaning: "Reserved for payment schemes; in practice APIs and SaaS platforms use it when an account's plan, quota or billing blocks the request.",
		Causes: []string{
			"A third-party API or platform account over its quota, unpaid or suspended.",
			"A feature outside the current subscription plan.",
		},
		Checks: []string{
			"Which upstream or API returns it, and the billing or usage page of that account.",
			"The response body, which usually names the limit or plan problem.",
		},
	},
	{
		Code: 403, Name: "Forbidden", Class: "4xx", Standard: true, Source: "RFC 9110",
		Meaning: "The server understood who or what is asking and refuses anyway; retrying with the same credentials will not help.",
		Causes: []string{
			"File permissions: the web server user cannot read the file or traverse a parent directory (nginx \"open() ... failed (13: Permission denied)\"), or SELinux labels.",
			"A directory without an index file while listing is off (nginx \"directory index of ... is forbidden\").",
			"allow/deny rules, IP or geo blocks, or a WAF (ModSecurity, AWS WAF, Cloudflare) matching the request.",
			"Object stores: S3 answers 403 instead of 404 for a missing key when the caller may not list the bucket.",
			"CSRF check failures in frameworks such as Django.",
		},
		Checks: []string{
			"Proxy error log for \"Permission denied\", \"access forbidden by rule\" (nginx) or \"client denied by server configuration\" (Apache AH01630).",
			"namei -l /path/to/file to see permissions along the whole path; ls -Z and restorecon for SELinux.",
			"WAF logs for the rule ID that matched, and whether the blocked clients are real users.",
			"Whether the 403s are from one client or path (a scanner) or from everyone (a broken deploy or rule).",
		},
	},
	{
		Code: 404, Name: "Not Found", Class: "4xx", Standard: true, Source: "RFC 9110",
		Meaning: "Nothing exists at this URL, or the server chooses not to say whether it does.",
		Causes: []string{
			"Scanners probing for well-known files (wp-login.php, .env, phpmyadmin): noisy but harmless.",
			"Old HTML or caches referencing assets that a deploy removed (hashed file names changed).",
			"Wrong root, alias or try_files in the proxy config, or a missing single-page-app fallback to index.html.",
			"Requests landing in the wrong server block because of the Host header, or a route removed from the API.",
		},
		Checks: []string{
			"Top 404 paths with their referers: your own pages as referer means a broken link or asset.",
			"Whether a few client addresses produce most 404s (a scanner) or they are spread over users (a real breakage).",
			"nginx error.log \"open() ... failed (2: No such file or directory)\" shows the file path nginx actually tried.",
			"nginx -T (or apachectl -S) to see which server block and root serve the host.",
		},
	},
	{
		Code: 405, Name: "Method Not Allowed", Class: "4xx", Standard: true, Source: "RFC 9110",
		Meaning: "The URL exists but does not accept this method, for example a POST to a read-only resource; Allow lists the accepted methods.",
		Causes: []string{
			"POST sent to a static file or a location nginx serves itself (nginx answers 405 for POST to static content).",
			"CORS preflight OPTIONS requests that the application or proxy does not handle.",
			"A redirect that turned a POST into a GET on an endpoint that only takes POST, or a removed API route.",
			"WebDAV methods on a plain web server, or scanners trying unusual methods.",
		},
		Checks: []string{
			"The method breakdown for the failing path, and the Allow header in the response.",
			"Whether the location proxies to the application at all (proxy_pass present) or serves files.",
			"The route table of the application for that path after the latest deploy.",
		},
		Notes: "nginx limit_except blocks refuse other methods with 403, not 405.",
	},
	{
		Code: 406, Name: "Not Acceptable", Class: "4xx", Standard: true, Source: "RFC 9110",
		Meaning: "The server has no version of the resource that satisfies the client's Accept headers.",
		Causes: []string{
			"Strict content negotiation: an API that only produces JSON receiving Accept: text/xml or an unusual Accept header.",
			"Some ModSecurity setups (common on shared hosting) deny with 406 instead of 403.",
		},
		Checks: []string{
			"The Accept, Accept-Language and Accept-Encoding headers of failing requests and the client versions sending them.",
			"WAF audit logs for a matching rule if the responses come from the proxy rather than the application.",
		},
	},
	{
		Code: 407, Name: "Proxy Authentication Required", Class: "4xx", Standard: true, Source: "RFC 9110",
		Meaning: "A proxy between the client and the server wants the client to authenticate to the proxy first.",
		Causes: []string{
			"Clients behind a corporate proxy without working proxy credentials.",
			"Outbound calls from your servers through a forward proxy (Squid, corporate egress) whose credentials expired.",
		},
		Checks: []string{
			"Whether the response comes from your servers at all: the Proxy-Authenticate header names the proxy.",
			"HTTP_PROXY/HTTPS_PROXY settings and proxy credentials used by the calling service.",
		},
	},
	{
		Code: 408, Name: "Request Timeout", Class: "4xx", Standard: true, Source: "RFC 9110",
		Meaning: "The client opened a connection but did not finish sending its request in time, so the server gave up on it.",
		Causes: []string{
			"Browsers opening spare connections in advance and never using them (Apache logs these as 408 with request \"-\"): harmless.",
			"Slow uploads over poor mobile links exceeding client_body_timeout / client_header_timeout (nginx, default 60s).",
			"Slow-request attacks (slowloris) holding connections open.",
			"Load balancers closing idle client connections (AWS ALB logs 408 when the client sends nothing before the idle timeout).",
		},
		Checks: []string{
			"The request line: \"-\" means an idle pre-opened connection; a real path means a request that stalled.",
			"Timeouts per layer: nginx client_header_timeout and client_body_timeout, Apache Timeout and mod_reqtimeout RequestReadTimeout, LB idle timeout.",
			"Whether the 408s come from a few addresses with many open connections (ss -tn state established | wc -l per address).",
		},
		Notes: "nginx closes idle keep-alive connections silently; it logs 408 only when a request had started to arrive.",
	},
	{
		Code: 409, Name: "Conflict", Class: "4xx", Standard: true, Source: "RFC 9110",
		Meaning: "The request clashes with the current state of the resource, such as an edit based on an old version or a duplicate create.",
		Causes: []string{
			"Concurrent updates with optimistic locking (version or resourceVersion mismatch).",
			"Clients retrying a create that already succeeded, hitting a unique constraint.",
			"Business rules in the application (already exists, wrong state for this action).",
		},
		Checks: []string{
			"Which endpoint and which client: a retrying client shows repeated identical requests close together.",
			"Whether clients send idempotency keys and how retries are configured.",
			"The application log entry for the conflict, which names the conflicting object.",
		},
	},
	{
		Code: 410, Name: "Gone", Class: "4xx", Standard: true, Source: "RFC 9110",
		Meaning: "The resource was retired on purpose and is not coming back; links and search indexes pointing at it should be dropped.",
		Causes: []string{
			"Content deliberately retired, or an API version that has been switched off.",
			"A rule returning 410 for a pattern that is broader than intended.",
		},
		Checks: []string{
			"Who still calls the removed URLs (user agents, referers, API keys) and whether they were told.",
			"The proxy or application rule that returns 410 and whether its pattern matches only what was retired.",
		},
	},
	{
		Code: 411, Name: "Length Required", Class: "4xx", Standard: true, Source: "RFC 9110",
		Meaning: "The server insists on a Content-Length header and the request came without one, whether it streamed a body in chunks or had no body at all.",
		Causes: []string{
			"Clients streaming a body with chunked transfer encoding to a server or proxy that does not accept chunked uploads.",
			"POST or PUT requests with an empty body sent without Content-Length: 0, as some HTTP libraries do.",
		},
		Checks: []string{
			"The client library and whether it sends Transfer-Encoding: chunked.",
			"Which layer returns it: old proxies and some application servers refuse chunked request bodies.",
		},
	},
	{
		Code: 412, Name: "Precondition Failed", Class: "4xx", Standard: true, Source: "RFC 9110",
		Meaning: "A condition the client attached (If-Match, If-Unmodified-Since) was false, so the change was not applied.",
		Causes: []string{
			"Someone else changed the resource first: normal protection against lost updates.",
			"ETags that differ between backends, so a condition built on one server fails on another: " +
				"ETags derived from file modification times (Apache's default FileETag MTime Size, nginx) differ when a deploy left different mtimes.",
			"Apache mod_deflate appending -gzip to the ETag of compressed responses, so an If-Match carrying that tag never matches.",
		},
		Checks: []string{
			"Compare ETags for the same resource on each backend.",
			"Whether the 412s track concurrent edits by several clients or happen on every conditional request.",
		},
	},
	{
		Code: 413, Name: "Content Too Large", Class: "4xx", Standard: true, Source: "RFC 9110",
		Meaning: "The request body is bigger than a limit on the server or a proxy in front of it.",
		Causes: []string{
			"nginx client_max_body_size (default 1m) smaller than real uploads.",
			"A limit on another layer: ingress annotation nginx.ingress.kubernetes.io/proxy-body-size, Apache LimitRequestBody, CDN upload limits, the application's own limit.",
			"Clients that started sending larger payloads (bigger photos, batch API calls).",
		},
		Checks: []string{
			"nginx error.log \"client intended to send too large body: N bytes\" gives the actual size.",
			"Every layer's limit from CDN to application: the smallest one wins.",
			"Which paths and clients hit it, and whether the limit or the client should change.",
		},
		Notes: "Called \"Request Entity Too Large\" in RFC 2616 and \"Payload Too Large\" in RFC 7231; RFC 9110 renamed it.",
	},
	{
		Code: 414, Name: "URI Too Long", Class: "4xx", Standard: true, Source: "RFC 9110",
		Meaning: "The URL (path plus query string) is longer than the server is willing to read.",
		Causes: []string{
			"Redirect loops that append a parameter on each hop (returnUrl=...returnUrl=...) until the URL explodes.",
			"Large data or filter lists sent in a GET query string instead of a POST body.",
			"Limits smaller than the application expects: nginx large_client_header_buffers (the request line must fit one buffer), Apache LimitRequestLine (8190).",
		},
		Checks: []string{
			"The length and content of the logged request line: repeated parameter names point to a loop.",
			"The referer of the first failing request, to find the page that builds the URL.",
			"nginx error.log \"client sent too long URI\" and the configured buffer or line limits.",
		},
		Notes: "Called \"Request-URI Too Long\" before RFC 7231.",
	},
	{
		Code: 415, Name: "Unsupported Media Type", Class: "4xx", Standard: true, Source: "RFC 9110",
		Meaning: "The server will not accept the body in the format the client declared in Content-Type (or Content-Encoding).",
		Causes: []string{
			"A missing or wrong Content-Type, such as JSON sent as text/plain or form data posted to a JSON API.",
			"A compressed request body (Content-Encoding: gzip) the server cannot decode.",
			"A client or server release that changed the accepted formats.",
		},
		Checks: []string{
			"The Content-Type of failing requests and the client versions sending them.",
			"The formats the endpoint accepts after the latest deploy.",
		},
	},
	{
		Code: 416, Name: "Range Not Satisfiable", Class: "4xx", Standard: true, Source: "RFC 9110",
		Meaning: "The byte range the client asked for does not exist in the file, usually because it starts past the end.",
		Causes: []string{
			"Resumed downloads of a file that was replaced by a smaller one.",
			"Backends or CDN caches holding different sizes of the same file.",
			"Media players probing ranges; an occasional 416 is normal.",
		},
		Checks: []string{
			"The Range header and the current file size (curl -sI shows Content-Length).",
			"Whether the file was replaced recently and whether every backend and cache has the same version.",
		},
		Notes: "Called \"Requested Range Not Satisfiable\" before RFC 7233.",
	},
	{
		Code: 417, Name: "Expectation Failed", Class: "4xx", Standard: true, Source: "RFC 9110",
		Meaning: "The client's Expect header asked for something (nearly always 100-continue) that the server or a proxy on the way does not support.",
		Causes: []string{
			"Expect: 100-continue reaching a proxy or server that does not support it: curl sends it for uploads over 1 MB " +
				"(over 1 KB before 7.69), .NET Framework's HttpWebRequest on every POST or PUT with a body unless Expect100Continue is turned off.",
			"An Expect value other than 100-continue, which servers may refuse with 417.",
		},
		Checks: []string{
			"The Expect header on failing requests and the client library sending it.",
			"Which hop answers: an old proxy in the chain is the usual culprit; disabling Expect in the client is a quick workaround.",
		},
	},
}

package codes

// serverErrors holds the registered 5xx codes.
var serverErrors = []Entry{
	{
		Code: 500, Name: "Internal Server Error", Class: "5xx", Standard: true, Source: "RFC 9110",
		Meaning: "The server hit an unexpected failure while handling the request and has no more specific code for it.",
		Causes: []string{
			"Unhandled exceptions in the application, often in a code path changed by the latest deploy.",
			"A dependency failing inside the request: database connection errors, missing environment variables or secrets.",
			"Proxy configuration errors: nginx \"rewrite or internal redirection cycle\", Apache .htaccess syntax errors or " +
				"\"AH00124: Request exceeded the limit of 10 internal redirects\".",
			"Resource exhaustion: a full disk for temp files or sessions, \"Too many open files\", memory limits.",
		},
		Checks: []string{
			"Application logs and the error tracker for stack traces at the time of the first 500s.",
			"$upstream_status: a number means the application answered 500; \"-\" means the proxy failed by itself (look in its error log).",
			"Whether the 500s are on one path or everywhere, and whether they started with a deploy or config change.",
			"nginx -t or apachectl configtest, df -h and df -i, and the open-files limit of the process (cat /proc/PID/limits).",
		},
	},
	{
		Code: 501, Name: "Not Implemented", Class: "5xx", Standard: true, Source: "RFC 9110",
		Meaning: "The server does not support what the request needs, usually an unknown method or transfer encoding.",
		Causes: []string{
			"Scanners or tools using unusual or made-up methods (PROPFIND, SEARCH, DEBUG) on a plain web server.",
			"A Transfer-Encoding the server does not know (nginx answers 501 for anything but chunked).",
			"An application stub that answers 501 for features not built yet.",
		},
		Checks: []string{
			"The method breakdown of the 501s and the user agents sending them.",
			"The Transfer-Encoding header of failing requests; nginx error.log \"client sent unknown Transfer-Encoding\".",
			"Whether real clients are affected or only probes.",
		},
	},
	{
		Code: 502, Name: "Bad Gateway", Class: "5xx", Standard: true, Source: "RFC 9110",
		Meaning: "The proxy or load balancer reached for the upstream and got nothing usable back: the connection was refused, reset, or the reply was garbage.",
		Causes: []string{
			"The application is down, crashed or restarting (deploys, OOM kills, crash loops): nothing listens on the upstream port.",
			"Keep-alive mismatch: the upstream closes idle connections sooner than the proxy expects (Node.js keepAliveTimeout is 5s, " +
				"AWS ALB idle timeout 60s), so the proxy reuses a connection the upstream just closed.",
			"Workers killed mid-request (gunicorn \"WORKER TIMEOUT\", PHP-FPM request_terminate_timeout), " +
				"or a PHP-FPM pool at pm.max_children whose listen backlog is full, so new connections are refused.",
			"Upstream replies the proxy cannot accept: response headers bigger than proxy_buffer_size, invalid HTTP, TLS errors to an HTTPS upstream.",
			"Wrong proxy_pass target or port, a stale DNS answer for the upstream, or SELinux blocking the connection.",
		},
		Checks: []string{
			"nginx error.log for the exact reason: \"connect() failed (111: Connection refused)\", \"upstream prematurely closed connection\", " +
				"\"recv() failed (104: Connection reset by peer)\", \"upstream sent too big header\", \"no live upstreams\".",
			"$upstream_status and $upstream_addr in the access log: which backend failed, and did all of them?",
			"Is the application up and listening: systemctl status, ss -ltnp | grep PORT, curl the backend directly, dmesg | grep -i oom.",
			"Whether the 502s line up with deploys, restarts or autoscaling (graceful shutdown, readiness and preStop in Kubernetes).",
			"Keep-alive timeouts: the upstream's idle timeout must be longer than the proxy's or load balancer's.",
			"Behind HAProxy, the termination state on the 502 lines: SH means the server closed before sending its headers, PH that HAProxy rejected the response as invalid.",
		},
		Notes: "Varnish does not send 502 for a failed backend fetch; it answers 503 \"Backend fetch failed\".",
	},
	{
		Code: 503, Name: "Service Unavailable", Class: "5xx", Standard: true, Source: "RFC 9110",
		Meaning: "The server or proxy cannot take the request right now because of overload, maintenance, or no healthy backend; it should be temporary.",
		Causes: []string{
			"No backend to send to: every server failing health checks in HAProxy or Envoy, a Kubernetes service without ready endpoints " +
				"(ingress-nginx), or an AWS ALB target group with no registered targets.",
			"nginx limit_req or limit_conn rejecting excess requests (they answer 503 unless set to 429).",
			"Load shedding: a proxy queue that overflowed or timed out (HAProxy maxconn and timeout queue, Envoy circuit breakers), " +
				"or an application that rejects work when busy.",
			"Maintenance mode switched on, or a deploy that takes every instance out at once.",
			"Apache mod_proxy and Envoy answer 503 when they cannot connect to the backend at all.",
		},
		Checks: []string{
			"Backend health: kubectl get endpoints, HAProxy stats, aws elbv2 describe-target-health (an ALB's own 503 means the target group has no registered targets).",
			"nginx error.log \"limiting requests\" or \"limiting connections\" lines, and limit_req_status / limit_conn_status.",
			"Worker and queue saturation on the application servers, CPU and memory, and whether traffic spiked.",
			"Retry-After in the responses, and whether a maintenance flag or page is active.",
			"HAProxy: <NOSRV> as the server name (no server available) or termination state SC, sC, sQ (connection refused, connect timeout, queue timeout); " +
				"Varnish \"Backend fetch failed\": the FetchError record in varnishlog gives the reason.",
			"Envoy %RESPONSE_FLAGS% (UH no healthy upstream, UF connect failure, UO overflow) or Apache AH00957 connect errors.",
		},
		Notes: "An AWS ALB whose targets all fail health checks fails open and keeps sending them traffic, so the errors then come from the targets. " +
			"Apache at MaxRequestWorkers and PHP-FPM at pm.max_children do not answer 503 themselves: new requests wait in the listen backlog, " +
			"so a proxy in front sees slow answers and 504s (and 502s once a PHP-FPM Unix socket's backlog is full).",
	},
	{
		Code: 504, Name: "Gateway Timeout", Class: "5xx", Standard: true, Source: "RFC 9110",
		Meaning: "The proxy or load balancer gave up waiting for the upstream: either it could not open a connection in time or the answer did not come in time.",
		Causes: []string{
			"Slow application work: slow database queries, lock contention, large reports or exports.",
			"Saturated worker pools: requests queue behind busy workers until the proxy timeout expires.",
			"A slow or hanging dependency (another API, DNS, storage) without its own shorter timeout.",
			"Proxy timeouts shorter than legitimate work: nginx proxy_read_timeout (60s default), load balancer idle timeout (AWS ALB 60s).",
			"An upstream that is down or unreachable where packets are silently dropped (firewall, security group, dead host): " +
				"the connect timeout expires (nginx proxy_connect_timeout 60s, AWS ALB 10s) and the proxy answers 504 rather than 502.",
		},
		Checks: []string{
			"$upstream_response_time for the 504s: values stuck at the timeout mean the proxy gave up waiting.",
			"nginx error.log \"upstream timed out (110: Connection timed out) while reading response header\" (or \"while connecting\" for connect timeouts).",
			"Database slow query log, lock waits, and latency of downstream services in the same minutes.",
			"Worker utilisation and queue length of the application (busy workers, PHP-FPM status page, thread pools).",
			"The chain of timeouts: application < proxy < load balancer < CDN < client, so the innermost layer gives up first and the error comes from the layer that knows why.",
			"Behind HAProxy, termination state sH on the 504 lines: timeout server expired before the response headers arrived. Varnish reports such timeouts as 503.",
		},
	},
	{
		Code: 505, Name: "HTTP Version Not Supported", Class: "5xx", Standard: true, Source: "RFC 9110",
		Meaning: "The server refuses the HTTP version named in the request line.",
		Causes: []string{
			"Unencoded spaces in the URL, so part of the path is read as the HTTP version (common with IIS and Tomcat).",
			"Clients speaking HTTP/2 without TLS (h2c prior knowledge) or an invented version to an HTTP/1.1-only server.",
			"Scanners sending junk request lines.",
		},
		Checks: []string{
			"The raw request lines: look for spaces inside the path or a strange version string.",
			"Which client library sends them and whether it encodes URLs.",
		},
	},
	{
		Code: 506, Name: "Variant Also Negotiates", Class: "5xx", Standard: true, Source: "RFC 2295",
		Meaning: "A content-negotiation misconfiguration: the chosen variant is itself set up to negotiate, so the server loops.",
		Causes: []string{
			"Apache mod_negotiation type maps or MultiViews pointing variants back at negotiable resources.",
			"Transparent content negotiation set up by hand and never tested.",
		},
		Checks: []string{
			"Apache Options MultiViews and the .var type-map files for the failing path.",
			"The Apache error log entry for the request.",
		},
	},
	{
		Code: 507, Name: "Insufficient Storage", Class: "5xx", Standard: true, Source: "RFC 4918 (WebDAV)",
		Meaning: "The server cannot store what the request needs, because a disk or a user quota is full.",
		Causes: []string{
			"A full disk or filesystem out of inodes on the storage server.",
			"A user or tenant quota reached (Nextcloud and other WebDAV servers answer 507).",
		},
		Checks: []string{
			"df -h and df -i on the storage paths, and the server's temp and upload directories.",
			"The affected user's quota in the application.",
		},
	},
	{
		Code: 508, Name: "Loop Detected", Class: "5xx", Standard: true, Source: "RFC 5842 (WebDAV)",
		Meaning: "The server stopped an operation that would loop forever, such as a WebDAV Depth: infinity walk over circular bindings.",
		Causes: []string{
			"WebDAV collections that contain themselves through bindings, hit by Depth: infinity requests.",
			"On CloudLinux shared hosting, 508 \"Resource Limit Is Reached\": the account hit its LVE limits (entry processes).",
		},
		Checks: []string{
			"The Depth header and method of failing WebDAV requests.",
			"On shared hosting, the account's resource usage (lveinfo or the hosting panel) and slow scripts holding processes.",
		},
	},
	{
		Code: 510, Name: "Not Extended", Class: "5xx", Standard: true, Source: "RFC 2774", Deprecated: true,
		Meaning: "The server wants the client to use an HTTP extension (from the experimental RFC 2774 framework) that the request did not declare.",
		Causes: []string{
			"An application reusing the number for its own purposes.",
			"Software built around the RFC 2774 extension framework, which almost nothing implements.",
		},
		Checks: []string{
			"Which application or proxy returns it and what its documentation says.",
			"The response body, which should name the required extension.",
		},
		Notes: "RFC 2774 was moved to Historic and the registry marks 510 as obsoleted.",
	},
	{
		Code: 511, Name: "Network Authentication Required", Class: "5xx", Standard: true, Source: "RFC 6585",
		Meaning: "A captive portal (hotel or airport Wi-Fi, a corporate gateway) wants the client to log in to the network before going anywhere.",
		Causes: []string{
			"Clients or monitoring probes on a network with a captive portal.",
			"Outbound calls from your servers passing through a gateway that requires network login.",
		},
		Checks: []string{
			"Whether the response came from your servers at all: a captive portal answers before the request reaches you.",
			"The network path of the affected clients or probes.",
		},
	},
}

package codes

// vendorCDN holds the non-standard 5xx codes of Cloudflare and other
// CDNs and proxies.
var vendorCDN = []Entry{
	{
		Code: 520, Name: "Web Server Returned an Unknown Error", Class: "5xx", Source: "Cloudflare",
		Meaning: "Cloudflare reached the origin but got back something it could not use: an empty reply, a reset connection or an invalid response.",
		Causes: []string{
			"The origin crashed or reset the connection mid-response (application crash, worker killed, OOM).",
			"Response headers Cloudflare will not accept: too large (often many or huge cookies) or malformed.",
			"Firewalls or security modules on the origin cutting Cloudflare's connections.",
		},
		Checks: []string{
			"The origin's own access and error logs for the same request (match the CF-Ray header or timestamps).",
			"Response header size from the origin: curl -sI --resolve host:443:ORIGIN_IP https://host/path.",
			"Origin crash or restart events at the same time (dmesg, service logs).",
		},
	},
	{
		Code: 521, Name: "Web Server Is Down", Class: "5xx", Source: "Cloudflare",
		Meaning: "The origin refused Cloudflare's connection: nothing is listening, or the origin actively rejects Cloudflare.",
		Causes: []string{
			"The web server on the origin is stopped or crashed.",
			"A firewall, fail2ban or security plugin on the origin blocking Cloudflare's IP ranges.",
			"The DNS record in Cloudflare pointing at the wrong origin address or port.",
		},
		Checks: []string{
			"Is the web server running and listening: ss -ltnp | grep -E ':(80|443)'.",
			"Origin firewall rules (iptables -S, cloud security groups, fail2ban) against Cloudflare's published IP ranges.",
			"The origin address in the Cloudflare DNS record.",
		},
	},
	{
		Code: 522, Name: "Connection Timed Out", Class: "5xx", Source: "Cloudflare",
		Meaning: "Cloudflare could not complete a TCP connection to the origin in time.",
		Causes: []string{
			"The origin is overloaded and not accepting connections (full listen backlog, exhausted workers).",
			"Packets from Cloudflare silently dropped by a firewall, security group or rate limiter on the origin.",
			"A wrong origin address that routes to nothing, or network trouble between Cloudflare and the origin.",
		},
		Checks: []string{
			"Origin load and listen queue overflows (nstat -az TcpExtListenOverflows, ss -ltn Recv-Q).",
			"Firewall and security-group rules allowing Cloudflare's IP ranges, including rate-limiting rules such as iptables limits.",
			"The origin address in the Cloudflare DNS record, and reachability from outside (curl -v --connect-timeout 5).",
		},
	},
	{
		Code: 523, Name: "Origin Is Unreachable", Class: "5xx", Source: "Cloudflare",
		Meaning: "Cloudflare found no network route to the origin.",
		Causes: []string{
			"The DNS record points at a wrong, private or retired IP address.",
			"Routing problems or an outage at the origin's hosting provider.",
		},
		Checks: []string{
			"The A/AAAA records in Cloudflare DNS against the origin's real public address (an IPv6 record for an origin without IPv6 is a classic).",
			"The hosting provider's status page and traceroute from another network.",
		},
	},
	{
		Code: 524, Name: "A Timeout Occurred", Class: "5xx", Source: "Cloudflare",
		Meaning: "Cloudflare connected to the origin but got no HTTP response within its timeout (100 seconds by default).",
		Causes: []string{
			"Long-running requests: reports, exports, imports, slow database queries.",
			"An overloaded origin whose workers are all busy, so requests wait too long.",
		},
		Checks: []string{
			"Origin-side request durations for the failing paths (nginx $request_time, application timings).",
			"Whether those paths legitimately need more than 100 s; such work belongs in a background job or on a host name that is not proxied.",
			"Slow query logs and worker saturation on the origin at the same time.",
		},
	},
	{
		Code: 525, Name: "SSL Handshake Failed", Class: "5xx", Source: "Cloudflare",
		Meaning: "The TLS handshake between Cloudflare and the origin failed.",
		Causes: []string{
			"SSL mode Full or Full (strict) while the origin does not serve TLS on port 443.",
			"No cipher suite or TLS version in common, or the origin does not handle SNI for this host name.",
		},
		Checks: []string{
			"openssl s_client -connect ORIGIN_IP:443 -servername host to see whether the origin completes a handshake.",
			"The zone's SSL/TLS mode and the origin's ssl_protocols and ssl_ciphers.",
		},
	},
	{
		Code: 526, Name: "Invalid SSL Certificate", Class: "5xx", Source: "Cloudflare",
		Meaning: "In Full (strict) mode Cloudflare could not validate the origin's certificate.",
		Causes: []string{
			"The origin certificate expired, is self-signed, or does not cover the host name.",
			"An incomplete chain on the origin (missing intermediate certificate).",
		},
		Checks: []string{
			"openssl s_client -connect ORIGIN_IP:443 -servername host -showcerts: expiry, names and chain.",
			"Certificate renewal jobs on the origin (certbot renew --dry-run) and whether the web server was reloaded after renewal.",
		},
	},
	{
		Code: 527, Name: "Railgun Error", Class: "5xx", Source: "Cloudflare", Deprecated: true,
		Meaning: "The connection between Cloudflare and the origin's Railgun listener failed.",
		Causes: []string{
			"The Railgun listener on the origin is down or unreachable.",
			"Timeouts or TLS problems between Cloudflare and the listener.",
		},
		Checks: []string{
			"Whether the zone still uses Railgun at all; the product has been discontinued.",
			"The listener's service status and logs on the origin.",
		},
	},
	{
		Code: 529, Name: "Site is overloaded", Class: "5xx", Source: "Qualys SSL Labs",
		Meaning: "The service is overloaded and asks the client to come back later; first used by the Qualys SSL Labs API.",
		Causes: []string{
			"The remote API is at capacity (some APIs use 529 for overload instead of 503).",
			"Too many concurrent requests from your side to a service with tight capacity.",
		},
		Checks: []string{
			"Which upstream returns it and that service's status page.",
			"Retry with backoff and limit concurrency toward that service.",
		},
	},
	{
		Code: 530, Name: "Origin Error (with 1xxx)", Class: "5xx", Source: "Cloudflare",
		Meaning: "Cloudflare could not serve the request and reports the real reason as a Cloudflare 1xxx error on the page.",
		Causes: []string{
			"Error 1016: the origin host name cannot be resolved (a CNAME to a name that does not exist).",
			"Error 1033: a Cloudflare Tunnel (cloudflared) that is not running or not connected.",
		},
		Checks: []string{
			"The 1xxx error number in the response body, which names the actual problem.",
			"cloudflared tunnel info and its logs, or the DNS records of the origin host name.",
		},
		Notes: "Pantheon also uses 530 for a frozen site.",
	},
	{
		Code: 598, Name: "Network Read Timeout Error", Class: "5xx", Source: "unofficial (some proxies)",
		Meaning: "A proxy reports that reading the response from the server behind it timed out.",
		Causes: []string{
			"A slow or hanging upstream behind a proxy that uses this code instead of 504.",
			"Network trouble between the proxy and the upstream.",
		},
		Checks: []string{
			"Which proxy writes it (it is not an HTTP standard) and its upstream timeout settings.",
			"Upstream latency at the same time, as for 504.",
		},
	},
	{
		Code: 599, Name: "Network Connect Timeout Error", Class: "5xx", Source: "unofficial (some proxies and clients)",
		Meaning: "A proxy or HTTP client reports that it could not connect to the server behind it in time.",
		Causes: []string{
			"The upstream is down, unreachable or dropping connection attempts.",
			"HTTP client libraries that report their own connection errors and timeouts as 599 (Python Tornado does).",
		},
		Checks: []string{
			"Connectivity from the proxy or client host: curl -v --connect-timeout 5 to the upstream.",
			"Firewalls, DNS answers and connect timeouts on the way to the upstream.",
		},
	},
}

package codes

// vendorNginxAWS holds the 0/000 pseudo-code, nginx's 009 for HTTP/0.9
// requests and the non-standard codes written by nginx and AWS load
// balancers.
var vendorNginxAWS = []Entry{
	{
		Code: 0, Name: "No Response", Class: "other", Source: "AWS ELB/ALB, CloudFront, Envoy, nginx",
		Meaning: "No HTTP status was ever sent: the connection ended before a response existed, so the log shows 0 or 000 (HAProxy: -1).",
		Causes: []string{
			"The client closed the connection before the response started: impatient users, client timeouts, apps sent to the background.",
			"The backend never answered and the proxy dropped the connection without producing a status of its own.",
			"The connection was cut at protocol level: TLS or HTTP/2 errors, or an HTTP/2 GOAWAY " +
				"(AWS ALB closes HTTP/2 connections whose compressed headers exceed 8 KB or that served 10,000 requests).",
			"Port scanners and health checks that open a connection and close it without a complete request.",
		},
		Checks: []string{
			"Timing fields on the same lines (ALB request/target/response processing times of -1, Envoy duration, nginx $request_time) and whether backends were slow then.",
			"Envoy %RESPONSE_FLAGS% (DC downstream disconnect, UC upstream connection termination) or CloudFront x-edge-detailed-result-type.",
			"Which clients and paths produce them: one client or network, or everyone (an incident).",
		},
		Notes: "Writers differ: Envoy and AWS load balancers log 0 or 000, CloudFront logs 000 when the viewer closed the connection " +
			"before the response, and nginx writes 000 when a request ended before anything set a status (on some paths, a client that left early), " +
			"though a client that gives up while nginx waits for the upstream is logged as 499. HAProxy writes -1; codetop counts it here.",
	},
	{
		Code: 9, Name: "HTTP/0.9 Request", Class: "other", Source: "nginx",
		Meaning: "nginx logs 009 when a request in HTTP/0.9 form (a request line with no version, such as GET /) ended without any status being set; " +
			"the 9 names the protocol version, not an outcome.",
		Causes: []string{
			"Scanners and probes sending bare request lines, usually to the server's IP address rather than a host name.",
			"Broken or ancient clients, scripts writing to a raw socket, or someone typing a request by hand (telnet, nc) without HTTP/1.x.",
		},
		Checks: []string{
			"The request field of the 009 lines (a path with no HTTP/1.x after it) and the client addresses sending them.",
			"Which server block caught them: usually the default server; if no real client is among them they are noise, and a default server " +
				"that returns 444 drops them quietly.",
		},
		Notes: "HTTP/0.9 requests carry no headers, so Host, user agent and referer are empty on these lines. " +
			"HTTP/0.9 requests that nginx did answer are logged with the usual code (200, 404). " +
			"codetop counts a status field of 009 under other, keyed 009 as logged.",
	},
	{
		Code: 444, Name: "No Response", Class: "4xx", Source: "nginx",
		Meaning: "nginx closed the connection without sending anything, because its configuration says return 444 for this request.",
		Causes: []string{
			"Deliberate: a default server block that drops requests for unknown Host headers, or rules that drop bad bots and scanners.",
			"A rule broader than intended (a user-agent map, a missing server_name) dropping real users or health checks.",
		},
		Checks: []string{
			"nginx -T | grep -n 444 to find every rule that sends it, and which server block matched (server_name vs the Host header).",
			"Top Host headers, user agents and addresses receiving 444: unwanted traffic only, or real clients?",
			"Load balancer health checks that send no Host header or the IP address as host and land in the default server.",
		},
		Notes: "The client sees a closed connection, not a status (curl: \"Empty reply from server\").",
	},
	{
		Code: 460, Name: "Client Closed Connection", Class: "4xx", Source: "AWS ELB/ALB",
		Meaning: "The client closed its connection to the AWS load balancer before the load balancer could answer.",
		Causes: []string{
			"Client timeouts shorter than the time the target needs (mobile apps and SDKs with 10-30 s timeouts).",
			"Slow targets: users and clients give up while the request is still being processed.",
			"Users navigating away or cancelling uploads.",
		},
		Checks: []string{
			"target_processing_time on the 460 lines and the target latency at the same time.",
			"Client timeout settings compared with the load balancer idle timeout and the normal response time of the path.",
			"Whether 504s rose at the same time: both point to slow targets.",
		},
	},
	{
		Code: 463, Name: "X-Forwarded-For Too Large", Class: "4xx", Source: "AWS ELB/ALB",
		Meaning: "The AWS load balancer rejected a request whose X-Forwarded-For header held more than 30 addresses.",
		Causes: []string{
			"A proxy loop: a target or CDN forwards requests back through the load balancer, adding an address each time.",
			"A long chain of proxies, or clients sending forged, oversized X-Forwarded-For headers.",
		},
		Checks: []string{
			"Targets and rules that point back at the load balancer's own DNS name, and CDN origin settings.",
			"Sample X-Forwarded-For values from the upstream side (repeated addresses mean a loop).",
		},
	},
	{
		Code: 464, Name: "Incompatible Protocol", Class: "4xx", Source: "AWS ELB/ALB",
		Meaning: "The request's protocol does not match the target group's protocol version: HTTP/1.1 sent to a gRPC or HTTP/2-only target group, " +
			"or gRPC sent to an HTTP/1.1 one.",
		Causes: []string{
			"A target group created with protocol version gRPC or HTTP2 receiving ordinary HTTP/1.1 requests (browsers, health probes, curl).",
			"gRPC calls routed to a target group of protocol version HTTP1, or an HTTP/2 request other than a POST reaching a gRPC target group.",
			"A listener rule routing a mix of REST and gRPC traffic to the same target group.",
		},
		Checks: []string{
			"The target group's ProtocolVersion (aws elbv2 describe-target-groups) and the listener rules that route to it.",
			"The protocol and user agent of failing requests in the access log.",
		},
	},
	{
		Code: 494, Name: "Request Header Too Large", Class: "4xx", Source: "nginx",
		Meaning: "nginx refused the request because a header line or the header block did not fit its header buffers.",
		Causes: []string{
			"Cookie bloat on the domain or a very large token in a header.",
			"large_client_header_buffers (default 4 8k) smaller than what clients legitimately send.",
		},
		Checks: []string{
			"nginx error.log at info level: \"client sent too long header line\".",
			"Cookie sizes for affected users, and large_client_header_buffers in the server block that handles them.",
		},
		Notes: "Browsers show \"400 Request Header Or Cookie Too Large\". " +
			"nginx never sends this code: it answers 400 and logs 400 as well, unless error_page 494 remaps it.",
	},
	{
		Code: 495, Name: "SSL Certificate Error", Class: "4xx", Source: "nginx",
		Meaning: "The client sent a TLS client certificate that nginx could not verify.",
		Causes: []string{
			"Expired or revoked client certificates, or an expired CRL (ssl_crl).",
			"A CA bundle (ssl_client_certificate) missing the intermediate, or ssl_verify_depth too low for the chain.",
		},
		Checks: []string{
			"nginx error.log \"client SSL certificate verify error\" with the OpenSSL reason (for example certificate has expired).",
			"Log $ssl_client_verify and $ssl_client_s_dn to see which clients fail; openssl verify -CAfile ca.pem client.pem.",
		},
		Notes: "nginx never sends this code: it answers 400 and logs 400 as well, unless error_page 495 remaps it.",
	},
	{
		Code: 496, Name: "SSL Certificate Required", Class: "4xx", Source: "nginx",
		Meaning: "nginx requires a TLS client certificate (ssl_verify_client on) and the client did not present one.",
		Causes: []string{
			"Clients not configured with a certificate, or browsers where the user dismissed the certificate prompt.",
			"A load balancer or CDN terminating TLS before nginx, so the client certificate never reaches it.",
		},
		Checks: []string{
			"ssl_verify_client (on or optional) in the server block, and which paths really need a certificate.",
			"Whether anything in front of nginx terminates TLS; if so, verify certificates there instead.",
		},
		Notes: "nginx never sends this code: it answers 400 and logs 400 as well, unless error_page 496 remaps it.",
	},
	{
		Code: 497, Name: "HTTP Request Sent to HTTPS Port", Class: "4xx", Source: "nginx",
		Meaning: "A plain-HTTP request arrived on a port where nginx expects TLS.",
		Causes: []string{
			"Links or clients using http://host:443/, or a load balancer health check probing the TLS port over plain HTTP.",
			"A proxy_pass or upstream configured with http:// toward a TLS port.",
		},
		Checks: []string{
			"Health-check protocol and port on the load balancer, and the client addresses of the failing requests.",
			"error_page 497 =301 https://$host$request_uri; turns these into redirects if they come from real users.",
		},
		Notes: "nginx never sends this code: it answers 400 and logs 400 as well, unless error_page 497 remaps it.",
	},
	{
		Code: 499, Name: "Client Closed Request", Class: "4xx", Source: "nginx",
		Meaning: "The client closed the connection before the server could send the response, so nobody received an answer. " +
			"The code is nginx's; Traefik and other proxies log it too.",
		Causes: []string{
			"Slow upstreams: users and clients give up while the application is still working.",
			"Client or load-balancer timeouts shorter than the response time (an ALB or CDN in front of nginx, SDK timeouts).",
			"Users retrying or navigating away; browsers cancelling requests when a page changes.",
			"Health checks or monitors with short timeouts hitting a slow endpoint.",
		},
		Checks: []string{
			"$request_time and $upstream_response_time on the 499 lines: if they cluster at one value, that is a client-side timeout.",
			"Upstream latency for the same paths: 499s usually rise together with slow responses and 504s.",
			"Timeouts of whatever sits in front of nginx (load balancer idle timeout, CDN origin timeout) and of the calling clients.",
			"Whether one client (a monitor, a partner integration) produces most of them.",
		},
		Notes: "nginx also closes the upstream connection unless proxy_ignore_client_abort is on, so the work may be cut short. " +
			"Traefik and other proxies use 499 too; Esri ArcGIS uses 499 for \"Token Required\".",
	},
	{
		Code: 561, Name: "Unauthorized", Class: "5xx", Source: "AWS ELB/ALB",
		Meaning: "The AWS load balancer's built-in authentication (OIDC or Cognito) failed because the identity provider returned an error.",
		Causes: []string{
			"Wrong or rotated client secret, client ID or endpoints in the listener rule's authenticate action.",
			"The identity provider's token or user-info endpoint failing or unreachable from the load balancer.",
		},
		Checks: []string{
			"The error_reason field in the ALB access log (for example AuthTokenEpRequestFailed, AuthInvalidIdToken).",
			"The authenticate-oidc or authenticate-cognito settings of the listener rule, and the identity provider's own logs.",
		},
	},
}

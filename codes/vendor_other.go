package codes

// vendorOther holds non-standard codes from CDNs, Microsoft, hosting
// panels, frameworks and proxies other than nginx and AWS.
var vendorOther = []Entry{
	{
		Code: 104, Name: "Upload Resumption Supported", Class: "1xx", Source: "IETF draft (resumable uploads)",
		Meaning: "An interim response telling the client that the server can resume this upload if the connection breaks.",
		Notes:   "Only provisionally registered for a draft standard; servers that do not implement resumable uploads never send it.",
	},
	{
		Code: 122, Name: "Request-URI too long", Class: "1xx", Source: "Microsoft Internet Explorer 7", Deprecated: true,
		Meaning: "Internet Explorer 7 itself refused to send a URL longer than 2032 characters; no server ever returns it.",
		Causes: []string{
			"Pages building very long GET URLs (large query strings) for old browsers.",
		},
		Checks: []string{
			"Which page builds the long URL; move the data into a POST body.",
		},
		Notes: "A client-side code from a browser long out of support; it cannot appear in server logs unless something writes it on purpose.",
	},
	{
		Code: 218, Name: "This is fine", Class: "2xx", Source: "unofficial (Apache)",
		Meaning: "An unofficial code listed for Apache setups with ProxyErrorOverride, meaning an upstream error body was passed through untouched.",
		Notes:   "Stock Apache httpd does not send it; if it appears, a module or the backend chose the number.",
	},
	{
		Code: 419, Name: "Page Expired", Class: "4xx", Source: "Laravel",
		Meaning: "A Laravel application rejected a form post because its CSRF token was missing, wrong or belonged to an expired session.",
		Causes: []string{
			"Sessions expiring while a form is open (SESSION_LIFETIME), or users submitting old tabs.",
			"Sessions not shared between servers (file sessions behind a load balancer), or cookies dropped by domain, Secure or SameSite settings.",
			"A CDN or full-page cache serving HTML with somebody else's CSRF token, or forms without @csrf.",
		},
		Checks: []string{
			"SESSION_DRIVER, SESSION_DOMAIN and SESSION_SECURE_COOKIE, and whether every server uses the same session store.",
			"Cache-Control on HTML pages with forms and the CDN's caching rules for them.",
			"Whether the session cookie comes back on the POST (browser dev tools or a request log with cookies).",
		},
	},
	{
		Code: 420, Name: "Enhance Your Calm", Class: "4xx", Source: "Twitter (API v1)",
		Meaning: "Twitter's old API answer for a rate-limited client, the ancestor of 429.",
		Causes: []string{
			"A client calling an old Twitter-style API too fast.",
			"An application or API gateway that borrowed the convention for its own rate limiting.",
		},
		Checks: []string{
			"Which upstream API returns it; treat it like 429 and look at request rates and backoff.",
			"Application code returning 420 on purpose.",
		},
		Notes: "Spring Framework once defined 420 as \"Method Failure\" (a WebDAV draft leftover), deprecated long ago.",
	},
	{
		Code: 430, Name: "Shopify Security Rejection", Class: "4xx", Source: "Shopify",
		Meaning: "Shopify refused the request because it looked malicious or came too fast, for example from a scraper.",
		Causes: []string{
			"Automated clients (scrapers, price trackers, load tests) hitting a Shopify storefront.",
			"Integrations sending bursts of requests with default or suspicious user agents.",
		},
		Checks: []string{
			"Request rate and user agent of the calling integration; slow it down and identify it properly.",
			"Shopify's API rate-limit headers and documentation for the endpoint.",
		},
		Notes: "Earlier Shopify documentation used 430 for too many requests in a short time, like 429.",
	},
	{
		Code: 440, Name: "Login Time-out", Class: "4xx", Source: "Microsoft IIS",
		Meaning: "An IIS or Exchange (Outlook on the web) session expired and the user must log in again.",
		Causes: []string{
			"Normal session expiry in Outlook on the web or other form-based IIS authentication.",
			"Session cookies lost between servers or timeouts shorter than users expect.",
		},
		Checks: []string{
			"The forms-authentication or OWA session timeout settings, and sc-substatus in the IIS log.",
			"Whether requests from one user land on servers that share session state (load balancer affinity).",
		},
	},
	{
		Code: 449, Name: "Retry With", Class: "4xx", Source: "Microsoft IIS",
		Meaning: "A Microsoft extension asking the client to retry after doing something first, used by Exchange ActiveSync to make a device re-provision.",
		Causes: []string{
			"Exchange ActiveSync security policy changes that require devices to provision again.",
			"Clients missing information the server needs before it will continue.",
		},
		Checks: []string{
			"IIS logs for /Microsoft-Server-ActiveSync and the devices affected.",
			"Whether the device follows up with a Provision command; devices stuck in a 449 loop need their partnership reset.",
		},
	},
	{
		Code: 450, Name: "Blocked by Windows Parental Controls", Class: "4xx", Source: "Microsoft",
		Meaning: "Windows Parental Controls (Family Safety) on the client machine blocked the page; it is produced on the client side.",
		Causes: []string{
			"Family Safety or parental-control filtering on the user's Windows account.",
			"An application reusing the number for its own blocking rule.",
		},
		Checks: []string{
			"Whether the response came from your servers at all; normally it never reaches server logs.",
			"Application code or rules that return 450.",
		},
	},
	{
		Code: 498, Name: "Invalid Token", Class: "4xx", Source: "Esri ArcGIS",
		Meaning: "An ArcGIS server rejected the request's token as expired or invalid.",
		Causes: []string{
			"Tokens expired (short token lifetimes) or issued for another referer or client address.",
			"Clients caching tokens across a server restart or key change.",
		},
		Checks: []string{
			"Token lifetime settings in ArcGIS Server and how clients refresh tokens.",
			"The referer or address the token was generated for, compared with the failing requests.",
		},
	},
	{
		Code: 509, Name: "Bandwidth Limit Exceeded", Class: "5xx", Source: "cPanel / Apache (mod_bw)",
		Meaning: "The hosting account or site used up its bandwidth allowance, so the server stopped serving it.",
		Causes: []string{
			"The account's monthly bandwidth quota on a shared host (cPanel) reached.",
			"Bandwidth-limiting modules (mod_bw, mod_cband) configured with limits below real traffic, or hotlinked media.",
		},
		Checks: []string{
			"Bandwidth usage in the hosting panel and the paths with the most bytes sent in the access log.",
			"Referers of large files (hotlinking) and the mod_bw or mod_cband limits.",
		},
		Notes: "Not an official code, but widely used by hosting software.",
	},
}

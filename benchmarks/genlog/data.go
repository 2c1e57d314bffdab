package genlog

// The tables below shape the synthetic traffic: a shop with an API, static
// assets, a blog, health checks and the scanners every public server sees.

// route is a request target template. Its parts are joined with an ID, a
// hash or a slug as kind says.
type route struct {
	prefix string
	kind   int // what follows prefix
	suffix string
	query  float64 // probability of a query string
	static bool    // served from disk: no upstream time
	weight int
}

const (
	plain  = iota // prefix only
	withID        // prefix + numeric ID + suffix
	withHash
	withSlug
)

var routes = []route{
	{prefix: "/", weight: 300},
	{prefix: "/api/v1/products/", kind: withID, query: 0.3, weight: 220},
	{prefix: "/static/js/app.", kind: withHash, suffix: ".js", static: true, weight: 180},
	{prefix: "/static/css/main.", kind: withHash, suffix: ".css", static: true, weight: 160},
	{prefix: "/images/products/", kind: withID, suffix: ".jpg", static: true, weight: 150},
	{prefix: "/api/v1/orders/", kind: withID, weight: 120},
	{prefix: "/api/v1/search", query: 1, weight: 110},
	{prefix: "/api/v1/users/", kind: withID, suffix: "/profile", weight: 90},
	{prefix: "/api/v1/cart", weight: 80},
	{prefix: "/products/", kind: withSlug, query: 0.2, weight: 70},
	{prefix: "/blog/2026/", kind: withSlug, weight: 40},
	{prefix: "/health", weight: 35},
	{prefix: "/favicon.ico", static: true, weight: 30},
	{prefix: "/login", query: 0.5, weight: 25},
	{prefix: "/checkout", weight: 20},
	{prefix: "/api/v1/products/", kind: withID, suffix: "/reviews", query: 0.5, weight: 18},
	{prefix: "/robots.txt", static: true, weight: 8},
	{prefix: "/sitemap.xml", static: true, weight: 5},
	{prefix: "/wp-login.php", weight: 4},
	{prefix: "/.env", weight: 3},
	{prefix: "/cgi-bin/luci/;stok=/locale", query: 1, weight: 2},
}

var queries = []string{
	"page=2", "page=3&sort=price_desc", "q=red+shoes&page=1", "q=%E2%9C%93+gift",
	"utm_source=newsletter&utm_medium=email&utm_campaign=winter", "ref=home",
	"id=1%27%20OR%201%3D1--", "lang=en&currency=EUR", "limit=50&offset=200",
	"redirect=%2Faccount%2Forders", "session=expired",
}

var slugs = []string{
	"winter-boots", "linen-shirt", "how-we-ship", "black-friday-2026", "gift-guide",
	"returns-policy", "wool-socks-3-pack", "trail-running-shoes", "rain-jacket",
	"espresso-machine", "caf%C3%A9-table",
}

// Agents include the escaped quotes Apache writes (\") and the long strings
// browsers send.
var agents = []string{
	`Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36`,
	`Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1`,
	`Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0`,
	`Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15`,
	`Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.81 Mobile Safari/537.36`,
	`Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)`,
	`Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; Trident/4.0; \"Shop Toolbar 2.1\")`,
	`Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)`,
	`curl/8.5.0`,
	`python-requests/2.32.3`,
	`Go-http-client/1.1`,
	`Prometheus/2.53.0`,
	`kube-probe/1.31`,
	`Mozilla/5.0 zgrab/0.x`,
	`Wget/1.21.4 \"mirror\" (linux-gnu)`,
	`-`,
}

var referers = []string{
	"-", "-", "-", "-",
	"https://shop.example.com/",
	"https://shop.example.com/products/winter-boots?ref=home",
	"https://www.google.com/search?q=winter+boots&hl=en",
	"https://www.bing.com/search?q=%22linen+shirt%22",
	"android-app://com.google.android.gm/",
	"https://t.co/aBcD3fGh1J",
	"https://shop.example.com/api/v1/cart",
}

var users = []string{"-", "-", "-", "-", "-", "-", "-", "alice", "bob", "svc-backup"}

// Status codes by class, with weights.
type weighted struct {
	code   int
	weight int
}

var (
	codes2xx = []weighted{{200, 920}, {201, 30}, {204, 30}, {206, 20}}
	codes3xx = []weighted{{304, 600}, {301, 200}, {302, 200}}
	codes4xx = []weighted{{404, 550}, {400, 100}, {401, 100}, {403, 100}, {429, 100}, {499, 50}}
	codes5xx = []weighted{{500, 400}, {502, 300}, {503, 200}, {504, 100}}
	// During the burst, the upstream fails: mostly 502 and 504.
	codesBurst = []weighted{{502, 600}, {504, 250}, {503, 150}}
)

var methods = []weighted{{0, 850}, {1, 100}, {2, 20}, {3, 15}, {4, 10}, {5, 5}}
var methodNames = []string{"GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS"}

var protos = []weighted{{0, 680}, {1, 300}, {2, 20}}
var protoNames = []string{"HTTP/1.1", "HTTP/2.0", "HTTP/1.0"}

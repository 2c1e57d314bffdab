package codes

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
)

// ianaNames is the IANA HTTP Status Code Registry
// (https://www.iana.org/assignments/http-status-codes), permanent
// registrations only, with the names as the registry spells them.
var ianaNames = map[int]string{
	100: "Continue",
	101: "Switching Protocols",
	102: "Processing",
	103: "Early Hints",
	200: "OK",
	201: "Created",
	202: "Accepted",
	203: "Non-Authoritative Information",
	204: "No Content",
	205: "Reset Content",
	206: "Partial Content",
	207: "Multi-Status",
	208: "Already Reported",
	226: "IM Used",
	300: "Multiple Choices",
	301: "Moved Permanently",
	302: "Found",
	303: "See Other",
	304: "Not Modified",
	305: "Use Proxy",
	306: "(Unused)",
	307: "Temporary Redirect",
	308: "Permanent Redirect",
	400: "Bad Request",
	401: "Unauthorized",
	402: "Payment Required",
	403: "Forbidden",
	404: "Not Found",
	405: "Method Not Allowed",
	406: "Not Acceptable",
	407: "Proxy Authentication Required",
	408: "Request Timeout",
	409: "Conflict",
	410: "Gone",
	411: "Length Required",
	412: "Precondition Failed",
	413: "Content Too Large",
	414: "URI Too Long",
	415: "Unsupported Media Type",
	416: "Range Not Satisfiable",
	417: "Expectation Failed",
	418: "(Unused)",
	421: "Misdirected Request",
	422: "Unprocessable Content",
	423: "Locked",
	424: "Failed Dependency",
	425: "Too Early",
	426: "Upgrade Required",
	428: "Precondition Required",
	429: "Too Many Requests",
	431: "Request Header Fields Too Large",
	451: "Unavailable For Legal Reasons",
	500: "Internal Server Error",
	501: "Not Implemented",
	502: "Bad Gateway",
	503: "Service Unavailable",
	504: "Gateway Timeout",
	505: "HTTP Version Not Supported",
	506: "Variant Also Negotiates",
	507: "Insufficient Storage",
	508: "Loop Detected",
	510: "Not Extended",
	511: "Network Authentication Required",
}

// incidentRedirects are the 3xx codes that need causes and checks.
var incidentRedirects = map[int]bool{301: true, 302: true, 304: true, 307: true, 308: true}

func allFromData() []Entry {
	var out []Entry
	for _, set := range dataSets {
		out = append(out, set...)
	}
	return out
}

func TestNoDuplicateCodes(t *testing.T) {
	seen := map[int]string{}
	for _, e := range allFromData() {
		if prev, ok := seen[e.Code]; ok {
			t.Errorf("code %d appears twice: %q and %q", e.Code, prev, e.Name)
		}
		seen[e.Code] = e.Name
	}
	if _, _, err := buildIndex(dataSets...); err != nil {
		t.Fatalf("buildIndex on the real data: %v", err)
	}
}

func TestBuildIndexRejectsDuplicates(t *testing.T) {
	a := []Entry{{Code: 502, Name: "Bad Gateway"}}
	b := []Entry{{Code: 502, Name: "Something else"}}
	if _, _, err := buildIndex(a, b); err == nil {
		t.Fatal("buildIndex accepted two entries for 502")
	}
}

func TestEntriesWellFormed(t *testing.T) {
	for _, e := range allFromData() {
		if strings.TrimSpace(e.Name) == "" {
			t.Errorf("%d: empty name", e.Code)
		}
		if strings.TrimSpace(e.Meaning) == "" {
			t.Errorf("%d: empty meaning", e.Code)
		}
		if e.Class != ClassOf(e.Code) {
			t.Errorf("%d: class %q, want %q", e.Code, e.Class, ClassOf(e.Code))
		}
		if e.Source == "" {
			t.Errorf("%d: empty source", e.Code)
		}
		_, registered := ianaNames[e.Code]
		if e.Standard != registered {
			t.Errorf("%d: Standard=%v but IANA-registered=%v", e.Code, e.Standard, registered)
		}
		needs := e.Class == "4xx" || e.Class == "5xx" || incidentRedirects[e.Code] || e.Code == 0
		if needs {
			if len(e.Causes) < 2 {
				t.Errorf("%d: %d causes, want at least 2", e.Code, len(e.Causes))
			}
			if len(e.Checks) < 2 {
				t.Errorf("%d: %d checks, want at least 2", e.Code, len(e.Checks))
			}
		}
		for _, s := range append(append([]string{e.Name, e.Meaning, e.Source, e.Notes}, e.Causes...), e.Checks...) {
			for _, r := range s {
				if r < 0x20 || r > 0x7e {
					t.Errorf("%d: non-printable or non-ASCII character %q in %q", e.Code, r, s)
					break
				}
			}
			if s != strings.TrimSpace(s) {
				t.Errorf("%d: leading or trailing space in %q", e.Code, s)
			}
		}
	}
}

func TestIANANames(t *testing.T) {
	for code, want := range ianaNames {
		if !Known(code) {
			t.Errorf("%d: registered code not Known", code)
			continue
		}
		e := Lookup(code)
		if !e.Standard {
			t.Errorf("%d: registered code not marked Standard", code)
		}
		if e.Name != want {
			t.Errorf("%d: name %q, IANA registry says %q", code, e.Name, want)
		}
		if Name(code) != want {
			t.Errorf("Name(%d) = %q, want %q", code, Name(code), want)
		}
	}
}

func TestDeprecated(t *testing.T) {
	for _, code := range []int{305, 306, 510} {
		if !Lookup(code).Deprecated {
			t.Errorf("%d should be marked deprecated", code)
		}
	}
	// 418 is reserved but never had an HTTP meaning to retire, and sites
	// still send it on purpose.
	for _, code := range []int{200, 418} {
		if Lookup(code).Deprecated {
			t.Errorf("%d marked deprecated", code)
		}
	}
}

func TestSeedCodesCovered(t *testing.T) {
	f, err := os.Open("testdata/seed_codes.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		code, err := strconv.Atoi(line)
		if err != nil || code < 100 || code > 599 {
			t.Errorf("bad line in seed_codes.txt: %q", line)
			continue
		}
		n++
		if !Known(code) {
			t.Errorf("seed code %d has no entry", code)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n < 60 {
		t.Errorf("only %d seed codes read; the list looks truncated", n)
	}
}

func TestLogCodesCovered(t *testing.T) {
	want := map[int]string{
		0: "", 9: "nginx", 444: "nginx", 494: "nginx", 495: "nginx", 496: "nginx", 497: "nginx", 499: "nginx",
		520: "Cloudflare", 521: "Cloudflare", 522: "Cloudflare", 523: "Cloudflare", 524: "Cloudflare",
		525: "Cloudflare", 526: "Cloudflare", 527: "Cloudflare", 530: "Cloudflare", 529: "",
		460: "AWS ELB/ALB", 463: "AWS ELB/ALB", 464: "AWS ELB/ALB", 561: "AWS ELB/ALB",
		440: "Microsoft IIS", 449: "Microsoft IIS", 450: "", 498: "", 509: "", 598: "", 599: "",
		419: "", 420: "", 430: "", 218: "", 122: "",
	}
	for code, src := range want {
		if !Known(code) {
			t.Errorf("%d: no entry", code)
			continue
		}
		e := Lookup(code)
		if e.Standard {
			t.Errorf("%d: vendor code marked Standard", code)
		}
		if src != "" && e.Source != src {
			t.Errorf("%d: source %q, want %q", code, e.Source, src)
		}
	}
	for _, code := range []int{494, 495, 496, 497} {
		n := Lookup(code).Notes
		if !strings.Contains(n, "400") || !strings.Contains(n, "error_page") {
			t.Errorf("%d: notes should say nginx logs 400 unless error_page remaps it: %q", code, n)
		}
	}
	if e := Lookup(9); e.Class != "other" || !strings.Contains(e.Meaning, "009") || !strings.Contains(e.Meaning, "HTTP/0.9") {
		t.Errorf("9 should explain nginx's 009 for HTTP/0.9 requests: %+v", e)
	}
	if n := Lookup(0).Notes; !strings.Contains(n, "-1") || !strings.Contains(n, "nginx writes 000") {
		t.Errorf("0 notes should name nginx's 000 and HAProxy's -1: %q", n)
	}
	if n := Lookup(451).Notes; !strings.Contains(n, "Exchange") {
		t.Errorf("451 notes should mention the Exchange clash: %q", n)
	}
}

func TestLookupUnknownInRange(t *testing.T) {
	e := Lookup(477)
	if Known(477) {
		t.Fatal("477 should not be known")
	}
	if e.Code != 477 || e.Class != "4xx" || e.Standard {
		t.Errorf("Lookup(477) = %+v", e)
	}
	if e.Name != "Unknown 4xx code" {
		t.Errorf("Lookup(477).Name = %q", e.Name)
	}
	info, _ := Class("4xx")
	if !strings.Contains(e.Meaning, "477") || len(e.Causes) != len(info.Causes) || len(e.Checks) != len(info.Checks) {
		t.Errorf("Lookup(477) should carry the 4xx class text: %+v", e)
	}
	if Name(477) != "Unknown 4xx code" {
		t.Errorf("Name(477) = %q", Name(477))
	}
	if got := Lookup(150).Class; got != "1xx" {
		t.Errorf("Lookup(150).Class = %q", got)
	}
}

func TestLookupOutOfRange(t *testing.T) {
	for _, code := range []int{777, 600, 99, 1, -1, 1000} {
		e := Lookup(code)
		if e.Class != "other" || e.Standard || Known(code) {
			t.Errorf("Lookup(%d) = class %q standard %v known %v", code, e.Class, e.Standard, Known(code))
		}
		if e.Name == "" || e.Meaning == "" || !strings.Contains(e.Meaning, strconv.Itoa(code)) {
			t.Errorf("Lookup(%d) lacks a name or a meaning naming the code: %+v", code, e)
		}
		if ClassOf(code) != "other" {
			t.Errorf("ClassOf(%d) = %q", code, ClassOf(code))
		}
	}
}

func TestLookupZero(t *testing.T) {
	e := Lookup(0)
	if !Known(0) || e.Code != 0 || e.Class != "other" || e.Name != "No Response" {
		t.Fatalf("Lookup(0) = %+v", e)
	}
	if !strings.Contains(e.Meaning, "000") {
		t.Errorf("Lookup(0).Meaning should mention 000: %q", e.Meaning)
	}
}

func TestClassOf(t *testing.T) {
	cases := map[int]string{100: "1xx", 199: "1xx", 200: "2xx", 399: "3xx", 404: "4xx", 599: "5xx", 600: "other", 0: "other", 99: "other"}
	for code, want := range cases {
		if got := ClassOf(code); got != want {
			t.Errorf("ClassOf(%d) = %q, want %q", code, got, want)
		}
	}
}

func TestClass(t *testing.T) {
	for _, c := range []string{"1xx", "2xx", "3xx", "4xx", "5xx", "other"} {
		info, ok := Class(c)
		if !ok || info.Class != c || info.Name == "" || info.Meaning == "" || len(info.Causes) == 0 || len(info.Checks) == 0 {
			t.Errorf("Class(%q) = %+v, %v", c, info, ok)
		}
	}
	if info, ok := Class("5XX"); !ok || info.Class != "5xx" {
		t.Errorf("Class(\"5XX\") = %+v, %v", info, ok)
	}
	if info, ok := Class("4"); !ok || info.Class != "4xx" {
		t.Errorf("Class(\"4\") = %+v, %v", info, ok)
	}
	if _, ok := Class("6xx"); ok {
		t.Error("Class(\"6xx\") should not exist")
	}
}

func TestAllSortedCopy(t *testing.T) {
	all := All()
	if len(all) != len(allFromData()) {
		t.Fatalf("All() has %d entries, data has %d", len(all), len(allFromData()))
	}
	for i := 1; i < len(all); i++ {
		if all[i-1].Code >= all[i].Code {
			t.Fatalf("All() not sorted at %d: %d then %d", i, all[i-1].Code, all[i].Code)
		}
	}
	// Modifying the result must not change the reference data.
	all[0].Name = "changed"
	for i := range all {
		if all[i].Code == 502 {
			all[i].Causes[0] = "changed"
		}
	}
	if All()[0].Name == "changed" || Lookup(502).Causes[0] == "changed" {
		t.Error("All() returns shared data")
	}
	e := Lookup(404)
	e.Checks[0] = "changed"
	if Lookup(404).Checks[0] == "changed" {
		t.Error("Lookup() returns shared slices")
	}
}

// Every output writes a code in three digits, as logs do.
func TestLabel(t *testing.T) {
	for code, want := range map[int]string{0: "000", 9: "009", 99: "099", 200: "200", 599: "599", 999: "999"} {
		if got := Label(code); got != want {
			t.Errorf("Label(%d) = %q, want %q", code, got, want)
		}
	}
}

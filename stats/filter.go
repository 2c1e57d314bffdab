package stats

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/codetop/codetop/parser"
)

// Filter selects the entries a run counts. The zero Filter keeps everything.
// Lines it rejects are not counted at all (not even as lines): a report over
// --since 2h describes those two hours only. Malformed lines cannot be
// filtered (nothing is known about them) and are always counted.
//
// Every field is prepared once, before reading, so that Match allocates
// nothing per line. A Filter is read-only once reading starts and may be
// shared by many workers.
type Filter struct {
	// From and To bound entry times, in Unix ms; 0 means unbounded. With
	// either set, an entry without a time (a JSON log that has none) is
	// left out: nothing says it falls in the range.
	From, To int64
	// Status, when non-nil, keeps only the codes in the set (--status).
	Status *StatusSet
	// PathRegexp, when non-nil, keeps entries whose path (without the query)
	// it matches anywhere, like grep; anchor it with ^ and $ as needed. With
	// Config.GroupPaths, a Worker gives it the folded path (/users/:id).
	PathRegexp *regexp.Regexp
	// Methods, when non-empty, keeps entries whose method is one of these,
	// compared without regard to ASCII case.
	Methods [][]byte
	// VHosts, when non-empty, keeps entries whose virtual host is one of
	// these (see ParseVHosts for the matching rules).
	VHosts []VHost
}

// Active reports whether the filter rejects anything.
func (f *Filter) Active() bool {
	return f.From != 0 || f.To != 0 || f.Status != nil || f.PathRegexp != nil ||
		len(f.Methods) > 0 || len(f.VHosts) > 0
}

// Match reports whether e passes. The cheap tests run first, so that the
// regular expression only sees entries that passed the others. (With
// --status, a Worker asks matchExceptStatus of the entries the status test
// refused, to count them as traffic: the expression then sees those too.)
func (f *Filter) Match(e *parser.Entry) bool {
	if f.Status != nil && !f.Status.Has(e.Status) {
		return false
	}
	return f.matchExceptStatus(e)
}

// matchExceptStatus is Match without --status: whether e is traffic the
// selected codes are measured against.
func (f *Filter) matchExceptStatus(e *parser.Entry) bool {
	if f.From != 0 && e.Time < f.From {
		return false // also when the entry has no time (0)
	}
	if f.To != 0 && (e.Time >= f.To || e.Time == 0) {
		return false
	}
	return f.matchOthers(e)
}

// matchOthers is Match without --status and the time range.
func (f *Filter) matchOthers(e *parser.Entry) bool {
	if len(f.Methods) > 0 && !anyEqualFold(f.Methods, e.Method) {
		return false
	}
	if len(f.VHosts) > 0 && !matchVHost(f.VHosts, e.VHost) {
		return false
	}
	if f.PathRegexp != nil && !f.PathRegexp.Match(e.Path) {
		return false
	}
	return true
}

// StatusSet is a set of status codes 0-999 (the range the parser yields),
// as a bitmap so a lookup is one shift and one mask.
type StatusSet [16]uint64

// Add puts code into the set; codes outside 0-999 are ignored.
func (s *StatusSet) Add(code int) {
	if code >= 0 && code < 1000 {
		s[code>>6] |= 1 << (code & 63)
	}
}

// Has reports whether code is in the set.
func (s *StatusSet) Has(code int) bool {
	return code >= 0 && code < 1000 && s[code>>6]&(1<<(code&63)) != 0
}

// ParseStatusSet reads a --status value: a comma-separated list of codes
// ("429"), classes ("5xx", "5XX"), inclusive ranges ("500-504") and "other"
// (any status outside 100-599, such as 0 or 999).
func ParseStatusSet(spec string) (*StatusSet, error) {
	s := &StatusSet{}
	n := 0
	for _, item := range strings.Split(spec, ",") {
		item = strings.ToLower(strings.TrimSpace(item))
		if item == "" {
			continue
		}
		n++
		switch {
		case item == "other":
			for c := 0; c < 1000; c++ {
				if c < 100 || c > 599 {
					s.Add(c)
				}
			}
		case len(item) == 3 && item[0] >= '1' && item[0] <= '5' && item[1:] == "xx":
			base := int(item[0]-'0') * 100
			for c := base; c < base+100; c++ {
				s.Add(c)
			}
		case strings.Contains(item, "-"):
			lo, hi, _ := strings.Cut(item, "-")
			a, errA := statusNumber(lo)
			b, errB := statusNumber(hi)
			if errA != nil || errB != nil || a > b {
				return nil, fmt.Errorf("bad status range %q: want LOW-HIGH with 0 <= LOW <= HIGH <= 999, such as 500-504", item)
			}
			for c := a; c <= b; c++ {
				s.Add(c)
			}
		default:
			c, err := statusNumber(item)
			if err != nil {
				return nil, fmt.Errorf("bad status %q: want a code (429), a class (5xx), a range (500-504) or other", item)
			}
			s.Add(c)
		}
	}
	if n == 0 {
		return nil, fmt.Errorf("empty status list: want codes and classes such as 5xx,429")
	}
	return s, nil
}

func statusNumber(s string) (int, error) {
	c, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || c < 0 || c > 999 {
		return 0, fmt.Errorf("not a status")
	}
	return c, nil
}

// ParseMethods reads a --method value: comma-separated HTTP methods. They
// are kept upper case; matching ignores ASCII case, because scanners send
// "get" as often as "GET" and both are worth finding.
func ParseMethods(spec string) ([][]byte, error) {
	var out [][]byte
	for _, m := range strings.Split(spec, ",") {
		m = strings.TrimSpace(m)
		if m == "" {
			continue
		}
		if !isToken(m) {
			return nil, fmt.Errorf("bad method %q: want names such as GET,POST (letters, digits, - and _)", m)
		}
		out = append(out, []byte(strings.ToUpper(m)))
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("empty method list: want names such as GET,POST")
	}
	return out, nil
}

func isToken(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// VHost is one --vhost pattern, lower case: an exact host name, or a
// suffix when Wildcard is set ("*.example.com" keeps "a.example.com" and
// "b.a.example.com" but not "example.com").
type VHost struct {
	Host     []byte
	Wildcard bool
}

// ParseVHosts reads a --vhost value: comma-separated host names, each
// possibly "*.suffix", or bracketed IPv6 literals ("[::1]"). Matching ignores ASCII case and a ":port" suffix on
// the logged host, so "example.com" keeps "Example.COM:443".
func ParseVHosts(spec string) ([]VHost, error) {
	var out []VHost
	for _, h := range strings.Split(spec, ",") {
		h = strings.ToLower(strings.TrimSpace(h))
		if h == "" {
			continue
		}
		v := VHost{}
		if rest, ok := strings.CutPrefix(h, "*."); ok {
			v.Wildcard, h = true, "."+rest
		}
		ipv6 := len(h) > 2 && h[0] == '[' && h[len(h)-1] == ']'
		if strings.ContainsAny(h, " /*\"") || (!ipv6 && strings.Contains(h, ":")) || h == "." {
			return nil, fmt.Errorf("bad virtual host %q: want host names such as example.com or *.example.com (no scheme, port or path)", h)
		}
		v.Host = []byte(h)
		out = append(out, v)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("empty virtual host list: want names such as example.com")
	}
	return out, nil
}

func matchVHost(hosts []VHost, got []byte) bool {
	got = stripPort(got)
	for _, h := range hosts {
		if h.Wildcard {
			if len(got) > len(h.Host) && equalFold(got[len(got)-len(h.Host):], h.Host) {
				return true
			}
		} else if equalFold(got, h.Host) {
			return true
		}
	}
	return false
}

// stripPort drops a trailing ":digits", leaving bracketed IPv6 literals
// ("[::1]:80" → "[::1]") and bare IPv6 addresses alone.
func stripPort(b []byte) []byte {
	for i := len(b) - 1; i >= 0; i-- {
		c := b[i]
		if c == ':' {
			if i == len(b)-1 || (i > 0 && b[i-1] != ']' && containsByte(b[:i], ':')) {
				return b
			}
			return b[:i]
		}
		if c < '0' || c > '9' {
			return b
		}
	}
	return b
}

func containsByte(b []byte, c byte) bool {
	for _, x := range b {
		if x == c {
			return true
		}
	}
	return false
}

func anyEqualFold(set [][]byte, b []byte) bool {
	for _, s := range set {
		if equalFold(b, s) {
			return true
		}
	}
	return false
}

// equalFold compares two byte strings ignoring ASCII case, without the
// Unicode folding (and the cost) of bytes.EqualFold.
func equalFold(b, want []byte) bool {
	if len(b) != len(want) {
		return false
	}
	for i := range b {
		if lowerASCII(b[i]) != lowerASCII(want[i]) {
			return false
		}
	}
	return true
}

func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

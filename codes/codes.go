// Package codes is codetop's reference of HTTP status codes: what each code
// means, where it comes from (IANA registry or a particular server, proxy or
// CDN), what usually causes it in production and what to check first.
//
// It covers every code in the IANA registry, the non-standard codes that
// show up in real access logs (nginx, Cloudflare, AWS load balancers,
// Microsoft IIS and others), the 0/000 pseudo-code that proxies write
// when no response was ever sent (HAProxy's -1 counts as 0) and nginx's 009
// for HTTP/0.9 requests. Any other number still gets a useful,
// class-level explanation.
//
// The package is a leaf: it imports only the standard library.
package codes

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Entry describes one status code.
type Entry struct {
	Code       int      // e.g. 502; 0 for the "000"/0 pseudo-code
	Name       string   // e.g. "Bad Gateway" (registry name for standard codes)
	Class      string   // "1xx".."5xx", or "other" for codes outside 100-599
	Standard   bool     // true for IANA-registered codes
	Source     string   // "RFC 9110", "nginx", "Cloudflare", "AWS ELB/ALB", ...
	Deprecated bool     // retired: had a meaning once and should no longer be sent (305, 306, 510); 418, reserved without ever having one, is not flagged
	Meaning    string   // one plain sentence for an operator
	Causes     []string // usual causes in production
	Checks     []string // what to check first
	Notes      string   // optional: clashes, history, logging quirks
}

// ClassInfo describes a class of status codes ("1xx".."5xx", or "other").
type ClassInfo struct {
	Class   string
	Name    string
	Meaning string
	Causes  []string
	Checks  []string
}

// dataSets lists every table of entries; each data file contributes one.
var dataSets = [][]Entry{
	informational,
	success,
	redirection,
	clientErrors,
	clientErrorsMore,
	serverErrors,
	vendorNginxAWS,
	vendorOther,
	vendorCDN,
}

var (
	sorted []Entry     // every known entry, sorted by code
	byCode map[int]int // code -> index into sorted
)

func init() {
	s, idx, err := buildIndex(dataSets...)
	if err != nil {
		panic("codes: " + err.Error())
	}
	sorted, byCode = s, idx
}

// buildIndex merges the tables, sorts them by code and returns an index.
// It fails if two entries share a code.
func buildIndex(sets ...[]Entry) ([]Entry, map[int]int, error) {
	var all []Entry
	for _, set := range sets {
		all = append(all, set...)
	}
	seen := make(map[int]bool, len(all))
	for _, e := range all {
		if seen[e.Code] {
			return nil, nil, fmt.Errorf("duplicate entry for status code %d", e.Code)
		}
		seen[e.Code] = true
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Code < all[j].Code })
	idx := make(map[int]int, len(all))
	for i, e := range all {
		idx[e.Code] = i
	}
	return all, idx, nil
}

// clone returns a copy of e whose slices are not shared with the tables,
// so callers cannot modify the reference data by accident.
func clone(e Entry) Entry {
	e.Causes = slices.Clone(e.Causes)
	e.Checks = slices.Clone(e.Checks)
	return e
}

// Known reports whether code has its own entry (standard or vendor).
func Known(code int) bool {
	_, ok := byCode[code]
	return ok
}

// Label writes a code as logs write it and every output of codetop shows
// it: three digits, so 0 is "000" (no response) and 9 is "009" (nginx's
// HTTP/0.9 requests).
func Label(code int) string {
	s := strconv.Itoa(code)
	for len(s) < 3 {
		s = "0" + s
	}
	return s
}

// ClassOf returns "1xx".."5xx" for codes 100-599 and "other" otherwise.
func ClassOf(code int) string {
	if code < 100 || code > 599 {
		return "other"
	}
	return fmt.Sprintf("%dxx", code/100)
}

// Lookup returns the entry for code. Codes without their own entry get a
// class-level entry (for example "Unknown 4xx code"); codes outside
// 100-599 get Class "other" and a non-standard explanation. The result is
// never empty: Name and Meaning are always set.
func Lookup(code int) Entry {
	if i, ok := byCode[code]; ok {
		return clone(sorted[i])
	}
	class := ClassOf(code)
	info := classes[class]
	if class == "other" {
		return Entry{
			Code:  code,
			Name:  "Non-standard code",
			Class: class,
			Meaning: fmt.Sprintf("%d is outside the 100-599 range HTTP defines, so it is not an HTTP status at all: "+
				"something wrote its own number into the status field.", code),
			Causes: slices.Clone(info.Causes),
			Checks: slices.Clone(info.Checks),
			Notes: "HAProxy's -1 for a connection aborted before any response is counted as 000 (codetop explain 0); " +
				"some sites answer scrapers with made-up codes such as 999.",
		}
	}
	return Entry{
		Code:  code,
		Name:  "Unknown " + class + " code",
		Class: class,
		Meaning: fmt.Sprintf("%d is not a registered or widely used code; like any %s it means: %s",
			code, class, lowerFirst(info.Meaning)),
		Causes: slices.Clone(info.Causes),
		Checks: slices.Clone(info.Checks),
		Notes: fmt.Sprintf("Clients that do not recognise a code treat it as %d00, the generic code of its class (RFC 9110, section 15).",
			code/100),
	}
}

// Name returns the short name of code. It is never empty: codes without an
// entry get a class-level name such as "Unknown 4xx code".
func Name(code int) string {
	return Lookup(code).Name
}

// All returns a copy of every known entry, sorted by code.
func All() []Entry {
	out := make([]Entry, len(sorted))
	for i, e := range sorted {
		out[i] = clone(e)
	}
	return out
}

// Class returns the description of a class: "1xx".."5xx" or "other".
// Upper-case ("5XX") and bare digits ("5") are accepted too.
func Class(class string) (ClassInfo, bool) {
	c := strings.ToLower(strings.TrimSpace(class))
	if len(c) == 1 && c[0] >= '1' && c[0] <= '5' {
		c += "xx"
	}
	info, ok := classes[c]
	if !ok {
		return ClassInfo{}, false
	}
	info.Causes = slices.Clone(info.Causes)
	info.Checks = slices.Clone(info.Checks)
	return info, true
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

package parser

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unsafe"
)

// view is an Entry with its byte fields as strings, for comparing in tests.
// Absent (nil) and empty fields both read as "".
type view struct {
	Time                string // RFC 3339 in UTC with milliseconds, "" for 0
	Status              int
	Bytes, RT, UT       int64
	Method, Path, Query string
	Proto, Client, User string
	VHost, Referer, UA  string
	XFF, UpstreamStatus string
}

func viewOf(e *Entry) view {
	v := view{
		Status: e.Status, Bytes: e.Bytes, RT: e.RequestTime, UT: e.UpstreamTime,
		Method: string(e.Method), Path: string(e.Path), Query: string(e.Query),
		Proto: string(e.Proto), Client: string(e.Client), User: string(e.User),
		VHost: string(e.VHost), Referer: string(e.Referer), UA: string(e.UserAgent),
		XFF: string(e.ForwardedFor), UpstreamStatus: string(e.UpstreamStatus),
	}
	if e.Time != 0 {
		v.Time = msTime(e.Time)
	}
	return v
}

func msTime(ms int64) string {
	return time.UnixMilli(ms).UTC().Format("2006-01-02T15:04:05.000Z")
}

// dumpEntry renders every field of e on one line, byte fields quoted, for
// golden files. Absent byte fields are left out; empty ones show as "".
func dumpEntry(e *Entry) string {
	var b strings.Builder
	tm := "-"
	if e.Time != 0 {
		tm = msTime(e.Time)
	}
	fmt.Fprintf(&b, "time=%s status=%d bytes=%d request_time_us=%d upstream_time_us=%d", tm, e.Status, e.Bytes, e.RequestTime, e.UpstreamTime)
	for _, f := range []struct {
		n string
		v []byte
	}{
		{"method", e.Method}, {"path", e.Path}, {"query", e.Query}, {"proto", e.Proto},
		{"client", e.Client}, {"user", e.User}, {"vhost", e.VHost}, {"referer", e.Referer},
		{"agent", e.UserAgent}, {"xff", e.ForwardedFor}, {"upstream_status", e.UpstreamStatus},
	} {
		if f.v != nil {
			fmt.Fprintf(&b, " %s=%q", f.n, f.v)
		}
	}
	return b.String()
}

// byteFields lists the byte-slice fields of e by name.
func byteFields(e *Entry) map[string][]byte {
	return map[string][]byte{
		"Method": e.Method, "Path": e.Path, "Query": e.Query, "Proto": e.Proto,
		"Client": e.Client, "User": e.User, "VHost": e.VHost, "Referer": e.Referer,
		"UserAgent": e.UserAgent, "ForwardedFor": e.ForwardedFor, "UpstreamStatus": e.UpstreamStatus,
	}
}

// checkSane reports what is wrong with an Entry parsed from line: a status
// out of 0..999, a time outside 1970..9999, a negative size or duration
// other than -1, or a byte field that is not a sub-slice of line (the
// zero-copy contract: fields point into the caller's buffer, nowhere else;
// only a JSON parser, parser, may hand out a text field it decoded).
func checkSane(parser Parser, line []byte, e *Entry) error {
	if e.Status < 0 || e.Status > 999 {
		return fmt.Errorf("status %d out of range", e.Status)
	}
	if e.Time < 0 || e.Time >= maxTime+2*86400000 {
		return fmt.Errorf("time %d out of range", e.Time)
	}
	if e.Bytes < -1 || e.RequestTime < -1 || e.UpstreamTime < -1 {
		return fmt.Errorf("negative count: bytes %d, request time %d, upstream time %d", e.Bytes, e.RequestTime, e.UpstreamTime)
	}
	base := uintptr(unsafe.Pointer(unsafe.SliceData(line)))
	for name, f := range byteFields(e) {
		if len(f) == 0 {
			continue
		}
		p := uintptr(unsafe.Pointer(unsafe.SliceData(f)))
		if p < base || p+uintptr(len(f)) > base+uintptr(len(line)) {
			// Only a JSON text field with an escape is decoded, into the
			// parser's own buffer, and never grows in the decoding.
			if !decodesText(parser) || bytes.IndexByte(line, '\\') < 0 || len(f) > len(line) {
				return fmt.Errorf("%s %q is not inside the line", name, f)
			}
		}
	}
	return nil
}

// testLog reads a log from testdata/logs as lines (without their newline).
func testLog(t testing.TB, name string) [][]byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "logs", name))
	if err != nil {
		t.Fatal(err)
	}
	return splitLines(data)
}

func splitLines(data []byte) [][]byte {
	lines := bytes.SplitAfter(data, []byte("\n"))
	if len(lines) > 0 && len(lines[len(lines)-1]) == 0 {
		lines = lines[:len(lines)-1]
	}
	for i, l := range lines {
		lines[i] = bytes.TrimSuffix(l, []byte("\n"))
	}
	return lines
}

// testLogs lists the logs in testdata/logs.
func testLogs(t testing.TB) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join("testdata", "logs", "*.log"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no test logs: %v", err)
	}
	for i, n := range names {
		names[i] = filepath.Base(n)
	}
	return names
}

func mustCompile(t testing.TB, spec string) Format {
	t.Helper()
	f, err := Compile(spec)
	if err != nil {
		t.Fatalf("Compile(%q): %v", spec, err)
	}
	return f
}

// parseOne parses line with a fresh parser of f, and checks that the
// result is sane whatever the error.
func parseOne(t testing.TB, f Format, line string) (view, *Entry, error) {
	t.Helper()
	var e Entry
	b := []byte(line)
	p := f.NewParser()
	err := p.Parse(b, &e)
	if serr := checkSane(p, b, &e); serr != nil {
		t.Errorf("%q: %v", line, serr)
	}
	return viewOf(&e), &e, err
}

// decodesText reports whether p may hand out decoded text fields: a JSON
// parser, or a deferred one that became one.
func decodesText(p Parser) bool {
	if d, ok := p.(*deferredParser); ok {
		p = d.inner
	}
	_, ok := p.(*jsonParser)
	return ok
}

package parser

import (
	"fmt"
	"strings"
)

// Built-in formats by the names the --format flag accepts.
var builtin = map[string]Format{
	"combined":       clfFormat{name: "combined"},
	"common":         clfFormat{name: "common"},
	"vhost_combined": clfFormat{name: "vhost_combined", vhost: true},
}

// Compile turns a --format value into a Format. "auto" is not a format:
// call Detect for it.
func Compile(spec string) (Format, error) {
	if f, ok := builtin[spec]; ok {
		return f, nil
	}
	names := make([]string, 0, len(builtin))
	for n := range builtin {
		names = append(names, n)
	}
	return nil, fmt.Errorf("unknown format %q (want auto, one of %s, 'nginx:<log_format>', 'apache:<LogFormat>' or 'json:status=...')", spec, strings.Join(sortStrings(names), ", "))
}

func sortStrings(s []string) []string {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	return s
}

// detectOrder lists the candidates Detect tries, most specific first.
var detectOrder = []string{"vhost_combined", "combined", "common"}

// Detect picks the format that parses the most of the sample lines; ties go
// to the more specific format. ok is false when none parses any line.
func Detect(sample [][]byte) (f Format, ok bool) {
	best := -1
	var e Entry
	for _, name := range detectOrder {
		cand := builtin[name]
		p := cand.NewParser()
		n := 0
		for _, l := range sample {
			if p.Parse(l, &e) == nil && plausible(name, &e) {
				n++
			}
		}
		if n > best {
			best, f = n, cand
		}
	}
	return f, best > 0
}

// plausible rejects parses that succeed by accident, such as vhost_combined
// reading a combined line whose first field happens to be followed by
// something bracketed.
func plausible(name string, e *Entry) bool {
	switch name {
	case "combined":
		return e.UserAgent != nil
	}
	return true
}

package parser

import (
	"fmt"
	"sort"
	"strings"
)

// Built-in formats by the names the --format flag accepts. Every name Detect
// can choose is here too, so Compile(f.Name()) gives f back.
var builtin = map[string]Format{
	"nginx-json": builtinJSON("nginx-json", nginxJSONKeys),
	"caddy":      builtinJSON("caddy", caddyKeys),
	"traefik":    builtinJSON("traefik", traefikKeys),
	// "json" reads any of the three: for a mixed or unknown JSON log.
	"json":    builtinJSON("json", traefikKeys, caddyKeys, nginxJSONKeys),
	"aws-alb": awsFormat("aws-alb", true),
	"aws-elb": awsFormat("aws-elb", false),
}

// The NCSA family under every name Detect gives it: a base and the extras
// it saw after the agent. All parse the same way; the name tells the user
// what codetop found.
var clfBases = []clfFormat{
	{name: "combined"},
	{name: "common"},
	{name: "vhost_combined", vhost: true},
	{name: "vhost_common", vhost: true},
}

func init() {
	for _, b := range clfBases {
		for _, suffix := range []string{"", "+xff", "+timing", "+xff+timing"} {
			f := b
			f.name += suffix
			f.timed = strings.HasSuffix(suffix, "+timing")
			builtin[f.name] = f
		}
	}
}

// Compile turns a --format value into a Format: a built-in name,
// 'nginx:<log_format>', 'apache:<LogFormat>' or 'json:<mapping>'. "auto"
// is not a format: call Detect for it. A spec that does not compile is a
// *SpecError that points at the offending column.
func Compile(spec string) (Format, error) {
	if f, ok := builtin[spec]; ok {
		return f, nil
	}
	one := oneLine(spec)
	switch {
	case strings.HasPrefix(spec, "nginx:"):
		return compileNginx(one, len("nginx:"))
	case strings.HasPrefix(spec, "apache:"):
		return compileApache(one, len("apache:"))
	case strings.HasPrefix(spec, "json:"):
		return compileJSON(one, len("json:"))
	// The directive pasted whole from the server's configuration names
	// its server: nothing to add.
	case strings.HasPrefix(spec, "log_format "):
		return compileNginx(one, 0)
	case strings.HasPrefix(spec, "LogFormat "):
		return compileApache(one, 0)
	}
	names := make([]string, 0, len(builtin))
	for n := range builtin {
		if !strings.Contains(n, "+") {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return nil, &SpecError{Spec: one, Col: 1, Msg: fmt.Sprintf("unknown format (want auto, %s, 'nginx:<log_format>', 'apache:<LogFormat>' or 'json:status=KEY,...'; "+
		"the NCSA ones also with +xff, +timing or +xff+timing after the name, as combined+xff: a quoted X-Forwarded-For, timings after the agent)", strings.Join(names, ", "))}
}

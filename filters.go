package main

import (
	"regexp"
	"time"

	"github.com/codetop/codetop/stats"
)

// filterFlags are the raw values of the flags that select entries.
type filterFlags struct {
	status, pathRegex, method, vhost string
}

// compile checks the selection flags and builds the filter, except for
// the time bounds, which may depend on the input (see timeFilter).
// Errors name the flag and say what it accepts; they exit with status 2.
func (ff *filterFlags) compile() (stats.Filter, map[string]string, error) {
	var f stats.Filter
	desc := map[string]string{}
	var err error
	if ff.status != "" {
		if f.Status, err = stats.ParseStatusSet(ff.status); err != nil {
			return f, nil, usageErr("--status %q: %v", ff.status, err)
		}
		desc["status"] = ff.status
	}
	if ff.method != "" {
		if f.Methods, err = stats.ParseMethods(ff.method); err != nil {
			return f, nil, usageErr("--method %q: %v", ff.method, err)
		}
		desc["method"] = ff.method
	}
	if ff.vhost != "" {
		if f.VHosts, err = stats.ParseVHosts(ff.vhost); err != nil {
			return f, nil, usageErr("--vhost %q: %v", ff.vhost, err)
		}
		desc["vhost"] = ff.vhost
	}
	if ff.pathRegex != "" {
		if f.PathRegexp, err = regexp.Compile(ff.pathRegex); err != nil {
			return f, nil, usageErr("--path-regex %q: %v (the syntax is Go's RE2: https://golang.org/s/re2syntax)", ff.pathRegex, err)
		}
		desc["path-regex"] = ff.pathRegex
	}
	return f, desc, nil
}

// describeTimes notes the resolved time bounds in the report's filter
// list, as RFC 3339 times, so that "--since 2h" says which two hours.
func describeTimes(desc map[string]string, since, until string, tf stats.Filter) {
	if since != "" && tf.From != 0 {
		desc["since"] = time.UnixMilli(tf.From).UTC().Format(time.RFC3339Nano)
	}
	if until != "" && tf.To != 0 {
		desc["until"] = time.UnixMilli(tf.To).UTC().Format(time.RFC3339Nano)
	}
}

package main

import (
	"strings"
	"testing"
)

// --report html writes one page to stdout: the whole report, with the
// timeline drawn in it, and nothing on stderr.
func TestReportHTML(t *testing.T) {
	out, stderr, err := runArgs(t, "--report", "html", "--paths", "5", "testdata/logs/honeypot_nginx_main_xff_ipv6_head600.log")
	if err != nil {
		t.Fatalf("run: %v\n%s", err, stderr)
	}
	if stderr != "" {
		t.Errorf("stderr: %q", stderr)
	}
	for _, want := range []string{"<!DOCTYPE html>", `<svg class="timeline"`, `<g class="lane" data-kind="5xx"`,
		"Top paths (5 of ", "502", "Bad Gateway", "</html>\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Count(out, `<tr class="path-row">`) != 5 {
		t.Error("--paths 5 not honoured")
	}
	_, _, err = runArgs(t, "--report", "pdf", "x.log")
	if exitCode(err) != 2 || !strings.Contains(err.Error(), "want text, json, csv or html") {
		t.Errorf("--report pdf: %v", err)
	}
}

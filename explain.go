package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/codetop/codetop/codes"
	"github.com/codetop/codetop/sanitize"
)

const explainUsage = "usage: codetop explain CODE|CLASS|--all   (for example: codetop explain 502, codetop explain 5xx)"

// runExplain prints the status-code reference: one code, one class with
// the codes it holds, or everything.
func runExplain(args []string, stdout io.Writer) error {
	if len(args) != 1 {
		return usageErr("explain takes one argument\n%s", explainUsage)
	}
	arg := strings.TrimSpace(args[0])
	width := explainWidth()
	switch {
	case arg == "-h" || arg == "--help" || arg == "-help":
		fmt.Fprintln(stdout, explainUsage)
		return nil
	case arg == "--all" || arg == "-all":
		for i, e := range codes.All() {
			if i > 0 {
				fmt.Fprintln(stdout, strings.Repeat("-", min(width, 40)))
			}
			fmt.Fprint(stdout, codes.Format(e, width))
		}
		return nil
	}
	if arg == "-1" {
		arg = "0" // HAProxy's no response, counted as 000
	}
	if code, err := strconv.Atoi(arg); err == nil && code >= 0 && code <= 999 && arg[0] != '+' {
		_, err := fmt.Fprint(stdout, codes.Format(codes.Lookup(code), width))
		return err
	}
	if info, ok := codes.Class(arg); ok {
		return explainClass(stdout, info, width)
	}
	return usageErr("explain %q: not a status code (0-999) or class (1xx-5xx, other)\n%s", arg, explainUsage)
}

// explainClass prints what a class means and lists the codes the reference
// knows in it, one line each, so the reader can pick one to explain.
func explainClass(w io.Writer, info codes.ClassInfo, width int) error {
	// A class reads like a code's entry, so Format lays it out; only its
	// heading, which names a code number and a source, is replaced.
	body := codes.Format(codes.Entry{
		Name: info.Name, Class: info.Class,
		Meaning: info.Meaning, Causes: info.Causes, Checks: info.Checks,
	}, width)
	if _, rest, ok := strings.Cut(body, "\n"); ok {
		body = rest
	}
	fmt.Fprintf(w, "%s %s (every %s code)\n%s", info.Class, info.Name, info.Class, body)
	fmt.Fprintf(w, "\nCodes in %s (codetop explain CODE for one):\n", info.Class)
	for _, e := range codes.All() {
		if e.Class == info.Class {
			fmt.Fprintf(w, "  %s\n", sanitize.Fit(fmt.Sprintf("%-4s %s", codes.Label(e.Code), e.Name), width-2))
		}
	}
	return nil
}

// explainWidth follows $COLUMNS when the shell exports it, within reason.
func explainWidth() int {
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n >= 40 {
		return min(n, 120)
	}
	return codes.DefaultWidth
}

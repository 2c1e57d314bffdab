package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // --tz names work without the system's zone database

	"github.com/codetop/codetop/parser"
	"github.com/codetop/codetop/source"
	"github.com/codetop/codetop/stats"
)

// The command line: the flags, what they may be given, and the one-line
// messages for a flag given wrong.

// endsWithDashes reports whether the flag parsing of used stopped at a
// "--" that ends the flags, not one given as a flag's value (--status --).
// It walks the arguments as the flag package did: a flag that is no bool
// and has no "=" takes the next one as its value.
func endsWithDashes(fs *flag.FlagSet, used []string) bool {
	for i := 0; i < len(used); i++ {
		a := used[i]
		if a == "--" {
			return i == len(used)-1
		}
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
			continue
		}
		if f := fs.Lookup(name); f != nil {
			if b, ok := f.Value.(interface{ IsBoolFlag() bool }); !ok || !b.IsBoolFlag() {
				i++ // its value
			}
		}
	}
	return false
}

// flagError rewrites the flag package's "invalid value "abc" for flag
// -paths: parse error" as the flag and what it takes, from its help text.
func flagError(fs *flag.FlagSet, err error) error {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		// A rotated file can be named so (-old.log, or by a mistyped
		// mv): say how to read it.
		for _, arg := range []string{"-" + name, "--" + name} {
			if _, err := os.Stat(arg); err == nil {
				return fmt.Errorf("unknown flag %s: to read the file of that name, write ./%s, or -- before it", arg, arg)
			}
		}
		return fmt.Errorf("unknown flag --%s (see codetop -h for the flags)", name)
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		return fmt.Errorf("--%s needs a value (see codetop -h)", name)
	}
	m := invalidFlag.FindStringSubmatch(msg)
	if m == nil {
		return fmt.Errorf("%v (see codetop -h)", err)
	}
	value, name := m[1], m[2]
	if v, uerr := strconv.Unquote(value); uerr == nil {
		value = v
	}
	usage := ""
	if f := fs.Lookup(name); f != nil {
		_, usage = flag.UnquoteUsage(f)
	}
	return fmt.Errorf("--%s %q: not a value it takes; --%s is %s (see codetop -h)", name, value, name, usage)
}

var invalidFlag = regexp.MustCompile(`^invalid (?:boolean )?value ("(?:[^"\\]|\\.)*") for (?:flag )?-(\S+): `)

// config is the parsed command line.
type config struct {
	format  string
	report  string
	paths   int
	maxLine int
	since   string
	until   string
	tz      string
	zone    *time.Location // tz, loaded
	// boundZone is zone when --tz was given, else nil: a --since or
	// --until time without a zone is then refused rather than guessed.
	boundZone  *time.Location
	clientFrom string
	demo       bool
	groupPaths bool
	slo        float64
	failSpike  bool
	listen     string
	noUI       bool
	quiet      bool
	version    bool
	filters    filterFlags
	dash       dashboardConfig
	inputs     []string
	stdoutTerm bool
}

// parseFlags reads the command line. The usage asked for with -h goes to
// help (stdout, so that it can be paged or searched: codetop -h | less).
func parseFlags(args []string, help io.Writer) (*config, error) {
	c := &config{}
	fs := flag.NewFlagSet("codetop", flag.ContinueOnError)
	// The flag package's own messages are replaced by ours (flagError),
	// and the usage is printed only when asked for.
	fs.SetOutput(io.Discard)
	fs.StringVar(&c.format, "format", "auto", "log format: auto, combined, common, vhost_combined, vhost_common\n(each also +xff, +timing or +xff+timing, for fields nginx setups append), nginx-json, caddy,\ntraefik, json, aws-alb, aws-elb, 'nginx:<log_format string>',\n'apache:<LogFormat string>' (or either directive pasted whole) or 'json:status=KEY,path=KEY,time=KEY,...'")
	fs.StringVar(&c.report, "report", "", "read to the end, print a report and exit: text, json, csv or html")
	fs.IntVar(&c.paths, "paths", 50, "how many paths a report lists (0 = all)")
	fs.StringVar(&c.listen, "listen", "", "serve Prometheus metrics on `ADDR`/metrics while following the logs (127.0.0.1:9145; a bare port binds to loopback)")
	fs.BoolVar(&c.noUI, "no-ui", false, "no dashboard; with --listen, run as a headless exporter")
	fs.StringVar(&c.filters.status, "status", "", "count only these codes and classes, e.g. 5xx,429 or 500-504")
	fs.StringVar(&c.filters.pathRegex, "path-regex", "", "count only paths this regular expression (RE2) matches")
	fs.StringVar(&c.filters.method, "method", "", "count only these methods, e.g. GET,POST")
	fs.StringVar(&c.filters.vhost, "vhost", "", "count only these virtual hosts, e.g. example.com,*.example.org")
	fs.IntVar(&c.maxLine, "max-line", source.DefaultMaxLine, "longest line accepted, in bytes; longer lines count as malformed")
	fs.StringVar(&c.since, "since", "", "count only entries from this time: RFC 3339 (2026-11-20T14:00:00Z) or a duration back from the newest entry of the plain files given (2h; from now when reading standard input, or following logs that have no line yet)")
	fs.StringVar(&c.until, "until", "", "count only entries before this time: RFC 3339 or a duration back from the newest entry (30m)")
	fs.StringVar(&c.clientFrom, "client-from", parser.ClientAddr, "where a request's client is taken from: addr (the address logged), xff (the last address of\nX-Forwarded-For: what the proxy in front saw) or xff-first (its first: where the request\nstarted, as the proxies tell it; a client can forge it)")
	fs.StringVar(&c.tz, "tz", "UTC", "the `ZONE` of times the log writes without one (Europe/Berlin, Local), and of --since and --until\ntimes given without one (which need --tz, even --tz UTC): times with a zone, and all output, stay as they are")
	fs.BoolVar(&c.demo, "demo", false, "show codetop on an embedded sample log with an incident")
	fs.BoolVar(&c.groupPaths, "group-paths", false, "fold numeric IDs, UUIDs and long hex segments of paths into :id")
	fs.Float64Var(&c.slo, "slo", stats.DefaultObjective*100, "availability objective in percent, for SLO burn rates")
	fs.BoolVar(&c.failSpike, "fail-on-spike", false, "exit 3 when the report (--report, or stdout not a terminal) found spikes")
	fs.BoolVar(&c.quiet, "quiet", false, "no progress line on stderr while a report reads its input")
	fs.BoolVar(&c.version, "version", false, "print codetop's version and exit")
	addDashboardFlags(fs, &c.dash)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: codetop [flags] [PATH ...]\n       codetop explain CODE|CLASS|--all\n\nPATH is a file, a glob, a .gz or .zst archive, or - for standard input.\nA rotated set (access.log*) is read oldest first.\n\nflags:\n")
		fs.PrintDefaults()
	}
	// Flags may come after paths too (codetop access.log --status 5xx), as
	// with most command-line tools: parsing goes on after each path. After
	// "--", everything is a path.
	afterDashes := 0 // how many inputs came after "--"
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.SetOutput(help)
				fs.Usage()
				return nil, err
			}
			return nil, &exitError{2, flagError(fs, err)}
		}
		left := fs.Args()
		if used := rest[:len(rest)-len(left)]; endsWithDashes(fs, used) {
			c.inputs = append(c.inputs, left...)
			afterDashes = len(left)
			break
		}
		if len(left) == 0 {
			break
		}
		c.inputs = append(c.inputs, left[0])
		rest = left[1:]
	}
	if c.version {
		return c, nil // whatever else was given: the version is all that is asked
	}
	listenGiven, tzGiven := false, false
	fs.Visit(func(f *flag.Flag) {
		listenGiven = listenGiven || f.Name == "listen"
		tzGiven = tzGiven || f.Name == "tz"
	})
	if listenGiven && c.listen == "" {
		return nil, usageErr("--listen with no address: want HOST:PORT such as 127.0.0.1:9145, or a port")
	}
	switch c.report {
	case "", "text", "json", "csv", "html":
	default:
		return nil, usageErr("--report %q: want text, json, csv or html", c.report)
	}
	if c.paths < 0 {
		return nil, usageErr("--paths %d: want 0 (all) or more", c.paths)
	}
	if !(c.slo > 0 && c.slo < 100) { // NaN too
		return nil, usageErr("--slo %g: want a percentage between 0 and 100, such as 99.9", c.slo)
	}
	if c.maxLine < 64 {
		return nil, usageErr("--max-line %d: want at least 64 bytes", c.maxLine)
	}
	if err := checkListen(c); err != nil {
		return nil, err
	}
	zone, err := loadZone(c.tz)
	if err != nil {
		return nil, err
	}
	c.zone = zone
	if tzGiven {
		c.boundZone = zone
	}
	if err := checkTimeFlags(c.since, c.until, c.boundZone); err != nil {
		return nil, err
	}
	switch c.clientFrom {
	case parser.ClientAddr, parser.ClientXFF, parser.ClientXFFFirst:
	default:
		return nil, usageErr("--client-from %s: want addr, xff (behind one proxy) or xff-first", c.clientFrom)
	}
	if err := checkDashboardFlags(c); err != nil {
		return nil, err
	}
	if len(c.inputs) > afterDashes && c.inputs[0] == "explain" {
		if _, err := os.Stat("explain"); err != nil {
			return nil, usageErr("explain comes first, before any flag: codetop explain CODE")
		}
	}
	return c, nil
}

// checkOutputFlags checks the flags whose sense depends on where stdout
// goes: without --report, a terminal gets the dashboard and anything else
// the text report, printed at the end of the input.
func (c *config) checkOutputFlags() error {
	reporting := c.listen == "" && !wantDashboard(c)
	if c.failSpike && !reporting {
		return usageErr("--fail-on-spike decides the exit status of a report: give --report, or send stdout to a file or a pipe")
	}
	if c.dash.follow && reporting && !c.demo {
		return usageErr("--follow: a report is printed at the end of the input, and a followed file has none; follow in the dashboard (stdout a terminal) or with --listen")
	}
	return nil
}

// statsConfig is what the flags ask of the aggregator.
func (c *config) statsConfig() stats.Config {
	// Rounded so that 99.9 becomes 0.999 and not 0.9990000000000001,
	// which reports and metrics would print.
	return stats.Config{GroupPaths: c.groupPaths, Objective: math.Round(c.slo*1e7) / 1e9, LogName: source.LogName}
}

// loadZone reads --tz: an IANA zone name, Local (the TZ variable, else the
// system's zone) or UTC. The zone database is built into the program, so
// a name works where the system has none (a container, Windows).
func loadZone(name string) (*time.Location, error) {
	if strings.EqualFold(name, "utc") || name == "" {
		return time.UTC, nil
	}
	if strings.EqualFold(name, "local") {
		return time.Local, nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, usageErr("--tz %q: not a time zone; want an IANA name such as Europe/Berlin or America/New_York, Local or UTC", name)
	}
	return loc, nil
}

package report

// painter wraps text in ANSI SGR sequences when on; off, it returns text
// unchanged, so reports piped to a file or another program stay plain.
// Only text that went through sanitize.Text is ever painted: a log line
// cannot smuggle its own escape sequences in.
type painter bool

const reset = "\x1b[0m"

func (p painter) paint(sgr, s string) string {
	if !p || s == "" {
		return s
	}
	return "\x1b[" + sgr + "m" + s + reset
}

func (p painter) bold(s string) string { return p.paint("1", s) }
func (p painter) dim(s string) string  { return p.paint("2", s) }

// class returns the colour function for a status class: the usual traffic
// lights, so 5xx rows stand out in a long report.
func (p painter) class(class string) func(string) string {
	sgr := ""
	switch class {
	case "2xx":
		sgr = "32" // green
	case "3xx":
		sgr = "36" // cyan
	case "4xx":
		sgr = "33" // yellow
	case "5xx":
		sgr = "1;31" // bold red
	case "other":
		sgr = "35" // magenta
	}
	return func(s string) string { return p.paint(sgr, s) }
}

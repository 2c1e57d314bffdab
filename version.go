package main

import (
	"fmt"
	"io"
	"runtime/debug"
	"strings"
)

// printVersion writes what --version says: one line naming this build.
func printVersion(w io.Writer) {
	info, _ := debug.ReadBuildInfo()
	fmt.Fprintln(w, versionLine(info))
}

// versionLine names a build: the module version that `go install
// module@version` stamps, else "devel" with the commit the tree was built
// from (and "+dirty" when it had uncommitted changes) and the commit's
// date, then the Go version. A bug report that quotes it says exactly
// what code ran.
func versionLine(info *debug.BuildInfo) string {
	if info == nil {
		return "codetop (no build information)"
	}
	var b strings.Builder
	b.WriteString("codetop ")
	if v := info.Main.Version; v != "" && v != "(devel)" {
		b.WriteString(v)
	} else {
		b.WriteString("devel")
		var rev, when string
		dirty := false
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
		if rev != "" {
			b.WriteString(" " + rev[:min(len(rev), 12)])
			if dirty {
				b.WriteString("+dirty")
			}
		}
		if when != "" {
			b.WriteString(" " + when)
		}
	}
	if info.GoVersion != "" {
		b.WriteString(" (" + info.GoVersion + ")")
	}
	return b.String()
}

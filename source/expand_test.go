package source

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestExpandOrdersRotatedSetsOldestFirst(t *testing.T) {
	dir := t.TempDir()
	names := []string{
		"access.log", "access.log.1", "access.log.2.gz", "access.log.3.gz", "access.log.10.gz",
		"error.log", "error.log.1",
		"other_vhosts_access.log-20261119.gz", "other_vhosts_access.log-20261120", "other_vhosts_access.log",
		"app.log.2026-11-19.zst", "app.log.2026-11-20", "app.log",
	}
	for _, n := range names {
		os.WriteFile(filepath.Join(dir, n), nil, 0o644)
	}
	j := func(ns ...string) []string {
		for i := range ns {
			ns[i] = filepath.Join(dir, ns[i])
		}
		return ns
	}
	cases := []struct {
		args []string
		want []string
	}{
		// A glob comes back sorted by name: access.log first. It must go last.
		{[]string{filepath.Join(dir, "access.log*")},
			j("access.log.10.gz", "access.log.3.gz", "access.log.2.gz", "access.log.1", "access.log")},
		// The shell expands globs itself, in name order.
		{j("access.log", "access.log.1", "access.log.10.gz", "access.log.2.gz", "access.log.3.gz"),
			j("access.log.10.gz", "access.log.3.gz", "access.log.2.gz", "access.log.1", "access.log")},
		{[]string{filepath.Join(dir, "other_vhosts_access.log*")},
			j("other_vhosts_access.log-20261119.gz", "other_vhosts_access.log-20261120", "other_vhosts_access.log")},
		{[]string{filepath.Join(dir, "app.log*")},
			j("app.log.2026-11-19.zst", "app.log.2026-11-20", "app.log")},
		// Sets keep the order they first appear in; stdin keeps its place;
		// a path named twice is read once.
		{append(j("error.log", "access.log.1"), "-", filepath.Join(dir, "*.log.1"), filepath.Join(dir, "access.log")),
			append(j("error.log.1", "error.log", "access.log.1", "access.log"), "-")},
	}
	for _, c := range cases {
		got, err := Expand(c.args)
		if err != nil {
			t.Errorf("Expand(%q): %v", c.args, err)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("Expand(%q)\n got %q\nwant %q", c.args, got, c.want)
		}
	}
}

// A glob that matches nothing is an error, but the other arguments stand.
func TestExpandNoMatch(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.log")
	os.WriteFile(p, nil, 0o644)
	got, err := Expand([]string{filepath.Join(dir, "*.nope"), p})
	if err == nil || !strings.Contains(err.Error(), "*.nope: no file matches") {
		t.Errorf("error %v, want one naming the pattern", err)
	}
	if !reflect.DeepEqual(got, []string{p}) {
		t.Errorf("got %q, want [%s]", got, p)
	}
}

// A file whose name holds a glob's characters is read when named, as the
// shell hands it over after expanding a pattern itself: a[red]b.log would
// otherwise match nothing, and z[::b]json[-].log is not even a valid
// pattern. A pattern that names no file is still one.
func TestExpandTakesAnExistingNameAsAFile(t *testing.T) {
	dir := t.TempDir()
	var files []string
	for _, name := range []string{"a[red]b.log", "z[::b]json[-].log", "what?.log"} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	got, err := Expand(files)
	if err != nil || !reflect.DeepEqual(got, files) {
		t.Errorf("got %q, %v; want %q", got, err, files)
	}
	if got, err := Expand([]string{filepath.Join(dir, "a?red?b.*")}); err != nil || !reflect.DeepEqual(got, files[:1]) {
		t.Errorf("a pattern: got %q, %v; want %q", got, err, files[:1])
	}
}

// A file given under two names is read once: counting it twice would
// double every figure of the report.
func TestExpandReadsAFileOnceWhateverItsName(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "access.log")
	other := filepath.Join(dir, "other.log")
	os.WriteFile(p, []byte("x\n"), 0o644)
	os.WriteFile(other, []byte("y\n"), 0o644)
	link := filepath.Join(dir, "current.log")
	if err := os.Symlink(p, link); err != nil {
		t.Fatal(err)
	}
	rel, err := filepath.Rel(".", p)
	if err != nil {
		rel = p
	}
	missing := filepath.Join(dir, "missing.log")
	got, err := Expand([]string{p, link, rel, filepath.Join(dir, ".", "access.log"), other, missing, missing})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{p, other, missing}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestParseRotation(t *testing.T) {
	for _, c := range []struct {
		name string
		want rotation
	}{
		{"access.log", rotation{set: "access.log", rank: 2}},
		{"access.log.1", rotation{set: "access.log", rank: 1, num: 1}},
		{"access.log.12.gz", rotation{set: "access.log", rank: 1, num: 12}},
		{"access_log.3", rotation{set: "access_log", rank: 1, num: 3}},
		{"access.log-20261120.gz", rotation{set: "access.log", date: "20261120"}},
		{"access.log-2026112013", rotation{set: "access.log", date: "2026112013"}},
		{"access.log.20261120", rotation{set: "access.log", date: "20261120"}},
		{"/var/log/1", rotation{set: "/var/log/1", rank: 2}},
		{"log2", rotation{set: "log2", rank: 2}},
		{"access.log.gz", rotation{set: "access.log.gz", rank: 2}},
	} {
		if got := parseRotation(c.name); got != c.want {
			t.Errorf("parseRotation(%q) = %+v, want %+v", c.name, got, c.want)
		}
	}
}

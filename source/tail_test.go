package source

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

func TestLastLines(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	for i := 1; i <= 20000; i++ {
		fmt.Fprintf(&b, "line %d\n", i)
	}
	big := b.String()
	for _, c := range []struct {
		name, content string
		gz            bool
		first, last   string
	}{
		{"small.log", "a\nb\nc", false, "a", "c"},
		{"big.log", big, false, "", "line 20000"},
		{"big.log.1.gz", big, true, "", "line 20000"},
		{"small.gz", "x\ny\n", true, "x", "y"},
		{"empty.log", "", false, "", ""},
	} {
		data := []byte(c.content)
		if c.gz {
			data = gzipBytes(t, data)
		}
		p := writeFile(t, dir, c.name, data)
		lines, err := LastLines(p, true)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if c.last == "" {
			if len(lines) != 0 {
				t.Errorf("%s: %d lines, want none", c.name, len(lines))
			}
			continue
		}
		if got := string(lines[len(lines)-1]); got != c.last {
			t.Errorf("%s: last line %q, want %q", c.name, got, c.last)
		}
		if c.first != "" && string(lines[0]) != c.first {
			t.Errorf("%s: first line %q, want %q", c.name, lines[0], c.first)
		}
		if c.first == "" {
			// A window into a big file starts at a whole line: the lines
			// are consecutive up to the last one.
			var k int
			fmt.Sscanf(string(lines[0]), "line %d", &k)
			for i, l := range lines {
				if want := fmt.Sprintf("line %d", k+i); string(l) != want {
					t.Fatalf("%s: line %d of the window is %q, want %q", c.name, i, l, want)
				}
			}
		}
		total := 0
		for _, l := range lines {
			total += len(l) + 1
		}
		if total > tailBytes {
			t.Errorf("%s: %d bytes of lines, more than the window", c.name, total)
		}
	}
	if _, err := LastLines(Stdin, true); err == nil {
		t.Error("LastLines(stdin) gave no error")
	}
	if _, err := LastLines(filepath.Join(dir, "nope"), true); err == nil || !strings.Contains(err.Error(), "nope: no such file") {
		t.Errorf("missing file: %v", err)
	}
}

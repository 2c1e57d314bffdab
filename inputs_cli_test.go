package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Logs of two virtual hosts read together (codetop logs/*access.log): a
// spike says which file it is in, in the JSON and text reports. The files
// of one rotated set are one log, and a run of a single log names none.
func TestSpikeNamesTheFileItIsIn(t *testing.T) {
	start := time.Date(2026, 11, 20, 14, 0, 0, 0, time.UTC)
	gen := func(from, to int, burst bool) string {
		var b strings.Builder
		for s := from; s < to; s++ {
			ts := start.Add(time.Duration(s) * time.Second).Format("02/Jan/2006:15:04:05 -0700")
			fmt.Fprintf(&b, "10.0.0.%d - - [%s] \"GET / HTTP/1.1\" 200 12 \"-\" \"Mozilla/5.0\"\n", s%7, ts)
			if burst && s >= 30*60 && s < 33*60 {
				fmt.Fprintf(&b, "10.0.1.%d - - [%s] \"GET / HTTP/1.1\" 500 0 \"-\" \"Mozilla/5.0\"\n", s%9, ts)
			}
		}
		return b.String()
	}
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	shop := write("shop-access.log", gen(0, 40*60, false))
	blog := write("blog-access.log", gen(0, 40*60, true))
	type report struct {
		Spikes []struct {
			Kind           string   `json:"kind"`
			TopInputs      []string `json:"top_inputs"`
			TopInputCounts []int64  `json:"top_input_counts"`
			Count          int64    `json:"count"`
		} `json:"spikes"`
	}
	read := func(args ...string) report {
		t.Helper()
		out, _, err := runArgs(t, append([]string{"--report", "json"}, args...)...)
		if err != nil {
			t.Fatal(err)
		}
		var r report
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	r := read(shop, blog)
	if len(r.Spikes) != 1 || len(r.Spikes[0].TopInputs) != 1 || r.Spikes[0].TopInputs[0] != blog || r.Spikes[0].TopInputCounts[0] != r.Spikes[0].Count || r.Spikes[0].Count != 180 {
		t.Errorf("two logs: spikes %+v, want the 500s of %s, 180 of them", r.Spikes, blog)
	}
	out, _, _ := runArgs(t, "--report", "text", shop, blog)
	if !strings.Contains(out, "in blog-access.log 100% ·") {
		t.Errorf("the text report does not say the spike is in blog-access.log:\n%s", out)
	}

	// One log, rotated at 14:20: access.log.1 and access.log.
	rotated := gen(0, 40*60, true)
	cut := strings.Index(rotated, "20/Nov/2026:14:20:00")
	cut = strings.LastIndexByte(rotated[:cut], '\n') + 1
	write("access.log.1", rotated[:cut])
	write("access.log", rotated[cut:])
	r = read(filepath.Join(dir, "access.log*"))
	if len(r.Spikes) != 1 || len(r.Spikes[0].TopInputs) != 0 {
		t.Errorf("one rotated log: spikes %+v, want one naming no file", r.Spikes)
	}
}

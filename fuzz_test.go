package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// FuzzReport feeds codetop whole files of arbitrary bytes, as a user would
// point it at any log, and checks what must hold for every input: the run
// succeeds, every line is counted once (parsed or malformed), the JSON
// report is valid, and the text report carries no control bytes.
func FuzzReport(f *testing.F) {
	logs, _ := filepath.Glob("testdata/logs/*.log")
	for _, l := range logs {
		b, err := os.ReadFile(l)
		if err != nil {
			f.Fatal(err)
		}
		// The first lines of each real log, and a run of them damaged.
		head := b[:min(len(b), 2000)]
		f.Add(head)
		f.Add(bytes.ReplaceAll(head, []byte(" "), []byte("\x00")))
	}
	f.Add([]byte{})
	f.Add([]byte("\n\n\r\n"))
	f.Add([]byte("1.2.3.4 - - [21/Nov/2026:10:00:00 +0000] \"GET /\x1b[2J HTTP/1.1\" 200 1 \"-\" \"[red]x\""))
	f.Fuzz(func(t *testing.T, data []byte) {
		// Archives are decompressed: arbitrary bytes behind a gzip or zstd
		// magic number are a broken archive (exit 1), tested elsewhere.
		if bytes.HasPrefix(data, []byte{0x1f, 0x8b}) || bytes.HasPrefix(data, []byte{0x28, 0xb5, 0x2f, 0xfd}) {
			t.Skip("compressed input")
		}
		path := filepath.Join(t.TempDir(), "fuzz.log")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		var out, errb bytes.Buffer
		if err := run(context.Background(), []string{"--report", "json", path}, &out, &errb); err != nil {
			t.Fatalf("run: %v\n%s", err, errb.String())
		}
		var r struct{ Lines, Parsed, Malformed int64 }
		if err := json.Unmarshal(out.Bytes(), &r); err != nil {
			t.Fatalf("not a JSON report: %v\n%.300s", err, out.String())
		}
		want := int64(bytes.Count(data, []byte("\n")))
		if len(data) > 0 && data[len(data)-1] != '\n' {
			want++
		}
		if r.Lines != want || r.Lines != r.Parsed+r.Malformed {
			t.Errorf("lines %d (parsed %d + malformed %d), want %d lines", r.Lines, r.Parsed, r.Malformed, want)
		}
		out.Reset()
		if err := run(context.Background(), []string{"--report", "text", path}, &out, &errb); err != nil {
			t.Fatalf("run: %v", err)
		}
		checkPrintable(t, out.String())
	})
}

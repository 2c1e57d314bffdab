package demo

import (
	"bytes"
	"compress/gzip"
	"os"
	"testing"
)

// The embedded sample must be exactly what Generate writes, so the facts the
// other tests rely on (burst path, storm client, times) hold for it. Run with
// CODETOP_REGENERATE=1 to rewrite sample.log.gz after changing Generate.
func TestEmbeddedSampleIsGenerated(t *testing.T) {
	want := Generate()
	if os.Getenv("CODETOP_REGENERATE") == "1" {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(want)
		zw.Close()
		if err := os.WriteFile("sample.log.gz", buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if got := Log(); !bytes.Equal(got, want) {
		t.Fatalf("embedded sample (%d bytes) differs from Generate (%d bytes); run CODETOP_REGENERATE=1 go test ./demo", len(got), len(want))
	}
}

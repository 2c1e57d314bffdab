package report

import (
	"io"
	"testing"
)

// BenchmarkWriteHTML renders the demo sample's page (50 paths, the full
// timeline); the page size is reported beside the time.
func BenchmarkWriteHTML(b *testing.B) {
	s, format := demoSnapshot(b)
	m := Meta{Inputs: []string{"access.log"}, Format: format, Paths: 50}
	b.ReportMetric(float64(len(htmlOf(b, s, m))), "page-bytes")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if err := WriteHTML(io.Discard, s, m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTextTimeline renders the text timeline of the demo sample.
func BenchmarkTextTimeline(b *testing.B) {
	s, _ := demoSnapshot(b)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		writeTimeline(&errWriter{w: io.Discard}, painter(false), s)
	}
}

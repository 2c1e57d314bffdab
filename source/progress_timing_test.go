package source_test

import (
	"context"
	"fmt"
	"runtime"
	"testing"

	"github.com/codetop/codetop/source"
)

// BenchmarkProgress reads the benchmark log and its gzip archive with and
// without Progress counters, side by side: the counters are added per chunk
// and per block, so the two should not differ beyond noise. MB/s is of the
// uncompressed log, one read per iteration.
func BenchmarkProgress(b *testing.B) {
	log, gz, size := benchFiles(b)
	procs := runtime.GOMAXPROCS(0)
	for _, in := range []struct{ name, path string }{{"plain", log}, {"gzip", gz}} {
		for _, withProgress := range []bool{false, true} {
			b.Run(fmt.Sprintf("%s/progress=%v", in.name, withProgress), func(b *testing.B) {
				b.SetBytes(size)
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					opts := source.Options{}
					if withProgress {
						opts.Progress = &source.Progress{}
					}
					ss, total := counters(procs)
					if err := source.ReadParallel(context.Background(), []string{in.path}, opts, ss); err != nil {
						b.Fatal(err)
					}
					if withProgress && opts.Progress.Lines.Load() != total() {
						b.Fatalf("progress counted %d lines, the sinks %d", opts.Progress.Lines.Load(), total())
					}
				}
			})
		}
	}
}

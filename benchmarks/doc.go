// Package benchmarks measures codetop stage by stage (parse, aggregate, end
// to end) on logs from the genlog generator, with a regexp baseline beside
// them, and checks the whole pipeline's counts against the generator's.
//
// Run them with
//
//	go test ./benchmarks -run '^$' -bench . -benchmem
//
// compare.sh times the built binary against GoAccess, awk, wc and cat.
package benchmarks

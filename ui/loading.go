package ui

import (
	"github.com/codetop/codetop/units"
)

// LoadState tells how far the reading side has got with the history of its
// inputs (what they held when reading started) before it follows them. The
// dashboard is usable all along: the panes show the partial counts, and the
// header shows this instead of the reading side's state until Done.
type LoadState struct {
	// BytesRead of BytesTotal: bytes on disk, so for an archive both are
	// compressed bytes (Compressed says so).
	BytesRead, BytesTotal int64
	Compressed            bool
	// Unsized: an input of unknown size (standard input, a pipe) is read,
	// so BytesTotal is a lower bound and no share or time left is shown.
	Unsized bool
	// Done: the history is read and the inputs are being followed (or have
	// ended).
	Done bool
}

// loadingText is the header's account of the load, "loading 1.21 GB of
// 4.00 GB (30%) · 605 MB/s · 5s left", or "" when nothing is loading. rate
// is the speed in bytes per second over the last few seconds.
func loadingText(s LoadState, rate float64) string {
	if s.Done {
		return ""
	}
	total := s.BytesTotal
	if s.Unsized {
		total = 0
	}
	text := "loading " + units.BytesOf(s.BytesRead, total, s.Compressed) + " · " + units.BytesPerSecond(rate)
	if left := units.Left(s.BytesRead, total, rate); left != "" {
		text += " · " + left + " left"
	}
	return text
}

package stats

import (
	"sort"
	"sync"
)

// Merge adds everything b counted into a. b must not be used afterwards.
// Series are combined by event time, whichever chunks of time each side saw.
func (a *Aggregator) Merge(b *Aggregator) {
	a.lines += b.lines
	a.read += b.read
	a.parsed += b.parsed
	a.malformed += b.malformed
	a.first, a.last = earliest(a.first, b.first), max(a.last, b.last)
	for i := range a.classes {
		a.classes[i] += b.classes[i]
		a.lat[i].merge(&b.lat[i])
	}
	for i := range a.codes {
		a.codes[i] += b.codes[i]
	}
	// The path tables are the largest part of a merge and share nothing
	// with the rest: they merge on another core meanwhile.
	var pathsDone sync.WaitGroup
	pathsDone.Go(func() { a.paths.merge(&b.paths) })
	defer pathsDone.Wait()
	a.bad.merge(&b.bad)
	a.chunks.merge(&b.chunks)

	// b's series indexes become a's: classes stay, codes get a's slots.
	var remap [numSeries]int
	for i := range remap {
		remap[i] = -1
	}
	for i := 0; i < numClasses; i++ {
		remap[i] = i
	}
	remap[seriesAll] = seriesAll
	a.traffic = a.traffic || b.traffic
	a.out += b.out
	a.outFirst, a.outLast = earliest(a.outFirst, b.outFirst), max(a.outLast, b.outLast)
	a.filteredLast = max(a.filteredLast, b.filteredLast)
	a.passedTo = max(a.passedTo, b.passedTo)
	// Slots go to codes in code order, so that which codes are tracked
	// does not depend on which worker saw them first.
	bcodes := append([]int(nil), b.track.codes...)
	sort.Ints(bcodes)
	for _, code := range bcodes {
		remap[numClasses+int(b.track.slot[code])-1] = a.track.seriesOf(code)
	}
	a.now.forget()
	a.ring.merge(b.ring, &remap)
	a.mins.merge(&b.mins, &remap)
	a.lead.merge(&b.lead, &remap)
	a.leadFrom = max(a.leadFrom, b.leadFrom)
	a.attr.merge(&b.attr, &remap)
	// Spikes are found again over the merged minutes.
	a.det = detector{}
}

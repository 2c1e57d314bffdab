package stats

import "sort"

// chunks remembers how many lines each read chunk held, so that line numbers
// counted inside a chunk (by whichever worker read it) become line numbers of
// the file once all chunks are known.
type chunks struct {
	byseq map[int]chunkInfo
}

type chunkInfo struct {
	input string
	first bool // the chunk starts its input
	lines int64
}

// begin registers chunk seq, or resumes it when it was begun before (a
// follower switching between files), returning the lines it already holds.
func (c *chunks) begin(seq int, input string, first bool) int64 {
	if c.byseq == nil {
		c.byseq = make(map[int]chunkInfo)
	}
	if ci, ok := c.byseq[seq]; ok {
		return ci.lines
	}
	c.byseq[seq] = chunkInfo{input: input, first: first}
	return 0
}

func (c *chunks) has(seq int) bool { _, ok := c.byseq[seq]; return ok }

func (c *chunks) setLines(seq int, n int64) {
	ci := c.byseq[seq]
	ci.lines = n
	c.byseq[seq] = ci
}

func (c *chunks) merge(b *chunks) {
	for s, ci := range b.byseq {
		if c.byseq == nil {
			c.byseq = make(map[int]chunkInfo)
		}
		c.byseq[s] = ci
	}
}

// bases returns, per chunk, the number of lines of its input that come
// before it.
func (c *chunks) bases() map[int]int64 {
	seqs := make([]int, 0, len(c.byseq))
	for s := range c.byseq {
		seqs = append(seqs, s)
	}
	sort.Ints(seqs)
	out := make(map[int]int64, len(seqs))
	var run int64
	for _, s := range seqs {
		ci := c.byseq[s]
		if ci.first {
			run = 0
		}
		out[s] = run
		run += ci.lines
	}
	return out
}

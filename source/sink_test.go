package source

import (
	"bytes"
	"fmt"
	"math/rand"
	"sort"
	"testing"
)

// recSink records what it is given, chunk by chunk, so that a test can put
// the chunks of several sinks back in order and compare with the input.
type recSink struct {
	t      testing.TB
	chunks map[int]*recChunk
	cur    *recChunk
}

type recChunk struct {
	input string
	seq   int
	first bool
	lines []string
}

func newRecSink(t testing.TB) *recSink { return &recSink{t: t, chunks: map[int]*recChunk{}} }

func (r *recSink) Begin(input string, seq int, first bool) {
	if r.cur != nil {
		r.t.Errorf("Begin(%q, %d) inside chunk %d", input, seq, r.cur.seq)
	}
	c, ok := r.chunks[seq]
	if !ok {
		c = &recChunk{input: input, seq: seq, first: first}
		r.chunks[seq] = c
	} else if c.input != input {
		r.t.Errorf("chunk %d resumed for %q, begun for %q", seq, input, c.input)
	}
	r.cur = c
}

func (r *recSink) Line(b []byte) {
	if r.cur == nil {
		r.t.Errorf("Line(%q) outside a chunk", b)
		return
	}
	r.cur.lines = append(r.cur.lines, string(b))
}

func (r *recSink) TooLong(p []byte) {
	if r.cur == nil {
		r.t.Errorf("TooLong(%q) outside a chunk", p)
		return
	}
	if len(p) > excerpt {
		r.t.Errorf("TooLong excerpt of %d bytes, want at most %d", len(p), excerpt)
	}
	r.cur.lines = append(r.cur.lines, "TOOLONG:"+string(p))
}

func (r *recSink) End() {
	if r.cur == nil {
		r.t.Errorf("End outside a chunk")
	}
	r.cur = nil
}

// linesByInput puts the chunks of all sinks in seq order and returns the
// lines of each input, checking that an input's chunks are consecutive and
// that only its first chunk is marked first.
func linesByInput(t testing.TB, sinks ...*recSink) map[string][]string {
	t.Helper()
	var all []*recChunk
	for _, s := range sinks {
		for _, c := range s.chunks {
			all = append(all, c)
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].seq < all[j].seq })
	out := map[string][]string{}
	prev := ""
	for i, c := range all {
		if i > 0 && all[i-1].seq == c.seq {
			t.Fatalf("seq %d given twice", c.seq)
		}
		starts := c.input != prev
		if c.first != starts {
			t.Errorf("chunk %d of %q: first=%v, want %v", c.seq, c.input, c.first, starts)
		}
		if _, seen := out[c.input]; seen && starts {
			t.Errorf("chunks of %q are not consecutive", c.input)
		}
		out[c.input] = append(out[c.input], c.lines...)
		prev = c.input
	}
	return out
}

// wantLines is what a reader must hand over for content: every line once,
// over-long ones as their excerpt, a last line without newline included.
func wantLines(content []byte, max int) []string {
	var out []string
	for len(content) > 0 {
		i := bytes.IndexByte(content, '\n')
		var l []byte
		if i < 0 {
			l, content = content, nil
		} else {
			l, content = content[:i], content[i+1:]
		}
		if len(l) > max && !(len(l) == max+1 && l[max] == '\r') { // the CR of CRLF is no part of the line
			out = append(out, "TOOLONG:"+string(l[:min(len(l), excerpt)]))
		} else {
			out = append(out, string(l))
		}
	}
	return out
}

// randomLog makes content with awkward lines: empty ones, CRLF, lines just
// under, at and over max, lines many times max, and sometimes no final
// newline.
func randomLog(rng *rand.Rand, n, max int) []byte {
	var b bytes.Buffer
	for i := 0; i < n; i++ {
		var l int
		switch rng.Intn(20) {
		case 0:
			l = 0
		case 1:
			l = max
		case 2:
			l = max + 1
		case 3:
			l = max + rng.Intn(5*max)
		case 4:
			l = max - 1
		default:
			l = rng.Intn(max / 2)
		}
		fmt.Fprintf(&b, "%d:", i)
		for j := len(fmt.Sprint(i)) + 1; j < l; j++ {
			b.WriteByte('a' + byte(rng.Intn(26)))
		}
		if rng.Intn(10) == 0 {
			b.WriteByte('\r')
		}
		if i < n-1 || rng.Intn(2) == 0 {
			b.WriteByte('\n')
		}
	}
	return b.Bytes()
}

func diffLines(t testing.TB, what string, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d lines, want %d", what, len(got), len(want))
	}
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			t.Errorf("%s: line %d is %.60q, want %.60q", what, i+1, got[i], want[i])
			return
		}
	}
}

package genlog

// Random choices: weighted tables, the client pool, a scrambling stride.

import (
	"math/rand/v2"
	"strconv"
)

// picker draws an index from weights in O(log n).
type picker struct {
	cum   []int
	total int
}

func newPicker(ws []weighted) picker {
	p := picker{cum: make([]int, len(ws))}
	for i, w := range ws {
		p.total += w.weight
		p.cum[i] = p.total
	}
	return p
}

func (p picker) pick(r *rand.Rand) int {
	x := r.IntN(p.total)
	lo, hi := 0, len(p.cum)-1
	for lo < hi {
		mid := (lo + hi) / 2
		if p.cum[mid] > x {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// makeClients returns a shuffled pool of v4 IPv4 and v6 IPv6 addresses
// from private and documentation ranges.
func makeClients(r *rand.Rand, v4, v6 int) []string {
	out := make([]string, 0, v4+v6)
	for range v4 {
		var b []byte
		if r.IntN(3) == 0 {
			b = append(b, "10."...)
			b = strconv.AppendInt(b, int64(r.IntN(256)), 10)
		} else {
			b = append(b, "198.51"...)
		}
		b = append(b, '.')
		b = strconv.AppendInt(b, int64(r.IntN(256)), 10)
		b = append(b, '.')
		b = strconv.AppendInt(b, int64(1+r.IntN(254)), 10)
		out = append(out, string(b))
	}
	for range v6 {
		b := []byte("2001:db8:")
		b = strconv.AppendUint(b, uint64(r.IntN(0x10000)), 16)
		b = append(b, "::"...)
		b = strconv.AppendUint(b, uint64(r.IntN(0x10000)), 16)
		b = append(b, ':')
		b = strconv.AppendUint(b, uint64(1+r.IntN(0xfffe)), 16)
		out = append(out, string(b))
	}
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// coprimeNear returns the first number from start up that shares no factor
// with n, so that i*stride mod n visits every residue once.
func coprimeNear(n, start int64) int64 {
	for s := start; ; s++ {
		a, b := s, n
		for b != 0 {
			a, b = b, a%b
		}
		if a == 1 {
			return s
		}
	}
}

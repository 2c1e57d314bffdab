package stats

// malformedLog counts rejected lines per reason and keeps the first few of
// each as samples, so a user can see why lines were rejected without a log
// line per rejection.
type malformedLog struct {
	reasons []reasonCount // few distinct reasons: a slice beats a map
}

type reasonCount struct {
	reason  string
	count   int64
	samples []Sample
}

// Sample is one rejected line: where it was and a short excerpt.
type Sample struct {
	Input   string // the file it came from ("-" for stdin)
	Line    int64  // 1-based line number within Input
	Reason  string
	Excerpt string // the start of the line, raw bytes; sanitise before display

	chunk int // the read chunk it came from, to turn chunk-local numbers into file lines
}

const excerptLen = 120

func (m *malformedLog) add(reason string, s Sample, keep int) {
	for i := range m.reasons {
		r := &m.reasons[i]
		if r.reason == reason {
			r.count++
			if len(r.samples) < keep {
				r.samples = append(r.samples, s)
			}
			return
		}
	}
	m.reasons = append(m.reasons, reasonCount{reason: reason, count: 1, samples: []Sample{s}})
}

func (m *malformedLog) merge(b *malformedLog) {
	for _, br := range b.reasons {
		found := false
		for i := range m.reasons {
			if m.reasons[i].reason == br.reason {
				m.reasons[i].count += br.count
				m.reasons[i].samples = append(m.reasons[i].samples, br.samples...)
				found = true
				break
			}
		}
		if !found {
			m.reasons = append(m.reasons, br)
		}
	}
}

package units

import "time"

// DefaultWindow is how far back a Meter looks unless told otherwise: long
// enough to smooth out chunk and cache effects of a read, short enough to
// follow a disk that slows down.
const DefaultWindow = 3 * time.Second

// Meter measures how fast a counter grows over the last Window of wall
// time. Observe it at regular times (each redraw); it keeps only the samples
// it needs. A Meter is used by one goroutine; the zero value is ready.
type Meter struct {
	// Window is how far back the rate looks; 0 means DefaultWindow.
	Window  time.Duration
	samples []sample // oldest first; the second one is within Window of the newest
}

type sample struct {
	at time.Time
	n  int64
}

// Observe records that the counter was n at time at, and returns its rate
// per second from the oldest sample kept to this one (0 after the first).
// A counter lower than the last one, or a time earlier, means it started
// over (a new read): the samples before are dropped.
func (m *Meter) Observe(at time.Time, n int64) float64 {
	window := m.Window
	if window <= 0 {
		window = DefaultWindow
	}
	if k := len(m.samples); k > 0 && (n < m.samples[k-1].n || at.Before(m.samples[k-1].at)) {
		m.samples = m.samples[:0]
	}
	m.samples = append(m.samples, sample{at, n})
	// Keep one sample at or beyond the window's start, so the rate always
	// spans at least the window once there is that much history.
	drop := 0
	for len(m.samples)-drop > 2 && at.Sub(m.samples[drop+1].at) >= window {
		drop++
	}
	if drop > 0 {
		m.samples = append(m.samples[:0], m.samples[drop:]...)
	}
	return m.Rate()
}

// Rate is the rate Observe last returned.
func (m *Meter) Rate() float64 {
	if len(m.samples) < 2 {
		return 0
	}
	first, last := m.samples[0], m.samples[len(m.samples)-1]
	d := last.at.Sub(first.at).Seconds()
	if d <= 0 {
		return 0
	}
	return float64(last.n-first.n) / d
}

// Reset forgets every sample.
func (m *Meter) Reset() { m.samples = m.samples[:0] }

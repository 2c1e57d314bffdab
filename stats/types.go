package stats

import (
	"path/filepath"
	"time"
)

// Spike is a burst of one kind of response far above its own recent
// baseline: a class ("5xx"), or a single code ("429", "502").
//
// Spikes are found per minute of event time. Start is the start of the
// first anomalous minute; End is the end of the last one, set once the rate
// has stayed back near its baseline for Config.SpikeHold.
type Spike struct {
	Kind       string    // "5xx", or a code such as "429" ("000" for no response)
	Start, End time.Time // End is zero while the spike is active
	Active     bool      // still going at the newest event time
	// LastSeen is the second of its last response: of its last hot minute
	// once it has ended (End is the second after), of any so far while it
	// is active, as far as the last hour's per-second counts tell.
	LastSeen time.Time
	Count    int64 // responses of this kind between Start and End (or so far)
	// Rates per minute: the baseline before the spike and the worst minute.
	BaselinePerMin, PeakPerMin float64
	// BaselineRatio and PeakRatio are the same as shares of all requests
	// (0..1): the error ratio before the spike and in its worst minute.
	BaselineRatio, PeakRatio float64

	TopPaths        []string    // the paths that carry it, heaviest first
	TopPathCounts   []int64     // responses of this kind per TopPaths entry
	TopClients      []string    // the client addresses that carry it, heaviest first
	TopClientCounts []int64     // responses of this kind per TopClients entry
	TopCodes        []CodeCount // for a class spike, its codes, heaviest first
	// TopInputs are the files that carry it, heaviest first, when the run
	// read several (one log per virtual host); TopInputCounts are their
	// responses of this kind.
	TopInputs      []string
	TopInputCounts []int64
	// TopClientElsewhere is the share of the input's other error
	// responses (of any kind, outside this spike) that its top client
	// sent; 0 when there were fewer than minElsewhere. Near 1 the client
	// is where every error comes from (a proxy or load balancer logged as
	// the client), and naming it says nothing about the spike.
	TopClientElsewhere float64
}

// InputName returns TopInputs[i] as a spike names it: its file name,
// unless another of TopInputs has the same one (site1/access.log and
// site2/access.log), then the whole path.
func (s *Spike) InputName(i int) string {
	base := filepath.Base(s.TopInputs[i])
	for j, in := range s.TopInputs {
		if j != i && filepath.Base(in) == base {
			return s.TopInputs[i]
		}
	}
	return base
}

// MainInput returns the file that carries at least half of the spike,
// when the run read several, and whether there is one.
func (s *Spike) MainInput() (string, bool) {
	if len(s.TopInputs) == 0 || len(s.TopInputCounts) == 0 || s.Count <= 0 || s.TopInputCounts[0]*2 < s.Count {
		return "", false
	}
	return s.InputName(0), true
}

// MainClient returns the client that sends at least half of the spike,
// unless it is the client of nearly every error (ClientIsEveryones), and
// whether there is one.
func (s *Spike) MainClient() (string, bool) {
	if len(s.TopClients) == 0 || len(s.TopClientCounts) == 0 || s.Count <= 0 || s.TopClientCounts[0]*2 < s.Count || s.ClientIsEveryones() {
		return "", false
	}
	return s.TopClients[0], true
}

// ClientIsEveryones reports whether the spike's top client also sent nine
// in ten of the input's other error responses: then it is most likely a
// proxy's or a load balancer's address, and naming it as where the spike
// comes from would send an operator after the wrong machine.
func (s *Spike) ClientIsEveryones() bool { return s.TopClientElsewhere >= 0.9 }

// minElsewhere is how many error responses outside a spike make its top
// client's share of them worth a look.
const minElsewhere = 20

// Duration is how long the spike lasted, or has lasted up to now (the
// newest event time) when it is still active.
func (s *Spike) Duration(now time.Time) time.Duration {
	if s.Active || s.End.IsZero() {
		return now.Sub(s.Start)
	}
	return s.End.Sub(s.Start)
}

// Code returns the code a spike is about when its kind is one ("429",
// "000"); ok is false for a class ("5xx").
func (s *Spike) Code() (code int, ok bool) { return KindCode(s.Kind) }

// KindCode reads a spike or trend kind as a code: "429" is 429, "000" is 0;
// a class ("5xx") is no code.
func KindCode(kind string) (code int, ok bool) { return codeOfKind(kind) }

// SketchRelativeError is the largest relative error of a latency quantile.
const SketchRelativeError = 0.02

// Quantiles summarises a latency distribution; zero Count means the log had
// no request times. Values come from a sketch with a relative error of at
// most SketchRelativeError.
type Quantiles struct {
	Count         int64
	P50, P90, P99 time.Duration
	Max           time.Duration
}

// WindowRate is the traffic of one window that ends at the newest event
// time (Snapshot.Last).
type WindowRate struct {
	// Window is the nominal length (time.Minute ... time.Hour), 0 for the
	// whole input.
	Window time.Duration
	// Span is the time the window actually covers: shorter than Window
	// when the input is younger than the window. Rates divide by it.
	Span time.Duration
	// Total is the requests in the window: those of Classes, or with a
	// status filter, all the traffic the other filters keep, so that a
	// share is of all traffic (5xx among 5xx would always be 100%).
	Total   int64
	Classes [numClasses]int64 // indexed like ClassNames
	Codes   []CodeCount       // codes seen in the window, sorted by code
}

// PerSecond returns n requests over the window as a rate per second; 0 for
// an empty span.
func (w *WindowRate) PerSecond(n int64) float64 {
	if w.Span <= 0 {
		return 0
	}
	return float64(n) / w.Span.Seconds()
}

// Code returns the window's count of one status code.
func (w *WindowRate) Code(code int) int64 {
	for _, c := range w.Codes {
		if c.Code == code {
			return c.Count
		}
	}
	return 0
}

// Series holds counts per fixed step of event time, oldest first, for the
// classes and for the codes the aggregator tracks over time. All slices of
// one Series have the same length.
type Series struct {
	Start time.Time     // start of the first step; zero when empty
	Step  time.Duration // time.Second, time.Minute, or a coarser timeline step
	// Total is all requests per step.
	Total []int64
	// Classes holds counts per step, indexed like ClassNames.
	Classes [numClasses][]int64
	// Codes holds one row per tracked code that occurs in the series,
	// sorted by code.
	Codes []CodeSeries
}

// CodeSeries is one status code's counts per step.
type CodeSeries struct {
	Code   int
	Counts []int64
}

// Len is the number of steps.
func (s *Series) Len() int { return len(s.Total) }

// Code returns the counts of one code, or nil when it is not tracked or
// never occurs in the series.
func (s *Series) Code(code int) []int64 {
	for i := range s.Codes {
		if s.Codes[i].Code == code {
			return s.Codes[i].Counts
		}
	}
	return nil
}

// Kind returns the counts of a spike kind: a class name ("5xx") or a code
// ("429"); nil when unknown.
func (s *Series) Kind(kind string) []int64 {
	if c, ok := classByName(kind); ok {
		return s.Classes[c]
	}
	if code, ok := codeOfKind(kind); ok {
		return s.Code(code)
	}
	return nil
}

// Trend compares one kind's current rate with its own baseline, for the
// dashboard's "rate now vs normal" column.
type Trend struct {
	Kind string // a class such as "5xx" or a code such as "404"
	// NowPerMin is the rate over the last Config.TrendWindow (default 5m).
	NowPerMin float64
	// BaselinePerMin is the median per-minute rate over the minutes with
	// traffic in the hour before that window (a median, so a short spike
	// in that hour does not move it).
	BaselinePerMin float64
	// Direction is +1 when the rate is clearly above its baseline, -1 when
	// clearly below, 0 otherwise.
	Direction int
	// Sigma is the robust deviation of the baseline's minutes (1.4826
	// MAD, at least the Poisson deviation and 1); 0 when the hour before
	// had no traffic to judge by.
	Sigma float64
}

// DirectionAt is Direction for another rate than NowPerMin: the rate over
// a window the user picked, judged against the same baseline.
func (t Trend) DirectionAt(perMin float64) int {
	switch {
	case t.Sigma == 0:
	case perMin > t.BaselinePerMin+2*t.Sigma && perMin > 1.5*t.BaselinePerMin:
		return 1
	case perMin < t.BaselinePerMin-2*t.Sigma && perMin < t.BaselinePerMin/1.5:
		return -1
	}
	return 0
}

// Mark is a one-rune trend arrow: "↑", "↓" or "→".
func (t Trend) Mark() string { return TrendMark(t.Direction) }

// TrendMark is the arrow of a direction.
func TrendMark(direction int) string {
	switch {
	case direction > 0:
		return "↑"
	case direction < 0:
		return "↓"
	}
	return "→"
}

// Burn is the SLO error-budget burn for an availability objective, where an
// error is a 5xx response. A burn rate of 1 spends the budget exactly over
// the SLO period; the multiwindow alerts follow the SRE workbook.
type Burn struct {
	Objective float64 // e.g. 0.999
	// Windows holds the burn rate over 5m, 30m, 1h and 6h ending at the
	// newest event time, in that order.
	Windows []BurnWindow
	// Page is set when the 1h and 5m burn rates are both at least 14.4
	// (2% of a 30-day budget in one hour) and the log covers the 5m window.
	Page bool
	// Ticket is set when the 6h and 30m burn rates are both at least 6
	// (5% of a 30-day budget in six hours) and the log covers the 30m
	// window.
	Ticket bool
}

// covered reports whether the log spans the whole window.
func (w *BurnWindow) covered() bool { return w.Span >= w.Window }

// BurnWindow is the burn rate over one window.
type BurnWindow struct {
	Window time.Duration
	Span   time.Duration // covered by data; shorter than Window early in the input
	Total  int64         // requests in the window
	Errors int64         // 5xx in the window
	// Rate is (Errors/Total) / (1 - Objective); 0 when Total is 0.
	Rate float64
}

// Rate returns the burn window of the given length, or nil.
func (b *Burn) Rate(w time.Duration) *BurnWindow {
	for i := range b.Windows {
		if b.Windows[i].Window == w {
			return &b.Windows[i]
		}
	}
	return nil
}

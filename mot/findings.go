package mot

import (
	"fmt"
	"math"

	"github.com/peakend/peakend/blueprint"
)

// A FindingKind says what a Finding found.
type FindingKind int

// The kinds of finding, each a comparison of the visits with what the
// blueprint declares. A finding agrees or disagrees only when the
// difference is beyond chance (see Significance); else it is undecided.
const (
	// NoVisits: the data hold no visit of the journey.
	NoVisits FindingKind = iota + 1
	// PeakAgrees: a declared peak is the journey's commonest peak,
	// beyond chance.
	PeakAgrees
	// PeakDisagrees: a declared peak is not; Rival is peak more often,
	// beyond chance.
	PeakDisagrees
	// EndDisagrees: the declared end ends fewer than half the visits,
	// beyond chance.
	EndDisagrees
	// PeakUndecided: the declared peak and Rival, the commonest other
	// peak, are the peak of visits too few to tell which is commoner.
	PeakUndecided
	// EndUndecided: the declared end ends fewer than half the visits,
	// but too few visits to tell it from half.
	EndUndecided
)

// Significance is the level below which a difference counts as beyond
// chance: the two-sided p-value of an exact binomial test.
//
// Each visit has exactly one peak, so the visits that peak at the
// declared touchpoint and those that peak at its rival are the
// discordant pairs of McNemar's test; conditional on their number N,
// the declared peak's count is Binomial(N, ½) when the two are equally
// often the peak. The end is tested the same way: its count of the
// journey's N visits against half of them.
const Significance = 0.05

var findingKindNames = map[FindingKind]string{
	NoVisits: "no-visits", PeakAgrees: "peak-agrees", PeakDisagrees: "peak-disagrees", EndDisagrees: "end-disagrees",
	PeakUndecided: "peak-undecided", EndUndecided: "end-undecided",
}

// String names the kind as JSON writes it: "peak-agrees", ….
func (k FindingKind) String() string {
	if s, ok := findingKindNames[k]; ok {
		return s
	}
	return fmt.Sprintf("FindingKind(%d)", int(k))
}

// MarshalText writes the kind's name, so that JSON shows a word.
func (k FindingKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// A Finding is one place where the visits agree or disagree with the
// journey's declared peaks and end, as values; Text says it in words.
type Finding struct {
	Kind       FindingKind
	Journey    string  // the journey's id
	Touchpoint string  // the declared peak or end the finding is about; empty for NoVisits
	Share      float64 // of the journey's visits, those where Touchpoint is the peak (or, for EndDisagrees, the end)
	Rival      string  // for PeakAgrees, PeakDisagrees and PeakUndecided: the commonest other peak
	RivalShare float64 // of the journey's visits, those where Rival is the peak
	// N is how many visits the test compared: those that peak at
	// Touchpoint or Rival, or for the end the journey's visits.
	N int
	// P is the test's two-sided p-value (see Significance).
	P float64
	// The names of the journey, touchpoint and rival in the report's
	// language; Text falls back to the ids.
	JourneyName, TouchpointName, RivalName string
}

// Text says the finding in plain words, in Chinese when lang is zh or
// a zh- tag, else in English. English names the ids; Chinese the names,
// with the ids beside them.
func (f Finding) Text(lang string) string {
	w := wordsFor(lang)
	j, t, r := f.Journey, f.Touchpoint, f.Rival
	if blueprint.IsChinese(lang) {
		j, t, r = named(f.JourneyName, j), named(f.TouchpointName, t), named(f.RivalName, r)
	}
	switch f.Kind {
	case NoVisits:
		return fmt.Sprintf(w.noVisits, j)
	case PeakAgrees:
		return fmt.Sprintf(w.peakAgrees, t, percent(f.Share), j)
	case PeakDisagrees:
		return fmt.Sprintf(w.peakDisagrees, t, percent(f.Share), j, r, percent(f.RivalShare))
	case EndDisagrees:
		return fmt.Sprintf(w.endDisagrees, t, percent(f.Share), j)
	case PeakUndecided:
		return fmt.Sprintf(w.peakUndecided, t, percent(f.Share), r, percent(f.RivalShare), f.N)
	case EndUndecided:
		return fmt.Sprintf(w.endUndecided, t, percent(f.Share), f.N)
	}
	return f.Kind.String()
}

// named writes a name with its id beside it, "等候叫号（wait-seat）", or
// the id alone when the name is the id or missing.
func named(name, id string) string {
	if name == "" || name == id {
		return id
	}
	return name + "（" + id + "）"
}

// findings compares the journey's visits with its declared peaks and
// end, calling a difference only when it is beyond chance.
func findings(jr JourneyReport) []Finding {
	if jr.Visits == 0 {
		return []Finding{{Kind: NoVisits, Journey: jr.ID, JourneyName: jr.Name}}
	}
	n := float64(jr.Visits)
	count := func(share float64) int { return int(math.Round(share * n)) }
	var out []Finding
	for _, p := range jr.Peaks {
		declared := find(jr.Touchpoints, p)
		rival := commonestPeakBut(jr.Touchpoints, p)
		f := Finding{Journey: jr.ID, JourneyName: jr.Name, Touchpoint: p, TouchpointName: declared.Name, Share: declared.PeakShare,
			Rival: rival.ID, RivalName: rival.Name, RivalShare: rival.PeakShare}
		kp, kr := count(declared.PeakShare), count(rival.PeakShare)
		f.N, f.P = kp+kr, signTest(kp, kp+kr)
		switch {
		case f.P >= Significance:
			f.Kind = PeakUndecided
		case kp > kr:
			f.Kind = PeakAgrees
		default:
			f.Kind = PeakDisagrees
		}
		out = append(out, f)
	}
	if t := find(jr.Touchpoints, jr.End); t.EndShare < 0.5 {
		f := Finding{Kind: EndDisagrees, Journey: jr.ID, JourneyName: jr.Name, Touchpoint: jr.End, TouchpointName: t.Name, Share: t.EndShare,
			N: jr.Visits, P: signTest(count(t.EndShare), jr.Visits)}
		if f.P >= Significance {
			f.Kind = EndUndecided
		}
		out = append(out, f)
	}
	return out
}

// commonestPeakBut is the touchpoint other than id that is the peak of
// the most visits (the first in step order on a tie).
func commonestPeakBut(ts []TouchpointReport, id string) TouchpointReport {
	var top TouchpointReport
	for _, t := range ts {
		if t.ID != id && (top.ID == "" || t.PeakShare > top.PeakShare) {
			top = t
		}
	}
	return top
}

// signTest is the two-sided p-value of k successes in n trials of an
// exact binomial test against ½: the chance, were both outcomes equally
// likely, of a split at least as uneven. It is 1 for n = 0.
func signTest(k, n int) float64 {
	if n == 0 {
		return 1
	}
	m := min(k, n-k)
	if 2*m == n {
		return 1
	}
	return min(1, 2*binomialLowerTail(m, n))
}

// binomialLowerTail is P(X ≤ m) for X ~ Binomial(n, ½), m < n/2,
// summed from m down: the terms fall away from the mean, so the sum
// stops once they no longer change it, after a few √n terms even for
// millions of visits.
func binomialLowerTail(m, n int) float64 {
	lgN, _ := math.Lgamma(float64(n + 1))
	logHalfN := float64(n) * math.Log(0.5)
	sum := 0.0
	for i := m; i >= 0; i-- {
		lgI, _ := math.Lgamma(float64(i + 1))
		lgNI, _ := math.Lgamma(float64(n - i + 1))
		term := math.Exp(lgN - lgI - lgNI + logHalfN)
		sum += term
		if term < sum*1e-17 {
			break
		}
	}
	return sum
}

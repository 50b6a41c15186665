package scoring_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/peakend/peakend/scoring"
)

// pain is a 0–10 pain scale: higher is worse, 0 is no pain.
var pain = scoring.Scale{Min: 0, Max: 10, Neutral: 0, HigherIsWorse: true}

// profile builds a visit of consecutive moments of equal length.
func profile(seconds float64, ratings ...float64) scoring.Visit {
	v := scoring.Visit{Remembered: scoring.NA, Recommend: scoring.NA}
	for i, r := range ratings {
		v.Moments = append(v.Moments, scoring.Moment{T: float64(i) * seconds, Duration: seconds, Rating: r})
	}
	return v
}

var approx = cmpopts.EquateApprox(0, 1e-12)

// The cold-water trials of Kahneman et al. (1993): 60 s at 14 °C, and the
// same followed by 30 s while the water warms to 15 °C, "still painful
// but distinctly less so". The long trial is remembered as better
// although it holds more pain in all.
func TestColdWater(t *testing.T) {
	short := profile(10, 6, 7, 8, 8, 8, 8)
	long := profile(10, 6, 7, 8, 8, 8, 8, 7, 6, 5)
	fs, fl := scoring.Compute(&short, pain), scoring.Compute(&long, pain)
	if !(fl.PeakEnd < fs.PeakEnd) {
		t.Errorf("peak-end: long %g should be less painful than short %g", fl.PeakEnd, fs.PeakEnd)
	}
	totalShort, totalLong := fs.TimeMean*fs.Duration, fl.TimeMean*fl.Duration
	if !(totalLong > totalShort) {
		t.Errorf("duration-weighted pain: long %g should exceed short %g", totalLong, totalShort)
	}
	if diff := cmp.Diff([]float64{8, 8, 60}, []float64{fs.Peak, fs.PeakEnd, fs.Duration}, approx); diff != "" {
		t.Errorf("short trial (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]float64{8, 5, 6.5, 90}, []float64{fl.Peak, fl.End, fl.PeakEnd, fl.Duration}, approx); diff != "" {
		t.Errorf("long trial (-want +got):\n%s", diff)
	}
}

// Patients A and B of Redelmeier and Kahneman (1996): both peak at 8;
// A ends at 7 after 8 minutes, B at 1 after 24. Peak-end gives 7.5 and
// 4.5: A keeps the worse memory though B's procedure was longer and
// held more pain under the curve.
func TestColonoscopyPatients(t *testing.T) {
	a := profile(60, 2, 4, 6, 8, 8, 7, 7, 7)
	b := profile(60, 2, 3, 4, 5, 6, 8, 7, 6, 6, 5, 5, 5, 4, 4, 4, 3, 3, 3, 2, 2, 2, 1, 1, 1)
	fa, fb := scoring.Compute(&a, pain), scoring.Compute(&b, pain)
	got := []float64{fa.Peak, fa.End, fa.PeakEnd, fb.Peak, fb.End, fb.PeakEnd}
	if diff := cmp.Diff([]float64{8, 7, 7.5, 8, 1, 4.5}, got, approx); diff != "" {
		t.Errorf("peak, end, peak-end of A then B (-want +got):\n%s", diff)
	}
	if !(fb.Duration > fa.Duration && fb.TimeMean*fb.Duration > fa.TimeMean*fa.Duration) {
		t.Errorf("B should be longer with more pain under the curve: A %gs %g, B %gs %g",
			fa.Duration, fa.TimeMean*fa.Duration, fb.Duration, fb.TimeMean*fb.Duration)
	}
	if !(fa.PeakEnd > fb.PeakEnd) {
		t.Error("A should be remembered as worse than B")
	}
}

// Duration neglect in formula terms: stretching every moment leaves
// mean, peak, end and peak-end as they were; duration grows in proportion.
func TestStretchingLeavesPeakEndUnchanged(t *testing.T) {
	v := profile(30, 4, 2, 5, 1, 3, 4)
	stretched := profile(30*7, 4, 2, 5, 1, 3, 4)
	f, g := scoring.Compute(&v, scoring.DefaultScale), scoring.Compute(&stretched, scoring.DefaultScale)
	pick := func(f scoring.Features) []float64 {
		return []float64{f.Mean, f.Peak, f.End, f.PeakEnd, f.TimeMean, f.Trend}
	}
	if diff := cmp.Diff(pick(f), pick(g), approx); diff != "" {
		t.Errorf("features changed by stretching (-before +after):\n%s", diff)
	}
	if g.Duration != 7*f.Duration {
		t.Errorf("duration %g, want 7 × %g", g.Duration, f.Duration)
	}
}

// A better end, and a longer visit, as in the colonoscopy trial of
// Redelmeier, Katz and Kahneman (2003): peak-end and mean improve while
// the total pain grows.
func TestExtendedEnding(t *testing.T) {
	control := profile(60, 3, 6, 8, 5, 3)
	extended := profile(60, 3, 6, 8, 5, 3, 2, 1)
	fc, fe := scoring.Compute(&control, pain), scoring.Compute(&extended, pain)
	if !(fe.PeakEnd < fc.PeakEnd && fe.Mean < fc.Mean && fe.TimeMean*fe.Duration > fc.TimeMean*fc.Duration) {
		t.Errorf("extended: peak-end %g<%g, mean %g<%g, total pain %g>%g expected",
			fe.PeakEnd, fc.PeakEnd, fe.Mean, fc.Mean, fe.TimeMean*fe.Duration, fc.TimeMean*fc.Duration)
	}
}

package poster

import (
	"fmt"
	"math"
	"strconv"
)

// Measured is what recorded visits say of the blueprint, for the poster
// to show beside what it declares: each touchpoint's mean rating as a
// band on the scale, each standard's measured share beside its target
// and baseline, and the declared peaks the data disagree with. It is a
// plain value, so that the poster needs no package that reads visits;
// package mot/report fills it (Data.Measured).
type Measured struct {
	Visits int
	// Min and Max are the rating scale's ends; HigherIsWorse turns the
	// band so that a longer band is always better.
	Min, Max      float64
	HigherIsWorse bool
	Touchpoints   map[string]MeasuredTouchpoint // by touchpoint id
}

// MeasuredTouchpoint is one touchpoint in the visits.
type MeasuredTouchpoint struct {
	Ratings int     // how many ratings; none draws no band
	Mean    float64 // the mean rating
	// Standards are the measured shares of its standards, by the
	// standard's name as the poster writes it ("wait" for the wait's).
	Standards map[string]MeasuredShare
	// PeakElsewhere names, for a declared peak the data disagree with,
	// the touchpoint that is the visits' peak more often, with the two
	// shares of the journey's visits.
	PeakElsewhere         string
	PeakShare, RivalShare float64
}

// MeasuredShare is the share of measured moments that meet a standard.
type MeasuredShare struct {
	Measured int
	Met      float64
}

// Sizes of the band, in points.
const (
	bandH   = 9.0
	bandGap = 6.0
)

// measuredWords are the words of the measured values in one language.
type measuredWords struct {
	mean, measured, elsewhere, band, disputed string
}

func measuredWordsFor(lang string) measuredWords {
	if len(lang) >= 2 && lang[:2] == "zh" {
		return measuredWords{mean: "平均 %s（%d 个评分）", measured: "实测达标 %s（%d 次）", elsewhere: "× 数据：峰值多在 %s（%s 对 %s）",
			band: "平均评分（%s–%s，竖线为中点）", disputed: "数据不支持的声明峰值"}
	}
	return measuredWords{mean: "mean %s (%d ratings)", measured: "measured: %s met (%d)", elsewhere: "× data: the peak is mostly at %s (%s vs %s)",
		band: "mean rating (%s to %s, tick at the midpoint)", disputed: "declared peak the data disagree with"}
}

const (
	styleMeasured style = iota + 100
	styleDisputed
)

func init() {
	lineColor[styleMeasured] = "#1b4f72"
	lineColor[styleDisputed] = "#8e1b10"
}

func (m *Measured) touchpoint(id string) (MeasuredTouchpoint, bool) {
	if m == nil {
		return MeasuredTouchpoint{}, false
	}
	t, ok := m.Touchpoints[id]
	return t, ok
}

// measuredLine is the line under a standard's (or the wait's) with its
// measured share, or "" when the visits did not measure it.
func (m *model) measuredLine(tp, standard string) string {
	t, ok := m.opt.Measured.touchpoint(tp)
	share, measured := t.Standards[standard]
	if !ok || !measured || share.Measured == 0 {
		return ""
	}
	return "  " + fmt.Sprintf(measuredWordsFor(m.opt.Lang).measured, percent(share.Met), share.Measured)
}

// describeMeasured adds a touchpoint's measured lines: its mean and,
// for a disputed peak, where the data put it; and returns the height
// its band needs below the lines.
func (m *model) describeMeasured(bx *box, add func(string, float64, style)) float64 {
	t, ok := m.opt.Measured.touchpoint(bx.tp.ID)
	if !ok {
		return 0
	}
	w := measuredWordsFor(m.opt.Lang)
	if t.PeakElsewhere != "" {
		add(fmt.Sprintf(w.elsewhere, m.b.TouchpointName(t.PeakElsewhere, m.opt.Lang), percent(t.RivalShare), percent(t.PeakShare)), textSize, styleDisputed)
	}
	if t.Ratings == 0 {
		return 0
	}
	add(fmt.Sprintf(w.mean, strconv.FormatFloat(t.Mean, 'f', 2, 64), t.Ratings), textSize, styleMeasured)
	return bandH + bandGap
}

func percent(x float64) string { return strconv.FormatFloat(math.Round(100*x)+0, 'f', 0, 64) + "%" }

// band draws a touchpoint's mean as a bar along the scale at the foot of
// its box, x0..x1: its length (and colour, red to green) is how good
// the mean is; a tick marks the scale's midpoint.
func (d *drawer) band(bx *box, x0, x1, bottom float64) {
	t, ok := d.m.opt.Measured.touchpoint(bx.tp.ID)
	if !ok || t.Ratings == 0 {
		return
	}
	ms := d.m.opt.Measured
	f := goodness(ms, t.Mean)
	y := bottom - padY - bandH
	d.p.Rect(x0, y, x1-x0, bandH, 2, "#eeeeee", "#999999", 0.6, "band", map[string]string{"touchpoint": bx.tp.ID})
	d.p.Rect(x0, y, (x1-x0)*f, bandH, 2, bandColor(f), "#333333", 0.6, "band-mean", nil)
	mid := x0 + (x1-x0)*0.5
	d.p.Line(mid, y-2, mid, y+bandH+2, "#333333", 1, false, "", nil)
}

// goodness is where a rating lies on the scale, 0 worst to 1 best.
func goodness(ms *Measured, x float64) float64 {
	if ms.Max <= ms.Min {
		return 0
	}
	f := math.Min(1, math.Max(0, (x-ms.Min)/(ms.Max-ms.Min)))
	if ms.HigherIsWorse {
		f = 1 - f
	}
	return f
}

// bandColor runs from red (worst) through amber to green (best).
func bandColor(f float64) string {
	r, g := 1.0, 1.0
	if f < 0.5 {
		g = f * 2
	} else {
		r = (1 - f) * 2
	}
	return fmt.Sprintf("#%02x%02x%02x", int(40+170*r), int(40+150*g), 60)
}

// A legendEntry is a swatch and its words.
type legendEntry struct {
	swatch func(x float64)
	text   string
}

// measuredLegend is the legend's entries for the measured values, at
// height y; none without them.
func (d *drawer) measuredLegend(y float64) []legendEntry {
	ms := d.m.opt.Measured
	if ms == nil {
		return nil
	}
	w := measuredWordsFor(d.m.opt.Lang)
	lo, hi := ms.Min, ms.Max
	if ms.HigherIsWorse {
		lo, hi = hi, lo
	}
	return []legendEntry{
		{func(x float64) {
			d.p.Rect(x, y-10, 22, 9, 2, "#eeeeee", "#999999", 0.6, "", nil)
			d.p.Rect(x, y-10, 15, 9, 2, bandColor(0.7), "#333333", 0.6, "", nil)
			d.p.Line(x+11, y-12, x+11, y+1, "#333333", 1, false, "", nil)
		}, fmt.Sprintf(w.band, strconv.FormatFloat(lo, 'g', 4, 64), strconv.FormatFloat(hi, 'g', 4, 64))},
		{func(x float64) { d.p.Text(x+4, y, 12, lineColor[styleDisputed], false, false, "×", "") }, w.disputed},
	}
}

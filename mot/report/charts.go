package report

import (
	"fmt"
	"math"
	"strconv"

	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/internal/fonts"
)

// Chart styles: black, grey and hatching, so that a black-and-white
// print keeps every series apart; the one colour (the band's blue) only
// helps on screen.
const (
	axisStyle    = `stroke="#222" stroke-width="1"`
	gridStyle    = `stroke="#ccc" stroke-width="0.7"`
	neutralStyle = `stroke="#666" stroke-width="1.2" stroke-dasharray="6 4"`
	meanStyle    = `fill="none" stroke="#111" stroke-width="2.5"`
	markStyle    = `fill="#111" stroke="#fff" stroke-width="1"`
)

// ratingAxis maps a rating to a height with "better" up: on a
// higher-is-worse scale the scale's minimum is at the top.
type ratingAxis struct {
	scale       Scale
	top, bottom float64
}

func (a ratingAxis) y(r float64) float64 {
	f := (r - a.scale.Min) / (a.scale.Max - a.scale.Min)
	if a.scale.HigherIsWorse {
		f = 1 - f
	}
	return a.bottom - f*(a.bottom-a.top)
}

// ticks returns about five round values from lo to hi.
func ticks(lo, hi float64) []float64 {
	span := hi - lo
	if span <= 0 || math.IsNaN(span) || math.IsInf(span, 0) {
		return []float64{lo}
	}
	step := math.Pow(10, math.Floor(math.Log10(span/5)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if span/(step*m) <= 6 {
			step *= m
			break
		}
	}
	var out []float64
	for v := math.Ceil(lo/step-1e-9) * step; v <= hi+step*1e-9; v += step {
		out = append(out, math.Round(v/step)*step)
	}
	return out
}

// label writes a tick or value; a negative zero is written 0.
func label(x float64) string { return strconv.FormatFloat(x+0, 'g', 4, 64) }

func percent(x float64) string { return strconv.FormatFloat(math.Round(100*x)+0, 'f', 0, 64) + "%" }

// turnLabels reports whether the steps' names are turned, not fitting
// their slot, and how much height they take under the axis.
func turnLabels(set *fonts.Set, slot float64, names []string) (turned bool, height float64) {
	widest := 0.0
	for _, n := range names {
		widest = max(widest, set.Width(n, false)*textSize)
	}
	if widest <= slot-4 {
		return false, textSize + 4
	}
	return true, widest*math.Sin(35*math.Pi/180) + textSize + 6
}

// stepLabels places the steps' names under a categorical axis at y,
// turned when they do not fit their slot.
func stepLabels(c *chart, xs []float64, slot, y float64, names []string) {
	turned, _ := turnLabels(c.fonts, slot, names)
	for i, n := range names {
		if turned {
			c.rotatedText(xs[i]+4, y+6, -35, n, "end", "label")
		} else {
			c.text(xs[i], y+textSize, n, "middle", "label")
		}
	}
}

// labelsHeight is the height stepLabels will take.
func labelsHeight(set *fonts.Set, slot float64, names []string) float64 {
	_, h := turnLabels(set, slot, names)
	return h
}

// curveChart draws the experience curve: the mean rating at each step in
// journey order, the band of the middle half of ratings, the neutral
// line, the declared peaks and end, and n per step.
func curveChart(set *fonts.Set, w *words, sc Scale, j *Journey) string {
	const width, left, right, top = 1000.0, 78.0, 16.0, 62.0
	plotH := 200.0
	slot := (width - left - right) / float64(max(len(j.Steps), 1))
	names := stepNames(j.Steps)
	height := top + plotH + 20 + labelsHeight(set, slot, names) + 8
	c := newChart(set, "curve", w.curve, width, height)
	ax := ratingAxis{scale: sc, top: top, bottom: top + plotH}
	xs := make([]float64, len(j.Steps))
	for i := range j.Steps {
		xs[i] = left + (float64(i)+0.5)*slot
	}
	for _, t := range ticks(sc.Min, sc.Max) {
		c.line(left, ax.y(t), width-right, ax.y(t), gridStyle)
		c.text(left-6, ax.y(t)+4, label(t), "end", "value")
	}
	c.line(left, top, left, top+plotH, axisStyle)
	c.line(left, top+plotH, width-right, top+plotH, axisStyle)
	axisName := fmt.Sprintf(w.ratingAxis, label(sc.Min), label(sc.Max))
	c.axisLabel(18, top+plotH/2, axisName, true)
	direction := w.better
	if sc.HigherIsWorse {
		direction = w.better + " · " + w.turned
	}
	c.text(left, top-26, direction, "start", "axis-note")
	c.line(left, ax.y(sc.Neutral), width-right, ax.y(sc.Neutral), neutralStyle)
	c.text(width-right-4, ax.y(sc.Neutral)-4, w.neutral+" "+label(sc.Neutral), "end", "small")
	c.path(bandPoints(j.Steps, xs, ax), true, `fill="url(#band)" stroke="#6d86a6" stroke-width="0.8"`)
	var line [][2]float64
	for i, s := range j.Steps {
		if s.Mean.NA() {
			continue
		}
		line = append(line, [2]float64{xs[i], ax.y(float64(s.Mean))})
	}
	c.path(line, false, meanStyle)
	for i, s := range j.Steps {
		x := xs[i]
		if !s.Mean.NA() {
			y := ax.y(float64(s.Mean))
			c.marker("circle", x, y, 4.5, markStyle)
			c.text(x, y-9, strconv.FormatFloat(float64(s.Mean), 'f', 2, 64), "middle", "value")
		}
		declaredMarks(c, w, s.Declared, x, top-9)
		c.text(x, top+plotH+14, fmt.Sprintf(w.n, s.Ratings), "middle", "small")
		if !s.InJourney && (i == 0 || j.Steps[i-1].InJourney) {
			c.line(x-slot/2, top, x-slot/2, top+plotH, neutralStyle)
			c.text(x-slot/2+4, top+12, w.outside, "start", "small")
		}
	}
	stepLabels(c, xs, slot, top+plotH+18, names)
	legendCurve(c, w, width-right, top-30)
	return c.String()
}

// bandPoints is the outline of the 25–75% band over the steps that have
// ratings: along the first quartiles, back along the third.
func bandPoints(steps []Step, xs []float64, ax ratingAxis) [][2]float64 {
	var lo, hi [][2]float64
	for i, s := range steps {
		if s.Q1.NA() {
			continue
		}
		lo = append(lo, [2]float64{xs[i], ax.y(float64(s.Q1))})
		hi = append(hi, [2]float64{xs[i], ax.y(float64(s.Q3))})
	}
	for i := len(hi) - 1; i >= 0; i-- {
		lo = append(lo, hi[i])
	}
	return lo
}

// declaredMarks draws a step's declared peak (triangle) and end
// (square) above the plot.
func declaredMarks(c *chart, w *words, declared string, x, y float64) {
	switch declared {
	case "peak":
		c.marker("triangle", x, y, 6, `fill="#fff" stroke="#111" stroke-width="1.6"`)
	case "end":
		c.marker("square", x, y, 5, `fill="#111"`)
	case "peak+end":
		c.marker("triangle", x-7, y, 6, `fill="#fff" stroke="#111" stroke-width="1.6"`)
		c.marker("square", x+7, y, 5, `fill="#111"`)
	}
}

func legendCurve(c *chart, w *words, right, y float64) {
	items := []struct {
		draw func(x float64)
		text string
	}{
		{func(x float64) { c.line(x, y, x+22, y, meanStyle); c.marker("circle", x+11, y, 4, markStyle) }, w.mean},
		{func(x float64) { c.rect(x, y-6, 22, 12, `fill="url(#band)" stroke="#6d86a6" stroke-width="0.8"`) }, w.band},
		{func(x float64) { c.line(x, y, x+22, y, neutralStyle) }, w.neutral},
		{func(x float64) { c.marker("triangle", x+11, y, 6, `fill="#fff" stroke="#111" stroke-width="1.6"`) }, w.declaredPeak},
		{func(x float64) { c.marker("square", x+11, y, 5, `fill="#111"`) }, w.declaredEnd},
	}
	x := right
	for i := len(items) - 1; i >= 0; i-- {
		x -= c.width(items[i].text, 12, false) + 34
		items[i].draw(x)
		c.text(x+27, y+4, items[i].text, "start", "small")
	}
}

func stepNames(steps []Step) []string {
	names := make([]string, len(steps))
	for i, s := range steps {
		names[i] = s.Name
	}
	return names
}

// sharesChart draws, per step, the shares of the journey's visits whose
// peak, worst moment and end fall there: solid, hatched and dotted bars.
func sharesChart(set *fonts.Set, w *words, j *Journey) string {
	const width, left, right, top = 1000.0, 78.0, 16.0, 50.0
	plotH := 110.0
	slot := (width - left - right) / float64(max(len(j.Steps), 1))
	names := stepNames(j.Steps)
	height := top + plotH + 4 + labelsHeight(set, slot, names) + 8
	c := newChart(set, "shares", w.shares, width, height)
	bottom := top + plotH
	y := func(share float64) float64 { return bottom - share*plotH }
	for _, t := range []float64{0, 0.25, 0.5, 0.75, 1} {
		c.line(left, y(t), width-right, y(t), gridStyle)
		c.text(left-6, y(t)+4, percent(t), "end", "value")
	}
	c.line(left, top, left, bottom, axisStyle)
	c.line(left, bottom, width-right, bottom, axisStyle)
	c.axisLabel(18, top+plotH/2, w.shareAxis, true)
	series := []struct {
		style string
		share func(Step) float64
		name  string
	}{
		{`fill="#222"`, func(s Step) float64 { return s.PeakShare }, w.peak},
		{`fill="url(#hatch)" stroke="#222" stroke-width="0.8"`, func(s Step) float64 { return s.WorstShare }, w.worst},
		{`fill="url(#dots)" stroke="#222" stroke-width="0.8"`, func(s Step) float64 { return s.EndShare }, w.end},
	}
	barW := min(slot/4, 26)
	xs := make([]float64, len(j.Steps))
	for i, s := range j.Steps {
		xs[i] = left + (float64(i)+0.5)*slot
		for k, sr := range series {
			x := xs[i] + (float64(k)-1.5)*barW
			v := sr.share(s)
			c.rect(x, y(v), barW-2, v*plotH, sr.style)
			if v >= 0.2 {
				c.text(x+barW/2-1, y(v)-3, percent(v), "middle", "small")
			}
		}
	}
	stepLabels(c, xs, slot, bottom, names)
	lx := width - right
	for k := len(series) - 1; k >= 0; k-- {
		lx -= c.width(series[k].name, 12, false) + 32
		c.rect(lx, top-34, 18, 12, series[k].style)
		c.text(lx+24, top-24, series[k].name, "start", "small")
	}
	return c.String()
}

// leverChart draws the levers as horizontal bars, strongest first, and
// "a better end" last, hatched.
func leverChart(set *fonts.Set, w *words, j *Journey) string {
	const width, top, rowH = halfWidth, 36.0, 24.0
	rows := len(j.Levers)
	if j.BetterEnd != nil {
		rows++
	}
	axisName := w.deltaPeakEnd
	if j.RankedBy == "remembered" {
		axisName = w.deltaRemembered
	}
	names := make([]string, 0, rows)
	values := make([]float64, 0, rows)
	for _, l := range j.Levers {
		names = append(names, leverName(l))
		values = append(values, leverValue(l, j.RankedBy))
	}
	if j.BetterEnd != nil {
		names = append(names, w.betterEnd)
		values = append(values, leverValue(*j.BetterEnd, j.RankedBy))
	}
	left := 12.0
	for _, n := range names {
		left = max(left, c0width(set, n)+20)
	}
	left = min(left, width*0.5)
	right := 50.0
	plotH := float64(rows) * rowH
	height := top + plotH + 64
	c := newChart(set, "levers", w.leverage, width, height)
	c.text(8, height-6, "△ "+w.declaredPeak+"   ■ "+w.declaredEnd, "start", "small")
	lo, hi := 0.0, 0.0
	for _, v := range values {
		lo, hi = min(lo, v), max(hi, v)
	}
	if hi == lo {
		hi = lo + 1
	}
	x := func(v float64) float64 { return left + (v-lo)/(hi-lo)*(width-left-right) }
	for _, t := range ticks(lo, hi) {
		c.line(x(t), top, x(t), top+plotH, gridStyle)
		c.text(x(t), top+plotH+16, label(t), "middle", "value")
	}
	c.line(x(0), top, x(0), top+plotH, axisStyle)
	c.line(left, top+plotH, width-right, top+plotH, axisStyle)
	c.axisLabel(left+(width-left-right)/2, top+plotH+38, axisName, false)
	for i, v := range values {
		y := top + float64(i)*rowH
		style := `fill="#333"`
		if j.BetterEnd != nil && i == rows-1 {
			style = `fill="url(#hatch)" stroke="#222" stroke-width="0.8"`
		}
		c.rect(x(0), y+4, x(v)-x(0), rowH-8, style)
		c.fittedText(left-8, y+rowH/2+4, left-12, names[i], "end", "label")
		anchor, dx := "start", 4.0
		if v < 0 {
			anchor, dx = "end", -4
		}
		c.text(x(v)+dx, y+rowH/2+4, strconv.FormatFloat(v, 'f', 3, 64), anchor, "value")
	}
	return c.String()
}

func c0width(set *fonts.Set, s string) float64 { return set.Width(s, false) * textSize }

// leverName is the touchpoint's name with the marks of the curve: △ a
// declared peak, ■ the declared end.
func leverName(l Lever) string {
	switch l.Declared {
	case "peak":
		return l.Name + " △"
	case "end":
		return l.Name + " ■"
	case "peak+end":
		return l.Name + " △■"
	}
	return l.Name
}

func leverValue(l Lever, rankedBy string) float64 {
	if rankedBy == "remembered" && !l.Remembered.NA() {
		return float64(l.Remembered)
	}
	return l.PeakEnd
}

// halfWidth is the width of the charts drawn two to a row.
const halfWidth = 500.0

// standardsChart draws each standard as a bullet: the share of measured
// moments that meet the target (solid) over the share within the
// tolerance (hatched), on a 0–100% axis, with its name above and its
// target, baseline and measured share below.
func standardsChart(set *fonts.Set, w *words, ss []Standard) string {
	const width, top, rowH, left, right = halfWidth, 30.0, 64.0, 12.0, 24.0
	plotH := float64(len(ss)) * rowH
	c := newChart(set, "standards", w.standards, width, top+plotH+48)
	x := func(share float64) float64 { return left + share*(width-left-right) }
	for _, t := range []float64{0, 0.25, 0.5, 0.75, 1} {
		c.line(x(t), top, x(t), top+plotH, gridStyle)
		c.text(x(t), top+plotH+16, percent(t), "middle", "value")
	}
	c.line(left, top+plotH, x(1), top+plotH, axisStyle)
	c.axisLabel(x(0.5), top+plotH+38, w.metAxis, false)
	for i, s := range ss {
		y := top + float64(i)*rowH
		c.fittedText(left, y+14, width-left-right, s.Name+" · "+standardNote(w, s), "start", "label")
		bar := y + 20
		c.rect(x(0), bar, x(1)-x(0), 18, `fill="#f2f2f2" stroke="#bbb" stroke-width="0.6"`)
		if s.Measured == 0 {
			c.text(x(0)+8, bar+13, w.notMeasured, "start", "small")
			continue
		}
		if !s.Tolerated.NA() {
			c.rect(x(0), bar+1, x(float64(s.Tolerated))-x(0), 16, `fill="url(#hatch)" stroke="#222" stroke-width="0.6"`)
		}
		c.rect(x(0), bar+5, x(float64(s.Met))-x(0), 8, `fill="#222"`)
		c.line(x(float64(s.Met)), bar-2, x(float64(s.Met)), bar+20, `stroke="#000" stroke-width="2"`)
		c.text(left, bar+33, measuredNote(w, s), "start", "small")
	}
	return c.String()
}

func standardNote(w *words, s Standard) string {
	op := "≥"
	if s.Upper {
		op = "≤"
	}
	// The unit in the words' language, as cards and moments write it:
	// "≥ 5 个渠道", not "≥ 5 channels" in a Chinese report.
	t := fmt.Sprintf(w.target, op+" "+blueprint.Quantity(s.Target, s.Unit, w.lang))
	b := "–"
	if !s.Baseline.NA() {
		b = blueprint.Quantity(float64(s.Baseline), s.Unit, w.lang)
	}
	return t + " · " + fmt.Sprintf(w.baseline, b)
}

func measuredNote(w *words, s Standard) string {
	if s.Measured == 0 {
		return ""
	}
	note := fmt.Sprintf(w.measured, s.Measured) + " · " + w.met + " " + percent(float64(s.Met))
	if !s.Tolerated.NA() {
		note += " · " + w.tolerated + " " + percent(float64(s.Tolerated))
	}
	return note
}

// peakEndChart draws a journey's distribution of peak-end scores over
// the scale, as shares of its visits, for the overview.
func peakEndChart(set *fonts.Set, w *words, sc Scale, j *Journey) string {
	const width, height, left, right, top = 320.0, 236.0, 62.0, 10.0, 52.0
	plotH := 120.0
	bottom := top + plotH
	c := newChart(set, "peak-end", fmt.Sprintf(w.peakEndDist, j.Name), width, height)
	c.text(8, 40, fmt.Sprintf(w.visitsRead, j.Visits), "start", "small")
	bins := coarseBins(sc, j.PeakEnd)
	peak := 0.0
	for _, b := range bins {
		peak = max(peak, b)
	}
	top100 := math.Max(math.Ceil(peak*10)/10, 0.1)
	y := func(share float64) float64 { return bottom - share/top100*plotH }
	for _, t := range ticks(0, top100) {
		c.line(left, y(t), width-right, y(t), gridStyle)
		c.text(left-5, y(t)+4, percent(t), "end", "value")
	}
	slot := (width - left - right) / float64(len(bins))
	// x places bin i: better to the right, as "better up" on the curve.
	x := func(i int) float64 {
		if sc.HigherIsWorse {
			i = len(bins) - 1 - i
		}
		return left + float64(i)*slot
	}
	for i, b := range bins {
		c.rect(x(i)+1, y(b), slot-2, b/top100*plotH, `fill="#444"`)
	}
	c.line(left, top, left, bottom, axisStyle)
	c.line(left, bottom, width-right, bottom, axisStyle)
	for _, t := range ticks(sc.Min, sc.Max) {
		i := int(math.Round((t - sc.Min) / (sc.Max - sc.Min) * float64(len(bins)-1)))
		c.text(x(i)+slot/2, bottom+15, label(t), "middle", "value")
	}
	c.axisLabel(left+(width-left-right)/2, bottom+34, w.peakEndAxis+" · "+w.betterRight, false)
	c.axisLabel(18, top+plotH/2, w.shareAxis, true)
	return c.String()
}

// coarseBins gathers the scores into half-point bins (at most 21), as
// shares of the visits, lowest score first.
func coarseBins(sc Scale, bins []Bin) []float64 {
	k := int(math.Min(2*(sc.Max-sc.Min), 20))
	k = max(k, 1)
	out := make([]float64, k+1)
	total := 0
	for _, b := range bins {
		total += b.Count
	}
	if total == 0 {
		return out
	}
	for _, b := range bins {
		i := int(math.Round((b.Value - sc.Min) / (sc.Max - sc.Min) * float64(k)))
		out[min(max(i, 0), k)] += float64(b.Count) / float64(total)
	}
	return out
}

package poster

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/internal/fonts"
)

// Sizes in points; a poster is laid out at 1 pt = 1/72 in and scaled
// onto the paper.
const (
	titleSize  = 14   // a touchpoint's name
	textSize   = 11   // its badges, waits, fail points and standards
	lineGap    = 1.35 // line height as a multiple of the size
	padX, padY = 10.0, 8.0
	maxText    = 190.0 // wrap lines longer than this
	minBox     = 120.0 // the narrowest touchpoint box
	headerSize = 18    // stage and lane titles
)

// A style is how a line of a box is drawn.
type style int

const (
	styleName style = iota
	stylePeak
	styleEnd
	styleWait
	styleFail
	styleStandard
	styleOwner
)

type textLine struct {
	text  string
	size  float64
	style style
}

// bold reports whether the line is drawn bold: names and badges.
func (l textLine) bold() bool {
	return l.style == styleName || l.style == stylePeak || l.style == styleEnd
}

// A box is one touchpoint as the poster shows it.
type box struct {
	id     string // the node's name in DOT: n0, n1, …
	tp     *blueprint.Touchpoint
	lines  []textLine
	w, h   float64 // points
	peak   bool
	end    bool
	dimmed bool // not on the emphasised journey
	lane   blueprint.Lane
	stage  int
	slot   int // its place in a cell that holds several
}

// A row is one rank of the poster, top to bottom.
type row struct {
	kind  rowKind
	lane  blueprint.Lane // lane rows
	slot  int            // lane rows: which of the lane's sub-rows
	line  blueprint.Line // line rows
	cells []*box         // lane rows: by column (stage), nil for an empty cell
}

type rowKind int

const (
	rowHeader rowKind = iota
	rowLane
	rowLine
)

// A model is everything the poster shows, measured, before layout.
type model struct {
	b        *blueprint.Blueprint
	opt      Options
	words    words
	boxes    []*box
	rows     []*row
	colWidth []float64          // per stage
	stages   []string           // stage titles
	journey  *blueprint.Journey // the emphasised journey, or nil
	grid     [][]string         // node names by row and column, set by gridNames
	measure  measurer           // in the faces that draw the text
}

// lineWidth is a line's measured width in points.
func (m *model) lineWidth(l textLine) float64 { return m.measure.width(l.text, l.size, l.bold()) }

// words are the poster's fixed texts in one language.
type words struct {
	peak, end, wait, tolerance, fail, today, title, legend, lines, and string
	lanes                                                              map[blueprint.Lane]string
	lineNames                                                          map[string]string
	counts                                                             string
}

func wordsFor(lang string) words {
	if strings.HasPrefix(lang, "zh") {
		return words{peak: "★ 峰值", end: "■ 终点", wait: "◐ 等候", tolerance: "容忍", fail: "⚠ 失误点", today: "基准", title: "服务蓝图", legend: "图例", lines: "线", and: "、",
			lanes:     map[blueprint.Lane]string{blueprint.Evidence: "有形展示", blueprint.Customer: "顾客行为", blueprint.Frontstage: "前台接触", blueprint.Backstage: "后台接触", blueprint.Support: "支持过程"},
			lineNames: map[string]string{"interaction": "互动分界线", "visibility": "可视分界线", "internal-interaction": "内部互动线"},
			counts:    "%d 个阶段 · %d 个触点 · %d 个来厅目的"}
	}
	return words{peak: "★ Peak", end: "■ End", wait: "◐ Wait", tolerance: "tolerance", fail: "⚠ Fail point", today: "today", title: "Service blueprint", legend: "Legend", lines: "lines", and: ", ",
		lanes:     map[blueprint.Lane]string{blueprint.Evidence: "Physical evidence", blueprint.Customer: "Customer actions", blueprint.Frontstage: "Frontstage", blueprint.Backstage: "Backstage", blueprint.Support: "Support processes"},
		lineNames: map[string]string{"interaction": "Line of interaction", "visibility": "Line of visibility", "internal-interaction": "Line of internal interaction"},
		counts:    "%d stages · %d touchpoints · %d journeys"}
}

func newModel(b *blueprint.Blueprint, opt Options, set *fonts.Set) (*model, error) {
	if opt.Lang == "" {
		opt.Lang = b.Locale
	}
	m := &model{b: b, opt: opt, words: wordsFor(opt.Lang), measure: measurer{set}}
	if opt.Journey != "" {
		j, ok := b.Journey(opt.Journey)
		if !ok {
			return nil, fmt.Errorf("%w %q", ErrUnknownJourney, opt.Journey)
		}
		m.journey = j
	}
	stageIndex := map[string]int{}
	for i, s := range b.Stages {
		stageIndex[s.ID] = i
		m.stages = append(m.stages, b.StageName(s.ID, opt.Lang))
	}
	m.colWidth = make([]float64, len(b.Stages))
	for i, s := range m.stages {
		m.colWidth[i] = max(minBox, m.measure.width(s, headerSize, true)+2*padX)
	}
	slots := map[[2]int]int{} // (lane, stage) → touchpoints so far
	for i := range b.Touchpoints {
		t := &b.Touchpoints[i]
		col, ok := stageIndex[t.Stage]
		if !ok {
			continue // Parse refuses such a blueprint; one built in Go may still have it
		}
		bx := &box{id: "n" + strconv.Itoa(len(m.boxes)), tp: t, lane: t.Lane, stage: col}
		bx.slot = slots[[2]int{int(t.Lane), col}]
		slots[[2]int{int(t.Lane), col}]++
		m.describe(bx)
		m.boxes = append(m.boxes, bx)
		m.colWidth[col] = max(m.colWidth[col], bx.w)
	}
	m.buildRows(slots)
	for _, bx := range m.boxes {
		bx.w = m.colWidth[bx.stage] // one width a column, so that columns line up
	}
	return m, nil
}

func nameOr(s, fallback string) string {
	if strings.TrimSpace(s) == "" {
		return fallback
	}
	return s
}

// describe writes the lines of a touchpoint's box and measures it.
func (m *model) describe(bx *box) {
	b, t, w, lang := m.b, bx.tp, m.words, m.opt.Lang
	add := func(text string, size float64, st style) {
		line := textLine{size: size, style: st}
		for _, l := range m.measure.wrap(text, size, maxText, line.bold()) {
			line.text = l
			bx.lines = append(bx.lines, line)
		}
	}
	add(b.TouchpointName(t.ID, lang), titleSize, styleName)
	var peakOf, endOf []string
	for _, j := range b.Journeys {
		name := b.JourneyName(j.ID, lang)
		if slices.Contains(j.Peaks, t.ID) {
			peakOf = append(peakOf, name)
		}
		if j.EndStep() == t.ID {
			endOf = append(endOf, name)
		}
	}
	if len(peakOf) > 0 {
		bx.peak = true
		add(w.peak+" · "+strings.Join(peakOf, w.and), textSize, stylePeak)
	}
	if len(endOf) > 0 {
		bx.end = true
		add(w.end+" · "+strings.Join(endOf, w.and), textSize, styleEnd)
	}
	if t.Wait != nil {
		text := fmt.Sprintf("%s ≤"+nbsp+"%s", w.wait, duration(t.Wait.Standard, lang))
		if t.Wait.Tolerance > 0 {
			text += fmt.Sprintf(" (%s"+nbsp+"%s)", w.tolerance, duration(t.Wait.Tolerance, lang))
		}
		add(text, textSize, styleWait)
		if line := m.measuredLine(t.ID, "wait"); line != "" {
			add(line, textSize, styleMeasured)
		}
	}
	if fail := b.Text(t.Fail, lang); fail != "" {
		add(w.fail+": "+fail, textSize, styleFail)
	}
	if card, ok := b.Card(t.ID); ok {
		for _, s := range card.Standards {
			add(standardText(b, s, lang, w.today), textSize, styleStandard)
			if line := m.measuredLine(t.ID, b.Text(s.Name, lang)); line != "" {
				add(line, textSize, styleMeasured)
			}
		}
	}
	if t.Owner != "" {
		add(b.RoleName(t.Owner, lang), textSize, styleOwner)
	}
	band := m.describeMeasured(bx, add)
	bx.h = 2*padY + band
	for _, l := range bx.lines {
		bx.w = max(bx.w, m.lineWidth(l)+2*padX)
		bx.h += l.size * lineGap
	}
	bx.w = max(bx.w, minBox)
	if m.journey != nil {
		bx.dimmed = !slices.Contains(m.journey.Steps, t.ID)
	}
}

func standardText(b *blueprint.Blueprint, s blueprint.Standard, lang, today string) string {
	target, upper, ok := s.Target()
	if !ok {
		return b.Text(s.Name, lang)
	}
	op := "≥"
	if upper {
		op = "≤"
	}
	text := b.Text(s.Name, lang) + " " + op + nbsp + quantity(target, s.Unit, lang)
	if s.Baseline != nil {
		text += " · " + today + nbsp + quantity(*s.Baseline, s.Unit, lang)
	}
	return text
}

// duration is a wait in the poster's language ("10 分钟"), held together.
func duration(d time.Duration, lang string) string {
	return strings.ReplaceAll(blueprint.DurationText(d, lang), " ", nbsp)
}

// quantity is a number and its unit in the poster's language ("5 个渠道"),
// held together on one line.
func quantity(x float64, unit, lang string) string {
	return strings.ReplaceAll(blueprint.Quantity(x, unit, lang), " ", nbsp)
}

// buildRows lays the grid out: a header row of stage titles, then each
// lane in Bitner's order with as many sub-rows as its fullest cell, and
// a line row where one of the three lines falls.
func (m *model) buildRows(slots map[[2]int]int) {
	m.rows = append(m.rows, &row{kind: rowHeader})
	for _, lane := range blueprint.Lanes() {
		for _, l := range blueprint.Lines() {
			if l.Below == lane {
				m.rows = append(m.rows, &row{kind: rowLine, line: l})
			}
		}
		depth := 1
		for col := range m.b.Stages {
			depth = max(depth, slots[[2]int{int(lane), col}])
		}
		for slot := 0; slot < depth; slot++ {
			m.rows = append(m.rows, &row{kind: rowLane, lane: lane, slot: slot, cells: make([]*box, len(m.b.Stages))})
		}
	}
	for _, bx := range m.boxes {
		for _, r := range m.rows {
			if r.kind == rowLane && r.lane == bx.lane && r.slot == bx.slot {
				r.cells[bx.stage] = bx
			}
		}
	}
}

package poster

import (
	"fmt"
	"strconv"
	"strings"
)

// Format is an output format of a poster.
type Format int

// String is the format's name, as ParseFormat reads it.
func (f Format) String() string {
	switch f {
	case SVG:
		return "svg"
	case DOT:
		return "dot"
	case PDF:
		return "pdf"
	case PNG:
		return "png"
	}
	return "Format(" + strconv.Itoa(int(f)) + ")"
}

const (
	SVG Format = iota
	DOT        // Graphviz source, for native Graphviz
	PDF        // vector, fonts embedded as subsets; needs blueprint/poster/pdf imported
	PNG        // at Options.DPI; needs blueprint/poster/png imported
)

// ParseFormat returns the format named s ("svg", "dot"), or the one an
// output file name ends with.
func ParseFormat(s string) (Format, error) {
	name := strings.ToLower(s)
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:]
	}
	switch name {
	case "svg":
		return SVG, nil
	case "dot", "gv":
		return DOT, nil
	case "pdf":
		return PDF, nil
	case "png":
		return PNG, nil
	}
	return 0, fmt.Errorf("%w %q; formats are svg, pdf, png and dot", ErrUnknownFormat, s)
}

// Options control a poster.
type Options struct {
	Format Format
	// Lang picks the language of every text, falling back to the
	// document's locale, then to any.
	Lang string
	// Journey, when set, draws that journey's path emphasised and dims
	// the touchpoints it does not pass.
	Journey string
	// Paper is A0, A1, A2, A3 or A4, or "fit" for the poster's own
	// size; empty picks the smallest that shows the text at least at
	// 80% of its size.
	Paper string
	// Landscape turns the paper; with Paper empty, the orientation that
	// fits best is picked.
	Landscape bool
	// Date, when set, is shown in the title block.
	Date string
	// DPI is the resolution of PNG; 0 means 150.
	DPI int
	// FontFile is a TrueType file every format draws text in first;
	// characters it lacks come from the embedded fonts.
	FontFile string
	// MaxTouchpoints and MaxCells bound what a poster lays out: its
	// touchpoints, and the cells of its grid (rows of lanes and lines ×
	// stages and the lane titles' column), empty ones included, for each
	// is a node of the layout and of the DOT. 0 means the defaults.
	MaxTouchpoints int
	MaxCells       int
	// Measured, when set, adds what recorded visits say: each
	// touchpoint's mean rating, each standard's measured share and the
	// declared peaks the data disagree with (see Measured).
	Measured *Measured
}

// The bounds a poster lays out within unless told otherwise; what they
// admit renders in a few seconds (bench/README.md gives the worst case).
const (
	DefaultMaxTouchpoints = 2000
	DefaultMaxCells       = 100_000
)

// papers are the ISO A sizes in millimetres, portrait.
var papers = []struct {
	name string
	w, h float64
}{{"A4", 210, 297}, {"A3", 297, 420}, {"A2", 420, 594}, {"A1", 594, 841}, {"A0", 841, 1189}}

const mmPerPt = 25.4 / 72

// paperFor returns the paper, in millimetres, for content of w×h
// points: the named one, or the smallest on which the text keeps at
// least 80% of its size.
func paperFor(opt Options, w, h float64) (name string, pw, ph float64, err error) {
	if strings.EqualFold(opt.Paper, "fit") {
		return "fit", w * mmPerPt, h * mmPerPt, nil
	}
	for _, p := range papers {
		if opt.Paper != "" && !strings.EqualFold(opt.Paper, p.name) {
			continue
		}
		orients := [][2]float64{{p.h, p.w}, {p.w, p.h}} // landscape first: blueprints are wide
		if opt.Paper != "" || opt.Landscape {
			orients = orients[:1]
			if !opt.Landscape {
				orients = [][2]float64{{p.w, p.h}}
			}
		}
		for _, o := range orients {
			scale := min(o[0]/(w*mmPerPt), o[1]/(h*mmPerPt))
			if opt.Paper != "" || scale >= 0.8 {
				return p.name, o[0], o[1], nil
			}
		}
	}
	if opt.Paper != "" {
		return "", 0, 0, fmt.Errorf("%w %q; papers are A0, A1, A2, A3, A4 and fit", ErrUnknownPaper, opt.Paper)
	}
	last := papers[len(papers)-1]
	return last.name, last.h, last.w, nil // larger than A0 at 80%: A0 landscape, smaller text
}

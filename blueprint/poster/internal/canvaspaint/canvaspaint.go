// Package canvaspaint paints the poster on a github.com/tdewolff/canvas
// page, for the PDF and PNG writers: the painter, the faces as canvas
// draws them, and the lock that keeps two renders off one font (the PDF
// writer subsets a font by changing it).
package canvaspaint

import (
	"image/color"
	"strconv"
	"sync"

	"github.com/peakend/peakend/blueprint/poster/internal/paint"
	"github.com/peakend/peakend/internal/fonts"
	"github.com/tdewolff/canvas"
)

// canvasPainter draws on a tdewolff/canvas page in millimetres, from the
// poster's points: x ↦ ox + x·s, y ↦ oy + y·s.
type canvasPainter struct {
	ctx     *canvas.Context
	fonts   *fonts.Set
	s       float64
	ox, oy  float64
	opacity []float64 // of the open groups
}

// faces keeps font faces for the life of the process, used under
// lock: a face made anew for every text would have the shaper
// compile a new plan each time. Sizes and colours are few, so it stays
// small.
var faces = map[faceKey]*canvas.FontFace{}

// faceKey names a font face.
type faceKey struct {
	font  *canvas.Font
	size  float64
	color color.RGBA
}

func (p *canvasPainter) face(f *canvas.Font, size float64, c color.RGBA) *canvas.FontFace {
	k := faceKey{f, size, c}
	if face, ok := faces[k]; ok {
		return face
	}
	face := f.Face(size, c)
	if len(faces) < 4096 {
		faces[k] = face
	}
	return face
}

func (p *canvasPainter) x(x float64) float64 { return p.ox + x*p.s }
func (p *canvasPainter) y(y float64) float64 { return p.oy + y*p.s }

func (p *canvasPainter) alpha() float64 {
	a := 1.0
	for _, o := range p.opacity {
		a *= o
	}
	return a
}

// rgba parses #rrggbb, with the open groups' opacity.
func (p *canvasPainter) rgba(hex string) color.RGBA {
	if len(hex) != 7 || hex[0] != '#' {
		return color.RGBA{0, 0, 0, 0}
	}
	v, _ := strconv.ParseUint(hex[1:], 16, 32)
	a := p.alpha()
	return color.RGBA{uint8(float64(v>>16&0xff) * a), uint8(float64(v>>8&0xff) * a), uint8(float64(v&0xff) * a), uint8(255 * a)} // premultiplied
}

func (p *canvasPainter) Begin(class string, data map[string]string, opacity float64) {
	p.opacity = append(p.opacity, opacity)
}

func (p *canvasPainter) End() { p.opacity = p.opacity[:len(p.opacity)-1] }

func (p *canvasPainter) Rect(x, y, w, h, rx float64, fill, stroke string, strokeWidth float64, class string, data map[string]string) {
	p.ctx.SetFillColor(p.rgba(fill))
	p.ctx.SetStrokeColor(canvas.Transparent)
	if stroke != "" {
		p.ctx.SetStrokeColor(p.rgba(stroke))
		p.ctx.SetStrokeWidth(strokeWidth * p.s)
	}
	p.ctx.SetDashes(0)
	shape := canvas.Rectangle(w*p.s, h*p.s)
	if rx > 0 {
		shape = canvas.RoundedRectangle(w*p.s, h*p.s, rx*p.s)
	}
	p.ctx.DrawPath(p.x(x), p.y(y), shape)
}

func (p *canvasPainter) stroke(path *canvas.Path, color string, width float64, dashed bool) {
	p.ctx.SetFillColor(canvas.Transparent)
	p.ctx.SetStrokeColor(p.rgba(color))
	p.ctx.SetStrokeWidth(width * p.s)
	if dashed {
		p.ctx.SetDashes(0, width*5*p.s, width*3*p.s)
	} else {
		p.ctx.SetDashes(0)
	}
	p.ctx.DrawPath(0, 0, path)
}

func (p *canvasPainter) Line(x1, y1, x2, y2 float64, stroke string, width float64, dashed bool, class string, data map[string]string) {
	path := &canvas.Path{}
	path.MoveTo(p.x(x1), p.y(y1))
	path.LineTo(p.x(x2), p.y(y2))
	p.stroke(path, stroke, width, dashed)
}

func (p *canvasPainter) Triangle(a, b, c [2]float64, fill string) {
	path := &canvas.Path{}
	path.MoveTo(p.x(a[0]), p.y(a[1]))
	path.LineTo(p.x(b[0]), p.y(b[1]))
	path.LineTo(p.x(c[0]), p.y(c[1]))
	path.Close()
	p.ctx.SetFillColor(p.rgba(fill))
	p.ctx.SetStrokeColor(canvas.Transparent)
	p.ctx.DrawPath(0, 0, path)
}

// Text draws s in runs, each in the first face that has its
// characters, placed by the widths the poster was measured with.
func (p *canvasPainter) Text(x, y, size float64, fill string, bold, centred bool, s string, class string) {
	sizePt := size * p.s / mmPerPt
	at := p.x(x)
	if centred {
		at -= p.fonts.Width(s, bold) * size * p.s / 2
	}
	for _, run := range p.fonts.Runs(s, bold) {
		face := p.face(Font(run.Face), sizePt, p.rgba(fill))
		p.ctx.DrawText(at, p.y(y), canvas.NewTextLine(face, run.Text, canvas.Left))
		at += run.Face.Width(run.Text) * size * p.s
	}
}

// canvasFonts are the faces as tdewolff/canvas draws them, made once a
// face (under lock), with what tdewolff/font's Subset changes in
// the font it subsets, which writeCanvas gives back after every PDF.
var canvasFonts = map[*fonts.Face]*canvasFace{}

type canvasFace struct {
	font    *canvas.Font
	restore func() // its tables as they were before a PDF subset it
}

// Font is a face as tdewolff/canvas draws it, made once a face; call it
// under Lock.
func Font(f *fonts.Face) *canvas.Font {
	if cf, ok := canvasFonts[f]; ok {
		return cf.font
	}
	font, err := canvas.LoadFont(f.Data, f.Index, canvas.FontRegular)
	if err != nil {
		panic("canvaspaint: a face that parsed does not load: " + err.Error()) // fonts.Load parsed it already
	}
	font.SetFeatures("-kern,-liga,-clig,-calt") // widths as measured: advances only
	cf := &canvasFace{font: font, restore: fonts.KeepTables(font.SFNT)}
	if len(canvasFonts) >= maxFaces {
		for k, cf := range canvasFonts {
			if !k.Embedded() {
				delete(canvasFonts, k)
				for fk := range faces {
					if fk.font == cf.font {
						delete(faces, fk)
					}
				}
			}
		}
	}
	canvasFonts[f] = cf
	return font
}

// restoreFonts gives the fonts back their tables.
func restoreFonts() {
	for _, cf := range canvasFonts {
		cf.restore()
	}
}

// maxFaces bounds the faces kept: the two embedded ones and the few
// fonts a process's users last gave (the poster keeps eight).
const maxFaces = 2 + 8

// mmPerPt is a point in millimetres.
const mmPerPt = 25.4 / 72

// lock serialises drawing with the shared fonts: the PDF writer subsets
// a font by changing it, so two renders must not use one font at once
// (the race detector caught it).
var lock sync.Mutex

// Lock and Unlock hold the fonts for a caller outside Paint, such as a
// test that shapes text with Font.
func Lock()   { lock.Lock() }
func Unlock() { lock.Unlock() }

// Paint draws page on a canvas of its paper, white, and hands it to
// write, all under the fonts' lock; the fonts get their tables back
// afterwards.
func Paint(page *paint.Page, write func(c *canvas.Canvas) error) error {
	lock.Lock()
	defer lock.Unlock()
	defer restoreFonts()
	c := canvas.New(page.W, page.H)
	ctx := canvas.NewContext(c)
	ctx.SetCoordSystem(canvas.CartesianIV)
	ctx.SetFillColor(canvas.White)
	ctx.DrawPath(0, 0, canvas.Rectangle(page.W, page.H))
	page.Draw(&canvasPainter{ctx: ctx, fonts: page.Fonts, s: page.Scale, ox: page.OX, oy: page.OY})
	return write(c)
}

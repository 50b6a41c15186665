package poster

import (
	"bytes"
	"fmt"
	"image/color"
	"io"
	"math"
	"strconv"
	"sync"

	"image/png"

	"github.com/peakend/peakend/internal/fonts"
	"github.com/tdewolff/canvas"
	"github.com/tdewolff/canvas/renderers/pdf"
	"github.com/tdewolff/canvas/renderers/rasterizer"
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
// canvasLock: a face made anew for every text would have the shaper
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

func (p *canvasPainter) X(x float64) float64 { return p.ox + x*p.s }
func (p *canvasPainter) Y(y float64) float64 { return p.oy + y*p.s }

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

func (p *canvasPainter) begin(class string, data map[string]string, opacity float64) {
	p.opacity = append(p.opacity, opacity)
}

func (p *canvasPainter) end() { p.opacity = p.opacity[:len(p.opacity)-1] }

func (p *canvasPainter) rect(x, y, w, h, rx float64, fill, stroke string, strokeWidth float64, class string, data map[string]string) {
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
	p.ctx.DrawPath(p.X(x), p.Y(y), shape)
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

func (p *canvasPainter) line(x1, y1, x2, y2 float64, stroke string, width float64, dashed bool, class string, data map[string]string) {
	path := &canvas.Path{}
	path.MoveTo(p.X(x1), p.Y(y1))
	path.LineTo(p.X(x2), p.Y(y2))
	p.stroke(path, stroke, width, dashed)
}

func (p *canvasPainter) triangle(a, b, c [2]float64, fill string) {
	path := &canvas.Path{}
	path.MoveTo(p.X(a[0]), p.Y(a[1]))
	path.LineTo(p.X(b[0]), p.Y(b[1]))
	path.LineTo(p.X(c[0]), p.Y(c[1]))
	path.Close()
	p.ctx.SetFillColor(p.rgba(fill))
	p.ctx.SetStrokeColor(canvas.Transparent)
	p.ctx.DrawPath(0, 0, path)
}

// text draws s in runs, each in the first face that has its
// characters, placed by the widths the poster was measured with.
func (p *canvasPainter) text(x, y, size float64, fill string, bold, centred bool, s string, class string) {
	sizePt := size * p.s / mmPerPt
	at := p.X(x)
	if centred {
		at -= p.fonts.Width(s, bold) * size * p.s / 2
	}
	for _, run := range p.fonts.Runs(s, bold) {
		face := p.face(canvasFont(run.Face), sizePt, p.rgba(fill))
		p.ctx.DrawText(at, p.Y(y), canvas.NewTextLine(face, run.Text, canvas.Left))
		at += run.Face.Width(run.Text) * size * p.s
	}
}

// A drawnText is a text as the poster draws it.
type drawnText struct {
	text string
	bold bool
}

// allText lists every text the poster draws, to check and subset the
// fonts.
func (m *model) allText(l *layout) []drawnText {
	var rec textRecorder
	m.draw(&rec, l)
	return rec.texts
}

// textRecorder is a painter that only keeps the texts.
type textRecorder struct{ texts []drawnText }

func (r *textRecorder) begin(string, map[string]string, float64) {}
func (r *textRecorder) end()                                     {}
func (r *textRecorder) rect(_, _, _, _, _ float64, _, _ string, _ float64, _ string, _ map[string]string) {
}
func (r *textRecorder) line(_, _, _, _ float64, _ string, _ float64, _ bool, _ string, _ map[string]string) {
}
func (r *textRecorder) triangle(_, _, _ [2]float64, _ string) {}
func (r *textRecorder) text(_, _, _ float64, _ string, bold, _ bool, s string, _ string) {
	r.texts = append(r.texts, drawnText{s, bold})
}

// canvasFonts are the faces as tdewolff/canvas draws them, made once a
// face (under canvasLock), with what tdewolff/font's Subset changes in
// the font it subsets, which writeCanvas gives back after every PDF.
var canvasFonts = map[*fonts.Face]*canvasFace{}

type canvasFace struct {
	font    *canvas.Font
	restore func() // its tables as they were before a PDF subset it
}

func canvasFont(f *fonts.Face) *canvas.Font {
	if cf, ok := canvasFonts[f]; ok {
		return cf.font
	}
	font, err := canvas.LoadFont(f.Data, f.Index, canvas.FontRegular)
	if err != nil {
		panic("poster: a face that parsed does not load: " + err.Error()) // fonts.Load parsed it already
	}
	font.SetFeatures("-kern,-liga,-clig,-calt") // widths as measured: advances only
	cf := &canvasFace{font: font, restore: fonts.KeepTables(font.SFNT)}
	if len(canvasFonts) >= 2+maxUserFaces { // bounded as the user faces are
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

// MaxPixels bounds a PNG: 150 million pixels take 600 MB to draw, and
// hold A0 at 300 dpi.
const MaxPixels = 150_000_000

// canvasLock serialises drawing with the shared fonts: the PDF writer
// subsets a font by changing it, so two renders must not use one font at
// once (the race detector caught it).
var canvasLock sync.Mutex

// writeCanvas draws the poster on its paper and writes it as PDF or PNG.
func (m *model) writeCanvas(w io.Writer, l *layout) error {
	canvasLock.Lock()
	defer canvasLock.Unlock()
	defer restoreFonts()
	W, H := m.pageSize(l)
	_, pw, ph, err := paperFor(m.opt, W, H)
	if err != nil {
		return err
	}
	s := min(pw/W, ph/H) // millimetres a point, the whole poster on the paper
	c := canvas.New(pw, ph)
	ctx := canvas.NewContext(c)
	ctx.SetCoordSystem(canvas.CartesianIV)
	ctx.SetFillColor(canvas.White)
	ctx.DrawPath(0, 0, canvas.Rectangle(pw, ph))
	p := &canvasPainter{ctx: ctx, fonts: m.measure.fonts, s: s, ox: (pw - W*s) / 2, oy: (ph - H*s) / 2}
	m.draw(p, l)
	if m.opt.Format == PNG {
		dpi := m.opt.DPI
		if dpi <= 0 {
			dpi = 150
		}
		wpx, hpx := math.Ceil(pw/25.4*float64(dpi)), math.Ceil(ph/25.4*float64(dpi))
		if wpx*hpx > MaxPixels {
			return fmt.Errorf("%w: a PNG of %.0f × %.0f pixels at %d dpi; the limit is %d million pixels: pick a lower DPI or a smaller paper", ErrTooLarge, wpx, hpx, dpi, MaxPixels/1_000_000)
		}
		img := rasterizer.Draw(c, canvas.DPI(float64(dpi)), canvas.DefaultColorSpace)
		// Fastest compression: the filter and deflate of a poster of
		// millions of pixels took two thirds of the render at the default.
		return (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(w, img)
	}
	var buf bytes.Buffer
	doc := pdf.New(&buf, c.W, c.H, nil)
	title, _ := m.titles()
	doc.SetInfo(title, "", "", "", pdfCreator)
	doc.SetLang(m.opt.Lang)
	c.RenderTo(doc)
	if err := doc.Close(); err != nil {
		return err
	}
	out, err := fixPDF(buf.Bytes(), m.opt.Lang)
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}

package poster

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/peakend/peakend/blueprint/poster/internal/canvaspaint"
	"github.com/tdewolff/canvas"
	"golang.org/x/image/font/gofont/goregular"
)

// The posters whose texts must fit: both examples and a fixture of
// long labels in English and Chinese.
var fitCases = map[string]string{
	"hall":      examples["hall"],
	"complaint": examples["complaint"],
	"long":      "testdata/long-labels.yaml",
}

// laidOut returns a poster's model and layout.
func laidOut(t *testing.T, path string, opt Options) (*model, *layout) {
	t.Helper()
	m, err := prepare(context.Background(), load(t, path), opt)
	if err != nil {
		t.Fatal(err)
	}
	l, err := m.layout(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return m, l
}

// shapeRecorder keeps the rectangles and texts a poster draws.
type shapeRecorder struct {
	textRecorder
	rects []rectShape
	at    []placedText
}

type rectShape struct{ x, y, w, h float64 }

type placedText struct {
	x, y, size float64
	bold       bool
	centred    bool
	s          string
}

func (r *shapeRecorder) Rect(x, y, w, h, _ float64, _, _ string, _ float64, _ string, _ map[string]string) {
	r.rects = append(r.rects, rectShape{x, y, w, h})
}

func (r *shapeRecorder) Text(x, y, size float64, _ string, bold, centred bool, s string, _ string) {
	r.at = append(r.at, placedText{x, y, size, bold, centred, s})
}

// container is the smallest rectangle holding the point, or the page.
func container(rects []rectShape, x, y, W, H float64) rectShape {
	best := rectShape{0, 0, W, H}
	for _, r := range rects {
		if x >= r.x && x <= r.x+r.w && y >= r.y && y <= r.y+r.h && r.w*r.h < best.w*best.h {
			best = r
		}
	}
	return best
}

// The glyphs' vertical extent in ems about the baseline (Noto Sans SC's
// ideographs: 0.88 above, 0.12 below).
const ascent, descent = 0.88, 0.12

// In PDF and PNG every text, as tdewolff/canvas shapes it in the faces
// that draw it, is as wide as the poster measured it and lies inside
// its shape.
func TestTextFitsInPDFAndPNG(t *testing.T) {
	for name, path := range fitCases {
		for _, lang := range []string{"zh", "en"} {
			m, l := laidOut(t, path, Options{Lang: lang, Format: PDF})
			var rec shapeRecorder
			m.draw(&rec, l)
			W, H := m.pageSize(l)
			canvaspaint.Lock()
			for _, p := range rec.at {
				drawn := 0.0 // in points, as canvas shapes it
				for _, run := range m.measure.fonts.Runs(p.s, p.bold) {
					face := canvaspaint.Font(run.Face).Face(p.size, canvas.Black) // a poster point is a point; widths in mm
					drawn += face.TextWidth(run.Text) / mmPerPt
				}
				measured := m.measure.width(p.s, p.size, p.bold)
				if math.Abs(drawn-measured) > 0.01 {
					t.Errorf("%s %s: %q drawn %.2f pt wide, measured %.2f", name, lang, p.s, drawn, measured)
				}
				x0 := p.x
				if p.centred {
					x0 -= measured / 2
				}
				c := container(rec.rects, x0+0.5, p.y-0.3*p.size, W, H)
				if x0 < c.x-0.5 || x0+drawn > c.x+c.w+0.5 || p.y-ascent*p.size < c.y-0.5 || p.y+descent*p.size > c.y+c.h+0.5 {
					t.Errorf("%s %s: %q (%.1f..%.1f × %.1f..%.1f) overflows its shape (%.1f..%.1f × %.1f..%.1f)", name, lang, p.s,
						x0, x0+drawn, p.y-ascent*p.size, p.y+descent*p.size, c.x, c.x+c.w, c.y, c.y+c.h)
				}
			}
			canvaspaint.Unlock()
		}
	}
}

// fitScript runs in the page: once the fonts have loaded, it checks that
// every text the browser draws is as long as the poster measured it
// (expected, in document order) and lies inside the smallest rectangle
// holding its start, and that its outlines lie where the text does.
const fitScript = `
document.fonts.ready.then(() => {
  const out = {fonts: [...document.fonts].map(f => f.family + ":" + f.status), problems: [], texts: 0};
  const svg = document.querySelector("svg");
  const rects = [...svg.querySelectorAll("rect")].map(r => r.getBBox());
  const texts = [...svg.querySelectorAll("text")];
  out.texts = texts.length;
  texts.forEach((t, i) => {
    const b = t.getBBox(), size = parseFloat(t.getAttribute("font-size"));
    const len = t.getComputedTextLength();
    if (Math.abs(len - expected[i]) > 0.5) out.problems.push("length " + len.toFixed(2) + " ≠ measured " + expected[i].toFixed(2) + ": " + t.textContent);
    const x = b.x + 0.5, y = parseFloat(t.getAttribute("y")) - 0.3 * size;
    let c = null;
    for (const r of rects) if (x >= r.x && x <= r.x + r.width && y >= r.y && y <= r.y + r.height && (!c || r.width * r.height < c.width * c.height)) c = r;
    const top = parseFloat(t.getAttribute("y")) - 0.88 * size, bottom = parseFloat(t.getAttribute("y")) + 0.12 * size;
    if (!c || b.x < c.x - 0.5 || b.x + len > c.x + c.width + 0.5 || top < c.y - 0.5 || bottom > c.y + c.height + 0.5)
      out.problems.push("overflows its shape: " + t.textContent);
    const g = t.previousElementSibling.getBBox();
    if (g.width > 0 && (g.x < b.x - 0.2 * size || g.x + g.width > b.x + len + 0.2 * size)) out.problems.push("outlines away from the text: " + t.textContent);
  });
  document.getElementById("result").textContent = JSON.stringify(out);
});`

// In headless Chromium with no CJK font, every text of the SVG is
// drawn in the faces it carries, as long as the poster measured it, and
// inside its shape.
func TestSVGTextFitsInChromium(t *testing.T) {
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium is not installed (.ci/run installs it)")
	}
	// A font configuration of one Latin font, Go's own: no CJK font at
	// all. (With no font whatever, Chromium loads no web font either.)
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "fonts"), 0o755)
	os.WriteFile(filepath.Join(dir, "fonts", "Go-Regular.ttf"), goregular.TTF, 0o644)
	noFonts := filepath.Join(dir, "fonts.conf")
	os.WriteFile(noFonts, []byte(`<?xml version="1.0"?><fontconfig><dir>`+dir+`/fonts</dir><cachedir>`+dir+`/cache</cachedir></fontconfig>`), 0o644)
	for name, path := range fitCases {
		for _, lang := range []string{"zh", "en"} {
			t.Run(name+"-"+lang, func(t *testing.T) {
				m, l := laidOut(t, path, Options{Lang: lang})
				var svg bytes.Buffer
				if err := m.writeSVG(&svg, l, m.allText(l)); err != nil {
					t.Fatal(err)
				}
				var rec shapeRecorder
				m.draw(&rec, l)
				expected := make([]float64, len(rec.at))
				for i, p := range rec.at {
					expected[i] = m.measure.width(p.s, p.size, p.bold)
				}
				js, _ := json.Marshal(expected)
				page := filepath.Join(dir, name+"-"+lang+".html")
				doc := "<!doctype html><meta charset=utf-8><body style=margin:0>" +
					strings.TrimPrefix(svg.String(), `<?xml version="1.0" encoding="UTF-8"?>`) +
					"<pre id=result></pre><script>const expected = " + string(js) + ";" + fitScript + "</script>"
				os.WriteFile(page, []byte(doc), 0o644)
				cmd := exec.Command(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir="+filepath.Join(dir, "profile"),
					"--virtual-time-budget=20000", "--dump-dom", "file://"+page)
				cmd.Env = append(os.Environ(), "FONTCONFIG_FILE="+noFonts)
				dom, err := cmd.Output()
				if err != nil {
					t.Fatalf("chromium: %v", err)
				}
				match := regexp.MustCompile(`<pre id="result">(.*?)</pre>`).FindSubmatch(dom)
				if match == nil || len(match[1]) == 0 {
					t.Fatalf("the page gave no result:\n%.2000s", dom)
				}
				var out struct {
					Fonts    []string
					Problems []string
					Texts    int
				}
				if err := json.Unmarshal([]byte(html.UnescapeString(string(match[1]))), &out); err != nil {
					t.Fatal(err)
				}
				for _, f := range out.Fonts {
					if !strings.HasSuffix(f, ":loaded") {
						t.Errorf("font %s", f)
					}
				}
				if out.Texts != len(expected) {
					t.Errorf("%d texts in the browser, %d drawn", out.Texts, len(expected))
				}
				for _, p := range out.Problems {
					t.Error(p)
				}
			})
		}
	}
}

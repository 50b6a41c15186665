package report_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/peakend/peakend/mot/report"
)

var (
	update      = flag.Bool("update", false, "rewrite the golden screenshots in testdata")
	screenshots = flag.String("screenshots", "", "also write each page's full-size screenshot to `DIR`, to look at")
)

// chromium finds the browser: $CHROMIUM or Debian's; "" when there is
// none (a file that is empty or not executable, as on the bare machine
// of CI, is none).
func chromium() string {
	for _, p := range []string{os.Getenv("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p == "" {
			continue
		}
		if info, err := os.Stat(p); err == nil && info.Mode().IsRegular() && info.Mode()&0o111 != 0 && info.Size() > 0 {
			return p
		}
	}
	return ""
}

// overflowScript lists the elements of the pages that stick out of their
// container (an SVG's parts out of their SVG), more than a pixel, and
// whether the document is wider than the window.
const overflowScript = `(() => {
  const bad = [];
  const inside = (c, p) => c.left >= p.left - 1 && c.right <= p.right + 1 && c.top >= p.top - 1 && c.bottom <= p.bottom + 1;
  for (const el of document.querySelectorAll('section.page *')) {
    if (el.closest('defs') || el.closest('title')) continue;
    const c = el.getBoundingClientRect();
    if (c.width === 0 && c.height === 0) continue;
    const box = (el instanceof SVGElement && el.ownerSVGElement) ? el.ownerSVGElement : el.parentElement;
    if (!inside(c, box.getBoundingClientRect())) {
      const b = box.getBoundingClientRect(), r = v => Math.round(v);
      bad.push(el.tagName + (el.getAttribute('class') ? '.' + el.getAttribute('class') : '') + ' "' + (el.textContent || '').slice(0, 40) + '" [' +
        [c.left, c.top, c.right, c.bottom].map(r) + '] in [' + [b.left, b.top, b.right, b.bottom].map(r) + ']');
    }
  }
  if (document.documentElement.scrollWidth > window.innerWidth) bad.push('document ' + document.documentElement.scrollWidth + 'px wide');
  return bad;
})()`

// chartsScript lists the charts that lack a title or labelled axes.
const chartsScript = `(() => {
  const bad = [];
  const charts = document.querySelectorAll('svg.chart');
  for (const svg of charts) {
    const title = svg.querySelector(':scope > title');
    const labels = svg.querySelectorAll('text.axis-label');
    if (!title || !title.textContent.trim()) bad.push(svg.getAttribute('class') + ': no title');
    if (labels.length === 0 || [...labels].some(l => !l.textContent.trim())) bad.push(svg.getAttribute('class') + ': axes unlabelled');
  }
  return [charts.length, bad];
})()`

// TestInChromium opens the service hall's report in headless Chromium:
// at 1280 px and as printed, no element overflows its container; every
// chart has a title and labelled axes; the printed PDF has the overview
// and one page per journey; and each page looks as its golden
// screenshot (testdata/page-N.png, at half size), within a tolerance.
func TestInChromium(t *testing.T) {
	exe := chromium()
	if exe == "" {
		t.Skip("chromium not found (/usr/bin/chromium or $CHROMIUM): the browser test needs it; .ci/run installs it")
	}
	if testing.Short() {
		t.Skip("starts Chromium")
	}
	for _, lang := range []string{"en", "zh"} {
		t.Run(lang, func(t *testing.T) {
			d := hallData(t, 5000, lang)
			path := filepath.Join(t.TempDir(), "report.html")
			if err := os.WriteFile(path, []byte(html(t, d)), 0o644); err != nil {
				t.Fatal(err)
			}
			browse(t, exe, path, d, lang)
		})
	}
}

func browse(t *testing.T, exe, path string, d *report.Data, lang string) {
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox,
		chromedp.Flag("hide-scrollbars", true), chromedp.Flag("font-render-hinting", "none"), chromedp.WindowSize(1280, 1000))
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	ctx, cancelCtx := chromedp.NewContext(ctx)
	defer cancelCtx()

	pages := len(d.Journeys) + 1
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 1000), chromedp.Navigate("file://"+path)); err != nil {
		t.Fatal(err)
	}
	overflow, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](overflowScript))
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range overflow {
		t.Errorf("at 1280 px: %s overflows its container", o)
	}
	charts, err := chromedp.Run(ctx, chromedp.Evaluate[[]any](chartsScript))
	if err != nil {
		t.Fatal(err)
	}
	if n := int(charts[0].(float64)); n != 3+4*len(d.Journeys) {
		t.Errorf("%d charts, want %d", n, 3+4*len(d.Journeys))
	}
	for _, b := range charts[1].([]any) {
		t.Errorf("chart %v", b)
	}
	shots := make([][]byte, pages)
	for i := range shots {
		shots[i], err = chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS(fmt.Sprintf("section.page:nth-of-type(%d)", i+1))))
		if err != nil {
			t.Fatal(err)
		}
	}

	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	// A4's width less the margins, at 96 px an inch.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(718, 1000)); err != nil {
		t.Fatal(err)
	}
	printOverflow, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](overflowScript))
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize(), chromedp.PDFPrintBackground()))
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range printOverflow {
		t.Errorf("printed: %s overflows its container", o)
	}
	if n := pdfPages(pdf); n != pages {
		t.Errorf("the printed PDF has %d pages, want %d (the overview and one per journey)", n, pages)
	}
	for i, shot := range shots {
		name := fmt.Sprintf("page-%s-%d.png", lang, i+1)
		if *screenshots != "" {
			os.WriteFile(filepath.Join(*screenshots, name), shot, 0o644)
			os.WriteFile(filepath.Join(*screenshots, "report-"+lang+".pdf"), pdf, 0o644)
		}
		compareGolden(t, name, shot)
	}
}

// pdfPages counts the page objects of a PDF as Chromium writes it
// (uncompressed page dictionaries); pdfinfo, where installed, must agree.
func pdfPages(pdf []byte) int {
	n := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1))
	if exe, err := exec.LookPath("pdfinfo"); err == nil {
		cmd := exec.Command(exe, "-")
		cmd.Stdin = bytes.NewReader(pdf)
		if out, err := cmd.Output(); err == nil {
			if m := regexp.MustCompile(`Pages:\s+(\d+)`).FindSubmatch(out); m != nil {
				var p int
				fmt.Sscan(string(m[1]), &p)
				if p != n {
					return -p
				}
			}
		}
	}
	return n
}

// compareGolden compares a screenshot, at half size, with its golden
// file: the same size, and at most 0.5% of the pixels differing by more
// than a quarter of the range (font rasterising differs a little
// between builds of Chromium).
func compareGolden(t *testing.T, name string, shot []byte) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatal(err)
	}
	half := halve(img)
	golden := filepath.Join("testdata", name)
	if *update {
		var b bytes.Buffer
		if err := png.Encode(&b, half); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	f, err := os.Open(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to write it)", err)
	}
	defer f.Close()
	want, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if half.Bounds() != want.Bounds() {
		t.Errorf("%s: %v, golden %v", name, half.Bounds().Size(), want.Bounds().Size())
		return
	}
	differ := 0
	r := half.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if grayDiff(half.GrayAt(x, y), want.At(x, y)) > 64 {
				differ++
			}
		}
	}
	if share := float64(differ) / float64(r.Dx()*r.Dy()); share > 0.005 {
		t.Errorf("%s: %.2f%% of pixels differ from the golden screenshot (run with -update if the change is meant)", name, 100*share)
	}
}

func grayDiff(a color.Gray, b color.Color) int {
	g := color.GrayModel.Convert(b).(color.Gray)
	d := int(a.Y) - int(g.Y)
	if d < 0 {
		d = -d
	}
	return d
}

// halve averages 2×2 blocks into one grey pixel: small goldens, and a
// comparison that a sub-pixel shift does not upset.
func halve(img image.Image) *image.Gray {
	r := img.Bounds()
	out := image.NewGray(image.Rect(0, 0, r.Dx()/2, r.Dy()/2))
	for y := 0; y < r.Dy()/2; y++ {
		for x := 0; x < r.Dx()/2; x++ {
			sum := 0
			for _, p := range [][2]int{{0, 0}, {1, 0}, {0, 1}, {1, 1}} {
				sum += int(color.GrayModel.Convert(img.At(r.Min.X+2*x+p[0], r.Min.Y+2*y+p[1])).(color.Gray).Y)
			}
			out.SetGray(x, y, color.Gray{uint8(sum / 4)})
		}
	}
	return out
}

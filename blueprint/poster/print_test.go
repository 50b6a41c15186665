package poster

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image/png"
	"io/fs"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/peakend/peakend/blueprint"
)

func TestPDF(t *testing.T) {
	b := load(t, examples["hall"])
	pdf := render(t, b, Options{Format: PDF, Date: "2026-11-23"})
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", pdf[:20])
	}
	// A second later: the PDF writer stamps times into the document and
	// into each embedded font, which the poster fixes.
	time.Sleep(1100 * time.Millisecond)
	if again := render(t, b, Options{Format: PDF, Date: "2026-11-23"}); !bytes.Equal(pdf, again) {
		t.Error("two PDF renders a second apart differ")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("poppler-utils is not installed (.ci/run installs it)")
	}
	path := t.TempDir() + "/hall.pdf"
	os.WriteFile(path, pdf, 0o644)
	text, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"沟通100服务营销厅", "业务办理结果", "峰值", "终点", "互动分界线", "体验辅导时长"} {
		if !strings.Contains(string(text), want) {
			t.Errorf("pdftotext does not give back %q", want)
		}
	}
	info, err := exec.Command("pdfinfo", path).CombinedOutput()
	if err != nil || bytes.Contains(info, []byte("Error")) {
		t.Errorf("pdfinfo finds the PDF broken: %v\n%s", err, info)
	}
	if !bytes.Contains(pdf, []byte("/Lang(zh)")) || !strings.Contains(string(info), "Title:           沟通100服务营销厅") {
		t.Errorf("the PDF lacks its /Lang or /Title:\n%s", info)
	}
	if !strings.Contains(string(info), "Pages:           1") || !strings.Contains(string(info), "(A2)") {
		t.Errorf("pdfinfo:\n%s", info)
	}
	fonts, _ := exec.Command("pdffonts", path).Output()
	for _, line := range strings.Split(string(fonts), "\n")[2:] {
		if line != "" && !strings.Contains(line, "yes yes") {
			t.Errorf("a font is not embedded as a subset: %s", line)
		}
	}
}

func TestPNG(t *testing.T) {
	src := render(t, load(t, examples["complaint"]), Options{Format: PNG, Paper: "A4", Landscape: true, DPI: 100})
	img, err := png.Decode(bytes.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	// A4 landscape at 100 dpi: 297 × 210 mm.
	if w, h := img.Bounds().Dx(), img.Bounds().Dy(); w < 1168 || w > 1170 || h < 826 || h > 828 {
		t.Errorf("%d × %d pixels, want A4 landscape at 100 dpi, 1169 × 827", w, h)
	}
	// Something is drawn in the peak's red, and in the text's near-black.
	var red, dark int
	for y := 0; y < img.Bounds().Dy(); y += 2 {
		for x := 0; x < img.Bounds().Dx(); x += 2 {
			r, g, b, _ := img.At(x, y).RGBA()
			if r>>8 > 180 && g>>8 < 80 && b>>8 < 80 {
				red++
			}
			if r>>8 < 40 && g>>8 < 40 && b>>8 < 40 {
				dark++
			}
		}
	}
	if red < 50 || dark < 500 {
		t.Errorf("the PNG looks empty: %d red and %d dark pixels sampled", red, dark)
	}
}

func TestMissingGlyphIsAnError(t *testing.T) {
	b := &blueprint.Blueprint{Version: 1, Scale: blueprint.DefaultScale, Stages: []blueprint.Stage{{ID: "s"}},
		Touchpoints: []blueprint.Touchpoint{{ID: "a", Stage: "s", Lane: blueprint.Customer, Name: blueprint.Text{"": "Unicorn \U0001F984"}}}}
	var buf bytes.Buffer
	for _, f := range []Format{SVG, PDF, PNG} {
		err := Render(context.Background(), &buf, b, Options{Format: f})
		if !errors.Is(err, ErrMissingGlyph) || !strings.Contains(err.Error(), "U+1F984") || !strings.Contains(err.Error(), "Unicorn") {
			t.Errorf("%v: want ErrMissingGlyph naming U+1F984 and its text, got %v", f, err)
		}
	}
	err := Render(context.Background(), &buf, load(t, examples["complaint"]), Options{Format: PNG, FontFile: "/nonexistent.ttf"})
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "/nonexistent.ttf") {
		t.Errorf("a missing font file: got %v", err)
	}
}

// PDF renders run concurrently too (the fonts are shared).
func TestConcurrentPDF(t *testing.T) {
	b := load(t, examples["complaint"])
	want := render(t, b, Options{Format: PDF})
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			if err := Render(context.Background(), &buf, b, Options{Format: PDF}); err != nil || !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("a concurrent PDF render: %v (equal: %v)", err, bytes.Equal(buf.Bytes(), want))
			}
		}()
	}
	wg.Wait()
}

// The SVG's paper is white to its edges: the page rectangle is the
// whole view box, and the drawing is centred on it.
func TestSVGPaperHasNoBands(t *testing.T) {
	src := string(render(t, load(t, examples["complaint"]), Options{Paper: "A4"}))
	vb := regexp.MustCompile(`viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"`).FindStringSubmatch(src)
	paper := regexp.MustCompile(`<rect class="paper" x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)" fill="#ffffff"/>`).FindStringSubmatch(src)
	if vb == nil || paper == nil || fmt.Sprint(vb[1:]) != fmt.Sprint(paper[1:]) {
		t.Errorf("view box %v, paper %v", vb, paper)
	}
}

// A wrapped line never parts a number from its label.
func TestWrapKeepsNumbersWithTheirLabels(t *testing.T) {
	set, err := fontSet("")
	if err != nil {
		t.Fatal(err)
	}
	m := measurer{set}
	for _, text := range []string{"信息同步渠道数 ≥" + nbsp + "5" + nbsp + "channels · 基准" + nbsp + "3", "Solved at first contact ≥" + nbsp + "70" + nbsp + "% · today" + nbsp + "55"} {
		for max := 40.0; max < 200; max += 3 {
			for _, line := range m.wrap(text, 11, max, false) {
				for _, bad := range []string{"基准", "today", "≥", "5", "55", "70", "3"} {
					if strings.HasSuffix(line, bad) && strings.Contains(text, bad+nbsp) {
						t.Errorf("width %v: a line ends at %q, parted from its number: %q", max, bad, line)
					}
				}
			}
		}
	}
}

// TestWrapKeepsChineseUnitsWhole: "3.5 分钟" never ends a line at "分".
func TestWrapKeepsChineseUnitsWhole(t *testing.T) {
	set, err := fontSet("")
	if err != nil {
		t.Fatal(err)
	}
	m := measurer{set}
	text := "体验辅导时长 ≤" + nbsp + quantity(3, "min", "zh") + " · 基准" + nbsp + quantity(3.5, "min", "zh") + "，信息同步渠道数 ≥" + nbsp + quantity(5, "channels", "zh")
	bare := strings.NewReplacer(" ", "", nbsp, "")
	for max := 80.0; max < 250; max += 2 { // narrower, "基准 3.5 分钟" alone is wider than a line and must break

		lines := m.wrap(text, 11, max, false)
		for _, line := range lines {
			for _, part := range []string{"分", "个", "个渠"} {
				if strings.HasSuffix(line, part) {
					t.Errorf("width %v: a line ends inside a unit: %q", max, line)
				}
			}
		}
		if got := strings.Join(lines, ""); bare.Replace(got) != bare.Replace(text) {
			t.Fatalf("width %v: wrapping changed the text: %q", max, got)
		}
	}
}

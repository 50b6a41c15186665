package poster

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/peakend/peakend/blueprint"
)

var update = flag.Bool("update", false, "rewrite the golden DOT files")

func load(t testing.TB, path string) *blueprint.Blueprint {
	t.Helper()
	b, err := blueprint.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var examples = map[string]string{
	"hall":      "../../examples/servicehall/hall.yaml",
	"complaint": "../../examples/complaint/complaint.yaml",
}

func render(t testing.TB, b *blueprint.Blueprint, opt Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(context.Background(), &buf, b, opt); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestGoldenDOT(t *testing.T) {
	for name, path := range examples {
		t.Run(name, func(t *testing.T) {
			got := render(t, load(t, path), Options{Format: DOT})
			golden := filepath.Join("testdata", name+".dot")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("DOT differs from %s (-want +got; go test -update to accept):\n%s", golden, diff)
			}
		})
	}
}

// svgDoc is what the structural checks read of an SVG.
type svgDoc struct {
	Width  string    `xml:"width,attr"`
	Height string    `xml:"height,attr"`
	Paper  string    `xml:"data-paper,attr"`
	Font   string    `xml:"font-family,attr"`
	Groups []svgNode `xml:"g"`
}

type svgNode struct {
	Class      string    `xml:"class,attr"`
	Touchpoint string    `xml:"data-touchpoint,attr"`
	Line       string    `xml:"data-line,attr"`
	Text       []svgText `xml:"text"`
	Children   []svgNode `xml:",any"`
	Texts      []string  `xml:"-"` // of Text, with no-break spaces as spaces
}

// svgText is a text element: its characters, or its runs of one face.
type svgText struct {
	Chars string   `xml:",chardata"`
	Spans []string `xml:"tspan"`
}

func (n svgNode) walk(f func(svgNode)) {
	f(n)
	for _, c := range n.Children {
		c.walk(f)
	}
}

func parseSVG(t *testing.T, src []byte) (doc svgDoc, all []svgNode) {
	t.Helper()
	if err := xml.Unmarshal(src, &doc); err != nil {
		t.Fatalf("the SVG is not well-formed XML: %v", err)
	}
	for _, g := range doc.Groups {
		g.walk(func(n svgNode) {
			for _, t := range n.Text {
				n.Texts = append(n.Texts, strings.ReplaceAll(t.Chars+strings.Join(t.Spans, ""), nbsp, " "))
			}
			all = append(all, n)
		})
	}
	return doc, all
}

func TestSVGShowsTheBlueprint(t *testing.T) {
	b := load(t, examples["hall"])
	src := render(t, b, Options{Lang: "zh"})
	doc, nodes := parseSVG(t, src)
	drawn := map[string]string{}
	lines := map[string]bool{}
	for _, n := range nodes {
		if n.Touchpoint != "" {
			drawn[n.Touchpoint] = n.Class
		}
		if n.Line != "" {
			lines[n.Line] = true
		}
	}
	for _, tp := range b.Touchpoints {
		if _, ok := drawn[tp.ID]; !ok {
			t.Errorf("touchpoint %s is not drawn", tp.ID)
		}
	}
	for id, want := range map[string]string{"counter-result": "peak", "data-trial": "peak", "phone-purchase": "peak", "leave": "end"} {
		if !strings.Contains(drawn[id], want) {
			t.Errorf("%s drawn as %q, want it marked %s", id, drawn[id], want)
		}
	}
	for _, l := range blueprint.Lines() {
		if !lines[l.Name] {
			t.Errorf("the line of %s is not drawn", l.Name)
		}
	}
	var texts []string
	for _, n := range nodes {
		texts = append(texts, n.Texts...)
	}
	all := strings.Join(texts, "\n")
	for _, want := range []string{"★ 峰值", "■ 终点", "◐ 等候 ≤ 10 分钟 (容忍 20 分钟)", "⚠ 失误点: 收费或办理错误", "体验辅导时长 ≤ 3 分钟", "基准 3.5 分钟", "互动分界线", "可视分界线", "内部互动线"} {
		if !strings.Contains(all, want) {
			t.Errorf("the poster lacks %q", want)
		}
	}
	if n := bytes.Count(src, []byte("@font-face{")); n != 2 {
		t.Errorf("%d @font-face rules, want 2: the regular and the bold face", n)
	}
	if !bytes.Contains(src, []byte("sans-serif;font-weight:700}")) {
		t.Errorf("no bold class with a fallback stack")
	}
	if doc.Paper != "A2" || doc.Width != "594mm" || doc.Height != "420mm" {
		t.Errorf("paper %s %s×%s, want the smallest that fits, A2 landscape", doc.Paper, doc.Width, doc.Height)
	}
}

// Every line of every box, measured as it is drawn, lies inside the box
// that Graphviz laid out.
func TestLabelsFitTheirBoxes(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		b := load(t, examples["hall"])
		set, err := fontSet("")
		if err != nil {
			t.Fatal(err)
		}
		m, err := newModel(b, Options{Lang: lang}, set)
		if err != nil {
			t.Fatal(err)
		}
		l, err := m.layout(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, bx := range m.boxes {
			p := l.nodes[bx.id]
			height := 2 * padY
			for _, line := range bx.lines {
				if w := m.lineWidth(line) + 2*padX; w > p.w+0.5 {
					t.Errorf("%s %s: %q is %.1f pt wide in a box of %.1f", lang, bx.tp.ID, line.text, w, p.w)
				}
				height += line.size * lineGap
			}
			if height > p.h+0.5 {
				t.Errorf("%s %s: %d lines need %.1f pt in a box %.1f high", lang, bx.tp.ID, len(bx.lines), height, p.h)
			}
		}
	}
}

// Whatever a document says comes out as text, in DOT and SVG alike.
func TestTextComesOutLiterally(t *testing.T) {
	nasty := []string{`<script>alert(1)</script>`, `" onload="x`, `\N \G \l \n`, `a & b < c > d`, "two\nlines", `<b>bold</b>`, `{x|y}`}
	b := &blueprint.Blueprint{Version: 1, Scale: blueprint.DefaultScale, Name: blueprint.Text{"": nasty[0]},
		Stages: []blueprint.Stage{{ID: "s", Name: blueprint.Text{"": nasty[1]}}}}
	for i, text := range nasty {
		b.Touchpoints = append(b.Touchpoints, blueprint.Touchpoint{ID: fmt.Sprintf("t%d", i), Stage: "s", Lane: blueprint.Customer,
			Name: blueprint.Text{"": text}, Fail: blueprint.Text{"": text}})
	}
	src := render(t, b, Options{Lang: "en"})
	checkOnlyPosterMarkup(t, src)
	_, nodes := parseSVG(t, src)
	var texts []string
	for _, n := range nodes {
		texts = append(texts, n.Texts...)
	}
	all := strings.Join(texts, "\n")
	for _, text := range nasty {
		want := strings.Join(strings.Fields(text), " ")
		if !strings.Contains(all, want) {
			t.Errorf("%q is not shown literally", want)
		}
	}
	dot := render(t, b, Options{Format: DOT})
	if !bytes.Contains(dot, []byte(`\\N \\G \\l \\n`)) || !bytes.Contains(dot, []byte(`\" onload=\"x`)) {
		t.Errorf("Graphviz escapes are not neutralised in the DOT")
	}
}

func TestDeterministic(t *testing.T) {
	b := load(t, examples["hall"])
	for _, opt := range []Options{{}, {Lang: "en", Journey: "trial", Date: "2026-11-23"}, {Format: DOT}, {Format: PNG, DPI: 30}} {
		first := render(t, b, opt)
		if second := render(t, b, opt); !bytes.Equal(first, second) {
			t.Errorf("options %+v: two renders differ", opt)
		}
	}
}

// Sixteen goroutines render at once; -race checks the locking.
func TestConcurrentRenders(t *testing.T) {
	b := load(t, examples["hall"])
	want := render(t, b, Options{Lang: "en"})
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			if err := Render(context.Background(), &buf, b, Options{Lang: "en"}); err != nil {
				errs <- err
				return
			}
			if !bytes.Equal(buf.Bytes(), want) {
				errs <- errors.New("a concurrent render differs")
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestContext(t *testing.T) {
	b := load(t, examples["hall"])
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Render(ctx, io.Discard, b, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: got %v", err)
	}
	// A render cut short by its deadline leaves nothing behind: the next
	// one, of the same blueprint, gives the same poster as a first render.
	want := render(t, b, Options{})
	big := syntheticBlueprint(DefaultMaxTouchpoints)
	for _, timeout := range []time.Duration{time.Microsecond, time.Millisecond, 10 * time.Millisecond} {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		err := Render(ctx, io.Discard, big, Options{})
		cancel()
		if err != nil && !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("timeout %v: got %v", timeout, err)
		}
		if got := render(t, b, Options{}); !bytes.Equal(got, want) {
			t.Errorf("after a render cut short at %v, the poster differs", timeout)
		}
	}
}

func TestTooManyTouchpoints(t *testing.T) {
	b := &blueprint.Blueprint{Version: 1, Scale: blueprint.DefaultScale, Stages: []blueprint.Stage{{ID: "s"}}}
	for i := 0; i <= DefaultMaxTouchpoints; i++ {
		b.Touchpoints = append(b.Touchpoints, blueprint.Touchpoint{ID: fmt.Sprint(i), Stage: "s"})
	}
	start := time.Now()
	err := Render(context.Background(), io.Discard, b, Options{})
	if !errors.Is(err, ErrTooLarge) || time.Since(start) > time.Second {
		t.Errorf("2001 touchpoints: got %v after %v", err, time.Since(start))
	}
	small := load(t, examples["complaint"])
	if err := Render(context.Background(), io.Discard, small, Options{MaxTouchpoints: 5}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("MaxTouchpoints 5: got %v", err)
	}
}

// The DOT renders with native Graphviz without an error or a warning
// other than of fonts, when it is installed (.ci/run installs it): native
// Graphviz measures labels in whatever fonts its machine has, not in the
// poster's, so it may find a label wider than its box.
func TestNativeDot(t *testing.T) {
	dot, err := exec.LookPath("dot")
	if err != nil {
		t.Skip("native Graphviz is not installed (.ci/run installs it)")
	}
	for name, path := range examples {
		src := render(t, load(t, path), Options{Format: DOT, Journey: map[string]string{"hall": "counter", "complaint": ""}[name]})
		cmd := exec.Command(dot, "-Tsvg", "-o", os.DevNull)
		cmd.Stdin = bytes.NewReader(src)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		var other []string
		for _, line := range strings.Split(strings.TrimSpace(stderr.String()), "\n") {
			if line != "" && !fontWarning.MatchString(line) {
				other = append(other, line)
			}
		}
		if err != nil || len(other) > 0 {
			t.Errorf("%s: dot: %v\n%s", name, err, strings.Join(other, "\n"))
		}
	}
}

// fontWarning matches what native Graphviz says of its own fonts.
var fontWarning = regexp.MustCompile(`size too small for label|no hard-coded metrics|[Ff]ont(config)?\b.*(not found|could not)`)

// checkOnlyPosterMarkup fails on any element or attribute the poster
// does not write itself: text from a document can never add one.
func checkOnlyPosterMarkup(t *testing.T, src []byte) {
	t.Helper()
	elements := map[string]bool{"svg": true, "g": true, "rect": true, "text": true, "line": true, "path": true,
		"title": true, "style": true, "defs": true, "use": true, "tspan": true}
	attrs := map[string]bool{"xmlns": true, "width": true, "height": true, "viewBox": true, "font-family": true, "data-paper": true,
		"fill": true, "class": true, "x": true, "y": true, "font-size": true, "font-weight": true, "transform": true, "data-lane": true,
		"opacity": true, "data-line": true, "x1": true, "y1": true, "x2": true, "y2": true, "stroke": true, "stroke-width": true,
		"stroke-dasharray": true, "rx": true, "text-anchor": true, "d": true, "data-touchpoint": true,
		"xlink": true, "href": true, "id": true, "fill-opacity": true, "aria-hidden": true, "space": true}
	dec := xml.NewDecoder(bytes.NewReader(src))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed: %v", err)
		}
		if el, ok := tok.(xml.StartElement); ok {
			if !elements[el.Name.Local] {
				t.Errorf("element <%s> in the SVG", el.Name.Local)
			}
			for _, a := range el.Attr {
				if !attrs[a.Name.Local] {
					t.Errorf("attribute %s on <%s>", a.Name.Local, el.Name.Local)
				}
			}
		}
	}
}

// Zero values and nonsense options get errors, never panics.
func TestZeroValuesGiveErrors(t *testing.T) {
	var buf bytes.Buffer
	hall := load(t, examples["hall"])
	for name, c := range map[string]struct {
		b    *blueprint.Blueprint
		opt  Options
		want error
	}{
		"nil blueprint":   {nil, Options{}, ErrInvalid},
		"empty blueprint": {&blueprint.Blueprint{}, Options{}, ErrInvalid},
		"unknown format":  {hall, Options{Format: Format(42)}, ErrUnknownFormat},
		"unknown paper":   {hall, Options{Paper: "B5"}, ErrUnknownPaper},
		"unknown journey": {hall, Options{Journey: "nope"}, ErrUnknownJourney},
		"A0 at 1200 dpi":  {hall, Options{Format: PNG, Paper: "A0", DPI: 1200}, ErrTooLarge},
	} {
		err := Render(context.Background(), &buf, c.b, c.opt)
		if !errors.Is(err, c.want) {
			t.Errorf("%s: got %v, want %v", name, err, c.want)
		}
	}
	if s := Format(42).String(); s != "Format(42)" {
		t.Errorf("Format(42).String() = %q", s)
	}
	if _, err := ParseFormat(""); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("ParseFormat(\"\"): %v", err)
	}
}

// The poster links no layout engine: no WebAssembly runtime starts in a
// program that imports it.
func TestNoLayoutEngineLinked(t *testing.T) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on the PATH")
	}
	out, err := exec.Command(goCmd, "list", "-deps", ".").Output()
	if err != nil {
		t.Skip("go list: ", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		if strings.Contains(dep, "wazero") || strings.Contains(dep, "go-graphviz") || strings.Contains(dep, "gonum") {
			t.Errorf("the poster links %s", dep)
		}
	}
}

// TestUnknownOptionsAreNamed holds that a bad paper or format fails
// before any work with an error callers can tell apart.
func TestUnknownOptionsAreNamed(t *testing.T) {
	b := load(t, examples["hall"])
	for name, c := range map[string]struct {
		opt  Options
		want error
	}{
		"paper A7":  {Options{Format: DOT, Paper: "A7"}, ErrUnknownPaper},
		"format 99": {Options{Format: Format(99)}, ErrUnknownFormat},
	} {
		err := Render(context.Background(), io.Discard, b, c.opt)
		if !errors.Is(err, c.want) {
			t.Errorf("%s: Render = %v, want %v", name, err, c.want)
		}
	}
	if _, err := ParseFormat("tiff"); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf(`ParseFormat("tiff") = %v, want ErrUnknownFormat`, err)
	}
}

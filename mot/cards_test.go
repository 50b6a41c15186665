package mot_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/mot"
)

func hall(t *testing.T) *blueprint.Blueprint {
	t.Helper()
	b, _, err := mot.Load("../examples/servicehall/hall.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestCardsHTML(t *testing.T) {
	b := hall(t)
	var buf bytes.Buffer
	if err := mot.WriteCardsHTML(&buf, b, "zh"); err != nil {
		t.Fatal(err)
	}
	html := buf.String()
	if n := strings.Count(html, `<section class="card">`); n != len(b.Cards) {
		t.Errorf("%d cards, want one per moment card, %d", n, len(b.Cards))
	}
	for _, want := range []string{"数据业务体验辅导", "≤ 3 分钟", "3.5 分钟", "≥ 5 个渠道", "3 个渠道", "≥ 100%", "营销专员", "<p>峰值：本次来访中感受最强烈的时刻", "<p>基准值：蓝图记录的当前测量值", "跟进", "峰值: 数据业务体验", "终值: 所有来厅目的", "page-break-after: always"} {
		if !strings.Contains(html, want) {
			t.Errorf("the cards lack %q", want)
		}
	}
}

// Text from the document comes out as text, never as markup.
func TestCardsEscapeTheDocument(t *testing.T) {
	src := []byte(`peakend: 1
roles: [{id: r, name: "<b onclick=x>boss</b>"}]
stages: [{id: s}]
touchpoints:
  - {id: a, stage: s, lane: customer, name: "<script>alert(1)</script>"}
journeys:
  - {id: j, steps: [a], peaks: [a]}
moments:
  a: {needs: ["*bold* | pipe"], actions: ["[link](javascript:x)"], owner: r, standards: [{name: T, max: 1}]}
`)
	b, err := blueprint.Parse("x.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	var html, md bytes.Buffer
	mot.WriteCardsHTML(&html, b, "en")
	mot.WriteCardsMarkdown(&md, b, "en")
	if strings.Contains(html.String(), "<script>") || strings.Contains(html.String(), "<b onclick") {
		t.Errorf("markup from the document in the HTML:\n%s", html.String())
	}
	for _, want := range []string{`\*bold\* \| pipe`, `\[link\](javascript:x)`, `\<script\>`} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("Markdown lacks the escaped %q:\n%s", want, md.String())
		}
	}
}

// The cards print one per page in a real browser: headless Chromium
// prints the HTML to PDF and the PDF has a page per card. .ci/run
// installs Chromium and poppler-utils; without them the test cannot run.
func TestCardsPrintOnePerPage(t *testing.T) {
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium is not installed (.ci/run installs it)")
	}
	pdfinfo, err := exec.LookPath("pdfinfo")
	if err != nil {
		t.Skip("pdfinfo (poppler-utils) is not installed (.ci/run installs it)")
	}
	b := hall(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "cards.html")
	f, err := os.Create(page)
	if err != nil {
		t.Fatal(err)
	}
	if err := mot.WriteCardsHTML(f, b, "zh"); err != nil {
		t.Fatal(err)
	}
	f.Close()
	pdf := filepath.Join(dir, "cards.pdf")
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--no-pdf-header-footer", "--print-to-pdf="+pdf, "file://"+page)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, out)
	}
	out, err := exec.Command(pdfinfo, pdf).Output()
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)$`).FindStringSubmatch(string(out))
	if m == nil {
		t.Fatalf("pdfinfo:\n%s", out)
	}
	if want := len(b.Cards); m[1] != strconv.Itoa(want) {
		t.Errorf("the cards print on %s pages, want one per card: %d", m[1], want)
	}
	if size := regexp.MustCompile(`Page size:\s+([\d.]+) x ([\d.]+) pts`).FindStringSubmatch(string(out)); size == nil || !strings.HasPrefix(size[1], "59") {
		t.Errorf("page size is not A4 (595 × 842 pt): %q", size)
	}
}

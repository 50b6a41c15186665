package poster

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestUnmeasuredPosterUnchanged: without measured values the service
// hall's poster is byte for byte what it was before they existed
// (testdata/hall-unmeasured.sha256 holds the SHA-256 of the SVG the
// command wrote then, in Chinese and English; -update rewrites it).
func TestUnmeasuredPosterUnchanged(t *testing.T) {
	golden := filepath.Join("testdata", "hall-unmeasured.sha256")
	var got strings.Builder
	for _, lang := range []string{"zh", "en"} {
		svg := render(t, load(t, examples["hall"]), Options{Lang: lang, Date: "2026-01-01"})
		fmt.Fprintf(&got, "%s %x\n", lang, sha256.Sum256(svg))
	}
	if *update {
		if err := os.WriteFile(golden, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got.String() != string(want) {
		t.Errorf("the poster without visits changed:\n got %s\nwant %s", got.String(), want)
	}
}

func hallMeasured() *Measured {
	return &Measured{Visits: 100, Min: 1, Max: 5, Touchpoints: map[string]MeasuredTouchpoint{
		"wait-seat":      {Ratings: 60, Mean: 2.2, Standards: map[string]MeasuredShare{"wait": {Measured: 60, Met: 0.5}}},
		"counter-result": {Ratings: 60, Mean: 3.9, PeakElsewhere: "wait-seat", PeakShare: 0.07, RivalShare: 0.35},
		"leave":          {Ratings: 100, Mean: 3.7},
	}}
}

// TestMeasuredPoster: each measured touchpoint shows its mean as a band
// as long as the mean is good, with the number; a measured standard its
// share; a disputed peak where the data put it; and the legend explains
// band and mark, in English and Chinese.
func TestMeasuredPoster(t *testing.T) {
	for _, c := range []struct{ lang, mean, share, elsewhere, shares, legend string }{ // the disputed line wraps
		{"en", "mean 2.20 (60 ratings)", "measured: 50% met (60)", "× data: the peak is mostly at", "(35% vs 7%)", "declared peak the data disagree with"},
		{"zh", "平均 2.20（60 个评分）", "实测达标 50%（60 次）", "× 数据：峰值多在 等候叫号（35%", "7%）", "数据不支持的声明峰值"},
	} {
		svg := string(render(t, load(t, examples["hall"]), Options{Lang: c.lang, Date: "2026-01-01", Measured: hallMeasured()}))
		text := strings.Join(regexp.MustCompile(`>([^<]+)</text>`).FindAllString(svg, -1), "\n")
		for _, want := range []string{c.mean, c.share, c.elsewhere, c.shares, c.legend} {
			if !strings.Contains(text, esc(want)) {
				t.Errorf("%s: the poster does not say %q", c.lang, want)
			}
		}
		bands := regexp.MustCompile(`<rect class="band" data-touchpoint="([^"]+)" x="[^"]+" y="[^"]+" width="([^"]+)"[^>]*/>\s*<rect class="band-mean" x="[^"]+" y="[^"]+" width="([^"]+)"`).FindAllStringSubmatch(svg, -1)
		if len(bands) != 3 {
			t.Fatalf("%s: %d bands, want 3 (one per measured touchpoint)", c.lang, len(bands))
		}
		for _, b := range bands {
			full, _ := strconv.ParseFloat(b[2], 64)
			mean, _ := strconv.ParseFloat(b[3], 64)
			want := (hallMeasured().Touchpoints[b[1]].Mean - 1) / 4
			if got := mean / full; got < want-0.01 || got > want+0.01 {
				t.Errorf("%s: %s's band is %.3f of the scale, want %.3f", c.lang, b[1], got, want)
			}
		}
	}
}

// TestMeasuredHigherIsWorse: on a pain scale a low mean is good, so its
// band is long.
func TestMeasuredHigherIsWorse(t *testing.T) {
	if g := goodness(&Measured{Min: 0, Max: 10, HigherIsWorse: true}, 2); g != 0.8 {
		t.Errorf("goodness of 2 on 0..10, higher worse: %g, want 0.8", g)
	}
	if g := goodness(&Measured{Min: 1, Max: 1}, 1); g != 0 {
		t.Errorf("a scale of no width: %g", g)
	}
}

package report

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/peakend/peakend/internal/fonts"
)

// fallbackFonts follow the embedded fonts, for a character they lack.
const fallbackFonts = `'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif`

// style is the report's style sheet. Each page is one printed A4 page;
// on screen the pages stack at up to 1240 px wide.
const style = `*{box-sizing:border-box}
html{background:#eee}
body{margin:0;font-family:peakend,` + fallbackFonts + `;color:#111;font-size:14px;line-height:1.4}
.page{background:#fff;max-width:1240px;margin:16px auto;padding:24px 32px;overflow:hidden}
h1{font-size:24px;margin:0 0 4px;font-weight:700}
h2{font-size:16px;margin:14px 0 4px;font-weight:700}
p,ul{margin:4px 0}
ul{padding-left:20px}
.meta{color:#444}
table{border-collapse:collapse;margin:6px 0}
td,th{border-bottom:1px solid #ccc;padding:2px 10px;text-align:left}
th{font-weight:700}
td.n{text-align:right;font-variant-numeric:tabular-nums}
svg.chart{display:block;width:100%;height:auto;margin:4px 0;font-family:peakend,` + fallbackFonts + `}
svg.patterns{position:absolute}
.row{display:flex;gap:12px}
.row>figure{flex:1 1 0;min-width:0}
figure{margin:0}
svg text{font-size:13px;fill:#111}
svg text.title{font-size:16px;font-weight:700}
svg text.axis-label{font-size:13px;font-weight:700}
svg text.axis-note{font-size:12px;font-style:normal}
svg text.small{font-size:12px}
svg text.value{font-size:12px}
.finding{margin:2px 0}
.disagrees{font-weight:700}
.nodata{font-size:18px;padding:24px 0}
@page{size:A4;margin:10mm}
@media print{html{background:#fff}.page{margin:0;padding:0;max-width:none;break-after:page;page-break-after:always}
.page:last-child{break-after:auto;page-break-after:auto}
svg.chart{break-inside:avoid}
body{font-size:11px}h1{font-size:18px}h2{font-size:13px;margin:6px 0 2px}}
`

// WriteHTML writes the report as one HTML file that needs nothing else:
// an overview page, then a page per journey, each one printed page. The
// charts are inline SVG, the text is in the embedded fonts (subsets of
// just the characters used, as @font-face data), and there is no
// script. Every name from the blueprint or the data is escaped.
func (d *Data) WriteHTML(w io.Writer) error {
	set, err := fonts.NewSet(nil)
	if err != nil {
		return err
	}
	words := wordsFor(d.Lang)
	var body bytes.Buffer
	body.WriteString(patterns)
	d.overview(&body, set, words)
	for i := range d.Journeys {
		d.journeyPage(&body, set, words, &d.Journeys[i])
	}
	faces, err := fontFaces(body.String(), d.Title+words.generated)
	if err != nil {
		return err
	}
	var out bytes.Buffer
	fmt.Fprintf(&out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width\">\n", esc(words.lang))
	fmt.Fprintf(&out, "<title>%s</title>\n<style>\n%s%s</style>\n</head>\n<body>\n", esc(d.Title+" · "+words.generated), faces, style)
	out.Write(body.Bytes())
	out.WriteString("</body>\n</html>\n")
	_, err = w.Write(out.Bytes())
	return err
}

// fontFaces returns the @font-face rules of the embedded regular and
// bold faces, each a subset of the characters of texts.
func fontFaces(texts ...string) (string, error) {
	faces, err := fonts.Default()
	if err != nil {
		return "", err
	}
	used := map[rune]bool{}
	for _, t := range texts {
		for _, r := range t {
			if r >= 0x20 {
				used[r] = true
			}
		}
	}
	runes := slices.Sorted(maps.Keys(used))
	var b strings.Builder
	for i, weight := range []string{"400", "700"} {
		rule, err := faces[i].FontFace("peakend", weight, runes)
		if err != nil {
			return "", fmt.Errorf("report: %w", err)
		}
		b.WriteString(rule)
	}
	return b.String(), nil
}

func (d *Data) overview(b *bytes.Buffer, set *fonts.Set, w *words) {
	b.WriteString(`<section class="page overview">` + "\n")
	fmt.Fprintf(b, "<h1>%s · %s</h1>\n", esc(d.Title), esc(w.generated))
	fmt.Fprintf(b, "<p class=\"meta\">%s", esc(fmt.Sprintf(w.visitsRead, d.Visits)))
	if d.Dates != nil {
		fmt.Fprintf(b, " · %s", esc(fmt.Sprintf(w.dates, d.Dates.From, d.Dates.To)))
	} else {
		fmt.Fprintf(b, " · %s", esc(w.noDates))
	}
	b.WriteString("</p>\n")
	fmt.Fprintf(b, "<h2>%s</h2>\n<ul class=\"files\">\n", esc(w.files))
	for _, f := range d.Files {
		fmt.Fprintf(b, "<li>%s</li>\n", esc(f))
	}
	b.WriteString("</ul>\n")
	fmt.Fprintf(b, "<table>\n<tr><th>%s</th><th>%s</th><th>%s</th></tr>\n", esc(w.journeyCol), esc(w.visitsCol), esc(w.meanPECol))
	for _, j := range d.Journeys {
		mean := "–"
		if !j.MeanPeakEnd.NA() {
			mean = fmt.Sprintf("%.2f", float64(j.MeanPeakEnd))
		}
		fmt.Fprintf(b, "<tr><td>%s</td><td class=\"n\">%d</td><td class=\"n\">%s</td></tr>\n", esc(j.Name), j.Visits, mean)
	}
	b.WriteString("</table>\n<div class=\"row\">\n")
	for i := range d.Journeys {
		fmt.Fprintf(b, "<figure>%s</figure>\n", peakEndChart(set, w, d.Scale, &d.Journeys[i]))
	}
	b.WriteString("</div>\n")
	d.unmatched(b, w)
	b.WriteString("</section>\n")
}

// unmatched lists the visits of purposes, and the touchpoints, the
// blueprint lacks: counted, with examples, never dropped unsaid.
func (d *Data) unmatched(b *bytes.Buffer, w *words) {
	fmt.Fprintf(b, "<h2>%s</h2>\n", esc(w.unmatched))
	if len(d.UnknownPurpose) == 0 && len(d.UnknownTouchpoint) == 0 {
		fmt.Fprintf(b, "<p>%s</p>\n", esc(w.allMatched))
		return
	}
	for _, group := range []struct {
		title  string
		counts []Count
	}{{w.unknownPurposes, d.UnknownPurpose}, {w.unknownTouchpoints, d.UnknownTouchpoint}} {
		if len(group.counts) == 0 {
			continue
		}
		fmt.Fprintf(b, "<p>%s</p>\n<ul class=\"unmatched\">\n", esc(group.title))
		for _, c := range group.counts {
			fmt.Fprintf(b, "<li>%s</li>\n", esc(fmt.Sprintf(w.example, c.Name, c.Visits, strings.Join(c.Examples, ", "))))
		}
		b.WriteString("</ul>\n")
	}
}

func (d *Data) journeyPage(b *bytes.Buffer, set *fonts.Set, w *words, j *Journey) {
	fmt.Fprintf(b, "<section class=\"page journey\" id=\"journey-%s\">\n", esc(j.ID))
	mean := "–"
	if !j.MeanPeakEnd.NA() {
		mean = fmt.Sprintf("%.2f", float64(j.MeanPeakEnd))
	}
	fmt.Fprintf(b, "<h1>%s</h1>\n<p class=\"meta\">%s · %s %s</p>\n", esc(j.Name), esc(fmt.Sprintf(w.visitsRead, j.Visits)), esc(w.meanPECol), mean)
	if j.Visits == 0 {
		fmt.Fprintf(b, "<p class=\"nodata\">%s</p>\n</section>\n", esc(w.noVisits))
		return
	}
	fmt.Fprintf(b, "<figure>%s</figure>\n", curveChart(set, w, d.Scale, j))
	fmt.Fprintf(b, "<figure>%s</figure>\n", sharesChart(set, w, j))
	fmt.Fprintf(b, "<h2>%s</h2>\n", esc(w.declaredVsFound))
	if len(j.Findings) == 0 {
		fmt.Fprintf(b, "<p>%s</p>\n", esc(w.noFindings))
	}
	for _, f := range j.Findings {
		fmt.Fprintf(b, "<p class=\"finding %s\">%s</p>\n", esc(f.Kind), esc(f.Text))
	}
	fmt.Fprintf(b, "<div class=\"row\">\n<figure>%s\n", leverChart(set, w, j))
	if d.Fit != nil && j.RankedBy == "remembered" {
		fmt.Fprintf(b, "<figcaption class=\"meta\">%s</figcaption>", esc(fmt.Sprintf(w.rankedByFit, d.Fit.R2, d.Fit.Visits)))
	} else {
		fmt.Fprintf(b, "<figcaption class=\"meta\">%s</figcaption>", esc(w.rankedByPeakEnd))
	}
	b.WriteString("</figure>\n")
	if len(j.Standards) == 0 {
		fmt.Fprintf(b, "<figure><h2>%s</h2>\n<p>%s</p></figure>\n", esc(w.standards), esc(w.noStandards))
	} else {
		fmt.Fprintf(b, "<figure>%s</figure>\n", standardsChart(set, w, j.Standards))
	}
	b.WriteString("</div>\n</section>\n")
}

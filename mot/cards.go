package mot

import (
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"

	"github.com/peakend/peakend/blueprint"
)

// A PrintCard is a moment card with what the wall needs besides: the
// journeys it is a peak or the end of.
type PrintCard struct {
	Card
	Roles []string // "peak of Counter business", "end of every journey", …
}

// Cards returns every moment card of the blueprint, in document order,
// in language lang.
func Cards(b *blueprint.Blueprint, lang string) []PrintCard {
	var out []PrintCard
	for _, m := range b.Cards {
		c := CardOf(b, m.Touchpoint, lang)
		if c == nil {
			continue
		}
		out = append(out, PrintCard{Card: *c, Roles: rolesOf(b, m.Touchpoint, lang)})
	}
	return out
}

func rolesOf(b *blueprint.Blueprint, id, lang string) []string {
	var peakOf, endOf []string
	for _, j := range b.Journeys {
		name := b.JourneyName(j.ID, lang)
		if slices.Contains(j.Peaks, id) {
			peakOf = append(peakOf, name)
		}
		if j.EndStep() == id {
			endOf = append(endOf, name)
		}
	}
	l := labelsFor(lang)
	var roles []string
	if len(peakOf) > 0 {
		roles = append(roles, l.peak+": "+strings.Join(peakOf, ", "))
	}
	switch {
	case len(endOf) > 0 && len(endOf) == len(b.Journeys) && len(b.Journeys) > 1:
		roles = append(roles, l.end+": "+l.everyJourney)
	case len(endOf) > 0:
		roles = append(roles, l.end+": "+strings.Join(endOf, ", "))
	}
	if len(roles) == 0 {
		roles = append(roles, l.key)
	}
	return roles
}

// labels are the card's headings in one language.
type labels struct {
	title, moment, needs, essentials, actions, owner, reminders, standards string
	target, baseline, peak, end, key, everyJourney                         string
}

// labelsFor returns the card's headings; those that are terms of the
// reports (target, baseline, peak, end, key moment) come from the
// vocabulary, so that a card and a report say them alike.
func labelsFor(lang string) labels {
	l := labels{"Moment-of-truth action card", "Moment", "Customer core needs", "Service essentials", "Actions", "Owner", "Key reminders", "Standards",
		"", "", "", "", "", "every journey"}
	if blueprint.IsChinese(lang) {
		l = labels{"关键时刻行动指引", "关键时刻", "客户核心需求", "服务要点指引", "详细描述", "责任人", "实施过程中的重点提示", "标准",
			"", "", "", "", "", "所有来厅目的"}
	}
	l.target, l.baseline, l.peak, l.end, l.key = heading(TermTarget, lang), heading(TermBaseline, lang), heading(TermPeak, lang), heading(TermEnd, lang), heading(TermKey, lang)
	return l
}

// cardLegend are the terms a card's legend explains.
var cardLegend = []Term{TermPeak, TermEnd, TermKey, TermTarget, TermBaseline}

// legendLines are the lines of the cards' legend in language lang.
func legendLines(lang string) []string {
	_, sep := legendWords(lang)
	var out []string
	for _, t := range cardLegend {
		out = append(out, heading(t, lang)+sep+t.Explain(lang))
	}
	return out
}

var tagLabels = map[string]map[string]string{
	"zh": {"tone": "定调", "diagnose": "诊断", "solve": "解决", "summarise": "总结", "follow-up": "跟进"},
	"en": {"tone": "tone", "diagnose": "diagnose", "solve": "solve", "summarise": "summarise", "follow-up": "follow-up"},
}

func tagLabel(lang, tag string) string {
	if blueprint.IsChinese(lang) {
		return tagLabels["zh"][tag]
	}
	return tagLabels["en"][tag]
}

// cardsPage is the HTML of the cards. Each card is one A4 page when
// printed; html/template escapes every text from the document.
var cardsPage = template.Must(template.New("cards").Funcs(template.FuncMap{
	// replaced per language in WriteCardsHTML
	"target":   Standard.TargetText,
	"baseline": func(s Standard) string { return s.BaselineIn("") },
	"tag":      func(tag string) string { return tag },
}).Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<title>{{.Title}}</title>
<style>
@page { size: A4; margin: 14mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Noto Sans", Arial, sans-serif; color: #222; margin: 0; }
.card { break-after: page; page-break-after: always; padding: 0; }
.card:last-child { break-after: auto; page-break-after: auto; }
header { border-bottom: 3px solid #333; margin-bottom: 8mm; }
header .kind { font-size: 11pt; color: #a33; font-weight: bold; }
h1 { font-size: 24pt; margin: 2mm 0 3mm; }
.blueprint { font-size: 10pt; color: #666; }
table { width: 100%; border-collapse: collapse; font-size: 11pt; }
th { text-align: left; vertical-align: top; width: 28%; background: #f2f2f2; padding: 3mm; border: 1px solid #bbb; }
td { vertical-align: top; padding: 3mm; border: 1px solid #bbb; }
ul, ol { margin: 0; padding-left: 5mm; }
li { margin-bottom: 1.5mm; }
.tag { font-size: 8pt; border: 1px solid #888; border-radius: 2mm; padding: 0 1.5mm; margin-left: 1mm; color: #555; white-space: nowrap; }
.standards td, .standards th { width: auto; text-align: left; }
.legend { margin-top: 6mm; font-size: 8pt; color: #555; }
.legend p { margin: 0 0 1mm; }
@media screen { .card { max-width: 182mm; margin: 10mm auto; padding: 10mm; box-shadow: 0 0 4mm #ccc; } }
</style>
</head>
<body>
{{- range .Cards}}
<section class="card">
<header>
<div class="blueprint">{{$.Title}} · {{$.L.title}}</div>
<div class="kind">{{range $i, $r := .Roles}}{{if $i}} · {{end}}{{$r}}{{end}}</div>
<h1>{{.Moment}}</h1>
</header>
<table>
<tr><th>{{$.L.needs}}</th><td><ul>{{range .Needs}}<li>{{.}}</li>{{end}}</ul></td></tr>
<tr><th>{{$.L.essentials}}</th><td><ul>{{range .Essentials}}<li>{{.}}</li>{{end}}</ul></td></tr>
<tr><th>{{$.L.actions}}</th><td><ol>{{range .Actions}}<li>{{.Text}}{{range .Tags}}<span class="tag">{{tag .}}</span>{{end}}</li>{{end}}</ol></td></tr>
<tr><th>{{$.L.owner}}</th><td>{{.Owner}}</td></tr>
<tr><th>{{$.L.reminders}}</th><td><ul>{{range .Reminders}}<li>{{.}}</li>{{end}}</ul></td></tr>
</table>
{{- if .Standards}}
<h2>{{$.L.standards}}</h2>
<table class="standards">
<tr><th>{{$.L.standards}}</th><th>{{$.L.target}}</th><th>{{$.L.baseline}}</th></tr>
{{- range .Standards}}
<tr><td>{{.Name}}</td><td>{{target .}}</td><td>{{baseline .}}</td></tr>
{{- end}}
</table>
{{- end}}
<footer class="legend">{{range $.Legend}}<p>{{.}}</p>{{end}}</footer>
</section>
{{- end}}
</body>
</html>
`))

// WriteCardsHTML writes the cards as one HTML page that prints one card
// per A4 page.
func WriteCardsHTML(w io.Writer, b *blueprint.Blueprint, lang string) error {
	if lang == "" {
		lang = b.Locale
	}
	t, err := cardsPage.Clone()
	if err != nil {
		return err
	}
	t.Funcs(template.FuncMap{
		"tag":      func(tag string) string { return tagLabel(lang, tag) },
		"target":   func(s Standard) string { return s.TargetIn(lang) },
		"baseline": func(s Standard) string { return s.BaselineIn(lang) },
	})
	return t.Execute(w, map[string]any{
		"Lang":   lang,
		"Title":  nameOr(b.Text(b.Name, lang), "peakend"),
		"L":      labelMap(labelsFor(lang)),
		"Cards":  Cards(b, lang),
		"Legend": legendLines(lang),
	})
}

func labelMap(l labels) map[string]string {
	return map[string]string{"title": l.title, "needs": l.needs, "essentials": l.essentials, "actions": l.actions,
		"owner": l.owner, "reminders": l.reminders, "standards": l.standards, "target": l.target, "baseline": l.baseline}
}

// WriteCardsMarkdown writes the cards as Markdown, one section a card.
func WriteCardsMarkdown(w io.Writer, b *blueprint.Blueprint, lang string) error {
	if lang == "" {
		lang = b.Locale
	}
	l := labelsFor(lang)
	fmt.Fprintf(w, "# %s · %s\n", mdText(nameOr(b.Text(b.Name, lang), "peakend")), l.title)
	for _, c := range Cards(b, lang) {
		fmt.Fprintf(w, "\n## %s\n\n*%s*\n", mdText(c.Moment), mdText(strings.Join(c.Roles, " · ")))
		list := func(title string, items []string, numbered bool) {
			fmt.Fprintf(w, "\n**%s**\n\n", title)
			for i, it := range items {
				if numbered {
					fmt.Fprintf(w, "%d. %s\n", i+1, mdText(it))
				} else {
					fmt.Fprintf(w, "- %s\n", mdText(it))
				}
			}
		}
		list(l.needs, c.Needs, false)
		list(l.essentials, c.Essentials, false)
		fmt.Fprintf(w, "\n**%s**\n\n", l.actions)
		for i, a := range c.Actions {
			fmt.Fprintf(w, "%d. %s", i+1, mdText(a.Text))
			for _, t := range a.Tags {
				fmt.Fprintf(w, " `%s`", tagLabel(lang, t))
			}
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "\n**%s**: %s\n", l.owner, mdText(c.Owner))
		list(l.reminders, c.Reminders, false)
		if len(c.Standards) > 0 {
			fmt.Fprintf(w, "\n| %s | %s | %s |\n|---|---|---|\n", l.standards, l.target, l.baseline)
			for _, s := range c.Standards {
				fmt.Fprintf(w, "| %s | %s | %s |\n", mdText(s.Name), mdText(s.TargetIn(lang)), mdText(s.BaselineIn(lang)))
			}
		}
	}
	heading, _ := legendWords(lang)
	fmt.Fprintf(w, "\n---\n\n**%s**\n\n", mdText(heading))
	for _, line := range legendLines(lang) {
		fmt.Fprintf(w, "- %s\n", mdText(line))
	}
	return nil
}

// mdText escapes what Markdown would read as markup — emphasis, code,
// links, HTML, table cells, and a heading or list at the start — and
// keeps a text on one line.
func mdText(s string) string {
	s = strings.TrimSpace(strings.NewReplacer("\r\n", " ", "\n", " ").Replace(s))
	var b strings.Builder
	for i, r := range s {
		if strings.ContainsRune("\\`*_[]<>|&", r) || (i == 0 && strings.ContainsRune("#+-=>", r)) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

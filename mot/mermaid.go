package mot

import (
	"fmt"
	"io"
	"math"
	"strings"
	"unicode"

	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/scoring"
)

// WriteMermaid writes each journey as a Mermaid journey diagram:
// sections are the stages the journey passes, tasks its steps, actors
// the customer and the step's owner. With a report of visits (from an
// Observer), a task's score is its touchpoint's mean rating mapped onto
// Mermaid's 1..5; without one, Mermaid still needs a score, and every
// task gets the neutral 3.
//
// Every text is written so that Mermaid shows it as written, whatever
// it holds: a name such as "Title deed check" or "%% peak" is neither a
// keyword nor a comment to Mermaid (see mermaidText).
func WriteMermaid(w io.Writer, b *blueprint.Blueprint, visits *Report, s scoring.Scale, lang string) error {
	customer := "Customer"
	if strings.HasPrefix(nameOr(lang, b.Locale), "zh") {
		customer = "客户"
	}
	var out strings.Builder
	for i := range b.Journeys {
		if i > 0 {
			out.WriteByte('\n')
		}
		writeMermaidJourney(&out, b, &b.Journeys[i], visits, s, lang, customer)
	}
	_, err := io.WriteString(w, out.String())
	return err
}

// writeMermaidJourney writes one journey's diagram, fenced for Markdown.
func writeMermaidJourney(out *strings.Builder, b *blueprint.Blueprint, j *blueprint.Journey, visits *Report, s scoring.Scale, lang, customer string) {
	fmt.Fprintf(out, "```mermaid\njourney\n    title %s\n", mermaidText(nameOr(b.Text(j.Name, lang), j.ID)))
	section := ""
	for _, step := range j.Steps {
		t, ok := b.Touchpoint(step)
		if !ok {
			continue
		}
		if t.Stage != section {
			section = t.Stage
			fmt.Fprintf(out, "    section %s\n", mermaidText(b.StageName(t.Stage, lang)))
		}
		actors := []string{customer}
		if t.Owner != "" {
			actors = append(actors, mermaidText(b.RoleName(t.Owner, lang)))
		}
		fmt.Fprintf(out, "      %s: %d: %s\n", mermaidText(b.TouchpointName(step, lang)), mermaidScore(visits, j.ID, step, s), strings.Join(actors, ", "))
	}
	out.WriteString("```\n")
}

// mermaidScore maps a touchpoint's mean rating in a journey onto 1..5.
func mermaidScore(r *Report, journey, tp string, s scoring.Scale) int {
	if r == nil {
		return 3
	}
	for _, j := range r.Journeys {
		if j.ID != journey {
			continue
		}
		for _, t := range j.Touchpoints {
			if t.ID == tp && !scoring.IsNA(t.MeanRating) {
				return scoreOf(t.MeanRating, s)
			}
		}
	}
	return 3
}

// scoreOf maps rating onto 1..5. The halves keep a scale as wide as
// float64 allows (-1e308..1.7e308) from overflowing to infinity; what
// still has no place on the scale is neutral, never an integer
// conversion of NaN.
func scoreOf(rating float64, s scoring.Scale) int {
	x := (rating/2 - s.Min/2) / (s.Max/2 - s.Min/2)
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 3
	}
	x = min(max(x, 0), 1)
	if s.HigherIsWorse {
		x = 1 - x
	}
	return int(math.Round(1 + 4*x))
}

// mermaidKeywords are the words Mermaid's journey lexer (journey.jison)
// matches, case-insensitively, at the start of a line before it tries a
// task name: "journey", "title ", "section ", "accTitle:", "accDescr:"
// and "accDescr{". A text that starts with one of them, even inside a
// longer word, gets its first letter written as an entity code.
var mermaidKeywords = []string{"journey", "title", "section", "acctitle", "accdescr"}

// mermaidText writes s as Mermaid text that reads back as s. Mermaid's
// lexer ends a name at '#', ':', ';' and a newline, ends a task's actors
// at ',', takes '%' at a name's start (or "%%" after its first
// character) as a comment and "%%{" anywhere as a directive, rewrites
// the attributes of anything that looks like an HTML tag, and reads its
// keywords at a line's start. Mermaid's own escape is an entity code:
// it turns "#35;" into "&#35;" in the SVG, which shows '#', before its
// lexer runs; so each of those characters is written as its entity
// code, and so are 'ﬂ' and '¶', lest text mimic the markers Mermaid
// turns the codes into ("ﬂ°°35¶ß"). A mermaid task keeps the spaces
// around its name, so they are trimmed (with U+FEFF, which Mermaid's
// lexer skips as a space), and a control character is a space. Checked
// against mermaid's own parser in TestMermaidParsesAsWritten.
func mermaidText(s string) string {
	s = strings.TrimFunc(strings.Map(controlToSpace, s), isMermaidSpace)
	if s == "" {
		return "-"
	}
	var b strings.Builder
	for i, r := range s {
		if i == 0 && startsWithKeyword(s) || strings.ContainsRune("#:;,%<>ﬂ¶", r) {
			fmt.Fprintf(&b, "#%d;", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func controlToSpace(r rune) rune {
	if unicode.IsControl(r) {
		return ' '
	}
	return r
}

// isMermaidSpace is a space to Go or to JavaScript's \s.
func isMermaidSpace(r rune) bool { return unicode.IsSpace(r) || r == '\uFEFF' }

// startsWithKeyword tells whether s starts with a keyword of Mermaid's
// journey grammar, in ASCII letters of either case (JavaScript's /i
// folds no other letter onto ASCII).
func startsWithKeyword(s string) bool {
	for _, k := range mermaidKeywords {
		if len(s) >= len(k) && asciiLower(s[:len(k)]) == k {
			return true
		}
	}
	return false
}

func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

package mot

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/scoring"
)

// WriteMermaid writes each journey as a Mermaid journey diagram:
// sections are the stages the journey passes, tasks its steps, actors
// the customer and the step's owner. With a report of visits (from an
// Observer), a task's score is its touchpoint's mean rating mapped onto
// Mermaid's 1..5; without one, Mermaid still needs a score, and every
// task gets the neutral 3.
func WriteMermaid(w io.Writer, b *blueprint.Blueprint, visits *Report, s scoring.Scale, lang string) error {
	customer := "Customer"
	if strings.HasPrefix(nameOr(lang, b.Locale), "zh") {
		customer = "客户"
	}
	for i, j := range b.Journeys {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "```mermaid\njourney\n    title %s\n", mermaidText(nameOr(b.Text(j.Name, lang), j.ID), "#;"))
		section := ""
		for _, step := range j.Steps {
			t, ok := b.Touchpoint(step)
			if !ok {
				continue
			}
			if t.Stage != section {
				section = t.Stage
				fmt.Fprintf(w, "    section %s\n", mermaidText(b.StageName(t.Stage, lang), "#:;"))
			}
			actors := []string{customer}
			if t.Owner != "" {
				actors = append(actors, mermaidText(b.RoleName(t.Owner, lang), "#:;,"))
			}
			fmt.Fprintf(w, "      %s: %d: %s\n", mermaidText(b.TouchpointName(step, lang), "#:;"), mermaidScore(visits, j.ID, step, s), strings.Join(actors, ", "))
		}
		fmt.Fprintln(w, "```")
	}
	return nil
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
				x := (t.MeanRating - s.Min) / (s.Max - s.Min)
				if s.HigherIsWorse {
					x = 1 - x
				}
				return int(math.Round(1 + 4*x))
			}
		}
	}
	return 3
}

// mermaidText replaces the characters Mermaid's journey grammar ends a
// name at with their full-width forms, and newlines with spaces, so
// that any text of the document comes out as written.
func mermaidText(s, stops string) string {
	full := map[rune]string{'#': "＃", ':': "：", ';': "；", ',': "，"}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r':
			b.WriteByte(' ')
		case strings.ContainsRune(stops, r):
			b.WriteString(full[r])
		default:
			b.WriteRune(r)
		}
	}
	out := strings.TrimSpace(b.String())
	if out == "" {
		return "-"
	}
	return out
}

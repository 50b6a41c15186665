package mot

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/scoring"
	"github.com/peakend/peakend/scoring/analyze"
)

// percent writes a share as a percentage, NA as "–".
func percent(x float64) string {
	if scoring.IsNA(x) {
		return "–"
	}
	return fmt.Sprintf("%.0f%%", 100*x)
}

func decimal(x float64) string {
	if scoring.IsNA(x) {
		return "–"
	}
	return fmt.Sprintf("%.2f", x)
}

// cell writes a number for CSV: shortest round-trip form, NA empty.
func cell(x float64) string {
	if scoring.IsNA(x) {
		return ""
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}

// jsonNumber is a number that is null when not available.
type jsonNumber float64

func (n jsonNumber) MarshalJSON() ([]byte, error) {
	if scoring.IsNA(float64(n)) {
		return []byte("null"), nil
	}
	return []byte(strconv.FormatFloat(float64(n), 'g', -1, 64)), nil
}

// WriteTable writes the report for people: per journey, its touchpoints
// with the shares of visits they are the peak, worst, best moment and
// end of, then the findings, the standards, what the data held that the
// blueprint lacks, and a legend of the columns. Headings, findings,
// units and the legend are Chinese when the report's Lang is (with the
// touchpoints' names beside their ids), else English.
func (r *Report) WriteTable(w io.Writer) error {
	words := wordsFor(r.Lang)
	zh := blueprint.IsChinese(r.Lang)
	tw := newTable(w)
	fmt.Fprintf(tw, words.visits, r.Visits)
	for _, j := range r.Journeys {
		if zh {
			fmt.Fprintf(tw, words.journey, named(j.Name, j.ID), j.Visits, decimal(j.MeanPeakEnd))
		} else {
			fmt.Fprintf(tw, words.journey, j.ID, j.Name, j.Visits, decimal(j.MeanPeakEnd))
		}
		fmt.Fprint(tw, withIDColumn(r.Lang, TermTouchpoint, TermDeclared, TermVisits, TermPeak, TermWorst, TermBest, TermEnd, TermMeanRating, TermFailed, TermPeakEnd))
		for _, t := range j.Touchpoints {
			fmt.Fprintf(tw, "%s%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", touchpointCells(t.ID, t.Name, r.Lang), words.declared[t.Declared], t.Visits, percent(t.PeakShare),
				percent(t.WorstShare), percent(t.BestShare), percent(t.EndShare), decimal(t.MeanRating), percent(t.FailShare), decimal(t.MeanPeakEnd))
		}
		tw.Flush()
		for _, f := range j.Findings {
			fmt.Fprintf(tw, "  %s\n", f.Text(r.Lang))
		}
	}
	legend := []Term{TermPeak, TermWorst, TermBest, TermEnd, TermMeanRating, TermFailed, TermPeakEnd, TermBeyondChance}
	if len(r.Standards) > 0 {
		fmt.Fprint(tw, words.standards)
		fmt.Fprint(tw, withIDColumn(r.Lang, TermTouchpoint, TermStandard, TermTarget, TermBaseline, TermMeasured, TermMet, TermTolerated))
		for _, s := range r.Standards {
			met, tol := "–", "–"
			if s.Measured > 0 {
				met = percent(s.Met)
				if s.Tolerance > 0 {
					tol = percent(s.Tolerated)
				}
			}
			fmt.Fprintf(tw, "%s%s\t%s\t%s\t%d\t%s\t%s\t\n", touchpointCells(s.Touchpoint, s.TouchpointName, r.Lang), standardName(s, r.Lang), target(s, r.Lang), baseline(s, r.Lang), s.Measured, met, tol)
		}
		legend = append(legend, TermBaseline, TermMet, TermTolerated)
	}
	tw.Flush()
	writeUnknown(w, words, words.purposes, r.UnknownPurpose)
	writeUnknown(w, words, words.touchpoints, r.UnknownTouchpoint)
	if err := tw.Flush(); err != nil {
		return err
	}
	return WriteLegend(w, r.Lang, legend...)
}

// withIDColumn is a heading row whose first term is a touchpoint: in
// Chinese, the rows give its name and then its id (touchpointCells).
func withIDColumn(lang string, terms ...Term) string {
	if blueprint.IsChinese(lang) {
		return terms[0].Label(lang) + "\t" + idLabel + "\t" + columns(lang, terms[1:]...)
	}
	return columns(lang, terms...)
}

// idLabel heads the column of ids beside Chinese names.
const idLabel = "编号"

// touchpointCells are a row's first cells, each ending in a tab: the id,
// or in Chinese the name and the id.
func touchpointCells(id, name, lang string) string {
	if blueprint.IsChinese(lang) {
		return nameOr(name, id) + "\t" + id + "\t"
	}
	return id + "\t"
}

// standardName is a standard's name; a wait point's standard, which the
// blueprint does not name, is "wait" in the report's language.
func standardName(s StandardReport, lang string) string {
	if s.Name == waitStandard {
		return TermWait.Label(lang)
	}
	return s.Name
}

func target(s StandardReport, lang string) string {
	op := "≥"
	if s.Upper {
		op = "≤"
	}
	return op + " " + blueprint.Quantity(s.Target, s.Unit, lang)
}

func baseline(s StandardReport, lang string) string {
	if s.Baseline == nil {
		return "–"
	}
	return blueprint.Quantity(*s.Baseline, s.Unit, lang)
}

func writeUnknown(w io.Writer, words *reportWords, what string, counts []Count) {
	if len(counts) == 0 {
		return
	}
	fmt.Fprintf(w, words.notInBlueprint, what)
	for _, c := range counts {
		fmt.Fprintf(w, words.unknownCount, c.Name, c.Visits, strings.Join(c.Examples, ", "))
	}
}

// WriteCSV writes one row per journey and touchpoint.
func (r *Report) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"journey", "touchpoint", "declared", "visits", "peak_share", "worst_share", "best_share", "end_share", "mean_rating", "fail_share", "mean_peak_end"})
	for _, j := range r.Journeys {
		for _, t := range j.Touchpoints {
			cw.Write([]string{j.ID, t.ID, t.Declared, strconv.Itoa(t.Visits), cell(t.PeakShare), cell(t.WorstShare), cell(t.BestShare),
				cell(t.EndShare), cell(t.MeanRating), cell(t.FailShare), cell(t.MeanPeakEnd)})
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteJSON writes the whole report as one JSON object; numbers that are
// not available are null, and each finding has its Kind as a word and
// its Text in the report's language.
func (r *Report) WriteJSON(w io.Writer) error {
	type finding struct {
		Finding
		Text string
	}
	type touchpoint struct {
		TouchpointReport
		MeanRating  jsonNumber `json:"MeanRating"`
		FailShare   jsonNumber `json:"FailShare"`
		MeanPeakEnd jsonNumber `json:"MeanPeakEnd"`
	}
	type journey struct {
		JourneyReport
		MeanPeakEnd jsonNumber   `json:"MeanPeakEnd"`
		Touchpoints []touchpoint `json:"Touchpoints"`
		Findings    []finding    `json:"Findings"`
	}
	out := struct {
		*Report
		Journeys []journey `json:"Journeys"`
	}{Report: r}
	for _, j := range r.Journeys {
		jj := journey{JourneyReport: j, MeanPeakEnd: jsonNumber(j.MeanPeakEnd)}
		for _, t := range j.Touchpoints {
			jj.Touchpoints = append(jj.Touchpoints, touchpoint{t, jsonNumber(t.MeanRating), jsonNumber(t.FailShare), jsonNumber(t.MeanPeakEnd)})
		}
		for _, f := range j.Findings {
			jj.Findings = append(jj.Findings, finding{f, f.Text(r.Lang)})
		}
		out.Journeys = append(out.Journeys, jj)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// WriteTable writes the levers of each journey, strongest first, each
// gain with its 95% interval; a journey with fewer than
// LeverageMinVisits visits gets a warning; then a legend. Words, names
// and the fitted formula are Chinese when the report's Lang is.
func (r *LeverageReport) WriteTable(w io.Writer) error {
	words := wordsFor(r.Lang)
	zh := blueprint.IsChinese(r.Lang)
	tw := newTable(w)
	if r.Fit != nil {
		fmt.Fprint(tw, fitFormula(r.Fit, r.Lang))
		fmt.Fprintf(tw, words.fitFormula, r.Fit.R2, r.Fit.N)
	} else {
		fmt.Fprint(tw, words.noFit)
	}
	for _, j := range r.Journeys {
		if zh {
			fmt.Fprintf(tw, words.levelJourney, named(j.Name, j.ID), j.Visits)
		} else {
			fmt.Fprintf(tw, words.levelJourney, j.ID, j.Name, j.Visits)
		}
		if j.Visits > 0 && j.Visits < LeverageMinVisits {
			fmt.Fprintf(tw, words.fewVisits, j.Visits, LeverageMinVisits)
		}
		fmt.Fprint(tw, TermRank.Label(r.Lang)+"\t"+withIDColumn(r.Lang, TermTouchpoint, TermDeclared, TermVisits, TermDeltaPeakEnd, TermInterval, TermDeltaRemembered, TermInterval))
		for i, l := range j.Levers {
			fmt.Fprintf(tw, "%d\t%s%s\t%s\n", i+1, touchpointCells(l.Touchpoint, l.Name, r.Lang), words.declared[l.Declared], leverCells(l))
		}
		if j.Visits > 0 {
			fmt.Fprintf(tw, "–\t%s\t%s\n", betterEndCells(j.BetterEnd, r.Lang), leverCells(j.BetterEnd))
		}
		tw.Flush()
	}
	writeUnknown(w, words, words.purposes, r.UnknownPurpose)
	if err := tw.Flush(); err != nil {
		return err
	}
	legend := []Term{TermDeltaPeakEnd, TermDeltaRemembered, TermInterval, TermBetterEnd}
	if r.Fit != nil {
		legend = append([]Term{TermFit}, legend...)
	}
	return WriteLegend(w, r.Lang, legend...)
}

// betterEndCells are the better end's cells where a touchpoint's are:
// it has a name but no id.
func betterEndCells(l Lever, lang string) string {
	if blueprint.IsChinese(lang) {
		return l.Name + "\t\t"
	}
	return l.Name + "\t"
}

// leverCells are a lever's visits, gains and intervals, ending in a tab.
func leverCells(l Lever) string {
	return fmt.Sprintf("%d\t%+.3f\t%s\t%s\t%s\t", l.Visits, l.PeakEnd, interval(l.PeakEndLow, l.PeakEndHigh), signed(l.Remembered), interval(l.RememberedLow, l.RememberedHigh))
}

// interval writes an interval as "+0.470 … +0.497", NA as "–".
func interval(low, high float64) string {
	if scoring.IsNA(low) || scoring.IsNA(high) {
		return "–"
	}
	return fmt.Sprintf("%+.3f … %+.3f", low, high)
}

// fitFormula writes the fitted formula, "remembered ≈ 0.090 +0.602·peak
// …", its features named as the vocabulary names them.
func fitFormula(fit *analyze.FitResult, lang string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %.3f", TermFit.Label(lang), fit.Coefficients[0].Estimate)
	for _, c := range fit.Coefficients[1:] {
		fmt.Fprintf(&b, " %+.3g·%s", c.Estimate, FeatureTerm(c.Term).Label(lang))
	}
	return b.String()
}

func signed(x float64) string {
	if scoring.IsNA(x) {
		return "–"
	}
	return fmt.Sprintf("%+.3f", x)
}

// WriteCSV writes one row per journey and lever, the better end last,
// with the bounds of the 95% intervals last (empty without them).
func (r *LeverageReport) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"journey", "rank", "touchpoint", "declared", "visits", "delta_peak_end", "delta_remembered",
		"delta_peak_end_low", "delta_peak_end_high", "delta_remembered_low", "delta_remembered_high"})
	row := func(j JourneyLeverage, rank string, l Lever) {
		cw.Write([]string{j.ID, rank, l.Touchpoint, l.Declared, strconv.Itoa(l.Visits), cell(l.PeakEnd), cell(l.Remembered),
			cell(l.PeakEndLow), cell(l.PeakEndHigh), cell(l.RememberedLow), cell(l.RememberedHigh)})
	}
	for _, j := range r.Journeys {
		for i, l := range j.Levers {
			row(j, strconv.Itoa(i+1), l)
		}
		if j.Visits > 0 {
			row(j, "", j.BetterEnd)
		}
	}
	cw.Flush()
	return cw.Error()
}

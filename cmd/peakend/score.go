package main

import (
	"io"

	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/mot"

	"github.com/peakend/peakend/scoring"
)

func init() { register(scoreCommand) }

var scoreCommand = &command{
	name:            "score",
	readsBlueprints: true,
	summary:         "score recorded visits by the peak-end rule: one CSV row of features per visit",
	usage: `Usage: peakend score [-o FILE] [--scale MIN..MAX] [--neutral X] [--higher better|worse]
                     [--input-format csv|jsonl] [--unsorted] [--rejects FILE]
                     [--blueprint FILE] [--summary [--lang LANG]] FILE...

Reads visits (tidy CSV, one row per moment; or JSON Lines, one visit per
line; "-" is standard input) and writes CSV with one row per visit, in input
order: visit, purpose, moments, duration, first, peak, peak_touchpoint, best,
worst, end, end_touchpoint, mean, time_mean, trend, peak_end, remembered.
An empty cell is "not available". With --summary, one row per purpose of
mean features instead; with --lang zh (or en) too, its headings are words
for people in that language, the duration's unit named, and with
--blueprint each journey's name beside its id (the locale never changes
CSV columns: a script reads the same ones everywhere). The first bad row stops the run (exit 1); with
--rejects every bad row goes to FILE with its line and reason, the rest is
scored, and the exit code is 3.

Example:
  $ peakend score visits.csv
  visit,purpose,moments,duration,first,peak,peak_touchpoint,...
  v1,counter,4,1290,4,1,wait-seat,...
  $ peakend score --scale 0..10 --higher worse --rejects bad.csv pain.csv
`,
	run:         runScore,
	writesFiles: true,
}

func runScore(c *command, e *env, args []string) int {
	fs := c.flags(e)
	var vf visitFlags
	vf.register(fs, "input-format")
	oldInputFormat(e, fs, c.name, &vf)
	summary := fs.Bool("summary", false, "print the mean features per purpose instead of one row per visit")
	lang := fs.String("lang", "", "with --summary: headings, and with --blueprint journey names, in `LANG` (zh or en), for people")
	output := fs.String("o", "", "write to `FILE` instead of standard output")
	if code, ok := c.parse(e, fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		e.say(e.stderr, msgNoInput, c.name)
		return exitUsage
	}
	if err := vf.prepare(e, fs.Args()); err != nil {
		return fail(e, c.name, err)
	}
	out, err := e.create("-o", *output)
	if err != nil {
		return fail(e, c.name, err)
	}
	sum := scoring.Summary{Verbatim: vf.verbatim}
	var rows *scoring.FeatureWriter
	var each scoring.Accumulator = &sum
	var writeErr error
	if !*summary {
		rows = scoring.NewFeatureWriter(out)
		rows.Verbatim = vf.verbatim
		each = scoring.AccumulatorFunc(func(v *scoring.Visit, f *scoring.Features) {
			if err := rows.Write(v, f); err != nil && writeErr == nil {
				writeErr = err // a customer the header has no column for; bufio keeps an I/O error for Flush too
			}
		})
	}
	visits := 0
	code, ok := eachVisit(c, e, &vf, fs.Args(), scoring.AccumulatorFunc(func(v *scoring.Visit, f *scoring.Features) {
		visits++
		each.Add(v, f)
	}))
	switch {
	case *summary && ok:
		if err := writeSummary(&sum, out, vf.loaded, *lang); err != nil {
			return fail(e, c.name, err)
		}
		out.what = plural(visits, "visit") + " summarised"
	case !*summary:
		// Rows scored before an error are written too (to standard
		// output; a file is installed only if all went well), so that
		// the output shows how far the input was good.
		if err := rows.Flush(); err != nil {
			return fail(e, c.name, err)
		}
		if writeErr != nil {
			return fail(e, c.name, writeErr)
		}
		out.what = plural(visits, "visit")
	}
	return code
}

// writeSummary writes the summary, labelled for people in lang when
// one is given.
func writeSummary(sum *scoring.Summary, w io.Writer, b *blueprint.Blueprint, lang string) error {
	if lang == "" {
		return sum.WriteCSV(w)
	}
	return sum.WriteCSVLabelled(w, mot.SummaryLabels(b, lang))
}

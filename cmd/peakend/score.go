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
                     [--input-format csv|jsonl|xlsx] [--sheet NAME] [--unsorted] [--rejects FILE]
                     [--encoding utf-8|gb18030] [--sep comma|tab] [--tz ZONE]
                     [--missing reject-visit|skip] [--blueprint FILE] [--summary [--lang LANG]] FILE...

Reads visits (tidy CSV, one row per moment; or JSON Lines, one visit per
line; "-" is standard input) and writes CSV with one row per visit, in input
order: visit, purpose, moments, duration, first, peak, peak_touchpoint, best,
worst, end, end_touchpoint, mean, time_mean, trend, peak_end, remembered.
An empty cell is "not available". With --summary, one row per purpose of
mean features instead; with --lang zh (or en) too, its headings are words
for people in that language, the duration's unit named, and with
--blueprint each journey's name beside its id (the locale never changes
CSV columns: a script reads the same ones everywhere). The first bad row
stops the run (exit 1); with --rejects every bad row goes to FILE with its
line and reason, with the other rows of its visit (a visit is scored whole
or not at all), the rest is scored, and the exit code is 3.

Text that is not UTF-8 is read as GB18030 (GBK) when it decodes as it, and
stderr says so; a header with more tabs than commas is tab-separated. Times
t may be seconds, times of day (09:02, 09:02:00), dates with a time
(2024/5/1 9:02, 2024-05-01 09:02:00, in --tz, default UTC) or RFC 3339; one
visit keeps to one form. A rating of N/A, NA, -, 无 or an empty cell is
missing: the visit is rejected, or with --missing skip scored without the
moment, and a last column, missing, counts them.

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
	if *summary {
		newSum := func() *counted[*scoring.Summary] {
			return &counted[*scoring.Summary]{acc: &scoring.Summary{Verbatim: vf.verbatim}}
		}
		sum := newSum()
		code, ok := eachVisitMerged(c, e, &vf, fs.Args(), sum, newSum, reading{})
		if !ok {
			return code
		}
		if err := writeSummary(sum.acc, out, vf.loaded, *lang); err != nil {
			return fail(e, c.name, err)
		}
		out.what = plural(sum.visits, "visit") + " summarised"
		return code
	}
	rows := &counted[*featureRows]{acc: newFeatureRows(out, vf.verbatim, vf.text.skipsMissing())}
	code, _ := eachVisitMerged(c, e, &vf, fs.Args(), rows, func() *counted[*featureRows] {
		return &counted[*featureRows]{acc: rows.acc.part()}
	}, reading{})
	// Rows scored before an error are written too (to standard output;
	// a file is installed only if all went well), so that the output
	// shows how far the input was good.
	if err := rows.acc.Flush(); err != nil {
		return fail(e, c.name, err)
	}
	if rows.acc.err != nil {
		return fail(e, c.name, rows.acc.err)
	}
	out.what = plural(rows.visits, "visit")
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

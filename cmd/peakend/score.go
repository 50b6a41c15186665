package main

import (
	"fmt"

	"github.com/peakend/peakend/scoring"
)

func init() { register(scoreCommand) }

var scoreCommand = &command{
	name:            "score",
	readsBlueprints: true,
	summary:         "score recorded visits by the peak-end rule: one CSV row of features per visit",
	usage: `Usage: peakend score [-o FILE] [--scale MIN..MAX] [--neutral X] [--higher better|worse]
                     [--format csv|jsonl] [--unsorted] [--rejects FILE]
                     [--blueprint FILE] [--summary] FILE...

Reads visits (tidy CSV, one row per moment; or JSON Lines, one visit per
line; "-" is standard input) and writes CSV with one row per visit, in input
order: visit, purpose, moments, duration, first, peak, peak_touchpoint, best,
worst, end, end_touchpoint, mean, time_mean, trend, peak_end, remembered.
An empty cell is "not available". With --summary, one row per purpose of
mean features instead. The first bad row stops the run (exit 1); with
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
	vf.register(fs, "format")
	summary := fs.Bool("summary", false, "print the mean features per purpose instead of one row per visit")
	output := fs.String("o", "", "write to `FILE` instead of standard output")
	if code, ok := c.parse(e, fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(e.stderr, "peakend score: no input; name files, or - for standard input")
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
		code, ok := eachVisitMerged(c, e, &vf, fs.Args(), sum, newSum)
		if !ok {
			return code
		}
		if err := sum.acc.WriteCSV(out); err != nil {
			return fail(e, c.name, err)
		}
		out.what = plural(sum.visits, "visit") + " summarised"
		return code
	}
	rows := &counted[*featureRows]{acc: newFeatureRows(out, vf.verbatim)}
	code, _ := eachVisitMerged(c, e, &vf, fs.Args(), rows, func() *counted[*featureRows] {
		return &counted[*featureRows]{acc: rows.acc.new()}
	})
	// Rows scored before an error are written too (to standard output;
	// a file is installed only if all went well), so that the output
	// shows how far the input was good.
	if err := rows.acc.Flush(); err != nil {
		return fail(e, c.name, err)
	}
	out.what = plural(rows.visits, "visit")
	return code
}

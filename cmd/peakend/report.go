package main

import (
	"io"

	"github.com/peakend/peakend/mot/report"
)

func init() { register(reportCommand) }

var reportCommand = &command{
	name:            "report",
	readsBlueprints: true,
	summary:         "draw the visits against the blueprint as one HTML report, a page per journey",
	usage: `Usage: peakend report [-o OUT] [--format html|json] [--lang LANG] [--journey ID]
                      [visit flags as for score] BLUEPRINT VISITS...

Writes one self-contained HTML file (fonts, styles and charts inline, no
script): an overview of the journeys with the spread of their peak-end
scores, the files read and the visits that matched no journey or
touchpoint; then a page per journey with its experience curve (mean
rating per step, the middle half of the ratings, n, neutral, the declared
peaks and end), where the visits' peaks, worst moments and ends fall, the
findings of "peakend moments" in words, the levers of "peakend leverage"
with a better end, and the standards beside the share that meets them.
Each page prints as one A4 page. --format json writes the same numbers
(schema: mot/report/schema.json). With --lang zh the words are Chinese;
names follow --lang, else the blueprint's locale. The blueprint, and the
files its extends name, are read only inside --root DIR, the current
directory by default.

Example:
  $ peakend simulate --visits 100000 --seed 1 > visits.csv
  $ peakend report examples/servicehall/hall.yaml visits.csv -o report.html
`,
	run:         runReport,
	writesFiles: true,
}

func runReport(c *command, e *env, args []string) int {
	fs := c.flags(e)
	var vf visitFlags
	vf.register(fs, "input-format")
	output := fs.String("o", "", "write to `OUT` instead of standard output")
	format := fs.String("format", "html", "output: html or json")
	lang := fs.String("lang", "", "language of names and words (default: the blueprint's locale)")
	journey := fs.String("journey", "", "report only the journey `ID`")
	if code, ok := c.parse(e, fs, args); !ok {
		return code
	}
	if *format != "html" && *format != "json" {
		e.say(e.stderr, msgSayFormat, c.name, *format, "html or json")
		return exitUsage
	}
	in, code, ok := blueprintAndVisits(c, e, &vf, fs.Args())
	if !ok {
		return code
	}
	if code, ok := checkJourney(e, c.name, in.Blueprint, *journey); !ok {
		return code
	}
	warnLanguage(e, c.name, in.Blueprint, *lang)
	out, err := e.create("-o", *output)
	if err != nil {
		return fail(e, c.name, err)
	}
	scale, err := vf.scaleOf()
	if err != nil {
		return fail(e, c.name, err)
	}
	newBuilder := func() *report.Builder { return report.New(in.Blueprint, scale, scale.Best()) }
	builder := newBuilder()
	code, ok = eachVisitMerged(c, e, &vf, in.Visits, builder, newBuilder, reading{})
	if !ok {
		return code
	}
	data := builder.Data(*lang, in.Visits)
	if *journey != "" {
		data.Only(*journey)
	}
	write := data.WriteHTML
	if *format == "json" {
		write = data.WriteJSON
	}
	if rc := writeOutput(c, e, out, func(w io.Writer) error { return write(w) }); rc != exitOK {
		return rc
	}
	return code
}

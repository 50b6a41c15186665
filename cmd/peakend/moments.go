package main

import (
	"fmt"

	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/mot"
	"github.com/peakend/peakend/scoring"
)

func init() {
	register(momentsCommand)
	register(leverageCommand)
}

var momentsCommand = &command{
	name:            "moments",
	readsBlueprints: true,
	summary:         "find the peaks and ends in visit data and set them beside the blueprint's",
	usage: `Usage: peakend moments [--format table|csv|json] [--lang LANG] [--strict]
                       [visit flags as for score] BLUEPRINT VISITS...

For each journey and touchpoint: how often it is the visit's peak, worst
moment, best moment and end, its mean rating, the share of ratings at or
below the fail threshold, and the mean peak-end of the visits through it;
then, in plain words, where the data agree or disagree with the declared
peaks and end; then each standard's target and baseline and, where the
visits carry durations, the share that meets it. Visits with a purpose or
touchpoints the blueprint lacks are counted and listed, not dropped; with
--strict they make the exit code 1. The scale is the blueprint's. With
--lang zh, or a Chinese locale (LC_ALL, LC_MESSAGES or LANG such as
zh_CN.UTF-8), the table's headings, names, units, findings and legend
are in Chinese; else in English (CSV and JSON follow --lang only). The
blueprint, and the files its extends name, are read only inside --root DIR,
the current directory by default.

Example:
  $ peakend simulate --visits 100000 --seed 1 > visits.csv
  $ peakend moments examples/servicehall/hall.yaml visits.csv
`,
	run:         runMoments,
	writesFiles: true, // --rejects
}

var leverageCommand = &command{
	name:            "leverage",
	readsBlueprints: true,
	summary:         "rank where improving a touchpoint moves customers' memory most",
	usage: `Usage: peakend leverage [--journey ID] [--end-rating X] [--format table|csv]
                        [--bootstrap N] [--seed S] [--lang LANG]
                        [visit flags as for score] BLUEPRINT VISITS...

For each touchpoint of each journey: the change in the journey's mean
peak-end if its ratings were one scale point better, and, when the visits
carry remembered ratings, the change in the remembered rating predicted by
a least-squares fit of remembered on peak, end, mean, duration, first and
trend; ranked, strongest first. The last row adds a better end: a final
moment rated X (default: the best rating) appended to every visit. Each
gain has a 95% interval from a Poisson bootstrap over 512 random groups
of the visits (--bootstrap N replicates; a visit's group and the
groups' weights come from a hash of its id and --seed, so the same data
give the same intervals), the fitted formula held fixed; a journey with
fewer than 100 visits is marked as too few to rank. The
blueprint, and the files its extends name, are read only inside --root DIR,
the current directory by default.

Example:
  $ peakend leverage --journey counter examples/servicehall/hall.yaml visits.csv
`,
	run:         runLeverage,
	writesFiles: true, // --rejects
}

// blueprintAndVisits loads the blueprint named first and sets the scale
// of the visits to the blueprint's unless flags say otherwise.
func blueprintAndVisits(c *command, e *env, vf *visitFlags, args []string) (*loadedArgs, int, bool) {
	if len(args) < 2 {
		e.say(e.stderr, msgNeedBlueprintAndVisits, c.name)
		return nil, exitUsage, false
	}
	b, err := e.loadBlueprint(args[0], withMethod)
	if err != nil {
		return nil, fail(e, c.name, err), false
	}
	vf.useBlueprint(args[0], b)
	if err := vf.prepare(e, args); err != nil {
		return nil, fail(e, c.name, err), false
	}
	return &loadedArgs{Blueprint: b, Visits: args[1:]}, 0, true
}

func runMoments(c *command, e *env, args []string) int {
	fs := c.flags(e)
	var vf visitFlags
	vf.register(fs, "input-format")
	format := fs.String("format", "table", "output: table, csv or json")
	lang := fs.String("lang", "", "language of names (default: the blueprint's locale)")
	strict := fs.Bool("strict", false, "exit 1 when visits have purposes or touchpoints the blueprint lacks")
	if code, ok := c.parse(e, fs, args); !ok {
		return code
	}
	if *format != "table" && *format != "csv" && *format != "json" {
		e.say(e.stderr, msgSayFormat, c.name, *format, "table, csv, json")
		return exitUsage
	}
	in, code, ok := blueprintAndVisits(c, e, &vf, fs.Args())
	if !ok {
		return code
	}
	warnLanguage(e, c.name, in.Blueprint, *lang)
	scale, err := vf.scaleOf()
	if err != nil {
		return fail(e, c.name, err)
	}
	obs := mot.NewObserver(in.Blueprint, scale)
	code, ok = eachVisitMerged(c, e, &vf, in.Visits, obs, func() *mot.Observer { return mot.NewObserver(in.Blueprint, scale) }, reading{})
	if !ok {
		return code
	}
	r := obs.Report(outputLanguage(e, *lang, *format))
	switch *format {
	case "csv":
		err = r.WriteCSV(e.stdout)
	case "json":
		err = r.WriteJSON(e.stdout)
	default:
		err = r.WriteTable(e.stdout)
	}
	if err != nil {
		return fail(e, c.name, err)
	}
	if *strict && code == exitOK && (len(r.UnknownPurpose) > 0 || len(r.UnknownTouchpoint) > 0) {
		return exitProblems
	}
	return code
}

func runLeverage(c *command, e *env, args []string) int {
	fs := c.flags(e)
	var vf visitFlags
	vf.register(fs, "input-format")
	journey := fs.String("journey", "", "show only the journey `ID`")
	endRating := fs.Float64("end-rating", scoring.NA, "rating of the better end appended (default: the best rating)")
	format := fs.String("format", "table", "output: table or csv")
	lang := fs.String("lang", "", "language of names (default: the blueprint's locale)")
	resamples := fs.Int("bootstrap", mot.DefaultResamples, "bootstrap replicates for each gain's 95% interval (0: none)")
	seed := fs.Uint64("seed", 1, "seed of the bootstrap")
	if code, ok := c.parse(e, fs, args); !ok {
		return code
	}
	if *resamples < 0 {
		fmt.Fprintln(e.stderr, "peakend leverage: --bootstrap must not be negative")
		return exitUsage
	}
	if *format != "table" && *format != "csv" {
		e.say(e.stderr, msgSayFormat, c.name, *format, "table, csv")
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
	scale, err := vf.scaleOf()
	if err != nil {
		return fail(e, c.name, err)
	}
	end := *endRating
	if scoring.IsNA(end) {
		end = scale.Best()
	}
	newMeter := func() *mot.LeverageMeter {
		m := mot.NewLeverageMeter(in.Blueprint, scale, end)
		m.Resamples, m.Seed = *resamples, *seed
		return m
	}
	meter := newMeter()
	code, ok = eachVisitMerged(c, e, &vf, in.Visits, meter, newMeter, reading{rangeBytes: mot.LeverageRangeBytes})
	if !ok {
		return code
	}
	r := meter.Report(outputLanguage(e, *lang, *format))
	if *journey != "" {
		r.Only(*journey)
	}
	if *format == "csv" {
		err = r.WriteCSV(e.stdout)
	} else {
		err = r.WriteTable(e.stdout)
	}
	if err != nil {
		return fail(e, c.name, err)
	}
	return code
}

// loadedArgs are a blueprint and the visit files to read against it.
type loadedArgs struct {
	Blueprint *blueprint.Blueprint
	Visits    []string
}

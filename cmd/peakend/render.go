package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/peakend/peakend/blueprint/poster"
	_ "github.com/peakend/peakend/blueprint/poster/pdf" // the command renders every format
	_ "github.com/peakend/peakend/blueprint/poster/png"
)

func init() { register(renderCommand) }

var renderCommand = &command{
	name:            "render",
	readsBlueprints: true,
	summary:         "draw a blueprint as a wall poster (SVG, PDF, PNG, or DOT for Graphviz)",
	usage: `Usage: peakend render [-o OUT] [--format svg|pdf|png|dot] [--paper A0|A1|A2|A3|A4|fit]
                      [--landscape] [--lang LANG] [--journey ID] [--date TEXT]
                      [--font FILE] [--dpi N] [--visits FILE]... BLUEPRINT

Draws the blueprint as a poster: lanes in Bitner's order, the lines of
interaction, visibility and internal interaction, stages as columns, the
flows, each journey's peaks and end, wait and fail points, and under each
moment its standards with target and baseline. The format follows -o's
extension, else --format (default svg). Text is drawn in --font, when
given, then in the fonts embedded in peakend; a character no font has is
an error that names it. The paper is the smallest on which
the text keeps 80% of its size, unless --paper says otherwise. --journey
draws one journey's path emphasised and dims the rest. The blueprint, and
the files its extends name, are read only inside --root DIR, the current
directory by default; render checks the document, and "peakend lint" the
method of its moments too. With --visits (once per file, visit flags as for
score), each touchpoint also shows its mean rating as a band on the scale
with the number, each measured standard the share that meets it, and each
declared peak the data disagree with where the visits' peak falls; the
legend explains them.

Example:
  $ peakend render examples/servicehall/hall.yaml -o hall.svg
  $ peakend render --lang en --journey counter --paper A1 -o counter.svg examples/servicehall/hall.yaml
  $ peakend render --paper A1 --landscape -o hall.pdf examples/servicehall/hall.yaml
  $ peakend render -o hall.dot examples/servicehall/hall.yaml && dot -Tsvg hall.dot -o native.svg
  $ peakend render --visits visits.csv -o measured.svg examples/servicehall/hall.yaml
`,
	run:         runRender,
	writesFiles: true,
}

// binaryFormats names the formats a terminal cannot show.
var binaryFormats = map[poster.Format]string{poster.PDF: "PDF", poster.PNG: "PNG"}

func runRender(c *command, e *env, args []string) int {
	fs := c.flags(e)
	var opt poster.Options
	output := fs.String("o", "", "write to `OUT` instead of standard output; its extension picks the format")
	format := fs.String("format", "", "svg, pdf, png or dot (default: by -o's extension, else svg)")
	fs.StringVar(&opt.Paper, "paper", "", "A0, A1, A2, A3, A4 or fit (default: the smallest that fits)")
	fs.BoolVar(&opt.Landscape, "landscape", false, "turn the paper to landscape")
	fs.StringVar(&opt.Lang, "lang", "", "language of every text (default: the blueprint's locale)")
	fs.StringVar(&opt.Journey, "journey", "", "emphasise the journey `ID` and dim the rest")
	fs.StringVar(&opt.Date, "date", time.Now().Format("2006-01-02"), "date in the title block; empty for none")
	fs.StringVar(&opt.FontFile, "font", "", "TrueType font `FILE` to draw text in first (default: the embedded fonts)")
	fs.IntVar(&opt.DPI, "dpi", 150, "resolution of PNG")
	var vf visitFlags
	vf.register(fs, "input-format")
	var visits visitFiles
	fs.Var(&visits, "visits", "show measured values from the visit `FILE` (give it once per file)")
	if code, ok := c.parse(e, fs, args); !ok {
		return code
	}
	asked := opt.Lang
	opt.Lang = e.language(opt.Lang)
	if fs.NArg() != 1 {
		e.say(e.stderr, msgOneBlueprint, c.name)
		return exitUsage
	}
	switch {
	case *format != "":
		f, err := poster.ParseFormat(*format)
		if err != nil {
			fmt.Fprintf(e.stderr, "peakend render: %v\n", err)
			return exitUsage
		}
		opt.Format = f
	case *output != "":
		f, err := poster.ParseFormat(*output)
		if err != nil {
			fmt.Fprintf(e.stderr, "peakend render: -o %s: %v\n", *output, err)
			return exitUsage
		}
		opt.Format = f
	}
	if err := e.reads(fs.Arg(0), opt.FontFile); err != nil {
		return fail(e, c.name, err)
	}
	b, err := e.loadBlueprint(fs.Arg(0), documentOnly)
	if err != nil {
		return fail(e, c.name, err)
	}
	if code, ok := checkJourney(e, c.name, b, opt.Journey); !ok {
		return code
	}
	warnLanguage(e, c.name, b, asked)
	if len(visits) > 0 {
		measured, code, ok := measure(c, e, &vf, fs.Arg(0), b, visits, opt.Lang)
		if !ok {
			return code
		}
		opt.Measured = measured
	}
	out, err := e.createBinary("-o", *output, binaryFormats[opt.Format])
	if err != nil {
		return fail(e, c.name, err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if opt.Format != poster.DOT {
		if sheet, err := poster.SheetOf(ctx, b, opt); err == nil {
			out.what = sheet.String() // said with the file's name and size; Render reports any error
		}
	}
	return writeOutput(c, e, out, func(w io.Writer) error { return poster.Render(ctx, w, b, opt) })
}

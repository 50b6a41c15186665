package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/peakend/peakend/mot"
)

func init() {
	register(cardsCommand)
	register(exportCommand)
}

var cardsCommand = &command{
	name:            "cards",
	readsBlueprints: true,
	summary:         "print a moment-of-truth action card per moment, for the wall (HTML or Markdown)",
	usage: `Usage: peakend cards [--lang LANG] [-o cards.html|cards.md] BLUEPRINT

Writes one card per moment of truth in the study's columns — moment,
customer core needs, service essentials, actions (with their behaviour
tags), owner, key reminders — with its standards, targets and baselines.
HTML prints one card per A4 page; -o with .md writes Markdown. Without -o,
HTML goes to standard output. The blueprint, and the files its extends
name, are read only inside --root DIR, the current directory by default.
Without --lang, a Chinese locale (LANG=zh_CN.UTF-8) gives Chinese cards.

Example:
  $ peakend cards --lang zh -o cards.html examples/servicehall/hall.yaml
  $ chromium --headless --print-to-pdf=cards.pdf cards.html
`,
	run:         runCards,
	writesFiles: true,
}

var exportCommand = &command{
	name:            "export",
	readsBlueprints: true,
	summary:         "export each journey as a Mermaid journey diagram",
	usage: `Usage: peakend export --mermaid [--lang LANG] [-o FILE] BLUEPRINT [VISITS...]

Writes each journey as a Mermaid "journey" diagram: sections are stages,
tasks are steps, and with visit files each task's score is its touchpoint's
mean rating mapped onto Mermaid's 1..5 (without visits, every task scores
the neutral 3, as Mermaid requires a score). Paste it into any Markdown
that renders Mermaid: every name is written so that Mermaid shows it as
it is (never read as a keyword or comment). The blueprint, and the files its
extends name, are read only inside --root DIR, the current directory by
default.

Example:
  $ peakend export --mermaid examples/servicehall/hall.yaml visits.csv
`,
	run:         runExport,
	writesFiles: true,
}

func runCards(c *command, e *env, args []string) int {
	fs := c.flags(e)
	lang := fs.String("lang", "", "language of the cards (default: the blueprint's locale)")
	output := fs.String("o", "", "write to `FILE`; .md for Markdown, else HTML")
	if code, ok := c.parse(e, fs, args); !ok {
		return code
	}
	if fs.NArg() != 1 {
		e.say(e.stderr, msgOneBlueprint, c.name)
		return exitUsage
	}
	if err := e.reads(fs.Arg(0)); err != nil {
		return fail(e, c.name, err)
	}
	b, err := e.loadBlueprint(fs.Arg(0), withMethod)
	if err != nil {
		return fail(e, c.name, err)
	}
	warnLanguage(e, c.name, b, *lang)
	out, err := e.create("-o", *output)
	if err != nil {
		return fail(e, c.name, err)
	}
	write := mot.WriteCardsHTML
	if strings.HasSuffix(strings.ToLower(*output), ".md") {
		write = mot.WriteCardsMarkdown
	}
	return writeOutput(c, e, out, func(w io.Writer) error { return write(w, b, e.language(*lang)) })
}

func runExport(c *command, e *env, args []string) int {
	fs := c.flags(e)
	var vf visitFlags
	vf.register(fs, "input-format")
	mermaid := fs.Bool("mermaid", false, "write Mermaid journey diagrams (the only export so far)")
	lang := fs.String("lang", "", "language of names (default: the blueprint's locale)")
	output := fs.String("o", "", "write to `FILE` instead of standard output")
	if code, ok := c.parse(e, fs, args); !ok {
		return code
	}
	if !*mermaid || fs.NArg() < 1 {
		fmt.Fprintln(e.stderr, "peakend export: say --mermaid and name a blueprint, then any visit files")
		return exitUsage
	}
	b, err := e.loadBlueprint(fs.Arg(0), withMethod)
	if err != nil {
		return fail(e, c.name, err)
	}
	warnLanguage(e, c.name, b, *lang)
	vf.useBlueprint(fs.Arg(0), b)
	if err := vf.prepare(e, fs.Args()); err != nil {
		return fail(e, c.name, err)
	}
	out, err := e.create("-o", *output)
	if err != nil {
		return fail(e, c.name, err)
	}
	scale, err := vf.scaleOf()
	if err != nil {
		return fail(e, c.name, err)
	}
	var report *mot.Report
	code := exitOK
	if fs.NArg() > 1 {
		obs := mot.NewObserver(b, scale)
		var ok bool
		if code, ok = eachVisitMerged(c, e, &vf, fs.Args()[1:], obs, func() *mot.Observer { return mot.NewObserver(b, scale) }, reading{}); !ok {
			return code
		}
		report = obs.Report(*lang)
	}
	if done := writeOutput(c, e, out, func(w io.Writer) error { return mot.WriteMermaid(w, b, report, scale, e.language(*lang)) }); done != exitOK {
		return done
	}
	return code
}

package main

import (
	"fmt"

	"github.com/peakend/peakend/examples/servicehall"
	"github.com/peakend/peakend/mot"
	"github.com/peakend/peakend/scoring"
)

func init() { register(simulateCommand) }

var simulateCommand = &command{
	name:            "simulate",
	readsBlueprints: true,
	summary:         "draw visits with a known memory model, to check an analysis recovers it",
	usage: `Usage: peakend simulate --visits N --seed S [--blueprint FILE]
                        [--memory peak=0.4,end=0.4,mean=0.2,noise=0.5] [--format csv|jsonl]
                        [--customers N [--customer-sd X]] [--sites M [--site-sd Y]]

Writes N simulated visits in the format "peakend score" reads. Purposes and
steps come from the blueprint's journeys (ratings around neutral, waits as
long as their standard), or by default from the built-in service-hall
journeys, where waiting is rated low. The remembered rating is the memory
model's weighted sum of features plus Gaussian noise, kept on the scale.
The same seed gives the same visits. The blueprint, and the files its
extends name, are read only inside --root DIR, the current directory by
default.

With --customers or --sites the visits are a panel: each is made by one of
N customers at one of M sites (columns customer and site), and each
customer and site shifts the ratings of the moments, and apart from that
the remembered rating, by its own normal draws with standard deviation
--customer-sd or --site-sd: repeated measures with a known truth.

Example:
  $ peakend simulate --visits 1000 --seed 1 > visits.csv
  $ peakend simulate --visits 100000 --seed 7 --memory peak=0.5,end=0.5,noise=0.3 | peakend compare -
`,
	run: runSimulate,
}

func runSimulate(c *command, e *env, args []string) int {
	fs := c.flags(e)
	n := fs.Int("visits", 1000, "how many visits to draw")
	seed := fs.Uint64("seed", 1, "random seed")
	bpFile := fs.String("blueprint", "", "take journeys and scale from blueprint `FILE`")
	memory := fs.String("memory", "peak=0.4,end=0.4,mean=0.2,noise=0.5", "memory model: feature weights, intercept and noise")
	format := fs.String("format", "csv", "output format, csv or jsonl")
	var panel scoring.Panel
	fs.IntVar(&panel.Customers, "customers", 0, "draw each visit's customer from `N` customers")
	fs.IntVar(&panel.Sites, "sites", 0, "draw each visit's site from `M` sites")
	fs.Float64Var(&panel.CustomerSD, "customer-sd", 0.5, "standard deviation of the customer effects")
	fs.Float64Var(&panel.SiteSD, "site-sd", 0.3, "standard deviation of the site effects")
	if code, ok := c.parse(e, fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 || *n < 0 {
		fmt.Fprintln(e.stderr, "peakend simulate: takes no arguments and a --visits of 0 or more")
		return exitUsage
	}
	if err := panel.Validate(); err != nil {
		fmt.Fprintf(e.stderr, "peakend simulate: %v\n", err)
		return exitUsage
	}
	mem, err := scoring.ParseMemoryModel(*memory)
	if err != nil {
		fmt.Fprintf(e.stderr, "peakend simulate: %v\n", err)
		return exitUsage
	}
	f, err := scoring.ParseFormat(*format)
	if err != nil {
		fmt.Fprintf(e.stderr, "peakend simulate: %v\n", err)
		return exitUsage
	}
	sim := servicehall.Simulation(mem, *seed)
	if *bpFile != "" {
		b, err := e.loadBlueprint(*bpFile, withMethod)
		if err != nil {
			return fail(e, "simulate", err)
		}
		sim = mot.SimulationOf(b, mem, *seed)
	}
	sim.Panel = panel
	limitMemory()
	w := scoring.NewVisitWriter(e.stdout, f)
	for v := range sim.Visits(*n) {
		if err := w.Write(&v); err != nil {
			return fail(e, "simulate", err)
		}
	}
	if err := w.Flush(); err != nil {
		return fail(e, "simulate", err)
	}
	return exitOK
}

package pipeline

import (
	"bytes"
	"context"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/examples/servicehall"
	"github.com/peakend/peakend/mot"
	"github.com/peakend/peakend/scoring"
	"github.com/peakend/peakend/scoring/analyze"
)

const hallPath = "../../examples/servicehall/hall.yaml"

// hallConfig returns a Config with the service hall's blueprint, on
// its scale, and the blueprint as the single machine loads it.
func hallConfig(t testing.TB) (Config, *blueprint.Blueprint) {
	t.Helper()
	data, err := os.ReadFile(hallPath)
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := mot.Load(hallPath)
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{Blueprint: map[string][]byte{"hall.yaml": data}, BlueprintName: "hall.yaml", Scale: mot.ScoringScale(b)}
	cfg.Features.Steps = mot.StepOrder(b) // as peakend-beam and peakend set them with a blueprint
	return cfg, b
}

// hallVisits returns n simulated visits to the hall at several sites,
// with customers, and remembered ratings.
func hallVisits(n int, seed uint64) []scoring.Visit {
	memory, _ := scoring.ParseMemoryModel("peak=0.5,end=0.3,mean=0.2,noise=0.4")
	sim := servicehall.Simulation(memory, seed)
	sim.Panel = scoring.Panel{Customers: n / 10, Sites: 5, CustomerSD: 0.4, SiteSD: 0.3}
	var visits []scoring.Visit
	for v := range sim.Visits(n) {
		visits = append(visits, v)
	}
	// Some visits of a purpose, or through a touchpoint, that the
	// blueprint lacks: the reports list them with examples.
	for i := 0; i < len(visits); i += 97 {
		if i%2 == 0 {
			visits[i].Purpose = "nowhere"
		} else {
			visits[i].Moments[0].Touchpoint = "unknown-desk"
		}
	}
	return visits
}

// runPrism runs the analyses of visits, shuffled, on Prism and returns
// the files they wrote, by name. The cross-validation is written under
// cv/ (its own prefix) so that it does not overwrite the bootstrap's,
// and a classical fit under classical/ beside the clustered one.
func runPrism(t testing.TB, cfg Config, visits []scoring.Visit) map[string]string {
	t.Helper()
	if !beam.Initialized() {
		beam.Init()
	}
	shuffled := slices.Clone(visits)
	rng := rand.New(rand.NewPCG(8, 9))
	rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	dir := t.TempDir()
	p, s := beam.NewPipelineWithRoot()
	col := beam.CreateList(s, shuffled)
	files := beam.Flatten(s,
		Moments(s, cfg, col, MomentsOptions{}),
		Moments(s, cfg, col, MomentsOptions{Format: "json"}),
		Moments(s, cfg, col, MomentsOptions{Format: "table", Lang: "zh"}),
		Leverage(s, cfg, col, LeverageOptions{Resamples: 30, Seed: 4}),
		Fit(s, cfg, col, FitOptions{Cluster: "customer"}),
		Compare(s, cfg, col, CompareOptions{Resamples: 50, Seed: 2}),
	)
	WriteFiles(s, dir+"/", files)
	WriteFiles(s, dir+"/cv/", Compare(s, cfg, col, CompareOptions{Cluster: "customer", Folds: 5, Repeats: 2, Seed: 3}))
	WriteFiles(s, dir+"/classical/", Fit(s, cfg, col, FitOptions{}))
	if _, err := prism.Execute(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// onePass computes, in Go, what the pipeline should write: each
// analysis over the visits in their order, by the library alone.
func onePass(t testing.TB, b *blueprint.Blueprint, scale scoring.Scale, visits []scoring.Visit) map[string]string {
	t.Helper()
	obs := mot.NewObserver(b, scale)
	meter := mot.NewLeverageMeter(b, scale, scale.Best())
	meter.Resamples, meter.Seed = 30, 4
	fitter, _ := analyze.NewFitterWith(analyze.DefaultFeatures(), analyze.FitOptions{Cluster: analyze.ByCustomer})
	classical, _ := analyze.NewFitter(analyze.DefaultFeatures())
	cmp := analyze.NewComparer(scoring.CompareRules(2, 0))
	cv := analyze.NewClusteredComparer(scoring.CompareRules(2, 0), analyze.ByCustomer)
	for i := range visits {
		f := scoring.ComputeWith(&visits[i], scale, scoring.FeatureOptions{Steps: mot.StepOrder(b)})
		for _, acc := range []scoring.Accumulator{obs, meter, fitter, classical, cmp, cv} {
			acc.Add(&visits[i], &f)
		}
	}
	var m, mj, mt, l, fit, cfit, c, v bytes.Buffer
	res, err := fitter.Result()
	if err != nil {
		t.Fatal(err)
	}
	cres, err := classical.Result()
	if err != nil {
		t.Fatal(err)
	}
	cvs, err := cv.CrossValidate(5, 2, 3)
	if err != nil {
		t.Fatal(err)
	}
	if err := firstError(obs.Report("").WriteCSV(&m), obs.Report("").WriteJSON(&mj), obs.Report("zh").WriteTable(&mt), meter.Report("").WriteCSV(&l), res.WriteCSV(&fit), cres.WriteCSV(&cfit),
		analyze.WriteComparisonsCSV(&c, cmp.Results(50, 2)), analyze.WriteCrossValidationCSV(&v, cvs)); err != nil {
		t.Fatal(err)
	}
	return map[string]string{"moments.csv": m.String(), "moments.json": mj.String(), "moments.txt": mt.String(), "leverage.csv": l.String(), "fit.csv": fit.String(), "classical/fit.csv": cfit.String(),
		"compare.csv": c.String(), "cv/compare.csv": v.String()}
}

func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// TestCombineOnPrism runs the four analyses on Prism over shuffled
// visits and sets each file beside the library's one pass over the
// visits in order, for the whole data and for each site, byte for byte:
// moments, compare (whose comparer sorts its visits by content),
// leverage and the classical fit (whose sums are exact, so the order in
// which the runner adds them does not show). The clustered fit's
// standard errors come from the sandwich's float sums, which move in
// their last digits with the order: its text and counts exactly, its
// numbers within 1e-12 relative.
func TestCombineOnPrism(t *testing.T) {
	cfg, b := hallConfig(t)
	visits := hallVisits(3000, 1)
	got := runPrism(t, cfg, visits)
	want := onePass(t, b, cfg.Scale, visits)
	if !strings.Contains(want["moments.txt"], "nowhere") || !strings.Contains(want["moments.txt"], "unknown-desk") {
		t.Fatalf("the table lists no unknown purpose and touchpoint with their examples:\n%s", want["moments.txt"])
	}
	sites := map[string][]scoring.Visit{}
	for _, v := range visits {
		sites[v.Site] = append(sites[v.Site], v)
	}
	if len(sites) < 3 {
		t.Fatalf("%d sites; the test wants several", len(sites))
	}
	for site, vs := range sites {
		for name, content := range onePass(t, b, cfg.Scale, vs) {
			dir, file := filepath.Split(name)
			ext := filepath.Ext(file)
			want[dir+strings.TrimSuffix(file, ext)+"/site="+escapeSite(site)+ext] = content
		}
	}
	for name, w := range want {
		g, ok := got[name]
		switch {
		case !ok:
			t.Errorf("%s: not written; written: %v", name, sortedNames(got))
		case !strings.HasPrefix(name, "fit"): // all but the clustered fit
			if g != w {
				t.Errorf("%s: the pipeline wrote\n%s\none pass writes\n%s", name, g, w)
			}
		default:
			if err := sameCSV(g, w, 1e-12); err != "" {
				t.Errorf("%s: %s", name, err)
			}
		}
	}
	if extra := len(got) - len(want); extra != 0 {
		t.Errorf("%d files written beyond those expected: %v", extra, sortedNames(got))
	}
}

func sortedNames(m map[string]string) []string {
	var names []string
	for name := range m {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// sameCSV compares two CSV texts cell by cell: cells that read as
// numbers within rel relative (or absolute, near zero), anything else
// exactly; it returns what differs.
func sameCSV(got, want string, rel float64) string {
	gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
	if len(gl) != len(wl) {
		return "lines " + strconv.Itoa(len(gl)) + ", want " + strconv.Itoa(len(wl)) + ":\n" + got + "\nwant\n" + want
	}
	for i := range gl {
		gc, wc := strings.Split(gl[i], ","), strings.Split(wl[i], ",")
		if len(gc) != len(wc) {
			return "line " + strconv.Itoa(i+1) + ": " + gl[i] + ", want " + wl[i]
		}
		for j := range gc {
			if gc[j] == wc[j] {
				continue
			}
			x, err1 := strconv.ParseFloat(gc[j], 64)
			y, err2 := strconv.ParseFloat(wc[j], 64)
			if err1 != nil || err2 != nil || math.Abs(x-y) > rel*math.Max(1, math.Max(math.Abs(x), math.Abs(y))) {
				return "line " + strconv.Itoa(i+1) + ": " + gl[i] + ", want " + wl[i]
			}
		}
	}
	return ""
}

// TestAnalysesAsTheCommand sets the files the pipeline writes for all
// visits (moments, leverage, the classical and the clustered fit,
// compare) beside what the root module's command writes from the same
// visits as a CSV file: byte for byte, the clustered fit's standard
// errors within 1e-12.
func TestAnalysesAsTheCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the peakend command")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build peakend with")
	}
	cfg, _ := hallConfig(t)
	visits := hallVisits(2000, 2)
	dir := t.TempDir()
	var csv bytes.Buffer
	vw := scoring.NewVisitWriter(&csv, scoring.CSV)
	for i := range visits {
		if err := vw.Write(&visits[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := vw.Flush(); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(dir, "visits.csv")
	if err := os.WriteFile(data, csv.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "peakend")
	build := exec.Command(goTool, "build", "-o", bin, "./cmd/peakend")
	build.Dir = "../.." // the root module, with its own go.sum: the command needs none of Beam
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	hall, _ := filepath.Abs(hallPath)
	root := filepath.Dir(hall)
	got := runPrism(t, cfg, visits)
	// The files the pipeline writes for all visits, beside the command
	// that writes the same on one machine, with the options runPrism
	// gives the pipeline.
	for _, c := range []struct {
		file string
		args []string
	}{
		{"moments.csv", []string{"moments", "--format", "csv", "--root", root, hall, data}},
		{"leverage.csv", []string{"leverage", "--format", "csv", "--bootstrap", "30", "--seed", "4", "--root", root, hall, data}},
		{"classical/fit.csv", []string{"fit", "--blueprint", hall, "--root", root, data}},
		{"fit.csv", []string{"fit", "--cluster", "customer", "--blueprint", hall, "--root", root, data}},
		{"compare.csv", []string{"compare", "--bootstrap", "50", "--seed", "2", "--blueprint", hall, "--root", root, data}},
	} {
		want, err := exec.Command(bin, c.args...).Output()
		if err != nil {
			t.Fatalf("peakend %s: %v", strings.Join(c.args, " "), err)
		}
		if c.file == "fit.csv" { // clustered standard errors: equal to 1e-12, estimates exact
			if diff := sameCSV(got[c.file], string(want), 1e-12); diff != "" {
				t.Errorf("%s beside peakend fit --cluster customer: %s", c.file, diff)
			}
			continue
		}
		if got[c.file] != string(want) {
			t.Errorf("the pipeline wrote %s:\n%s\npeakend %s writes\n%s", c.file, got[c.file], c.args[0], want)
		}
	}
}

// TestSiteFileNames: every site's file is one path below the prefix,
// and two sites never share one.
func TestSiteFileNames(t *testing.T) {
	a := analysis{Kind: momentsKind}
	seen := map[string]string{}
	for _, site := range []string{"", "s1", "朝阳门店", "../up", "..", ".", ".hidden", "a/b", `a\b`, "a b", "%41", "A", "a..b", "no-site", "\xff", "\uFFFD"} {
		name := a.fileName(site, false)
		if !fs.ValidPath(name) || strings.Count(name, "/") != 1 || strings.Contains(name, `\`) {
			t.Errorf("site %q: file %q", site, name)
		}
		if other, ok := seen[name]; ok {
			t.Errorf("sites %q and %q: both %q", other, site, name)
		}
		seen[name] = site
	}
	if got := a.fileName("朝阳门店", false); got != "moments/site=朝阳门店.csv" {
		t.Errorf("a Chinese site's file: %q", got)
	}
}

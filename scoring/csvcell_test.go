package scoring_test

import (
	"bytes"
	"encoding/csv"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/peakend/peakend/scoring"
)

func TestAppendCSVText(t *testing.T) {
	for _, tt := range []struct{ in, want, verbatim string }{
		{"hall", "hall", "hall"},
		{"=HYPERLINK(\"http://x\",\"y\")", `"'=HYPERLINK(""http://x"",""y"")"`, `"=HYPERLINK(""http://x"",""y"")"`},
		{"+1", `"'+1"`, "+1"},
		{"-1", `"'-1"`, "-1"},
		{"@SUM(A1)", `"'@SUM(A1)"`, "@SUM(A1)"},
		{"\tx", "\"'\tx\"", "\"\tx\""},
		{"\rx", "\"'\rx\"", "\"\rx\""},
		{"'=x", `"''=x"`, "'=x"},
		{"'x", "'x", "'x"},
		{"'", "'", "'"},
		{"a,b", `"a,b"`, `"a,b"`},
		{" lead", `" lead"`, `" lead"`},
		{"", "", ""},
	} {
		if got := string(scoring.AppendCSVText(nil, tt.in)); got != tt.want {
			t.Errorf("AppendCSVText(%q) = %s, want %s", tt.in, got, tt.want)
		}
		if got := string(scoring.AppendCSVTextVerbatim(nil, tt.in)); got != tt.verbatim {
			t.Errorf("AppendCSVTextVerbatim(%q) = %s, want %s", tt.in, got, tt.verbatim)
		}
	}
}

var formulaIDs = []string{"=HYPERLINK(\"http://evil\",\"x\")", "+1", "-2", "@SUM(A1:A9)", "'=x", "plain"}

func formulaVisits() []scoring.Visit {
	var visits []scoring.Visit
	for i, id := range formulaIDs {
		visits = append(visits, scoring.Visit{ID: id, Purpose: id, Remembered: scoring.NA, Recommend: scoring.NA, Moments: []scoring.Moment{
			{Touchpoint: id, T: -5, Duration: 60, Rating: float64(1 + i%5)},
			{Touchpoint: "=1+1", T: 60, Duration: 60, Rating: 1},
		}})
	}
	return visits
}

// No text cell of the feature, visit or summary CSV starts as a formula
// by default; every cell is the text itself with Verbatim; numbers are
// never touched; visits read back to what was written either way.
func TestWritersNeutraliseFormulas(t *testing.T) {
	visits := formulaVisits()
	for _, verbatim := range []bool{false, true} {
		var features, visitsCSV, summary bytes.Buffer
		fw := scoring.NewFeatureWriter(&features)
		vw := scoring.NewVisitWriter(&visitsCSV, scoring.CSV)
		fw.Verbatim, vw.Verbatim = verbatim, verbatim
		s := scoring.Summary{Verbatim: verbatim}
		for i := range visits {
			f := scoring.Compute(&visits[i], scoring.DefaultScale)
			fw.Write(&visits[i], &f)
			vw.Write(&visits[i])
			s.Add(&visits[i], &f)
		}
		fw.Flush()
		vw.Flush()
		s.WriteCSV(&summary)
		for name, out := range map[string]*bytes.Buffer{"features": &features, "visits": &visitsCSV, "summary": &summary} {
			records, err := csv.NewReader(bytes.NewReader(out.Bytes())).ReadAll()
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			text := map[string]bool{"visit": true, "purpose": true, "touchpoint": true, "peak_touchpoint": true, "end_touchpoint": true}
			for _, rec := range records[1:] {
				for c, cell := range rec {
					isText := text[records[0][c]]
					switch {
					case isText && !verbatim && cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])):
						t.Errorf("%s: column %s: cell %q runs as a formula", name, records[0][c], cell)
					case isText && verbatim && cell != "" && cell[0] == '\'' && !strings.HasPrefix(cell, "'=x"):
						t.Errorf("%s: column %s: verbatim cell %q changed", name, records[0][c], cell)
					case !isText && cell != "" && cell[0] == '\'':
						t.Errorf("%s: column %s: number %q touched", name, records[0][c], cell)
					}
				}
			}
		}
		if !strings.Contains(visitsCSV.String(), ",-5,60,") {
			t.Errorf("negative time not written as a number:\n%s", visitsCSV.String())
		}
		got, err := scoring.ReadAll(&visitsCSV, scoring.Options{})
		if err != nil {
			t.Fatal(err)
		}
		want := visits
		if verbatim {
			want = slices.DeleteFunc(slices.Clone(visits), func(v scoring.Visit) bool { return v.ID == "'=x" })
			got = slices.DeleteFunc(got, func(v scoring.Visit) bool { return v.ID == "=x" })
		}
		if diff := cmp.Diff(want, got, cmpopts.EquateNaNs(), cmpopts.IgnoreFields(scoring.Visit{}, "Line")); diff != "" {
			t.Errorf("verbatim %v: round trip (-want +got):\n%s", verbatim, diff)
		}
	}
}

// TestAppendShortDecimal holds the short-decimal path of AppendNumber
// to strconv's shortest 'g' text: means of whole numbers, halves,
// decimals of a few places and random numbers.
func TestAppendShortDecimal(t *testing.T) {
	check := func(x float64) {
		t.Helper()
		if got, want := string(scoring.AppendNumber(nil, x)), strconv.FormatFloat(x, 'g', -1, 64); got != want && !(x == math.Trunc(x) && math.Abs(x) < 1e6) {
			t.Fatalf("AppendNumber(%v) = %s, want %s", x, got, want)
		}
	}
	for n := 1; n <= 300; n++ {
		for sum := -3 * n; sum <= 12*n; sum++ {
			check(float64(sum) / float64(n))
		}
	}
	rng := rand.New(rand.NewPCG(1, 1))
	for range 200000 {
		k := rng.IntN(5)
		x := math.Round(rng.Float64()*2e6-1e6) / math.Pow(10, float64(k)) // decimals of up to 4 places
		check(x)
		check(x + rng.Float64()*1e-9)
		check(rng.NormFloat64() * math.Pow(10, float64(rng.IntN(12)-6)))
	}
	for _, x := range []float64{0.001, 0.0015, 0.01, 0.1, 0.5, 999999.5, 999999.999, 1e6 - 0.001, -0.001, 0.1 + 0.2, 1.005, 2.675} {
		check(x)
	}
}

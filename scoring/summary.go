package scoring

import "io"

// A Summary accumulates the mean features of visits per purpose, in
// memory proportional to the number of purposes. Its columns are those
// of FeatureWriter, without the touchpoints.
type Summary struct {
	// Verbatim writes the purposes as they are (see FeatureWriter).
	Verbatim bool
	groups   map[string]*summaryGroup
}

type summaryGroup struct {
	visits int
	sum    [len(featureTable) + 1]float64 // columnFeatures, then remembered
	n      [len(featureTable) + 1]int     // how many visits had each available
	// row is the features of the visit being added, for the feature
	// table's functions to read (see FeatureWriter.row).
	row Features
}

// Add counts visit v with features f; a nil visit or features count
// nothing.
func (s *Summary) Add(v *Visit, f *Features) {
	if s == nil || v == nil || f == nil {
		return
	}
	if s.groups == nil {
		s.groups = map[string]*summaryGroup{}
	}
	g := s.groups[v.Purpose]
	if g == nil {
		g = &summaryGroup{}
		s.groups[v.Purpose] = g
	}
	g.visits++
	g.row = *f
	for i := range columnFeatures {
		g.add(i, columnFeatures[i].value(&g.row))
	}
	g.add(len(columnFeatures), v.Remembered)
}

func (g *summaryGroup) add(i int, x float64) {
	if !IsNA(x) {
		g.sum[i] += x
		g.n[i]++
	}
}

// WriteCSV writes one row per purpose, sorted, with the number of
// visits and the mean of each feature over the visits that have it.
func (s *Summary) WriteCSV(w io.Writer) error { return s.WriteCSVLabelled(w, SummaryLabels{}) }

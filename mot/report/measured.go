package report

import "github.com/peakend/peakend/blueprint/poster"

// Measured returns what the wall poster shows of the visits: each
// touchpoint's mean rating over every journey (weighted by its ratings),
// its standards' measured shares, and, for a declared peak the data
// disagree with, where the visits' peak falls more often. The report's
// language must be the poster's, for the standards' names to match.
func (d *Data) Measured() *poster.Measured {
	m := &poster.Measured{Visits: d.Visits, Min: d.Scale.Min, Max: d.Scale.Max, HigherIsWorse: d.Scale.HigherIsWorse,
		Touchpoints: map[string]poster.MeasuredTouchpoint{}}
	sums := map[string]float64{}
	for _, j := range d.Journeys {
		for _, s := range j.Steps {
			if s.Ratings == 0 || s.Mean.NA() {
				continue
			}
			t := m.Touchpoints[s.ID]
			t.Ratings += s.Ratings
			sums[s.ID] += float64(s.Mean) * float64(s.Ratings)
			m.Touchpoints[s.ID] = t
		}
		for _, f := range j.Findings {
			if f.Kind != "peak-disagrees" {
				continue
			}
			t := m.Touchpoints[f.Touchpoint]
			if t.PeakElsewhere == "" || f.RivalShare-f.Share > t.RivalShare-t.PeakShare {
				t.PeakElsewhere, t.PeakShare, t.RivalShare = f.Rival, f.Share, f.RivalShare
			}
			m.Touchpoints[f.Touchpoint] = t
		}
		for _, s := range j.Standards {
			if s.Measured == 0 {
				continue
			}
			t := m.Touchpoints[s.Touchpoint]
			if t.Standards == nil {
				t.Standards = map[string]poster.MeasuredShare{}
			}
			t.Standards[s.Name] = poster.MeasuredShare{Measured: s.Measured, Met: float64(s.Met)}
			m.Touchpoints[s.Touchpoint] = t
		}
	}
	for id, sum := range sums {
		t := m.Touchpoints[id]
		t.Mean = sum / float64(t.Ratings)
		m.Touchpoints[id] = t
	}
	return m
}

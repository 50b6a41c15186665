package scoring

import (
	"fmt"
	"iter"
	"math"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
)

// A SimJourney is a visit purpose to simulate: its steps in order and
// how often it is chosen relative to the others.
type SimJourney struct {
	ID     string
	Steps  []string
	Weight float64 // relative frequency; 0 counts as 1
}

// A RatingModel is how a touchpoint is rated and how long it takes: a
// normal distribution of ratings, rounded to whole points and kept on
// the scale, and a mean duration in seconds.
type RatingModel struct {
	Mean, SD float64
	Duration float64 // mean seconds; each visit draws from an exponential distribution around it
}

// A MemoryModel makes the remembered rating: weights on features
// (FeatureNames()), an intercept and Gaussian noise with standard
// deviation Noise. The result is kept on the scale.
type MemoryModel struct {
	Intercept float64
	Weights   map[string]float64
	Noise     float64
}

// ParseMemoryModel parses "peak=0.4,end=0.4,mean=0.2,noise=0.5"; the key
// intercept sets the intercept.
func ParseMemoryModel(s string) (MemoryModel, error) {
	m := MemoryModel{Weights: map[string]float64{}}
	for _, part := range strings.Split(s, ",") {
		key, value, ok := strings.Cut(strings.TrimSpace(part), "=")
		x, err := strconv.ParseFloat(value, 64)
		if !ok || err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return m, fmt.Errorf("memory model: %q is not name=number", part)
		}
		switch key {
		case "noise":
			if x < 0 {
				return m, fmt.Errorf("memory model: noise %g is negative", x)
			}
			m.Noise = x
		case "intercept":
			m.Intercept = x
		default:
			if _, ok := featureNamed(key); !ok {
				return m, fmt.Errorf("memory model: unknown feature %q; features are %s", key, strings.Join(FeatureNames(), ", "))
			}
			m.Weights[key] = x
		}
	}
	return m, nil
}

// A Simulation draws visits with a known ground truth, so that an
// analysis can be checked to recover what was put in.
type Simulation struct {
	Scale    Scale
	Journeys []SimJourney
	Ratings  map[string]RatingModel // by touchpoint; a touchpoint without one is rated around neutral
	Memory   MemoryModel
	Seed     uint64
	// Continuous keeps ratings to hundredths rather than whole points.
	Continuous bool
	// Panel, when it has customers or sites, makes repeated measures.
	Panel Panel
}

// Visits returns n simulated visits. The same Simulation and n give the
// same visits. A Simulation without journeys (a nil or zero one) has no
// visits to draw.
func (s *Simulation) Visits(n int) iter.Seq[Visit] {
	return func(yield func(Visit) bool) {
		if s == nil || len(s.Journeys) == 0 {
			return
		}
		rng := rand.New(rand.NewPCG(s.Seed, 0x9e3779b97f4a7c15))
		cum, total := s.cumulativeWeights()
		// Sum the weights in a fixed order: map order would change the
		// float rounding, and so the output, from run to run.
		names := make([]string, 0, len(s.Memory.Weights))
		for name := range s.Memory.Weights {
			names = append(names, name)
		}
		sort.Strings(names)
		width := len(strconv.Itoa(n))
		panel := s.Panel.draw(s.Seed)
		for i := 0; i < n; i++ {
			j := s.Journeys[sort.SearchFloat64s(cum, rng.Float64()*total)]
			v := Visit{ID: fmt.Sprintf("v%0*d", width, i+1), Purpose: j.ID, Recommend: NA,
				Moments: make([]Moment, len(j.Steps))}
			shift, leniency := panel.assign(rng, &v)
			t := 0.0
			for k, tp := range j.Steps {
				model, ok := s.Ratings[tp]
				if !ok {
					model = RatingModel{Mean: s.Scale.Neutral, SD: (s.Scale.Max - s.Scale.Min) / 6}
				}
				d := math.Round(rng.ExpFloat64()*model.Duration*10) / 10
				model.Mean += shift
				v.Moments[k] = Moment{Touchpoint: tp, T: t, Duration: d, Rating: s.rating(rng, model)}
				t = math.Round((t+d)*10) / 10 // keep tenths exact in output
			}
			f := Compute(&v, s.Scale)
			remembered := s.Memory.Intercept + rng.NormFloat64()*s.Memory.Noise + leniency
			for _, name := range names {
				x, _ := f.Value(name)
				remembered += s.Memory.Weights[name] * x
			}
			v.Remembered = s.Scale.Clamp(math.Round(remembered*1000) / 1000)
			if !yield(v) {
				return
			}
		}
	}
}

func (s *Simulation) rating(rng *rand.Rand, m RatingModel) float64 {
	x := m.Mean + rng.NormFloat64()*m.SD
	if !s.Continuous {
		x = math.Round(x)
	} else {
		x = math.Round(x*100) / 100
	}
	return s.Scale.Clamp(x)
}

func (s *Simulation) cumulativeWeights() ([]float64, float64) {
	cum := make([]float64, len(s.Journeys))
	total := 0.0
	for i, j := range s.Journeys {
		w := j.Weight
		if w <= 0 {
			w = 1
		}
		total += w
		cum[i] = total
	}
	return cum, total
}

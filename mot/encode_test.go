package mot_test

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/examples/servicehall"
	"github.com/peakend/peakend/internal/wire/wiretest"
	"github.com/peakend/peakend/mot"
	"github.com/peakend/peakend/scoring"
)

func observerCSV(t *testing.T, o *mot.Observer) []byte {
	t.Helper()
	var buf bytes.Buffer
	r := o.Report("en")
	if err := errors.Join(r.WriteCSV(&buf), r.WriteJSON(&buf)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func meterCSV(t *testing.T, m *mot.LeverageMeter) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := m.Report("en").WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestObserverEncoding sends each part of split visits through its
// binary form before merging: the report is byte for byte that of the
// parts merged as they were.
func TestObserverEncoding(t *testing.T) {
	b := hall(t)
	scale := servicehall.Simulation(scoring.MemoryModel{}, 1).Scale
	for seed := range uint64(10) {
		_, parts := splitVisits(t, seed)
		direct, decoded := mot.NewObserver(b, scale), mot.NewObserver(b, scale)
		for _, part := range parts {
			o := mot.NewObserver(b, scale)
			feed(o, part, scale)
			back := mot.NewObserver(b, scale)
			wiretest.RoundTrip(t, o, back)
			if err := errors.Join(direct.Merge(o), decoded.Merge(back)); err != nil {
				t.Fatal(err)
			}
		}
		if got, want := observerCSV(t, decoded), observerCSV(t, direct); !bytes.Equal(got, want) {
			t.Fatalf("seed %d, %d parts: decoded parts report\n%s\nnot\n%s", seed, len(parts), got, want)
		}
	}
}

// TestLeverageMeterEncoding does the same for the leverage meter, its
// fit and bootstrap sums included.
func TestLeverageMeterEncoding(t *testing.T) {
	b := hall(t)
	scale := servicehall.Simulation(scoring.MemoryModel{}, 1).Scale
	newMeter := func() *mot.LeverageMeter {
		m := mot.NewLeverageMeter(b, scale, scale.Max)
		m.Resamples, m.Seed = 20, 9
		return m
	}
	for seed := range uint64(10) {
		_, parts := splitVisits(t, seed)
		direct, decoded := newMeter(), newMeter()
		for _, part := range parts {
			m := newMeter()
			feed(m, part, scale)
			back := newMeter()
			wiretest.RoundTrip(t, m, back)
			if err := errors.Join(direct.Merge(m), decoded.Merge(back)); err != nil {
				t.Fatal(err)
			}
		}
		if got, want := meterCSV(t, decoded), meterCSV(t, direct); !bytes.Equal(got, want) {
			t.Fatalf("seed %d, %d parts: decoded parts report\n%s\nnot\n%s", seed, len(parts), got, want)
		}
	}
}

// TestEncodingMismatch refuses to decode into an accumulator built
// otherwise, and refuses bytes that are not an encoding.
func TestEncodingMismatch(t *testing.T) {
	b := hall(t)
	other := loadOther(t)
	s := scoring.DefaultScale
	pain := s
	pain.HigherIsWorse = true
	obs, _ := mot.NewObserver(b, s).MarshalBinary()
	met, _ := mot.NewLeverageMeter(b, s, 5).MarshalBinary()
	seeded := mot.NewLeverageMeter(b, s, 5)
	seeded.Seed = 2
	fewer := mot.NewLeverageMeter(b, s, 5)
	fewer.Resamples = 10
	for name, err := range map[string]error{
		"observer, blueprint": mot.NewObserver(other, s).UnmarshalBinary(obs),
		"observer, scale":     mot.NewObserver(b, pain).UnmarshalBinary(obs),
		"meter, blueprint":    mot.NewLeverageMeter(other, s, 5).UnmarshalBinary(met),
		"meter, end":          mot.NewLeverageMeter(b, s, 4).UnmarshalBinary(met),
		"meter, seed":         seeded.UnmarshalBinary(met),
		"meter, resamples":    fewer.UnmarshalBinary(met),
	} {
		if !errors.Is(err, scoring.ErrMergeMismatch) {
			t.Errorf("%s: %v, want scoring.ErrMergeMismatch", name, err)
		}
	}
	version := append([]byte{obs[0] + 1}, obs[1:]...)
	for name, err := range map[string]error{
		"observer as meter": mot.NewLeverageMeter(b, s, 5).UnmarshalBinary(obs),
		"meter as observer": mot.NewObserver(b, s).UnmarshalBinary(met),
		"other version":     mot.NewObserver(b, s).UnmarshalBinary(version),
		"truncated":         mot.NewObserver(b, s).UnmarshalBinary(obs[:len(obs)-1]),
		"extended":          mot.NewObserver(b, s).UnmarshalBinary(append(obs, 0)),
		"empty":             mot.NewObserver(b, s).UnmarshalBinary(nil),
	} {
		if !errors.Is(err, scoring.ErrCorruptEncoding) {
			t.Errorf("%s: %v, want scoring.ErrCorruptEncoding", name, err)
		}
	}
}

// loadOther returns a blueprint with journeys other than the hall's.
func loadOther(t *testing.T) *blueprint.Blueprint {
	t.Helper()
	b := hall(t)
	b.Journeys = b.Journeys[:len(b.Journeys)-1]
	return b
}

func fuzzVisits() []scoring.Visit {
	var visits []scoring.Visit
	for v := range servicehall.Simulation(scoring.MemoryModel{}, 3).Visits(30) {
		visits = append(visits, v)
	}
	return visits
}

// FuzzObserverUnmarshalBinary: see wiretest.Fuzz.
func FuzzObserverUnmarshalBinary(f *testing.F) {
	b, _, err := mot.Load("../examples/servicehall/hall.yaml")
	if err != nil {
		f.Fatal(err)
	}
	s := servicehall.Simulation(scoring.MemoryModel{}, 1).Scale
	seen := mot.NewObserver(b, s)
	feed(seen, fuzzVisits(), s)
	wiretest.Fuzz(f, func() *mot.Observer { return mot.NewObserver(b, s) }, seen, func(o, seen *mot.Observer) error {
		err := o.Merge(seen)
		o.Report("en").WriteTable(io.Discard)
		return err
	})
}

// FuzzLeverageMeterUnmarshalBinary: see wiretest.Fuzz.
func FuzzLeverageMeterUnmarshalBinary(f *testing.F) {
	b, _, err := mot.Load("../examples/servicehall/hall.yaml")
	if err != nil {
		f.Fatal(err)
	}
	s := servicehall.Simulation(scoring.MemoryModel{}, 1).Scale
	newMeter := func() *mot.LeverageMeter {
		m := mot.NewLeverageMeter(b, s, s.Max)
		m.Resamples = 4
		return m
	}
	seen := newMeter()
	feed(seen, fuzzVisits(), s)
	wiretest.Fuzz(f, newMeter, seen, func(m, seen *mot.LeverageMeter) error {
		err := m.Merge(seen)
		m.Report("en").WriteCSV(io.Discard)
		return err
	})
}

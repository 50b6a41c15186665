package mot

import (
	"encoding"
	"fmt"
	"slices"

	"github.com/peakend/peakend/internal/exact"
	"github.com/peakend/peakend/internal/wire"
	"github.com/peakend/peakend/scoring"
)

// An Observer's and a LeverageMeter's binary form (MarshalBinary) holds
// their counts and sums, not the blueprint: it travels between the
// workers of a pipeline, each of which has built its accumulator with
// NewObserver or NewLeverageMeter from the same blueprint, and decodes
// into that. The encoding names the journeys, touchpoints and standards
// it counted, the scale and the other settings, so that decoding into an
// accumulator built otherwise fails (scoring.ErrMergeMismatch) instead
// of adding counts that mean something else; a truncated or garbled
// encoding, or one of another format version, fails with
// scoring.ErrCorruptEncoding. Decoding and then merging gives exactly
// what merging the encoded accumulator itself gives.

var (
	_ encoding.BinaryMarshaler   = (*Observer)(nil)
	_ encoding.BinaryUnmarshaler = (*Observer)(nil)
	_ encoding.BinaryMarshaler   = (*LeverageMeter)(nil)
	_ encoding.BinaryUnmarshaler = (*LeverageMeter)(nil)
)

const observerKind, leverageKind = "mot.Observer", "mot.LeverageMeter"

// MarshalBinary encodes what o has counted.
func (o *Observer) MarshalBinary() ([]byte, error) {
	w := wire.NewWriter(observerKind)
	writeScale(w, o.scale)
	w.Float(o.FailAt)
	w.Strings(o.journeyIDs())
	w.Strings(o.knownIDs())
	w.Count(len(o.standards))
	for _, sc := range o.standards {
		w.String(sc.report.Touchpoint)
		w.String(sc.report.Name)
		w.Count(sc.measured)
		w.Count(sc.met)
		w.Count(sc.tolerated)
	}
	w.Count(o.visits)
	o.unknownPurpose.encode(w)
	o.unknownTouchpoint.encode(w)
	for _, id := range o.journeyIDs() {
		j := o.journeys[id]
		w.Count(j.visits)
		w.Float(j.sumPeakEnd)
		ids := sortedKeys(j.touchpoints)
		w.Count(len(ids))
		for _, tp := range ids {
			w.String(tp)
			j.touchpoints[tp].encode(w)
		}
	}
	return w.Bytes(), nil
}

// UnmarshalBinary replaces o's counts by those encoded in data, which
// must come from an Observer of the same blueprint, scale and FailAt;
// on error o is unchanged.
func (o *Observer) UnmarshalBinary(data []byte) error {
	r := wire.NewReader(data, observerKind)
	scale, failAt := readScale(r), r.Float()
	journeys, known := r.Strings(), r.Strings()
	if r.Err() != nil {
		return fmt.Errorf("mot: Observer.UnmarshalBinary: %w", r.Err())
	}
	if scale != o.scale || !sameFloat(failAt, o.FailAt) || !slices.Equal(journeys, o.journeyIDs()) || !slices.Equal(known, o.knownIDs()) {
		return fmt.Errorf("mot: Observer.UnmarshalBinary: %w (another blueprint, scale or FailAt)", scoring.ErrMergeMismatch)
	}
	fresh := NewObserver(o.b, o.scale)
	fresh.FailAt = o.FailAt
	if n := r.Count(); r.Err() == nil && n != len(fresh.standards) {
		return fmt.Errorf("mot: Observer.UnmarshalBinary: %w (%d standards, not %d)", scoring.ErrMergeMismatch, n, len(fresh.standards))
	}
	for _, sc := range fresh.standards {
		if tp, name := r.String(), r.String(); r.Err() == nil && (tp != sc.report.Touchpoint || name != sc.report.Name) {
			return fmt.Errorf("mot: Observer.UnmarshalBinary: %w (standard %s of %s, not %s of %s)", scoring.ErrMergeMismatch, name, tp, sc.report.Name, sc.report.Touchpoint)
		}
		sc.measured, sc.met, sc.tolerated = r.Count(), r.Count(), r.Count()
	}
	fresh.visits = r.Count()
	fresh.unknownPurpose.decode(r)
	fresh.unknownTouchpoint.decode(r)
	for _, id := range journeys {
		j := fresh.journeys[id]
		j.visits, j.sumPeakEnd = r.Count(), r.Float()
		n := r.Len(1 + 7 + 2*8) // a name, seven counts, two sums
		tp := ""
		for i := range n {
			tp = r.Key(i, tp)
			tc := &touchpointCount{}
			tc.decode(r)
			j.touchpoints[tp] = tc
		}
	}
	if err := r.End(); err != nil {
		return fmt.Errorf("mot: Observer.UnmarshalBinary: %w", err)
	}
	*o = *fresh
	return nil
}

// journeyIDs are the blueprint's journeys, in its order.
func (o *Observer) journeyIDs() []string {
	ids := make([]string, len(o.b.Journeys))
	for i, j := range o.b.Journeys {
		ids[i] = j.ID
	}
	return ids
}

func (o *Observer) knownIDs() []string { return sortedKeys(o.known) }

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// sameFloat is equality that holds NaN equal to itself: a FailAt or an
// end rating may be NA.
func sameFloat(a, b float64) bool { return a == b || a != a && b != b }

func writeScale(w *wire.Writer, s scoring.Scale) {
	w.Float(s.Min)
	w.Float(s.Max)
	w.Float(s.Neutral)
	w.Bool(s.HigherIsWorse)
}

func readScale(r *wire.Reader) scoring.Scale {
	return scoring.Scale{Min: r.Float(), Max: r.Float(), Neutral: r.Float(), HigherIsWorse: r.Bool()}
}

func (tc *touchpointCount) encode(w *wire.Writer) {
	for _, n := range [...]int{tc.visits, tc.peak, tc.worst, tc.best, tc.end, tc.ratings, tc.fails} {
		w.Count(n)
	}
	w.Float(tc.sumRating)
	w.Float(tc.sumPeakEnd)
}

func (tc *touchpointCount) decode(r *wire.Reader) {
	for _, n := range [...]*int{&tc.visits, &tc.peak, &tc.worst, &tc.best, &tc.end, &tc.ratings, &tc.fails} {
		*n = r.Count()
	}
	tc.sumRating, tc.sumPeakEnd = r.Float(), r.Float()
}

func (t *tally) encode(w *wire.Writer) {
	names := sortedKeys(t.count)
	w.Count(len(names))
	for _, name := range names {
		w.String(name)
		w.Count(t.count[name])
		w.Strings(t.examples[name])
	}
}

func (t *tally) decode(r *wire.Reader) {
	n := r.Len(3)
	name := ""
	for i := range n {
		name = r.Key(i, name)
		count, examples := r.Count(), r.Strings()
		switch {
		case count == 0 || len(examples) > 3 || len(examples) > count || !slices.IsSorted(examples) || len(slices.Compact(slices.Clone(examples))) < len(examples):
			r.Fail("name %q counted %d times with examples %q", name, count, examples)
		}
		t.count[name] = count
		if len(examples) > 0 {
			t.examples[name] = examples
		}
	}
}

// MarshalBinary encodes what m has measured, its fit's sums included.
func (m *LeverageMeter) MarshalBinary() ([]byte, error) {
	m.settle()
	fit, err := m.fitter.MarshalBinary()
	if err != nil {
		return nil, err
	}
	w := wire.NewWriter(leverageKind)
	writeScale(w, m.scale)
	w.Float(m.endRating)
	w.Count(m.Resamples)
	w.Uint(m.Seed)
	w.Count(m.groups)
	w.Strings(m.journeyIDs())
	w.String(string(fit))
	m.unknown.encode(w)
	for _, id := range m.journeyIDs() {
		m.journeys[id].encode(w)
	}
	return w.Bytes(), nil
}

// UnmarshalBinary replaces m's sums by those encoded in data, which
// must come from a LeverageMeter of the same blueprint, scale, end
// rating, Resamples and Seed (and a build of the same BootstrapGroups);
// on error m is unchanged.
func (m *LeverageMeter) UnmarshalBinary(data []byte) error {
	r := wire.NewReader(data, leverageKind)
	scale, end, resamples, seed, groups, journeys := readScale(r), r.Float(), r.Count(), r.Uint(), r.Count(), r.Strings()
	if r.Err() != nil {
		return fmt.Errorf("mot: LeverageMeter.UnmarshalBinary: %w", r.Err())
	}
	if scale != m.scale || !sameFloat(end, m.endRating) || !slices.Equal(journeys, m.journeyIDs()) {
		return fmt.Errorf("mot: LeverageMeter.UnmarshalBinary: %w (another blueprint, scale or end rating)", scoring.ErrMergeMismatch)
	}
	fresh := NewLeverageMeter(m.b, m.scale, m.endRating)
	fresh.Resamples, fresh.Seed = m.Resamples, m.Seed
	if resamples != m.Resamples || seed != m.Seed || groups != 0 && groups != fresh.fixGroups() {
		return fmt.Errorf("mot: LeverageMeter.UnmarshalBinary: %w (other bootstrap resamples, seed or groups)", scoring.ErrMergeMismatch)
	}
	fresh.groups = groups
	if fit := r.String(); r.Err() == nil {
		if err := fresh.fitter.UnmarshalBinary([]byte(fit)); err != nil {
			return fmt.Errorf("mot: LeverageMeter.UnmarshalBinary: %w", err)
		}
	}
	fresh.unknown.decode(r)
	for _, id := range journeys {
		fresh.journeys[id].decode(r, id, groups, &fresh.units)
	}
	if err := r.End(); err != nil {
		return fmt.Errorf("mot: LeverageMeter.UnmarshalBinary: %w", err)
	}
	*m = *fresh
	return nil
}

// A journey's sums are encoded as its visits, a flag for its groups'
// sums and when set their visits, then the better end's sums and each
// touchpoint's, by id, each followed by its groups' sums when there are.
func (js *leverageSums) encode(w *wire.Writer) {
	w.Count(js.visits)
	w.Bool(js.boot != nil)
	if js.boot != nil {
		for _, n := range js.boot.visits {
			w.Count(n)
		}
	}
	js.end.encode(w)
	js.boot.encodePlace(w, betterEndPlace)
	slots := map[string]int{}
	for k, ds := range js.levers {
		if ds != nil {
			slots[js.ids[k]] = k
		}
	}
	ids := sortedKeys(slots)
	w.Count(len(ids))
	for _, tp := range ids {
		w.String(tp)
		js.levers[slots[tp]].encode(w)
		js.boot.encodePlace(w, leverPlace(slots[tp]))
	}
}

// decode reads the sums of journey id, whose meter keeps groups groups
// (0: it saw no visit; 1: no bootstrap).
func (js *leverageSums) decode(r *wire.Reader, id string, groups int, u *fixedUnits) {
	js.visits = r.Count()
	if r.Bool() {
		if groups == 0 {
			r.Fail("journey %q: groups' sums of a meter without visits", id)
			return
		}
		js.boot = newGroupSums(groups, len(js.ids), u, js.whole)
		total := 0
		for g := range js.boot.visits {
			js.boot.visits[g] = r.Count()
			total += js.boot.visits[g]
		}
		if total != js.visits {
			r.Fail("journey %q: %d visits, %d in its bootstrap groups", id, js.visits, total)
		}
	} else if js.visits > 0 {
		r.Fail("journey %q: %d visits, no groups' sums", id, js.visits)
	}
	js.end.decode(r)
	if js.end.visits != js.visits {
		r.Fail("journey %q: %d visits, and %d of a better end", id, js.visits, js.end.visits)
	}
	js.boot.decodePlace(r, betterEndPlace)
	n := r.Len(3) // a name, a count, a flag
	tp := ""
	for i := range n {
		tp = r.Key(i, tp)
		ds := &deltaSums{}
		ds.decode(r)
		if ds.visits == 0 || ds.visits > js.visits {
			r.Fail("touchpoint %q of journey %q: %d visits of the journey's %d", tp, id, ds.visits, js.visits)
			return
		}
		slot := js.slot(tp, len(js.ids))
		js.levers[slot] = ds
		js.boot.decodePlace(r, leverPlace(slot))
	}
}

// A place's sums in the groups are encoded as its lost flag and each
// group's sums, as signed high and unsigned low words; nothing for a
// journey without groups.
func (gs *groupSums) encodePlace(w *wire.Writer, place int) {
	if gs == nil {
		return
	}
	w.Bool(place < gs.places && gs.lost[place])
	for g := range gs.visits {
		sums := gs.lever(g, place)
		for i := range leverSums {
			var x fixed128
			if sums != nil {
				x = sums[i]
			}
			w.Int(x.hi)
			w.Uint(x.lo)
		}
	}
}

func (gs *groupSums) decodePlace(r *wire.Reader, place int) {
	if gs == nil {
		return
	}
	if need := len(gs.visits) * leverSums * 2; r.Remaining() < need { // a byte a word at least
		r.Fail("the bootstrap groups' sums of a lever, in %d bytes", r.Remaining())
		return
	}
	if place >= gs.places {
		gs.grow(place + 1)
	}
	gs.lost[place] = r.Bool()
	for g := range gs.visits {
		sums := gs.lever(g, place)
		for i := range sums {
			sums[i] = fixed128{hi: r.Int(), lo: r.Uint()}
		}
	}
}

func (m *LeverageMeter) journeyIDs() []string {
	ids := make([]string, len(m.b.Journeys))
	for i, j := range m.b.Journeys {
		ids[i] = j.ID
	}
	return ids
}

// A deltaSums is encoded as its count and its total's whole numbers of
// fine units, then a flag for its exact rest and the rest.
func (ds *deltaSums) encode(w *wire.Writer) {
	w.Count(ds.visits)
	t := &ds.total
	for _, x := range t.fine {
		w.Int(x.hi)
		w.Uint(x.lo)
	}
	w.Bool(t.rest != nil)
	if t.rest != nil {
		t.rest.Encode(w)
	}
}

func (ds *deltaSums) decode(r *wire.Reader) {
	ds.visits = r.Count()
	t := &ds.total
	for i := range t.fine {
		t.fine[i] = fixed128{hi: r.Int(), lo: r.Uint()}
	}
	if r.Bool() {
		t.rest = exact.NewSums(leverSums)
		t.rest.Decode(r)
	}
}

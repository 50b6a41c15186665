package scoring

import (
	"cmp"
	"errors"
	"slices"
	"strconv"
	"strings"
)

// The order of a visit's moments is the one rule every feature, rule
// and report takes them in, decided by the moments' own content, so
// that the same rows in any input order give the same features:
//
//  1. When every moment has a start T: by T; moments that start at the
//     same instant by Seq (a moment with one before a moment without),
//     then by their touchpoint's place in the visit's journey (see
//     StepOrder; a touchpoint the journey lacks after those it has),
//     then by touchpoint id, then by rating, then by duration (a moment
//     without one last).
//  2. Else, when every moment has a Seq: by Seq, then as in 1 from the
//     journey's steps on.
//  3. Else the input order, which is then the only order there is.
//
// Moments equal in all of these are equal in everything Compute reads,
// so which of them comes first changes no feature.

// A StepOrder gives each journey's touchpoints their place among its
// steps: StepOrder[journey][touchpoint] is the index of the first step
// at that touchpoint, 0 for the journey's first. It breaks ties between
// moments that start at the same instant by the journey's flow; scoring
// knows no blueprint, so mot.StepOrder builds one from a blueprint's
// journeys. It is a plain map so that it travels as JSON (a pipeline's
// configuration); nil orders without steps.
type StepOrder map[string]map[string]int

// ErrNotInteger is a seq that is not a whole number within ±MaxSeq.
var ErrNotInteger = errors.New("not a whole number")

// MaxSeq bounds a moment's Seq: within ±(2⁵³−1) a seq stays exact in
// every tool that reads numbers as doubles (JSON, R, JavaScript).
const MaxSeq = 1<<53 - 1

// parseSeq reads a seq, a CSV cell or a JSON number as written: digits
// with an optional sign, and a point with only zeros after it (3.0, as
// spreadsheets export whole numbers). It reads the text rather than a
// float, which would round a long fraction to a whole number.
func parseSeq(b []byte) (int64, error) {
	text := strings.Trim(string(b), " \t")
	digits := text
	if i := strings.IndexByte(text, '.'); i > 0 && strings.Trim(text[i+1:], "0") == "" {
		digits = text[:i]
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	switch {
	case err == nil && (n > MaxSeq || n < -MaxSeq), errors.Is(err, strconv.ErrRange):
		return 0, errorf(ErrNotInteger, "%s is beyond ±(2^53−1)", text)
	case err == nil:
		return n, nil
	}
	if _, err := parseNumber(b); err != nil {
		return 0, err
	}
	return 0, errorf(ErrNotInteger, "%s is not a whole number; a seq numbers its visit's moments", text)
}

// Order returns the indices of v's moments in their order without a
// journey's steps: OrderWith(v, nil).
func Order(v *Visit) []int { return OrderWith(v, nil) }

// OrderWith returns the indices of v's moments in the order Compute
// takes them (see the package doc), with ties between moments that
// start together broken by steps, the journeys' step order; nil steps
// skip that key. It returns a new slice each call.
func OrderWith(v *Visit, steps StepOrder) []int {
	if v == nil {
		return []int{}
	}
	if idx, _ := reorder(v, steps); idx != nil {
		return idx
	}
	idx := make([]int, len(v.Moments))
	for i := range idx {
		idx[i] = i
	}
	return idx
}

// Ordered reports whether v's moments already stand in the order
// OrderWith gives, which recorded visits almost always do: a caller can
// then take them as they are without allocating. It costs one pass for
// moments in strictly increasing time.
func Ordered(v *Visit, steps StepOrder) bool {
	if v == nil {
		return true
	}
	idx, _ := reorder(v, steps)
	return idx == nil
}

// OrderedByContent reports whether v's moments have an order of their
// own: a start time each, or a seq each. The moments of a visit without
// one keep their input order, which rows scattered across files (a
// pipeline's input) do not have.
func OrderedByContent(v *Visit) bool {
	if v == nil {
		return false
	}
	if timed, _ := timeKey(v.Moments); timed {
		return true
	}
	all, _ := seqKey(v.Moments)
	return all
}

// reorder returns the order of v's moments, or nil when it is their
// order as they stand, and whether every moment has a T. Moments in
// strictly increasing T, or without a key to order by, cost one pass
// and no allocation.
func reorder(v *Visit, steps StepOrder) (idx []int, byTime bool) {
	ms := v.Moments
	byTime, strict := timeKey(ms)
	if strict {
		return nil, true
	}
	if !byTime {
		bySeq, strict := seqKey(ms)
		if !bySeq || strict {
			return nil, false
		}
	}
	idx = make([]int, len(ms))
	for i := range idx {
		idx[i] = i
	}
	o := momentOrder{byTime: byTime, journey: steps[v.Purpose]}
	slices.SortStableFunc(idx, func(a, b int) int { return o.compare(&ms[a], &ms[b]) })
	for i, j := range idx {
		if i != j {
			return idx, byTime
		}
	}
	return nil, byTime
}

// timeKey reports whether every moment has a T, and whether then the
// Ts strictly increase.
func timeKey(ms []Moment) (timed, strict bool) {
	if len(ms) == 0 || IsNA(ms[0].T) {
		return false, false
	}
	strict = true
	for i := 1; i < len(ms); i++ {
		t := ms[i].T
		if t > ms[i-1].T {
			continue
		}
		if IsNA(t) {
			return false, false
		}
		strict = false
	}
	return true, strict
}

// seqKey reports whether every moment has a Seq, and whether then the
// Seqs strictly increase.
func seqKey(ms []Moment) (all, strict bool) {
	strict = true
	for i := range ms {
		if !ms[i].HasSeq {
			return false, false
		}
		if i > 0 && ms[i].Seq <= ms[i-1].Seq {
			strict = false
		}
	}
	return len(ms) > 0, strict
}

// A momentOrder compares two moments of one visit by the rule.
type momentOrder struct {
	byTime  bool
	journey map[string]int // touchpoint → step; nil without steps
}

func (o momentOrder) compare(a, b *Moment) int {
	if o.byTime {
		if c := cmp.Compare(a.T, b.T); c != 0 {
			return c
		}
	}
	if c := presentFirst(a.HasSeq, b.HasSeq, a.Seq, b.Seq); c != 0 {
		return c
	}
	sa, oka := o.journey[a.Touchpoint]
	sb, okb := o.journey[b.Touchpoint]
	if c := presentFirst(oka, okb, sa, sb); c != 0 {
		return c
	}
	if c := strings.Compare(a.Touchpoint, b.Touchpoint); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Rating, b.Rating); c != 0 {
		return c
	}
	return presentFirst(!IsNA(a.Duration), !IsNA(b.Duration), a.Duration, b.Duration)
}

// presentFirst compares two optional keys: present ones by value, and
// before absent ones.
func presentFirst[T cmp.Ordered](hasA, hasB bool, a, b T) int {
	switch {
	case hasA && hasB:
		return cmp.Compare(a, b)
	case hasA:
		return -1
	case hasB:
		return 1
	}
	return 0
}

// timed reports whether every moment of v has a start time.
func timed(v *Visit) bool {
	byTime, _ := timeKey(v.Moments)
	return byTime
}

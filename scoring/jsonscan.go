package scoring

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"math/bits"
	"slices"
)

// A jsonFields is one JSON line's visit, decoded: by scanJSONVisit for
// the lines peakend writes, else by encoding/json (decodeJSONVisit).
// Its byte slices point into the line or into copies the decoder made.
type jsonFields struct {
	visit      []byte
	hasVisit   bool
	purpose    []byte
	remembered float64
	hasRemem   bool
	recommend  float64
	hasRecom   bool
	customer   []byte
	site       []byte
	moments    []jsonMomentFields
}

type jsonMomentFields struct {
	touchpoint  []byte
	t           []byte // the raw JSON value; nil when absent
	duration    float64
	hasDuration bool
	rating      float64
	hasRating   bool
	seq         []byte // the raw JSON value; nil when absent
}

// decodeJSONVisit decodes a line with encoding/json, which says what is
// wrong with a line the scanner does not take.
func decodeJSONVisit(text []byte, jf *jsonFields) error {
	var jv jsonVisit
	if err := json.Unmarshal(text, &jv); err != nil {
		return err
	}
	*jf = jsonFields{moments: jf.moments[:0], purpose: []byte(jv.Purpose),
		customer: []byte(jv.Customer), site: []byte(jv.Site)}
	if jv.Visit != nil {
		jf.visit, jf.hasVisit = []byte(*jv.Visit), true
	}
	if jv.Remembered != nil {
		jf.remembered, jf.hasRemem = *jv.Remembered, true
	}
	if jv.Recommend != nil {
		jf.recommend, jf.hasRecom = *jv.Recommend, true
	}
	for _, jm := range jv.Moments {
		m := jsonMomentFields{touchpoint: []byte(jm.Touchpoint), t: jm.T}
		if jm.Duration != nil {
			m.duration, m.hasDuration = *jm.Duration, true
		}
		if jm.Rating != nil {
			m.rating, m.hasRating = *jm.Rating, true
		}
		if len(jm.Seq) > 0 && string(jm.Seq) != "null" {
			m.seq = jm.Seq
		}
		jf.moments = append(jf.moments, m)
	}
	return nil
}

// timeText returns the text of a moment's t: a JSON string's content,
// or any other value as it is written (which parseTime then refuses
// unless it is a number).
func timeText(raw []byte) []byte {
	if len(raw) >= 2 && raw[0] == '"' {
		if bytes.IndexByte(raw, '\\') < 0 {
			return raw[1 : len(raw)-1]
		}
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return []byte(s)
		}
	}
	return raw
}

// scanJSONVisit decodes the visit objects peakend writes, and their
// like, without encoding/json: an object of the keys visit, purpose,
// remembered, recommend, customer, site and moments, each once and
// spelled so, whose moments are objects of touchpoint, t, duration,
// rating and seq; strings without escapes or control characters;
// numbers without an exponent, which parseNumber reads exactly as
// strconv.ParseFloat does. Anything else — another key or spelling,
// null, an escape, an exponent, a number too large, nesting, bad JSON —
// is left to encoding/json (false), so that the result never differs
// from its (FuzzJSONScanner holds them equal). The line is valid UTF-8.
func scanJSONVisit(text []byte, jf *jsonFields) bool {
	*jf = jsonFields{moments: jf.moments[:0]}
	b := text
	i, more, ok := objectStart(b, 0)
	var seen uint
	for ok && more {
		var k int
		if k, i, seen, ok = member(b, i, &visitKeys, seen); !ok {
			return false
		}
		switch k {
		case keyVisit:
			jf.visit, i, ok = jsonString(b, i)
			jf.hasVisit = ok
		case keyPurpose:
			jf.purpose, i, ok = jsonString(b, i)
		case keyRemembered:
			jf.remembered, i, ok = jsonNumber(b, i)
			jf.hasRemem = ok
		case keyRecommend:
			jf.recommend, i, ok = jsonNumber(b, i)
			jf.hasRecom = ok
		case keyCustomer:
			jf.customer, i, ok = jsonString(b, i)
		case keySite:
			jf.site, i, ok = jsonString(b, i)
		case keyMoments:
			i, ok = moments(b, i, jf)
		}
		if ok {
			i, more, ok = objectNext(b, i)
		}
	}
	return ok && space(b, i) == len(b)
}

// The keys of a visit and of a moment, in the order peakend writes
// them.
var (
	visitKeys  = newKeySet("visit", "purpose", "remembered", "recommend", "customer", "site", "moments")
	momentKeys = newKeySet("touchpoint", "t", "duration", "rating", "seq")
)

// Their indices in their key set.
const (
	keyVisit = iota
	keyPurpose
	keyRemembered
	keyRecommend
	keyCustomer
	keySite
	keyMoments
)

const (
	keyTouchpoint = iota
	keyT
	keyDuration
	keyRating
	keySeq
)

// A keySet is the keys an object may have, in the order peakend writes
// them, and each as it is written, with its quotes and the colon after
// it, as two masked words: a key of up to 14 bytes is matched in two
// comparisons.
type keySet struct {
	names   []string
	written []writtenKey
}

type writtenKey struct {
	word, mask [2]uint64
	size       int
}

func newKeySet(names ...string) keySet {
	ks := keySet{names: names}
	for _, n := range names {
		var text, mask [16]byte
		size := copy(text[:], `"`+n+`":`)
		for i := range size {
			mask[i] = 0xff
		}
		if size < len(`"`+n+`":`) {
			mask = [16]byte{} // too long to match so: read as a string
		}
		ks.written = append(ks.written, writtenKey{size: size,
			word: [2]uint64{binary.LittleEndian.Uint64(text[:]), binary.LittleEndian.Uint64(text[8:])},
			mask: [2]uint64{binary.LittleEndian.Uint64(mask[:]), binary.LittleEndian.Uint64(mask[8:])}})
	}
	return ks
}

// moments reads the array of a visit's moments at i into jf and
// returns where it ends.
func moments(b []byte, i int, jf *jsonFields) (int, bool) {
	if i = space(b, i); i >= len(b) || b[i] != '[' {
		return i, false
	}
	if i = space(b, i+1); i < len(b) && b[i] == ']' {
		return i + 1, true
	}
	for {
		jf.moments = append(jf.moments, jsonMomentFields{})
		var ok bool
		if i, ok = moment(b, i, &jf.moments[len(jf.moments)-1]); !ok { // read in place, not copied in
			return i, false
		}
		switch i = space(b, i); {
		case i < len(b) && b[i] == ']':
			return i + 1, true
		case i >= len(b) || b[i] != ',':
			return i, false
		}
		i++
	}
}

// moment reads the moment object at i into m and returns where it
// ends.
func moment(b []byte, i int, m *jsonMomentFields) (int, bool) {
	if end, ok := writtenMoment(b, i, m); ok {
		return end, true
	}
	*m = jsonMomentFields{}
	i, more, ok := objectStart(b, i)
	var seen uint
	for ok && more {
		var k int
		if k, i, seen, ok = member(b, i, &momentKeys, seen); !ok {
			return i, false
		}
		if i, ok = momentValue(b, i, k, m); ok {
			i, more, ok = objectNext(b, i)
		}
	}
	return i, ok
}

// writtenMoment reads a moment as peakend writes it, in fewer steps
// than moment reads any: its keys in the order of momentKeys (any left
// out), and no space between them; false leaves the moment to moment.
func writtenMoment(b []byte, i int, m *jsonMomentFields) (int, bool) {
	if i >= len(b) || b[i] != '{' {
		return i, false
	}
	i++
	for next := 0; ; {
		k, at, ok := matchWritten(b, i, &momentKeys, next)
		if !ok {
			return i, false
		}
		if i, ok = momentValue(b, at, k, m); !ok || i >= len(b) {
			return i, false
		}
		switch b[i] {
		case ',':
			i++
			next = k + 1
		case '}':
			return i + 1, true
		default:
			return i, false
		}
	}
}

// momentValue reads the value of a moment's key k at i into m. A t is
// kept as it is written, a string or a number, and a seq as its number,
// for parseTime and parseSeq.
func momentValue(b []byte, i, k int, m *jsonMomentFields) (int, bool) {
	ok := false
	switch k {
	case keyTouchpoint:
		m.touchpoint, i, ok = jsonString(b, i)
	case keyT:
		start := space(b, i)
		if _, i, ok = jsonString(b, start); !ok {
			_, i, ok = jsonNumberText(b, start)
		}
		m.t = b[start:i]
	case keyDuration:
		m.duration, i, ok = jsonNumber(b, i)
		m.hasDuration = ok
	case keyRating:
		m.rating, i, ok = jsonNumber(b, i)
		m.hasRating = ok
	case keySeq:
		m.seq, i, ok = jsonNumberText(b, i)
	}
	return i, ok
}

// objectStart reads the '{' of an object at i; more is false when the
// object is empty, and i is then past its '}'.
func objectStart(b []byte, i int) (_ int, more, ok bool) {
	if i = space(b, i); i >= len(b) || b[i] != '{' {
		return i, false, false
	}
	if i = space(b, i+1); i < len(b) && b[i] == '}' {
		return i + 1, false, true
	}
	return i, true, true
}

// objectNext reads what follows a member's value at i: a ',' before
// another member (more), or the object's '}'.
func objectNext(b []byte, i int) (_ int, more, ok bool) {
	switch i = space(b, i); {
	case i < len(b) && b[i] == ',':
		return i + 1, true, true
	case i < len(b) && b[i] == '}':
		return i + 1, false, true
	}
	return i, false, false
}

// member reads the key of an object's member at i and the colon after
// it, and returns the key's index in ks, where the value starts, and
// seen with the key's bit; false for a key not in ks, one seen before,
// or no key (as in "{...,}"). The keys after the last one seen are
// first matched as peakend writes them, as the next key nearly always
// is one of them; a key written otherwise is read as a string.
func member(b []byte, i int, ks *keySet, seen uint) (k, at int, _ uint, ok bool) {
	if k, at, ok = matchWritten(b, space(b, i), ks, bits.Len(seen)); !ok {
		var name []byte
		if name, at, ok = jsonString(b, i); !ok {
			return 0, at, seen, false
		}
		if at = space(b, at); at >= len(b) || b[at] != ':' {
			return 0, at, seen, false
		}
		at++
		if k = slices.Index(ks.names, string(name)); k < 0 {
			return 0, at, seen, false
		}
	}
	if seen&(1<<k) != 0 {
		return 0, at, seen, false
	}
	return k, at, seen | 1<<k, true
}

// matchWritten matches the keys of ks from next on, as peakend writes
// them, at i.
func matchWritten(b []byte, i int, ks *keySet, next int) (int, int, bool) {
	var at [2]uint64
	if rest := b[i:]; len(rest) >= 16 {
		at = [2]uint64{binary.LittleEndian.Uint64(rest), binary.LittleEndian.Uint64(rest[8:])}
	} else { // no key byte is 0, so the zeros past the line match none
		var w [16]byte
		copy(w[:], rest)
		at = [2]uint64{binary.LittleEndian.Uint64(w[:]), binary.LittleEndian.Uint64(w[8:])}
	}
	for k := next; k < len(ks.written); k++ {
		if w := &ks.written[k]; at[0]&w.mask[0] == w.word[0] && at[1]&w.mask[1] == w.word[1] && w.mask[0] != 0 {
			return k, i + w.size, true
		}
	}
	return 0, i, false
}

// space returns where the space at i ends.
func space(b []byte, i int) int {
	for i < len(b) && b[i] <= ' ' && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n') {
		i++
	}
	return i
}

// jsonString reads a string at i without escapes or control characters
// and returns its content and where it ends.
func jsonString(b []byte, i int) ([]byte, int, bool) {
	if i = space(b, i); i >= len(b) || b[i] != '"' {
		return nil, i, false
	}
	for j := i + 1; j < len(b); j++ {
		switch c := b[j]; {
		case c > '"' && c != '\\': // nearly every byte: one test
		case c == '"':
			return b[i+1 : j], j + 1, true
		case c < ' ' || c == '\\':
			return nil, j, false
		}
	}
	return nil, len(b), false
}

// jsonNumber reads a JSON number at i without an exponent.
func jsonNumber(b []byte, i int) (float64, int, bool) {
	text, end, ok := jsonNumberText(b, i)
	if !ok {
		return 0, end, false
	}
	x, err := parseNumber(text)
	return x, end, err == nil // an error: too large, which encoding/json says
}

// jsonNumberText reads a JSON number at i without an exponent and
// returns its text and where it ends.
func jsonNumberText(b []byte, i int) ([]byte, int, bool) {
	start := space(b, i)
	i = start
	if i < len(b) && b[i] == '-' {
		i++
	}
	digits := i
	if i += digitRun(b, i); i == digits || b[digits] == '0' && i > digits+1 { // no digit, or a 0 followed by digits
		return nil, i, false
	}
	if i < len(b) && b[i] == '.' {
		i++
		frac := i
		if i += digitRun(b, i); i == frac {
			return nil, i, false
		}
	}
	if i < len(b) && b[i]|0x20 == 'e' { // an exponent: 'e' or 'E'
		return nil, i, false
	}
	return b[start:i:i], i, true
}

// digitRun returns how many digits b has from i on, eight bytes a load
// where eight are left (as parseNumber flags the bytes that are no
// digit).
func digitRun(b []byte, i int) int {
	n := 0
	for ; i <= len(b)-8; i += 8 {
		v := binary.LittleEndian.Uint64(b[i:]) ^ 0x30*ones
		if others := ((v + sixes) | v) & nibble; others != 0 {
			return n + bits.TrailingZeros64(others)>>3
		}
		n += 8
	}
	for ; i < len(b) && isDigit(b[i]); i++ {
		n++
	}
	return n
}

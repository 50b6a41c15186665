package scoring

import (
	"bytes"
	"encoding/json"
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
// remembered, recommend, customer, site and moments, each once and spelled so, whose
// moments are objects of touchpoint, t, duration, rating and seq; strings
// without escapes or control characters; numbers of at most 15 digits
// without an exponent, which parseShortDecimal reads exactly as
// strconv.ParseFloat does. Anything else — another key or spelling,
// null, an escape, an exponent, a long number, nesting, bad JSON — is
// left to encoding/json (false), so that the result never differs from
// its (FuzzJSONScanner holds them equal). The line is valid UTF-8.
func scanJSONVisit(text []byte, jf *jsonFields) bool {
	s := jsonScanner{b: text}
	*jf = jsonFields{moments: jf.moments[:0]}
	if !s.byte('{') {
		return false
	}
	var seen uint
	for first := true; ; first = false {
		if s.byte('}') {
			return s.end()
		}
		if !first && !s.byte(',') {
			return false
		}
		key, ok := s.str() // fails on "{...,}"
		if !ok || !s.byte(':') {
			return false
		}
		bit, ok := s.visitKey(key, jf)
		if !ok || seen&bit != 0 {
			return false
		}
		seen |= bit
	}
}

// visitKey reads the value of a visit's key and returns the key's bit.
func (s *jsonScanner) visitKey(key []byte, jf *jsonFields) (uint, bool) {
	var ok bool
	switch string(key) {
	case "visit":
		jf.visit, ok = s.str()
		jf.hasVisit = ok
		return 1, ok
	case "purpose":
		jf.purpose, ok = s.str()
		return 2, ok
	case "remembered":
		jf.remembered, ok = s.number()
		jf.hasRemem = ok
		return 4, ok
	case "recommend":
		jf.recommend, ok = s.number()
		jf.hasRecom = ok
		return 8, ok
	case "moments":
		return 16, s.moments(jf)
	case "customer":
		jf.customer, ok = s.str()
		return 32, ok
	case "site":
		jf.site, ok = s.str()
		return 64, ok
	}
	return 0, false
}

func (s *jsonScanner) moments(jf *jsonFields) bool {
	if !s.byte('[') {
		return false
	}
	if s.byte(']') {
		return true
	}
	for {
		var m jsonMomentFields
		if !s.moment(&m) {
			return false
		}
		jf.moments = append(jf.moments, m)
		if s.byte(']') {
			return true
		}
		if !s.byte(',') {
			return false
		}
	}
}

func (s *jsonScanner) moment(m *jsonMomentFields) bool {
	if !s.byte('{') {
		return false
	}
	if s.byte('}') {
		return true
	}
	var seen uint
	for {
		key, ok := s.str()
		if !ok || !s.byte(':') {
			return false
		}
		var bit uint
		switch string(key) {
		case "touchpoint":
			bit = 1
			m.touchpoint, ok = s.str()
		case "t":
			bit = 2
			start := s.skipSpace()
			if _, ok = s.str(); !ok {
				s.i = start
				_, ok = s.number()
			}
			m.t = s.b[start:s.i]
		case "duration":
			bit = 4
			m.duration, ok = s.number()
			m.hasDuration = ok
		case "rating":
			bit = 8
			m.rating, ok = s.number()
			m.hasRating = ok
		case "seq":
			bit = 16
			start := s.skipSpace()
			_, ok = s.number()
			m.seq = s.b[start:s.i]
		default:
			return false
		}
		if !ok || seen&bit != 0 {
			return false
		}
		seen |= bit
		if s.byte('}') {
			return true
		}
		if !s.byte(',') {
			return false
		}
	}
}

// A jsonScanner reads JSON tokens from b at i.
type jsonScanner struct {
	b []byte
	i int
}

func (s *jsonScanner) skipSpace() int {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\r', '\n':
			s.i++
			continue
		}
		break
	}
	return s.i
}

// byte reads the byte c, after any space.
func (s *jsonScanner) byte(c byte) bool {
	s.skipSpace()
	if s.i < len(s.b) && s.b[s.i] == c {
		s.i++
		return true
	}
	return false
}

// end reports whether only space is left.
func (s *jsonScanner) end() bool { return s.skipSpace() == len(s.b) }

// str reads a string without escapes or control characters and returns
// its content.
func (s *jsonScanner) str() ([]byte, bool) {
	if !s.byte('"') {
		return nil, false
	}
	start := s.i
	for s.i < len(s.b) {
		c := s.b[s.i]
		switch {
		case c == '"':
			s.i++
			return s.b[start : s.i-1], true
		case c == '\\' || c < 0x20:
			return nil, false
		}
		s.i++
	}
	return nil, false
}

// number reads a JSON number of at most 15 digits without an exponent.
func (s *jsonScanner) number() (float64, bool) {
	start := s.skipSpace()
	i := start
	if i < len(s.b) && s.b[i] == '-' {
		i++
	}
	switch {
	case i < len(s.b) && s.b[i] == '0':
		i++
	case i < len(s.b) && s.b[i] >= '1' && s.b[i] <= '9':
		for i < len(s.b) && isDigit(s.b[i]) {
			i++
		}
	default:
		return 0, false
	}
	if i < len(s.b) && s.b[i] == '.' {
		i++
		frac := i
		for i < len(s.b) && isDigit(s.b[i]) {
			i++
		}
		if i == frac {
			return 0, false
		}
	}
	if i < len(s.b) && (s.b[i] == 'e' || s.b[i] == 'E' || isDigit(s.b[i])) {
		return 0, false // an exponent, or a 0 followed by digits
	}
	x, ok := parseShortDecimal(s.b[start:i])
	if !ok {
		return 0, false
	}
	s.i = i
	return x, true
}

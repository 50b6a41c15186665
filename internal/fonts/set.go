package fonts

import "unicode"

// A Set is the faces text is drawn in, in order of preference, for each
// weight.
type Set struct {
	regular, bold []*Face
}

// NewSet returns the embedded faces, preceded by user when it is not
// nil; user draws both weights of what it has.
func NewSet(user *Face) (*Set, error) {
	def, err := Default()
	if err != nil {
		return nil, err
	}
	s := &Set{regular: []*Face{def[0]}, bold: []*Face{def[1]}}
	if user != nil {
		s.regular = append([]*Face{user}, s.regular...)
		s.bold = append([]*Face{user}, s.bold...)
	}
	return s, nil
}

// Faces lists the faces of one weight, in order of preference.
func (s *Set) Faces(bold bool) []*Face {
	if bold {
		return s.bold
	}
	return s.regular
}

// Face returns the face r is drawn in, or nil when no face has it.
func (s *Set) Face(r rune, bold bool) *Face {
	for _, f := range s.Faces(bold) {
		if f.Has(r) {
			return f
		}
	}
	return nil
}

// A Run is a piece of text drawn in one face.
type Run struct {
	Text string
	Face *Face
}

// Runs splits text into runs of one face. A space keeps the face of the
// run it is in, so that words are not cut at their spaces.
func (s *Set) Runs(text string, bold bool) []Run {
	var runs []Run
	var cur *Face
	start := 0
	for i, r := range text {
		f := cur
		if !(unicode.IsSpace(r) && cur != nil) {
			if g := s.Face(r, bold); g != nil {
				f = g
			}
		}
		if f != cur && i > start {
			runs = append(runs, Run{text[start:i], s.orFirst(cur, bold)})
			start = i
		}
		cur = f
	}
	if start < len(text) {
		runs = append(runs, Run{text[start:], s.orFirst(cur, bold)})
	}
	return runs
}

// orFirst is f, or for characters no face has (f nil) the first face,
// which draws them as its missing glyph.
func (s *Set) orFirst(f *Face, bold bool) *Face {
	if f == nil {
		return s.Faces(bold)[0]
	}
	return f
}

// Width is the width of text in ems, as Runs draws it.
func (s *Set) Width(text string, bold bool) float64 {
	w := 0.0
	for _, run := range s.Runs(text, bold) {
		w += run.Face.Width(run.Text)
	}
	return w
}

// Missing returns the first character of text that no face of the
// weight has. Spaces and controls are not drawn, so never missing.
func (s *Set) Missing(text string, bold bool) (rune, bool) {
	for _, r := range text {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			continue
		}
		if s.Face(r, bold) == nil {
			return r, true
		}
	}
	return 0, false
}

package poster

// A drawnText is a text as the poster draws it.
type drawnText struct {
	text string
	bold bool
}

// allText lists every text the poster draws, to check and subset the
// fonts.
func (m *model) allText(l *layout) []drawnText {
	var rec textRecorder
	m.draw(&rec, l)
	return rec.texts
}

// textRecorder is a painter that only keeps the texts.
type textRecorder struct{ texts []drawnText }

func (r *textRecorder) Begin(string, map[string]string, float64) {}
func (r *textRecorder) End()                                     {}
func (r *textRecorder) Rect(_, _, _, _, _ float64, _, _ string, _ float64, _ string, _ map[string]string) {
}
func (r *textRecorder) Line(_, _, _, _ float64, _ string, _ float64, _ bool, _ string, _ map[string]string) {
}
func (r *textRecorder) Triangle(_, _, _ [2]float64, _ string) {}
func (r *textRecorder) Text(_, _, _ float64, _ string, bold, _ bool, s string, _ string) {
	r.texts = append(r.texts, drawnText{s, bold})
}

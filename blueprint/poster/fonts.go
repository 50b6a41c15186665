package poster

import (
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/peakend/peakend/internal/fonts"
)

// fontSet returns the faces a poster is measured and drawn in: the
// user's file first, when given, then the embedded ones.
func fontSet(fontFile string) (*fonts.Set, error) {
	if fontFile == "" {
		return fonts.NewSet(nil)
	}
	face, err := userFace(fontFile)
	if err != nil {
		return nil, fmt.Errorf("poster: font %w", err)
	}
	return fonts.NewSet(face)
}

// userFaces keeps the fonts users gave, so that a service rendering
// with one font reads and parses it once; a file changed on disk is read
// again.
var (
	userFacesMu sync.Mutex
	userFaces   = map[string]userFaceEntry{}
)

type userFaceEntry struct {
	face    *fonts.Face
	size    int64
	modTime time.Time
}

// maxUserFaces bounds the cache: a process that is given many fonts
// keeps the latest few.
const maxUserFaces = 8

func userFace(path string) (*fonts.Face, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	userFacesMu.Lock()
	defer userFacesMu.Unlock()
	if e, ok := userFaces[path]; ok && e.size == info.Size() && e.modTime.Equal(info.ModTime()) {
		return e.face, nil
	}
	face, err := fonts.Load(path)
	if err != nil {
		return nil, err
	}
	if len(userFaces) >= maxUserFaces {
		clear(userFaces)
	}
	userFaces[path] = userFaceEntry{face, info.Size(), info.ModTime()}
	return face, nil
}

// checkGlyphs fails, naming the character and its text, when no face
// has a character the poster draws.
func (m *model) checkGlyphs(texts []drawnText) error {
	for _, t := range texts {
		if r, ok := m.measure.fonts.Missing(t.text, t.bold); ok {
			hint := "give a TrueType font that has it (Options.FontFile)"
			return fmt.Errorf("%w: %q (U+%04X) of %q; %s", ErrMissingGlyph, r, r, t.text, hint)
		}
	}
	return nil
}

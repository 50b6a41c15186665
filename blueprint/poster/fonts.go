package poster

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/tdewolff/canvas"
)

// A fontSet draws text in PDF and PNG with fallback: each character in
// the first font that has it, as a Latin font rarely has Chinese and a
// Chinese one may lack symbols or Latin.
type fontSet struct {
	fonts []*faceFont
}

type faceFont struct {
	path          string
	regular, bold *canvas.Font // bold is regular when no bold file is known
}

// systemFonts are the font files looked for, by operating system: a
// Latin sans serif first, then Chinese ones. Only TrueType outlines
// serve, as the PDF writer cannot subset CFF (Noto Sans CJK's .ttc).
// Each entry is a regular file and, optionally, its bold.
var systemFonts = map[string][][2]string{
	"linux": {
		{"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"},
		{"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"},
		{"/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"},
		{"/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", ""},
		{"/usr/share/fonts/truetype/arphic/uming.ttc", ""},
		{"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", ""},
	},
	"darwin": {
		{"/System/Library/Fonts/Supplemental/Arial.ttf", "/System/Library/Fonts/Supplemental/Arial Bold.ttf"},
		{"/System/Library/Fonts/Supplemental/Arial Unicode.ttf", ""},
		{"/Library/Fonts/Arial Unicode.ttf", ""},
		{"/System/Library/Fonts/STHeiti Light.ttc", "/System/Library/Fonts/STHeiti Medium.ttc"},
	},
	"windows": {
		{`C:\Windows\Fonts\arial.ttf`, `C:\Windows\Fonts\arialbd.ttf`},
		{`C:\Windows\Fonts\msyh.ttc`, `C:\Windows\Fonts\msyhbd.ttc`},
		{`C:\Windows\Fonts\simhei.ttf`, ""},
		{`C:\Windows\Fonts\simsun.ttc`, ""},
	},
}

var (
	fontCacheMu sync.Mutex
	fontCache   = map[string]*canvas.Font{} // fonts are large: load each file once a process
	numGlyphs   = map[*canvas.Font]uint16{} // each cached font's own glyph count
)

// restore gives the fonts back their glyph counts. tdewolff/font's
// Subset writes the subset's count into the font it subsets (its copy of
// the maxp table shares the original), so a cached font would differ
// from one render to the next; writeCanvas calls this, under its lock,
// after every render.
func (fs *fontSet) restore() {
	fontCacheMu.Lock()
	defer fontCacheMu.Unlock()
	for _, f := range fs.fonts {
		for _, font := range []*canvas.Font{f.regular, f.bold} {
			if n, ok := numGlyphs[font]; ok && font.Maxp != nil {
				font.Maxp.NumGlyphs = n
			}
		}
	}
}

func loadFont(path string) (*canvas.Font, error) {
	fontCacheMu.Lock()
	defer fontCacheMu.Unlock()
	if f, ok := fontCache[path]; ok {
		return f, nil
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if !trueTypeOutlines(src) {
		return nil, fmt.Errorf("%s has CFF outlines, which PDF cannot embed as a subset here; use a TrueType font", filepath.Base(path))
	}
	f, err := canvas.LoadFont(src, 0, canvas.FontRegular)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", filepath.Base(path), err)
	}
	fontCache[path] = f
	if f.Maxp != nil {
		numGlyphs[f] = f.Maxp.NumGlyphs
	}
	return f, nil
}

// trueTypeOutlines reports whether the (first) font of a file has a glyf
// table: TrueType outlines rather than CFF.
func trueTypeOutlines(src []byte) bool {
	off := uint32(0)
	if bytes.HasPrefix(src, []byte("ttcf")) && len(src) >= 16 {
		off = binary.BigEndian.Uint32(src[12:16])
	}
	if int(off)+12 > len(src) {
		return false
	}
	n := int(binary.BigEndian.Uint16(src[off+4:]))
	for i := 0; i < n; i++ {
		rec := int(off) + 12 + 16*i
		if rec+4 > len(src) {
			return false
		}
		if string(src[rec:rec+4]) == "glyf" {
			return true
		}
	}
	return false
}

// newFontSet loads the fonts for text: the file named by fontFile
// first, then the system's. It fails, naming the character, when no
// font has one of text's characters.
func newFontSet(fontFile string, text []string) (*fontSet, error) {
	var candidates [][2]string
	if fontFile != "" {
		candidates = append(candidates, [2]string{fontFile, ""})
	}
	candidates = append(candidates, systemFonts[runtime.GOOS]...)
	fs := &fontSet{}
	var firstErr error
	for _, c := range candidates {
		if _, err := os.Stat(c[0]); err != nil {
			if c[0] == fontFile {
				return nil, fmt.Errorf("--font %s: %v", fontFile, err)
			}
			continue
		}
		regular, err := loadFont(c[0])
		if err != nil {
			if c[0] == fontFile {
				return nil, fmt.Errorf("--font: %v", err)
			}
			firstErr = err
			continue
		}
		ff := &faceFont{path: c[0], regular: regular, bold: regular}
		if c[1] != "" {
			if bold, err := loadFont(c[1]); err == nil {
				ff.bold = bold
			}
		}
		fs.fonts = append(fs.fonts, ff)
	}
	for _, s := range text {
		for _, r := range s {
			if r == ' ' || fs.fontFor(r) != nil {
				continue
			}
			hint := "pass a font that has it with --font FILE (a TrueType .ttf or .ttc, such as Droid Sans Fallback, Microsoft YaHei or Arial Unicode)"
			if firstErr != nil {
				hint += "; " + firstErr.Error()
			}
			return nil, fmt.Errorf("no font found has the character %q (U+%04X) of %q: %s", r, r, s, hint)
		}
	}
	return fs, nil
}

// fontFor returns the first font that has r.
func (fs *fontSet) fontFor(r rune) *faceFont {
	for _, f := range fs.fonts {
		if f.regular.GlyphIndex(r) != 0 {
			return f
		}
	}
	return nil
}

// runs splits s into runs of characters drawn in one font.
func (fs *fontSet) runs(s string) (texts []string, fonts []*faceFont) {
	var cur *faceFont
	var run []rune
	for _, r := range s {
		f := fs.fontFor(r)
		if f == nil {
			f = cur // a space, or a character checked before: keep the run
		}
		if f != cur && len(run) > 0 {
			texts, fonts = append(texts, string(run)), append(fonts, cur)
			run = run[:0]
		}
		if f != nil {
			cur = f
		}
		run = append(run, r)
	}
	if len(run) > 0 {
		if cur == nil && len(fs.fonts) > 0 {
			cur = fs.fonts[0]
		}
		texts, fonts = append(texts, string(run)), append(fonts, cur)
	}
	return texts, fonts
}

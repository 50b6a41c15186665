// Package fonts holds the fonts peakend measures and draws text in: Noto
// Sans SC in regular and bold, embedded in the program, and any TrueType
// file a user gives. The rules, in order:
//
//  1. The embedded faces cover Latin, Greek, Cyrillic, common symbols
//     and the whole CJK Unified Ideographs block (Simplified and
//     Traditional Chinese) in two weights, so that a poster is the same
//     on every machine and needs no font installed. They carry no
//     kerning or ligatures: a text's width is the sum of its advances in
//     every viewer. gen.sh says how they were made; OFL.txt is their
//     licence.
//
//  2. A Set draws each character in the first of its faces that has it
//     (a user's font first, then the embedded ones), in runs of one face;
//     Width and Runs follow the same rule, so what is measured is what
//     is drawn.
//
//  3. Faces are safe for concurrent use: the outlines they keep once
//     made are kept in a sync.Map, and Subset works on a copy of the
//     font under a lock.
package fonts

import (
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/tdewolff/font"
)

//go:embed NotoSansSC-Regular.ttf.gz NotoSansSC-Bold.ttf.gz
var embedded embed.FS

// MaxFileSize is the largest font file Load reads: large CJK fonts are
// about 25 MB, and a file past this is refused before it is read.
const MaxFileSize = 64 << 20

// ErrNotFont is wrapped by Load's error for a file that is not a
// TrueType font (or collection) with TrueType outlines.
var ErrNotFont = errors.New("not a TrueType font")

// A Face is one font file, parsed.
type Face struct {
	// Name names the face in messages.
	Name string
	// Data is the TrueType file (for a collection, the whole file;
	// Index says which font).
	Data  []byte
	Index int

	sfnt     *font.SFNT
	upem     float64
	embedded bool

	subsetMu sync.Mutex
	subsetOf *font.SFNT // a copy of the font that Subset changes, and restores
	outlines sync.Map   // glyph → its outline, made once

	ascii [128]float64 // advances in em of ASCII, -1 where missing
}

func newFace(name string, data []byte, index int) (f *Face, err error) {
	if !trueTypeOutlines(data, index) {
		return nil, ErrNotFont
	}
	defer recoverFont(&err)
	s, err := font.ParseSFNT(data, index)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotFont, err)
	}
	if s.Head == nil || s.Head.UnitsPerEm == 0 || s.Cmap == nil || s.Hmtx == nil {
		return nil, fmt.Errorf("%w: it lacks its metrics", ErrNotFont)
	}
	f = &Face{Name: name, Data: data, Index: index, sfnt: s, upem: float64(s.Head.UnitsPerEm)}
	for r := range f.ascii {
		f.ascii[r] = f.lookup(rune(r))
	}
	return f, nil
}

// lookup is r's advance in em, or -1 when the face lacks r.
func (f *Face) lookup(r rune) float64 {
	g := f.sfnt.GlyphIndex(r)
	if g == 0 {
		return -1
	}
	return float64(f.sfnt.GlyphAdvance(g)) / f.upem
}

func (f *Face) advance(r rune) float64 {
	if r >= 0 && r < 128 {
		return f.ascii[r]
	}
	return f.lookup(r)
}

// Embedded reports whether the face is one of the program's own.
func (f *Face) Embedded() bool { return f.embedded }

// Has reports whether the face has a glyph for r.
func (f *Face) Has(r rune) bool { return f.advance(r) >= 0 }

// Width is the width of s in this face, in units of the font size
// (ems); a character the face lacks counts as nothing.
func (f *Face) Width(s string) float64 {
	w := 0.0
	for _, r := range s {
		w += max(f.advance(r), 0)
	}
	return w
}

// Subset returns a TrueType file holding only the glyphs of runes (and
// .notdef), with a character map: what an SVG embeds as @font-face.
func (f *Face) Subset(runes []rune) (data []byte, err error) {
	f.subsetMu.Lock()
	defer f.subsetMu.Unlock()
	defer recoverFont(&err)
	if f.subsetOf == nil {
		s, err := font.ParseSFNT(f.Data, f.Index)
		if err != nil {
			return nil, err
		}
		f.subsetOf = s
	}
	s := f.subsetOf
	ids := []uint16{0}
	seen := map[uint16]bool{0: true}
	for _, r := range runes {
		if g := s.GlyphIndex(r); !seen[g] {
			seen[g] = true
			ids = append(ids, g)
		}
	}
	slices.Sort(ids[1:])
	defer keepTables(s)()
	sub, err := s.Subset(ids, font.SubsetOptions{Tables: font.KeepMinTables})
	if err != nil {
		return nil, fmt.Errorf("subsetting %s: %v", f.Name, err)
	}
	data = sub.Write()
	FixDate(data)
	return data, nil
}

// keepTables returns a function that gives s back the values
// tdewolff/font's Subset writes into the font it subsets (the subset's
// head, hhea and maxp share the original's).
func keepTables(s *font.SFNT) (restore func()) {
	var numGlyphs, metrics uint16
	var locFormat int16
	if s.Maxp != nil {
		numGlyphs = s.Maxp.NumGlyphs
	}
	if s.Hhea != nil {
		metrics = s.Hhea.NumberOfHMetrics
	}
	if s.Head != nil {
		locFormat = s.Head.IndexToLocFormat
	}
	return func() {
		if s.Maxp != nil {
			s.Maxp.NumGlyphs = numGlyphs
		}
		if s.Hhea != nil {
			s.Hhea.NumberOfHMetrics = metrics
		}
		if s.Head != nil {
			s.Head.IndexToLocFormat = locFormat
		}
	}
}

// KeepTables is keepTables for a font of tdewolff/canvas, whose PDF
// writer subsets the font it draws in: call the function it returns
// after the PDF is written.
func KeepTables(s *font.SFNT) (restore func()) { return keepTables(s) }

// Default returns the embedded faces, regular and bold, unpacked once a
// process (about 70 ms each, in parallel).
var Default = sync.OnceValues(func() ([2]*Face, error) {
	var faces [2]*Face
	var errs [2]error
	var wg sync.WaitGroup
	for i, name := range []string{"NotoSansSC-Regular.ttf.gz", "NotoSansSC-Bold.ttf.gz"} {
		wg.Go(func() {
			data, err := gunzip(name)
			if err == nil {
				faces[i], err = newFace(strings.TrimSuffix(name, ".ttf.gz"), data, 0)
			}
			if err == nil {
				faces[i].embedded = true
			}
			errs[i] = err
		})
	}
	wg.Wait()
	return faces, errors.Join(errs[0], errs[1])
})

func gunzip(name string) ([]byte, error) {
	f, err := embedded.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("fonts: embedded %s: %v", name, err)
	}
	return io.ReadAll(zr)
}

// Load reads a user's font file: TrueType outlines (.ttf, or the first
// font of a .ttc collection), at most MaxFileSize bytes. Its errors wrap
// the *fs.PathError of a file that cannot be read, and ErrNotFont.
func Load(path string) (*Face, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	info, err := fh.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: path, Err: errors.New("not a regular file")}
	}
	if info.Size() > MaxFileSize {
		return nil, &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("%d bytes, larger than any font (the limit is %d MB)", info.Size(), MaxFileSize>>20)}
	}
	data, err := io.ReadAll(io.LimitReader(fh, MaxFileSize+1))
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: path, Err: err}
	}
	if len(data) > MaxFileSize {
		return nil, &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("larger than any font (the limit is %d MB)", MaxFileSize>>20)}
	}
	face, err := newFace(filepath.Base(path), data, 0)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return face, nil
}

// trueTypeOutlines reports whether the font at index of a file has a
// glyf table: TrueType outlines, which every writer here can subset.
func trueTypeOutlines(src []byte, index int) bool {
	off := 0
	if bytes.HasPrefix(src, []byte("ttcf")) {
		at := 12 + 4*index
		if index < 0 || len(src) < at+4 {
			return false
		}
		off = int(be32(src[at:]))
	}
	if off < 0 || off+12 > len(src) {
		return false
	}
	n := int(src[off+4])<<8 | int(src[off+5])
	for i := 0; i < n; i++ {
		rec := off + 12 + 16*i
		if rec+4 > len(src) {
			return false
		}
		if string(src[rec:rec+4]) == "glyf" {
			return true
		}
	}
	return false
}

func be32(b []byte) uint32 {
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

// Glyph returns the face's glyph for r, 0 when it has none.
func (f *Face) Glyph(r rune) uint16 { return f.sfnt.GlyphIndex(r) }

// Advance is a glyph's advance in font units.
func (f *Face) Advance(g uint16) int { return int(f.sfnt.GlyphAdvance(g)) }

// UnitsPerEm is the face's em in font units.
func (f *Face) UnitsPerEm() int { return int(f.upem) }

// Outline returns a glyph's outline as SVG path data, in font units with
// y growing down from the baseline; empty for a glyph with no outline
// (a space). Each glyph's is made once a process.
func (f *Face) Outline(g uint16) (d string, err error) {
	if d, ok := f.outlines.Load(g); ok {
		return d.(string), nil
	}
	defer recoverFont(&err)
	var p svgPath
	if err := f.sfnt.GlyphPath(&p, g, 0, 0, 0, 1, font.NoHinting); err != nil {
		return "", err
	}
	d = string(p.b)
	f.outlines.Store(g, d)
	return d, nil
}

// recoverFont turns a panic of tdewolff/font, which a malformed file
// can cause, into an error.
func recoverFont(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("%w: %v", ErrNotFont, r)
	}
}

// svgPath writes path data for font.Pather; TrueType's y grows up.
// Coordinates are whole or half font units: written as such, short.
type svgPath struct{ b []byte }

func (p *svgPath) pt(x, y float64) {
	p.num(x)
	p.b = append(p.b, ' ')
	p.num(-y)
}

func (p *svgPath) num(v float64) {
	if v == math.Trunc(v) && math.Abs(v) < 1<<30 {
		p.b = strconv.AppendInt(p.b, int64(v), 10)
		return
	}
	p.b = strconv.AppendFloat(p.b, v, 'f', -1, 64)
}

func (p *svgPath) MoveTo(x, y float64) { p.b = append(p.b, 'M'); p.pt(x, y) }
func (p *svgPath) LineTo(x, y float64) { p.b = append(p.b, 'L'); p.pt(x, y) }
func (p *svgPath) QuadTo(cx, cy, x, y float64) {
	p.b = append(p.b, 'Q')
	p.pt(cx, cy)
	p.b = append(p.b, ' ')
	p.pt(x, y)
}
func (p *svgPath) CubeTo(c1x, c1y, c2x, c2y, x, y float64) {
	p.b = append(p.b, 'C')
	p.pt(c1x, c1y)
	p.b = append(p.b, ' ')
	p.pt(c2x, c2y)
	p.b = append(p.b, ' ')
	p.pt(x, y)
}
func (p *svgPath) Close() { p.b = append(p.b, 'Z') }

// FixDate sets a TrueType font's modified date to its created date and
// mends the head table's checksum and the font's checksum adjustment:
// tdewolff/font stamps the time of a subset into it, which would make
// the same poster differ from second to second.
func FixDate(font []byte) {
	if len(font) < 12 || !bytes.Equal(font[:4], []byte{0, 1, 0, 0}) {
		return
	}
	be := binary.BigEndian
	tables := int(be.Uint16(font[4:]))
	var headRec, headOff, headLen, total int
	for i := 0; i < tables; i++ {
		rec := 12 + 16*i
		if rec+16 > len(font) {
			return
		}
		off, n := int(be.Uint32(font[rec+8:])), int(be.Uint32(font[rec+12:]))
		if off+n > len(font) {
			return
		}
		total = max(total, off+(n+3)&^3)
		if string(font[rec:rec+4]) == "head" {
			headRec, headOff, headLen = rec, off, n
		}
	}
	if headLen < 54 || total > len(font) {
		return
	}
	head := font[headOff : headOff+headLen]
	copy(head[28:36], head[20:28]) // modified = created
	be.PutUint32(head[8:], 0)      // checkSumAdjustment is 0 while summing
	be.PutUint32(font[headRec+4:], checksum(head))
	be.PutUint32(head[8:], 0xB1B0AFBA-checksum(font[:total]))
}

// checksum is the TrueType table checksum: the sum of big-endian
// 32-bit words, the last padded with zeros.
func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:min(i+4, len(b))])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}

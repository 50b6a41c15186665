package fonts

import (
	"encoding/base64"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tdewolff/font"
)

func TestDefaultCoversChineseInBothWeights(t *testing.T) {
	set, err := NewSet(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"沟通100服务营销厅", "營業廳的顧客", "Service hall ★ ■ ◐ ⚠ ≤ ≥ · – —", "Кириллица αβγ"} {
		for _, bold := range []bool{false, true} {
			if r, ok := set.Missing(text, bold); ok {
				t.Errorf("bold %v: %q lacks %q", bold, text, r)
			}
		}
	}
	if r, ok := set.Missing("Unicorn \U0001F984", false); !ok || r != '\U0001F984' {
		t.Errorf("Missing: %q %v", r, ok)
	}
	if w := set.Width("营业", false); w != 2 {
		t.Errorf("two ideographs are %v em wide, want 2", w)
	}
	if set.Width("Hall", true) <= set.Width("Hall", false) {
		t.Error("bold Latin is not wider than regular")
	}
}

// A run is one face; a space stays in the run it is in; the runs' widths
// add up to the text's.
func TestRunsFollowTheFaces(t *testing.T) {
	def, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	set := &Set{regular: []*Face{latinOnly(t), def[0]}, bold: []*Face{def[1]}}
	runs := set.Runs("ab 营业 cd", false)
	var texts []string
	for _, r := range runs {
		texts = append(texts, r.Text)
	}
	if got := strings.Join(texts, "|"); got != "ab |营业 |cd" {
		t.Errorf("runs %q", got)
	}
	sum := 0.0
	for _, r := range runs {
		sum += r.Face.Width(r.Text)
	}
	if sum != set.Width("ab 营业 cd", false) {
		t.Errorf("runs %v wide, the text %v", sum, set.Width("ab 营业 cd", false))
	}
}

// latinOnly is a face of the embedded regular's Latin letters and space.
func latinOnly(t *testing.T) *Face {
	def, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	data, err := def[0].Subset([]rune(" abcdefghijklmnopqrstuvwxyz"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := newFace("latin", data, 0)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestSubsetHasTheGlyphsAndNoMore(t *testing.T) {
	def, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	data, err := def[1].Subset([]rune("营业厅 hall"))
	if err != nil {
		t.Fatal(err)
	}
	if len(data) > 64<<10 {
		t.Errorf("a subset of 9 characters is %d bytes", len(data))
	}
	sub, err := font.ParseSFNT(data, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range "营业厅 hal" {
		if sub.GlyphIndex(r) == 0 {
			t.Errorf("the subset lacks %q", r)
		}
	}
	if sub.GlyphIndex('x') != 0 {
		t.Error("the subset has x")
	}
	again, _ := def[1].Subset([]rune("营业厅 hall"))
	time.Sleep(1100 * time.Millisecond)
	later, _ := def[1].Subset([]rune("营业厅 hall"))
	if string(again) != string(data) || string(later) != string(data) {
		t.Error("subsets of the same characters differ")
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	notFont := filepath.Join(dir, "notes.ttf")
	os.WriteFile(notFont, []byte("these are notes, not a font"), 0o644)
	huge := filepath.Join(dir, "huge.ttf")
	f, _ := os.Create(huge)
	f.Truncate(100 << 20) // sparse: 100 MB that take no disk
	f.Close()
	for _, c := range []struct {
		path string
		is   error
	}{
		{filepath.Join(dir, "missing.ttf"), fs.ErrNotExist},
		{notFont, ErrNotFont},
		{huge, nil},
		{dir, nil},
	} {
		start := time.Now()
		_, err := Load(c.path)
		if err == nil || !strings.Contains(err.Error(), c.path) || time.Since(start) > time.Second {
			t.Errorf("%s: %v after %v", c.path, err, time.Since(start))
		}
		if c.is != nil && !errors.Is(err, c.is) {
			t.Errorf("%s: %v is not %v", c.path, err, c.is)
		}
		var pe *fs.PathError
		if c.is != ErrNotFont && !errors.As(err, &pe) {
			t.Errorf("%s: %v is not a *fs.PathError", c.path, err)
		}
	}
}

// FuzzLoad: a font file of any bytes is a face or an error, never a
// panic.
func FuzzLoad(f *testing.F) {
	def, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	small, err := def[0].Subset([]rune("ab营"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(small)
	f.Add([]byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x01\x00\x00\x00\x10"))
	f.Fuzz(func(t *testing.T, data []byte) {
		face, err := newFace("fuzz", data, 0)
		if err != nil {
			return
		}
		face.Width("ab营 x")
		face.Subset([]rune("ab营"))
		for _, r := range "ab营" {
			face.Outline(face.Glyph(r))
		}
	})
}

func TestFontFaceEmbedsTheSubset(t *testing.T) {
	faces, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	runes := []rune("Aa峰")
	rule, err := faces[0].FontFace("x", "400", runes)
	if err != nil {
		t.Fatal(err)
	}
	sub, err := faces[0].Subset(runes)
	if err != nil {
		t.Fatal(err)
	}
	want := "@font-face{font-family:x;font-weight:400;src:url(data:font/ttf;base64," + base64.StdEncoding.EncodeToString(sub) + ") format('truetype')}\n"
	if rule != want {
		t.Errorf("FontFace = %.80q…, want %.80q…", rule, want)
	}
}

// TestRunsStartingWithAMissingCharacter: a text that starts with a
// character no face has still measures and splits, every run with a
// face (it used to give the first run none, and Width panicked).
func TestRunsStartingWithAMissingCharacter(t *testing.T) {
	s, err := NewSet(nil)
	if err != nil {
		t.Fatal(err)
	}
	text := "\U0001FAE0 data"
	if _, missing := s.Missing(text, false); !missing {
		t.Skip("the embedded face has U+1FAE0 now; pick another character")
	}
	for _, run := range s.Runs(text, false) {
		if run.Face == nil {
			t.Errorf("run %q has no face", run.Text)
		}
	}
	if w := s.Width(text, false); w < s.Width(" data", false) {
		t.Errorf("width %g", w)
	}
}

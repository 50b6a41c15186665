package scoring_test

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/peakend/peakend/examples/servicehall"
	"github.com/peakend/peakend/scoring"
)

// Every exported function and method, called with zero values (nil
// readers, writers, visits and features, zero structs), returns an
// error or an empty result; none panics, on any goroutine.
func TestZeroValues(t *testing.T) {
	calls := map[string]func() error{
		"Read(nil)": func() error {
			for _, err := range scoring.Read(nil, scoring.Options{}) {
				return err
			}
			return errors.New("no error")
		},
		"ReadAll(nil)": func() error { _, err := scoring.ReadAll(nil, scoring.Options{}); return err },
		"Read(unknown format)": func() error {
			_, err := scoring.ReadAll(strings.NewReader("visit,rating\n"), scoring.Options{Format: 9})
			return err
		},
		"NewFeatureWriter(nil).Write": func() error { return scoring.NewFeatureWriter(nil).Write(&scoring.Visit{}, &scoring.Features{}) },
		"NewFeatureWriter(nil).Flush": func() error { return scoring.NewFeatureWriter(nil).Flush() },
		"FeatureWriter{}.Write":       func() error { return (&scoring.FeatureWriter{}).Write(&scoring.Visit{}, &scoring.Features{}) },
		"(*FeatureWriter)(nil).Flush": func() error { return (*scoring.FeatureWriter)(nil).Flush() },
		"FeatureWriter.Write(nil, nil)": func() error {
			return scoring.NewFeatureWriter(&bytes.Buffer{}).Write(nil, nil)
		},
		"NewVisitWriter(nil).Write": func() error { return scoring.NewVisitWriter(nil, scoring.CSV).Write(&scoring.Visit{}) },
		"VisitWriter{}.Flush":       func() error { return (&scoring.VisitWriter{}).Flush() },
		"VisitWriter.Write(nil)":    func() error { return scoring.NewVisitWriter(&bytes.Buffer{}, scoring.JSONL).Write(nil) },
		"VisitWriter(unknown format)": func() error {
			return scoring.NewVisitWriter(&bytes.Buffer{}, 7).Write(&scoring.Visit{})
		},
		"Summary{}.WriteCSV(nil)": func() error { return (&scoring.Summary{}).WriteCSV(nil) },
		"ParseFormat(\"\")":       func() error { _, err := scoring.ParseFormat(""); return err },
		"Linear(unknown)":         func() error { _, err := scoring.Linear(0, map[string]float64{"": 1}); return err },
		"ParseMemoryModel(\"x\")": func() error { _, err := scoring.ParseMemoryModel("x"); return err },
		"Scale{}.Validate":        func() error { return scoring.Scale{}.Validate() },
	}
	for name, call := range calls {
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("%s panics: %v", name, p)
				}
			}()
			if err := call(); err == nil {
				t.Errorf("%s: no error", name)
			}
		}()
	}
	// Those without an error to return give empty or NA results.
	empty := map[string]func(){
		"Compute(nil)":                 func() { scoring.Compute(nil, scoring.Scale{}) },
		"Compute(&Visit{})":            func() { scoring.Compute(&scoring.Visit{}, scoring.Scale{}) },
		"Order(nil)":                   func() { scoring.Order(nil) },
		"(*Features)(nil).Value":       func() { (*scoring.Features)(nil).Value("peak") },
		"(*Summary)(nil).Add":          func() { (*scoring.Summary)(nil).Add(nil, nil) },
		"Summary{}.Add(nil, nil)":      func() { (&scoring.Summary{}).Add(nil, nil) },
		"(*Simulation)(nil)":           func() { drain((*scoring.Simulation)(nil)) },
		"Simulation{}":                 func() { drain(&scoring.Simulation{}) },
		"servicehall.Simulation(zero)": func() { drain(servicehall.Simulation(scoring.MemoryModel{}, 0)) },
		"(*ParseError)(nil).Error":     func() { _ = (*scoring.ParseError)(nil).Error() },
		"ParseError{}.Error":           func() { _ = (&scoring.ParseError{}).Error() },
		"errors.Is(ParseError{})":      func() { errors.Is(&scoring.ParseError{}, scoring.ErrQuote) },
		"Format(9).String":             func() { _ = scoring.Format(9).String() },
		"AppendCSVText(nil, \"\")":     func() { scoring.AppendCSVText(nil, "") },
		"AppendNumber(nil, NA)":        func() { scoring.AppendNumber(nil, scoring.NA) },
		"Scale{} methods": func() {
			var s scoring.Scale
			s.Contains(0)
			s.MoreIntense(0, 0)
			s.Clamp(1)
		},
		"rules of nil and zero": func() {
			lin, _ := scoring.Linear(1, map[string]float64{"peak": 1})
			for _, r := range append(scoring.DefaultRules(), scoring.PeakEnd(0, 0, 60), scoring.Recency(0), lin) {
				r.Score(nil, nil)
				r.Score(&scoring.Visit{}, &scoring.Features{})
				v := scoring.Visit{Moments: []scoring.Moment{{T: 0, Duration: 1, Rating: 3}}}
				r.Score(&v, &scoring.Features{EndMoment: 5})
			}
		},
	}
	for name, call := range empty {
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("%s panics: %v", name, p)
				}
			}()
			call()
		}()
	}
	f := scoring.Compute(nil, scoring.DefaultScale)
	if f.Moments != 0 || !scoring.IsNA(f.Peak) || f.PeakMoment != -1 {
		t.Errorf("Compute(nil) = %+v, want no moments and NA features", f)
	}
	if n := len(scoring.Order(nil)); n != 0 {
		t.Errorf("Order(nil) has %d indices", n)
	}
}

func drain(s *scoring.Simulation) {
	for range s.Visits(3) {
	}
}

func utf16Bytes(s string, big bool) []byte {
	var b []byte
	units := append([]uint16{0xfeff}, utf16.Encode([]rune(s))...)
	for _, u := range units {
		if big {
			b = append(b, byte(u>>8), byte(u))
		} else {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	return b
}

// UTF-16 with a byte order mark, as Windows PowerShell 5.1's > writes,
// is read as UTF-8 would be; UTF-32, UTF-16 without a mark and broken
// UTF-16 are refused with ErrEncoding naming the encoding.
func TestReadUTF16(t *testing.T) {
	src := "visit,touchpoint,rating\r\nv1,柜台,4\r\nv1,𝄞,2\r\nv2,a,5\r\n"
	want, err := scoring.ReadAll(strings.NewReader(src), scoring.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, big := range []bool{false, true} {
		for _, stream := range []bool{false, true} {
			var r io.Reader = bytes.NewReader(utf16Bytes(src, big))
			if stream {
				r = struct{ io.Reader }{r}
			}
			got, err := scoring.ReadAll(r, scoring.Options{TempDir: t.TempDir()})
			if err != nil || len(got) != 2 || got[0].Moments[0].Touchpoint != "柜台" || got[0].Moments[1].Touchpoint != "𝄞" || got[1].ID != want[1].ID {
				t.Errorf("UTF-16 (big endian %v, stream %v): got %+v, %v", big, stream, got, err)
			}
		}
	}
	utf8BOM, err := scoring.ReadAll(strings.NewReader("\ufeff"+src), scoring.Options{})
	if err != nil || len(utf8BOM) != 2 {
		t.Errorf("UTF-8 with a byte order mark: %v", err)
	}
	jsonBOM, err := scoring.ReadAll(strings.NewReader("\ufeff{\"visit\":\"v\",\"moments\":[{\"rating\":3}]}\n"), scoring.Options{Format: scoring.JSONL})
	if err != nil || len(jsonBOM) != 1 {
		t.Errorf("JSON Lines with a byte order mark: %v", err)
	}
	noBOM := utf16Bytes(src, false)[2:]
	lone := append(utf16Bytes("visit,rating\nv", false), 0x00, 0xd8, '1', 0, ',', 0, '3', 0)
	for name, tt := range map[string]struct {
		src  []byte
		want string
	}{
		"UTF-32":           {[]byte("\xff\xfe\x00\x00v\x00\x00\x00"), "f:1: the input is UTF-32"},
		"UTF-16 no BOM":    {noBOM, "f:1: the input looks like UTF-16 without a byte order mark"},
		"lone surrogate":   {lone, "f:2: UTF-16 input: a lone surrogate at byte 30"},
		"odd UTF-16 bytes": {append(utf16Bytes("visit,rating\nv,3", false), 'x'), "f:2: UTF-16 input: an odd number of bytes"},
	} {
		_, err := scoring.ReadAll(bytes.NewReader(tt.src), scoring.Options{Name: "f"})
		if !errors.Is(err, scoring.ErrEncoding) || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: got %v, want %s", name, err, tt.want)
		}
	}
}

package wire

import (
	"errors"
	"math"
	"slices"
	"testing"
)

// TestRoundTrip reads back what a Writer wrote, NaN's bits included.
func TestRoundTrip(t *testing.T) {
	w := NewWriter("kind")
	w.Count(300)
	w.Float(math.NaN())
	w.Floats([]float64{1.5, -2})
	w.Bool(true)
	w.Strings([]string{"a", "", "品"})
	w.String("b")
	w.String("c")
	r := NewReader(w.Bytes(), "kind")
	n, x, xs, b, ss := r.Count(), r.Float(), r.Floats(), r.Bool(), r.Strings()
	k0, k1 := r.Key(0, ""), r.Key(1, "b")
	if err := r.End(); err != nil {
		t.Fatal(err)
	}
	if n != 300 || !math.IsNaN(x) || !slices.Equal(xs, []float64{1.5, -2}) || !b || !slices.Equal(ss, []string{"a", "", "品"}) || k0 != "b" || k1 != "c" {
		t.Errorf("read %v %v %v %v %q %q %q", n, x, xs, b, ss, k0, k1)
	}
}

// TestRefusals refuses what no Writer writes, without allocating for
// lengths the bytes cannot hold.
func TestRefusals(t *testing.T) {
	head := NewWriter("kind").Bytes()
	for name, read := range map[string]func(*Reader){
		"other kind":        nil,
		"truncated float":   func(r *Reader) { r.Float() },
		"huge list":         func(r *Reader) { r.Floats() },
		"huge strings":      func(r *Reader) { r.Strings() },
		"padded varint":     func(r *Reader) { r.Uint() },
		"bad flag":          func(r *Reader) { r.Bool() },
		"keys out of order": func(r *Reader) { r.Key(1, r.Key(0, "")) },
		"bytes left":        func(r *Reader) {},
	} {
		data := slices.Clone(head)
		kind := "kind"
		switch name {
		case "other kind":
			kind = "other"
		case "truncated float":
			data = append(data, 1, 2, 3)
		case "huge list", "huge strings":
			data = append(data, 0xff, 0xff, 0xff, 0xff, 0x0f)
		case "padded varint":
			data = append(data, 0x81, 0x00)
		case "bad flag":
			data = append(data, 2)
		case "keys out of order":
			data = append(data, 1, 'b', 1, 'a')
		case "bytes left":
			data = append(data, 0)
		}
		r := NewReader(data, kind)
		if read != nil {
			read(r)
		}
		if err := r.End(); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: %v, want ErrCorrupt", name, err)
		}
	}
	if err := NewReader([]byte{Version + 1}, "kind").End(); !errors.Is(err, ErrCorrupt) {
		t.Errorf("another version: %v", err)
	}
}

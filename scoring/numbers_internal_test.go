package scoring

import (
	"math"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// shortDecimal is what parseShortDecimal reads: a sign, digits and at
// most one point, with a digit on some side of it.
var shortDecimal = regexp.MustCompile(`^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$`)

// checkShortDecimal fails when parseShortDecimal reads b otherwise than
// strconv.ParseFloat, or reads what is not a short decimal of at most
// 15 digits in 16 bytes, or refuses one.
func checkShortDecimal(t *testing.T, b []byte) {
	t.Helper()
	x, ok := parseShortDecimal(b)
	digits := strings.Count(strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return 'd'
		}
		return -1
	}, string(b)), "d")
	want := shortDecimal.Match(b) && len(b) <= 16 && digits <= 15
	if ok != want {
		t.Fatalf("parseShortDecimal(%q): ok %v, want %v", b, ok, want)
	}
	if !ok {
		return
	}
	y, err := strconv.ParseFloat(string(b), 64)
	if err != nil || math.Float64bits(x) != math.Float64bits(y) {
		t.Fatalf("parseShortDecimal(%q) = %v, strconv.ParseFloat %v (%v)", b, x, y, err)
	}
}

// TestShortDecimalAsParseFloat reads random numbers of every short
// shape, and some that are not numbers.
func TestShortDecimalAsParseFloat(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	const alphabet = "0123456789.-+e x"
	for range 200000 {
		var b []byte
		if rng.IntN(4) == 0 {
			for range rng.IntN(18) {
				b = append(b, alphabet[rng.IntN(len(alphabet))])
			}
		} else {
			b = strconv.AppendFloat(nil, float64(rng.Int64N(1<<53))/math.Pow10(rng.IntN(17)), 'f', -1, 64)
			if rng.IntN(3) == 0 {
				b = append([]byte("-"), b...)
			}
		}
		checkShortDecimal(t, b)
	}
}

func FuzzShortDecimal(f *testing.F) {
	for _, s := range []string{"4", "25.2", "3.137", "-0", "+.5", "5.", ".", "1e3", "123456789012345", "1234567890123456", "0.000000000000001"} {
		f.Add([]byte(s))
	}
	f.Fuzz(checkShortDecimal)
}

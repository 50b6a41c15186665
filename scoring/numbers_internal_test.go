package scoring

import (
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
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

// referenceNumber is parseNumber as it was before it read a word: the
// one-digit rating, then parseShortDecimal byte by byte, then
// parseLongNumber.
func referenceNumber(b []byte) (float64, error) {
	if len(b) == 1 && b[0]-'0' <= 9 {
		return float64(b[0] - '0'), nil
	}
	if x, ok := parseShortDecimal(b); ok {
		return x, nil
	}
	return parseLongNumber(b)
}

// referenceTime is parseTime as it was before parseWord: a number
// as referenceNumber reads it, within MaxSeconds, or else an error for
// one out of range, or a time written otherwise.
func referenceTime(b []byte) (float64, int, error) {
	x, err := referenceNumber(b)
	if err == nil && math.Abs(x) <= MaxSeconds {
		return x, seconds, nil
	}
	if err == nil {
		return 0, 0, errorf(ErrOutOfRange, "%s seconds is more than %g either way", formatNumber(x), float64(MaxSeconds))
	}
	return parseTimeText(b, time.UTC, err)
}

// sameError reports whether err and want are both nil, or have one text.
func sameError(err, want error) bool {
	return (err == nil) == (want == nil) && (err == nil || err.Error() == want.Error())
}

// trailers are what may follow a cell in the reader's buffer, read by
// no word that reads the cell.
var trailers = []string{"", ",", "9", "99999999", ".5.5.5.5", "\x00\x00\x00\x00\x00\x00\x00\x00", "e9,1.2,\n"}

// checkNumber fails when parseNumber reads b, alone or followed in its
// array by any of trailers within its capacity or past it, otherwise
// than referenceNumber: another value (to the bit), another error, or
// another error text; when parseTime reads it otherwise than
// referenceTime; and when it reads a short decimal otherwise than
// strconv.ParseFloat.
func checkNumber(t *testing.T, b []byte) {
	t.Helper()
	want, wantErr := referenceNumber(b)
	wantT, wantKind, wantTErr := referenceTime(b)
	for _, tail := range trailers {
		buf := append(append([]byte(nil), b...), tail...)
		for _, cell := range [][]byte{buf[:len(b):len(b)], buf[:len(b)]} {
			x, err := parseNumber(cell)
			if math.Float64bits(x) != math.Float64bits(want) || !sameError(err, wantErr) {
				t.Fatalf("parseNumber(%q) before %q, capacity %d: %v, %v; before the word %v, %v", b, tail, cap(cell), x, err, want, wantErr)
			}
		}
	}
	// parseTime reads a number with parseNumber's paths, which the
	// trailers try; once is enough here, and a time costs too much
	// to read fourteen times.
	cell := append(append([]byte(nil), b...), "99999999"...)[:len(b)]
	x, kind, err := parseTime(cell, time.UTC)
	if math.Float64bits(x) != math.Float64bits(wantT) || kind != wantKind || !sameError(err, wantTErr) {
		t.Fatalf("parseTime(%q) = %v, %d, %v; before the word %v, %d, %v", b, x, kind, err, wantT, wantKind, wantTErr)
	}
	if wantErr == nil && shortDecimal.Match(b) {
		if y, err := strconv.ParseFloat(string(b), 64); err != nil || math.Float64bits(want) != math.Float64bits(y) {
			t.Fatalf("parseNumber(%q) = %v, strconv.ParseFloat %v (%v)", b, want, y, err)
		}
	}
}

// wordAlphabet holds the digits, the point, and the bytes whose flag a
// word reads as a point's (0x00-0x09, 0x1a-0x1f, '*' to '/'), and a few
// others.
const wordAlphabet = "0123456789.\x00\x09\x1a\x1e\x1f*+,-/e :"

// TestNumberAsBefore reads every cell of up to four bytes of
// wordAlphabet, and random ones of up to ten bytes, most of them
// digits with a point, as referenceNumber and strconv.ParseFloat do.
func TestNumberAsBefore(t *testing.T) {
	var cell func(b []byte, left int)
	cell = func(b []byte, left int) {
		checkNumber(t, b)
		if left == 0 {
			return
		}
		for i := range len(wordAlphabet) {
			cell(append(b, wordAlphabet[i]), left-1)
		}
	}
	cell(nil, 4)
	rng := rand.New(rand.NewPCG(7, 8))
	for range 200000 {
		b := make([]byte, 1+rng.IntN(10))
		for i := range b {
			b[i] = '0' + byte(rng.IntN(10))
		}
		switch rng.IntN(8) {
		case 0: // an integer
		case 1:
			b[rng.IntN(len(b))] = wordAlphabet[rng.IntN(len(wordAlphabet))]
		case 2:
			b[rng.IntN(len(b))] = '.'
			b[rng.IntN(len(b))] = wordAlphabet[rng.IntN(len(wordAlphabet))]
		default:
			b[rng.IntN(len(b))] = '.'
		}
		checkNumber(t, b)
	}
}

func FuzzNumber(f *testing.F) {
	for _, s := range []string{"4", "25.2", "3.137", "19.1", "0", "12345678", "1234.567", ".1234567", "1234567.", "5/5", "5-5", "1e3", " 4", "-2.5", "inf", ".", "99999999", "9.999999", "1e11", "09:02", "2026-11-23T09:30:00Z", "\x1e5", "5.\x1f"} {
		f.Add([]byte(s))
	}
	f.Fuzz(checkNumber)
}

// TestTimeKinds reads a time of each kind, at and past the limits,
// with its kind, value or message.
func TestTimeKinds(t *testing.T) {
	for _, c := range []struct {
		in   string
		x    float64
		kind int
		err  string
	}{
		{"25.2", 25.2, seconds, ""},
		{" 12 ", 12, seconds, ""},
		{"10000000000", 1e10, seconds, ""},
		{"-10000000000", -1e10, seconds, ""},
		{"10000000001", 0, 0, "1.0000000001e+10 seconds is more than 1e+10 either way"},
		{"-20000000000", 0, 0, "-2e+10 seconds is more than 1e+10 either way"},
		{"1e11", 0, 0, "1e+11 seconds is more than 1e+10 either way"},
		{"1e400", 0, 0, `"1e400" is too large for a number`},
		{"09:02", 9*3600 + 2*60, timeOfDay, ""},
		{"2026-11-23T09:30:00+08:00", 1795397400, clockTime, ""},
		{"1800-01-01T00:00:00Z", 0, 0, `"1800-01-01T00:00:00Z" is outside the years 1900 to 2200`},
		{"abc", 0, 0, `"abc" is not a time; write seconds, a time of day such as 09:02, a date with a time such as 2024-05-01 09:02, or an RFC 3339 time such as 2026-11-23T09:30:00+08:00`},
	} {
		x, kind, err := parseTime([]byte(c.in), time.UTC)
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		if x != c.x || kind != c.kind || msg != c.err {
			t.Errorf("parseTime(%q) = %v, %d, %q; want %v, %d, %q", c.in, x, kind, msg, c.x, c.kind, c.err)
		}
	}
}

// TestNumbersInline holds what parseNumber's speed rests on, which no
// other test sees: parseNumber and parseTime inline into csvRow (their
// cost is within a few of the inliner's budget: see wordOr), and
// parseWord needs no frame.
func TestNumbersInline(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the package")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	out, err := exec.Command(goTool, "build", "-gcflags=-m -S", "-o", os.DevNull, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, want := range []string{
		`can inline parseNumber\b`,
		`can inline parseTime\b`,
		`parse\.go:\d+:\d+: inlining call to parseNumber\n`,
		`parse\.go:\d+:\d+: inlining call to parseTime\n`,
		`scoring\.parseWord\(SB\), NOSPLIT\|NOFRAME\|`,
	} {
		if !regexp.MustCompile(want).Match(out) {
			t.Errorf("go build -gcflags='-m -S' says nothing like %s", want)
		}
	}
}

// TestDurationAsBefore holds checkDuration to its plain comparisons at
// and around their edges, and on random durations.
func TestDurationAsBefore(t *testing.T) {
	before := func(x float64) error {
		if x < 0 || x > MaxSeconds {
			return durationError(x)
		}
		return nil
	}
	xs := []float64{0, math.Copysign(0, -1), math.NaN(), math.Inf(1), math.Inf(-1), MaxSeconds,
		math.Nextafter(MaxSeconds, math.Inf(1)), math.Nextafter(MaxSeconds, 0), -math.SmallestNonzeroFloat64,
		math.SmallestNonzeroFloat64, math.MaxFloat64, -math.MaxFloat64, 25.2, -25.2}
	rng := rand.New(rand.NewPCG(9, 10))
	for range 100000 {
		xs = append(xs, math.Float64frombits(rng.Uint64()))
	}
	for _, x := range xs {
		if err, want := checkDuration(x), before(x); !sameError(err, want) {
			t.Fatalf("checkDuration(%v) = %v, before %v", x, err, want)
		}
	}
}

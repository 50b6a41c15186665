package scoring

import (
	"fmt"
	"strings"
	"time"
)

// Clock times. Besides seconds and RFC 3339, a start time may be written
// as spreadsheets show it in China and elsewhere: a time of day (09:02,
// 9:02:00, 09:02:00.5), or a date and a time without a zone
// (2024/5/1 9:02, 2024-05-01 09:02:00, also with T between), taken in
// Options.Location. Times of day are seconds since midnight: a visit's
// features use only differences of its times, so one that passes
// midnight must give dates.

// timeKindName names a kind of start time, in messages.
func timeKindName(kind int) string {
	switch kind {
	case untimed:
		return "no time"
	case seconds:
		return "seconds"
	case clockTime:
		return "RFC 3339 times"
	case localTime:
		return "dates with a time (2024-05-01 09:02)"
	case timeOfDay:
		return "times of day (09:02)"
	}
	return fmt.Sprintf("time kind %d", kind)
}

// mixedTimes is the error of a visit whose moment has a time of another
// kind than the moments before it.
func mixedTimes(before, now int) error {
	if before == untimed || now == untimed {
		return errorf(ErrMixedTimes, "some moments of this visit have a time t and others not; give every moment one, or none")
	}
	return errorf(ErrMixedTimes, "this visit mixes %s and %s in t; use one form for a visit", timeKindName(before), timeKindName(now))
}

// parseClock parses a time of day or a date with a time; ok is false
// when s is neither form, so that the caller can say what forms it reads.
func parseClock(s string, loc *time.Location) (float64, int, bool, error) {
	date, clock, hasDate := strings.Cut(s, " ")
	if !hasDate {
		date, clock, hasDate = strings.Cut(s, "T")
	}
	if !hasDate {
		clock = s
	}
	h, m, sec, ok := splitClock(strings.TrimLeft(clock, " "))
	if !ok {
		return 0, 0, false, nil
	}
	if h > 23 || m > 59 || sec >= 60 {
		return 0, 0, true, errorf(ErrTime, "%q: no such time of day", s)
	}
	if !hasDate {
		return float64(h*3600+m*60) + sec, timeOfDay, true, nil
	}
	y, mo, d, ok := splitDate(date)
	if !ok {
		return 0, 0, false, nil
	}
	if y < MinYear || y > MaxYear {
		return 0, 0, true, errorf(ErrOutOfRange, "%q is outside the years %d to %d", s, MinYear, MaxYear)
	}
	if mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) {
		return 0, 0, true, errorf(ErrTime, "%q: no such date", s)
	}
	if loc == nil {
		loc = time.UTC
	}
	whole := int(sec)
	t := time.Date(y, time.Month(mo), d, h, m, whole, 0, loc)
	return float64(t.Unix()) + (sec - float64(whole)), localTime, true, nil
}

func daysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// splitClock splits H:MM or H:MM:SS[.fff].
func splitClock(s string) (h, m int, sec float64, ok bool) {
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, 0, 0, false
	}
	if h, ok = digits(parts[0], 1, 2); !ok {
		return 0, 0, 0, false
	}
	if m, ok = digits(parts[1], 2, 2); !ok {
		return 0, 0, 0, false
	}
	if len(parts) == 3 {
		whole, frac, _ := strings.Cut(parts[2], ".")
		w, ok := digits(whole, 2, 2)
		if !ok || (strings.Contains(parts[2], ".") && !allDigits(frac, 1, 9)) {
			return 0, 0, 0, false
		}
		sec = float64(w)
		if frac != "" {
			f, _ := digits(frac, 1, 9)
			sec += float64(f) / pow10[len(frac)]
		}
	}
	return h, m, sec, true
}

// splitDate splits YYYY-M-D or YYYY/M/D (the same separator twice).
func splitDate(s string) (y, m, d int, ok bool) {
	sep := "-"
	if strings.Contains(s, "/") {
		sep = "/"
	}
	parts := strings.Split(s, sep)
	if len(parts) != 3 {
		return 0, 0, 0, false
	}
	y, ok1 := digits(parts[0], 4, 4)
	m, ok2 := digits(parts[1], 1, 2)
	d, ok3 := digits(parts[2], 1, 2)
	return y, m, d, ok1 && ok2 && ok3
}

// digits parses s as a number of lo to hi decimal digits.
func digits(s string, lo, hi int) (int, bool) {
	if !allDigits(s, lo, hi) {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

func allDigits(s string, lo, hi int) bool {
	if len(s) < lo || len(s) > hi {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

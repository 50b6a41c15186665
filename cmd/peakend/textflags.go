package main

import (
	"flag"
	"fmt"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // --tz names a zone on machines without a zone database

	"github.com/peakend/peakend/scoring"
)

// textFlags are the flags of how visit files are read as text: their
// encoding, separator, time zone and missing ratings.
type textFlags struct {
	encoding string
	sep      string
	tz       string
	missing  string
	sheet    string
}

func (tf *textFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&tf.encoding, "encoding", "", "input encoding, `utf-8 or gb18030` (default: UTF-8, or GB18030 when the text is not UTF-8 and decodes as it)")
	fs.StringVar(&tf.sep, "sep", "", "field separator of CSV input, `comma, tab or semicolon` (default: tab when the header has more tabs than commas)")
	fs.StringVar(&tf.tz, "tz", "", "time `ZONE` of dates with a time but no zone, such as Asia/Shanghai or +08:00 (default UTC)")
	fs.StringVar(&tf.sheet, "sheet", "", "the sheet of .xlsx workbooks to read, by `NAME` (default: the first)")
	fs.StringVar(&tf.missing, "missing", "", "a visit with a missing rating (N/A, NA, -, 无, empty): `reject-visit` (default) or skip the moment")
}

// apply sets the options the flags give, telling stderr of a file read
// as GB18030.
func (tf *textFlags) apply(e *env, opt *scoring.Options) error {
	var err error
	if opt.Encoding, err = scoring.ParseEncoding(tf.encoding); err != nil {
		return usageError{fmt.Sprintf("--encoding %q: say utf-8 or gb18030", tf.encoding)}
	}
	if opt.Separator, err = separatorFlag(tf.sep); err != nil {
		return err
	}
	if opt.Location, err = zoneFlag(tf.tz); err != nil {
		return err
	}
	if tf.missing != "" {
		if opt.Missing, err = scoring.ParseMissingRatings(tf.missing); err != nil {
			return usageError{fmt.Sprintf("--missing %q: say reject-visit or skip", tf.missing)}
		}
	}
	opt.Detected = func(d scoring.Detection) { fmt.Fprintf(e.stderr, "peakend %s: %v\n", e.cmd, d) }
	return nil
}

// skipsMissing reports whether --missing skip was given: then score
// writes a missing column.
func (tf *textFlags) skipsMissing() bool {
	m, err := scoring.ParseMissingRatings(tf.missing)
	return tf.missing != "" && err == nil && m == scoring.SkipMissing
}

func separatorFlag(s string) (byte, error) {
	switch strings.ToLower(s) {
	case "":
		return 0, nil
	case ",", "comma":
		return ',', nil
	case "\t", `\t`, "tab":
		return '\t', nil
	case ";", "semicolon":
		return ';', nil
	}
	return 0, usageError{fmt.Sprintf("--sep %q: say comma, tab or semicolon", s)}
}

// zoneFlag reads a zone name from the zone database, or an offset such
// as +08:00, +0800 or +8.
func zoneFlag(s string) (*time.Location, error) {
	if s == "" {
		return nil, nil
	}
	if s[0] == '+' || s[0] == '-' {
		if off, ok := parseOffset(s[1:]); ok {
			if s[0] == '-' {
				off = -off
			}
			return time.FixedZone(s, off), nil
		}
	} else if loc, err := time.LoadLocation(s); err == nil {
		return loc, nil
	}
	return nil, usageError{fmt.Sprintf("--tz %q: name a time zone such as Asia/Shanghai, UTC or Local, or an offset such as +08:00", s)}
}

// parseOffset reads hh, h, hh:mm or hhmm as seconds.
func parseOffset(s string) (int, bool) {
	h, m, colon := strings.Cut(s, ":")
	if !colon && len(s) == 4 {
		h, m = s[:2], s[2:]
	}
	hours, err := strconv.Atoi(h)
	if err != nil || len(h) > 2 || hours > 14 {
		return 0, false
	}
	minutes := 0
	if m != "" || colon {
		if minutes, err = strconv.Atoi(m); err != nil || len(m) != 2 || minutes > 59 {
			return 0, false
		}
	}
	return hours*3600 + minutes*60, true
}

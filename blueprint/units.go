package blueprint

import (
	"strconv"
	"strings"
	"time"
)

// A standard's unit is written once in a document ("min", "channels",
// "%"), in English, since it is what the standard measures rather than
// text for people. These are its words in each language a manager
// reads, so that a card or poster in Chinese says "≥ 5 个渠道" and
// "基准 7 分钟" rather than mixing in English.
var unitWords = map[string]struct{ en, zh string }{
	"s": {"s", "秒"}, "sec": {"s", "秒"}, "second": {"s", "秒"}, "seconds": {"s", "秒"},
	"min": {"min", "分钟"}, "mins": {"min", "分钟"}, "minute": {"min", "分钟"}, "minutes": {"min", "分钟"},
	"h": {"h", "小时"}, "hour": {"h", "小时"}, "hours": {"h", "小时"},
	"%": {"%", "%"}, "percent": {"%", "%"},
	"channels": {"channels", "个渠道"}, "channel": {"channel", "个渠道"},
	"points": {"points", "个"}, "point": {"point", "个"},
	"customers": {"customers", "位客户"}, "customer": {"customer", "位客户"},
	"people": {"people", "人"}, "visits": {"visits", "次来访"}, "times": {"times", "次"},
}

// IsChinese reports whether lang is Chinese: zh, or a zh- or zh_ tag.
func IsChinese(lang string) bool {
	return lang == "zh" || strings.HasPrefix(lang, "zh-") || strings.HasPrefix(lang, "zh_")
}

// UnitText returns a standard's unit in language lang: Chinese for zh
// and its tags (a unit it does not know stays as written), else the
// unit as written.
func UnitText(unit, lang string) string {
	w, ok := unitWords[strings.ToLower(strings.TrimSpace(unit))]
	if !ok || !IsChinese(lang) {
		return unit
	}
	return w.zh
}

// Quantity writes x with its unit in language lang: "7 min", "7 分钟",
// "5 个渠道", and "100%" with no space before a percent sign.
func Quantity(x float64, unit, lang string) string {
	n := strconv.FormatFloat(x, 'g', -1, 64)
	u := UnitText(unit, lang)
	switch u {
	case "":
		return n
	case "%":
		return n + "%"
	}
	return n + " " + u
}

// DurationText writes d for people reading language lang: as documents
// write it ("1h30m", see FormatDuration), or in Chinese "1 小时 30 分钟".
// A duration with a fraction of a second keeps the document's form.
func DurationText(d time.Duration, lang string) string {
	if !IsChinese(lang) || d <= 0 || d%time.Second != 0 {
		return FormatDuration(d)
	}
	var parts []string
	for _, u := range []struct {
		size time.Duration
		unit string
	}{{time.Hour, "h"}, {time.Minute, "min"}, {time.Second, "s"}} {
		if n := d / u.size; n > 0 {
			parts = append(parts, Quantity(float64(n), u.unit, lang))
			d -= n * u.size
		}
	}
	return strings.Join(parts, " ")
}

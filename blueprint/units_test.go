package blueprint

import (
	"testing"
	"time"
)

func TestDurationText(t *testing.T) {
	for _, c := range []struct {
		d          time.Duration
		lang, want string
	}{
		{10 * time.Minute, "zh", "10 分钟"},
		{90 * time.Minute, "zh-CN", "1 小时 30 分钟"},
		{45 * time.Second, "zh", "45 秒"},
		{time.Hour + 5*time.Second, "zh", "1 小时 5 秒"},
		{1500 * time.Millisecond, "zh", "1.5s"},
		{10 * time.Minute, "en", "10m"},
		{90 * time.Minute, "", "1h30m"},
	} {
		if got := DurationText(c.d, c.lang); got != c.want {
			t.Errorf("DurationText(%v, %q) = %q, want %q", c.d, c.lang, got, c.want)
		}
	}
}

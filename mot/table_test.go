package mot

import (
	"strings"
	"testing"
)

func TestTableAlignsChinese(t *testing.T) {
	var b strings.Builder
	tw := newTable(&b)
	tw.Write([]byte("title line\nstandard\ttarget\t\n体验辅导时长\t≤ 3 min\t\nwait\t≤ 10 min\t\n"))
	tw.Flush()
	want := "title line\n" +
		"standard      target    \n" +
		"体验辅导时长  ≤ 3 min   \n" +
		"wait          ≤ 10 min  \n"
	if got := b.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

package poster

import (
	"bytes"
	"fmt"
	"io"
	"strings"
)

// fontStack covers Chinese on Linux, macOS and Windows, and ends in a
// generic family.
const fontStack = `'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Hiragino Sans GB','Microsoft YaHei','SimHei','WenQuanYi Micro Hei','Noto Sans',Arial,sans-serif`

// esc escapes text for SVG character data and attribute values.
var esc = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\"", "&quot;", "'", "&#39;").Replace

// num writes a coordinate with two decimals, trimmed: deterministic and
// short.
func num(x float64) string {
	s := fmt.Sprintf("%.2f", x)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		s = "0"
	}
	return s
}

// writeSVG writes the poster as SVG with the physical size of its paper.
func (m *model) writeSVG(w io.Writer, l *layout) error {
	W, H := pageSize(l)
	paper, pw, ph, err := paperFor(m.opt, W, H)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%smm" height="%smm" viewBox="0 0 %s %s" font-family="%s" data-paper="%s">`+"\n",
		num(pw), num(ph), num(W), num(H), esc(fontStack), paper)
	fmt.Fprintf(&b, `<rect width="%s" height="%s" fill="#ffffff"/>`+"\n", num(W), num(H))
	b.WriteString(`<g class="poster">` + "\n")
	m.draw(svgPainter{&b}, l)
	b.WriteString("</g>\n</svg>\n")
	_, err = w.Write(b.Bytes())
	return err
}

package fonts

import (
	"encoding/base64"
	"fmt"
)

// FontFace returns a CSS @font-face rule declaring family in weight (a
// CSS font-weight descriptor such as "400" or "100 900") with the face's
// glyphs of runes embedded as TrueType data: how the poster's SVG and
// the HTML report carry their text's fonts, so that they need none
// installed.
func (f *Face) FontFace(family, weight string, runes []rune) (string, error) {
	data, err := f.Subset(runes)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("@font-face{font-family:%s;font-weight:%s;src:url(data:font/ttf;base64,%s) format('truetype')}\n",
		family, weight, base64.StdEncoding.EncodeToString(data)), nil
}

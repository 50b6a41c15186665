package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/peakend/peakend/internal/fonts"
)

// fixPDF mends what tdewolff/canvas's PDF writer gets wrong. It stamps
// the time twice: the document's CreationDate, and the "modified" date
// of every font subset it embeds (tdewolff/font writes time.Now into
// the subset's head table); both would make the same poster differ from
// second to second. fixPDF sets them to fixed values: it decompresses
// each embedded font, sets its modified date to its created date and
// mends its checksums, and stores it. The writer also gives the
// catalog's /Lang the Creator's value; fixPDF writes lang there. Then it
// rebuilds the file's cross-reference table for the new lengths.
func fixPDF(pdf []byte, lang string) ([]byte, error) {
	if m := creationDate.FindSubmatchIndex(pdf); m != nil {
		copy(pdf[m[2]:m[3]], "20000101000000")
	}
	if lang != "" {
		pdf = langValue.ReplaceAllLiteral(pdf, []byte("/Lang("+pdfString.Replace(lang)+")"))
	}
	for _, ref := range fontFile.FindAllSubmatch(pdf, -1) {
		obj := regexp.MustCompile(`(?m)^` + string(ref[1]) + ` 0 obj\n<</Filter/FlateDecode/Length (\d+)>>stream\n`)
		loc := obj.FindSubmatchIndex(pdf)
		if loc == nil {
			continue
		}
		n, _ := strconv.Atoi(string(pdf[loc[2]:loc[3]]))
		data := pdf[loc[1] : loc[1]+n]
		zr, err := zlib.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("pdf: an embedded font: %v", err)
		}
		font, err := io.ReadAll(zr)
		if err != nil {
			return nil, fmt.Errorf("pdf: an embedded font: %v", err)
		}
		fonts.FixDate(font)
		// Stored uncompressed: a subset is small, and compressing it
		// again took an eighth of the render.
		var out bytes.Buffer
		out.Write(pdf[:loc[0]])
		fmt.Fprintf(&out, "%s 0 obj\n<</Length %d>>stream\n", ref[1], len(font))
		out.Write(font)
		out.Write(pdf[loc[1]+n:])
		pdf = out.Bytes()
	}
	return rebuildXref(pdf)
}

var (
	creationDate = regexp.MustCompile(`/CreationDate ?\(D:(\d{14})`)
	langValue    = regexp.MustCompile(`/Lang ?\(` + creator + `\)`)
	pdfString    = strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
	fontFile     = regexp.MustCompile(`/FontFile2 (\d+) 0 R`)
	objStart     = regexp.MustCompile(`(?m)^(\d+) 0 obj\b`)
	xrefTable    = regexp.MustCompile(`(?s)\nxref\n0 (\d+)\n.*?trailer`)
	startXref    = regexp.MustCompile(`startxref\n(\d+)\n`)
)

// rebuildXref writes the cross-reference table again from where the
// objects now are.
func rebuildXref(pdf []byte) ([]byte, error) {
	loc := xrefTable.FindSubmatchIndex(pdf)
	if loc == nil {
		return nil, fmt.Errorf("pdf: no cross-reference table in the PDF")
	}
	count, _ := strconv.Atoi(string(pdf[loc[2]:loc[3]]))
	offsets := make([]int, count)
	for _, m := range objStart.FindAllSubmatchIndex(pdf[:loc[0]], -1) {
		if id, _ := strconv.Atoi(string(pdf[m[2]:m[3]])); id > 0 && id < count {
			offsets[id] = m[0]
		}
	}
	var table bytes.Buffer
	fmt.Fprintf(&table, "\nxref\n0 %d\n0000000000 65535 f \n", count)
	for _, off := range offsets[1:] {
		fmt.Fprintf(&table, "%010d 00000 n \n", off)
	}
	table.WriteString("trailer")
	var out bytes.Buffer
	out.Write(pdf[:loc[0]])
	out.Write(table.Bytes())
	rest := pdf[loc[1]:]
	if m := startXref.FindSubmatchIndex(rest); m != nil {
		out.Write(rest[:m[2]])
		out.WriteString(strconv.Itoa(loc[0] + 1)) // the table starts after its newline
		out.Write(rest[m[3]:])
	} else {
		out.Write(rest)
	}
	return out.Bytes(), nil
}

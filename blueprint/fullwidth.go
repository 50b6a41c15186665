package blueprint

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// A Chinese input method types the full-width colon "：" and comma "，"
// where YAML needs ":" and ",", and YAML then reports something that
// does not say so ("could not find expected ':'"), often on a later
// line. These find the character and say what it is.

// fullWidthMarks are the characters YAML does not read as its own, with
// the ones they stand for.
var fullWidthMarks = []struct{ mark, ascii string }{{"：", ":"}, {"，", ","}}

// fullWidthLookBack is how many lines before a syntax error's line are
// searched: the parser notices a key without its colon only at the
// next line, or at the end of a flow collection.
const fullWidthLookBack = 3

// syntaxError reports a YAML syntax error, at a full-width colon or
// comma near it when there is one, with a hint.
func (d *decoder) syntaxError(src []byte, err error) {
	pos, msg := yamlErrorPos(d.file, src, err), yamlErrorMessage(err)
	if at, hint, ok := fullWidthNear(src, pos); ok {
		pos, msg = at, msg+hint
	}
	d.add(pos, Error, RuleSyntax, msg)
}

// fullWidthNear finds a full-width colon or comma outside comments on
// pos's line or the few before it, the nearest first, and returns its
// position and a hint.
func fullWidthNear(src []byte, pos Pos) (Pos, string, bool) {
	lines := bytes.Split(src, []byte("\n"))
	for line := min(pos.Line, len(lines)); line >= 1 && line >= pos.Line-fullWidthLookBack; line-- {
		text := string(lines[line-1])
		if i := strings.Index(text, "#"); i >= 0 {
			text = text[:i]
		}
		for _, m := range fullWidthMarks {
			if i := strings.Index(text, m.mark); i >= 0 {
				at := Pos{File: pos.File, Line: line, Col: utf8.RuneCountInString(text[:i]) + 1}
				return at, fullWidthHint("here is", m.mark, m.ascii), true
			}
		}
	}
	return Pos{}, "", false
}

// fullWidthHint says what mark is, after lead ("here is", "it holds").
func fullWidthHint(lead, mark, ascii string) string {
	hint := fmt.Sprintf(" (%s a full-width %q, which YAML does not read as %q; type %q", lead, mark, ascii, ascii)
	if ascii == ":" {
		hint += " followed by a space"
	}
	return hint + ", with the input method in half-width)"
}

// fullWidthInID is a hint for an unknown id that holds a full-width
// comma or colon: two ids run together, as YAML read "[a，b]" as one.
func fullWidthInID(id string) string {
	for _, m := range fullWidthMarks {
		if strings.Contains(id, m.mark) {
			return fullWidthHint("it holds", m.mark, m.ascii)
		}
	}
	return ""
}

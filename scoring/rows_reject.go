package scoring

import "strconv"

// RejectsHeader is the header of a file of bad rows, whose rows
// AppendReject writes.
const RejectsHeader = "file,line,column,visit,reason,record"

// AppendReject appends bad row e to b as a CSV row of a file of bad rows
// (RejectsHeader): its file, line, column and visit, the reason — the
// field at fault and the error's text, passed through words when it is
// set, so that a program can say its own words for the library's
// options — and the record. Text is quoted by AppendCSVText, or by
// AppendCSVTextVerbatim when verbatim is set.
func AppendReject(b []byte, e *ParseError, words func(string) string, verbatim bool) []byte {
	reason := "bad input"
	if e.Err != nil {
		reason = e.Err.Error()
	}
	if words != nil {
		reason = words(reason)
	}
	if e.Field != "" {
		reason = e.Field + ": " + reason
	}
	for i, c := range [...]string{e.File, strconv.Itoa(e.Line), strconv.Itoa(e.Column), e.Visit, reason, e.Record} {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendText(b, verbatim, c)
	}
	return append(b, '\n')
}

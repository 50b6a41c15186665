package blueprint

import "sort"

// Text is a text in one or more languages, keyed by language tag.
//
// A document may write a text as a plain string; it is then stored
// under the empty tag, meaning "the document's locale", and written
// back as a plain string.
type Text map[string]string

// In returns the text in language lang, falling back to the fallback
// language (usually the document's locale), then to the plain string,
// then to any language in tag order so that the result is stable.
func (t Text) In(lang, fallback string) string {
	for _, tag := range []string{lang, fallback, ""} {
		if s, ok := t[tag]; ok {
			return s
		}
	}
	tags := make([]string, 0, len(t))
	for tag := range t {
		tags = append(tags, tag)
	}
	sort.Strings(tags)
	if len(tags) == 0 {
		return ""
	}
	return t[tags[0]]
}

// Text returns t in language lang, falling back to the document's
// locale and then to any language.
func (b *Blueprint) Text(t Text, lang string) string {
	return t.In(lang, b.Locale)
}

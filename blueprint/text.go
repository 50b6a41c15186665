package blueprint

import (
	"sort"
	"strings"
)

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

// RoleName returns the name of role id in lang, else the id itself.
func (b *Blueprint) RoleName(id, lang string) string {
	for _, r := range b.Roles {
		if r.ID == id {
			return nameOr(b.Text(r.Name, lang), id)
		}
	}
	return id
}

// StageName returns the name of stage id in lang, else the id itself.
func (b *Blueprint) StageName(id, lang string) string {
	for _, s := range b.Stages {
		if s.ID == id {
			return nameOr(b.Text(s.Name, lang), id)
		}
	}
	return id
}

// TouchpointName returns the name of touchpoint id in lang, else the id
// itself.
func (b *Blueprint) TouchpointName(id, lang string) string {
	if t, ok := b.Touchpoint(id); ok {
		return nameOr(b.Text(t.Name, lang), id)
	}
	return id
}

// JourneyName returns the name of journey id in lang, else the id itself.
func (b *Blueprint) JourneyName(id, lang string) string {
	if j, ok := b.Journey(id); ok {
		return nameOr(b.Text(j.Name, lang), id)
	}
	return id
}

func nameOr(s, fallback string) string {
	if strings.TrimSpace(s) == "" {
		return fallback
	}
	return s
}

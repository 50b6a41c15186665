package main

import (
	"flag"
	"fmt"
	"slices"
	"strings"

	"github.com/peakend/peakend/blueprint"
	"github.com/peakend/peakend/internal/suggest"
)

// badFlag says what is wrong with the command line — for a misspelled
// flag, the one likely meant — then the command's synopsis and where to
// find the rest, rather than every flag: the mistake stays on screen.
func (c *command) badFlag(e *env, fs *flag.FlagSet, err error) int {
	if name, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: "); ok {
		name = strings.TrimLeft(name, "-")
		var names []string
		fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
		if guess := suggest.Closest(name, names); guess != "" {
			e.say(e.stderr, msgUnknownFlagGuess, c.name, dashed(name), dashed(guess))
		} else {
			e.say(e.stderr, msgUnknownFlag, c.name, dashed(name))
		}
	} else {
		e.say(e.stderr, msgBadFlag, c.name, err)
	}
	fmt.Fprint(e.stderr, synopsis(c.usageIn(e.lang)))
	e.say(e.stderr, msgMoreHelp, c.name)
	return exitUsage
}

// dashed writes a flag as the usage texts do: -o for one letter, else
// --name.
func dashed(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// synopsis is the first paragraph of a usage text: its Usage lines.
func synopsis(usage string) string {
	if i := strings.Index(usage, "\n\n"); i >= 0 {
		return usage[:i+1]
	}
	return usage
}

// checkJourney makes sure the blueprint has the journey id, which a
// --journey flag named; when not, it lists the journeys (with the one
// likely meant) and the command stops with exitUsage — the same in
// every command that takes --journey. An empty id is no journey asked.
func checkJourney(e *env, cmd string, b *blueprint.Blueprint, id string) (int, bool) {
	if _, found := b.Journey(id); id == "" || found {
		return exitOK, true
	}
	var ids []string
	for _, j := range b.Journeys {
		ids = append(ids, j.ID)
	}
	guess := ""
	if g := suggest.Closest(id, ids); g != "" {
		guess = fmt.Sprintf(msgDidYouMean.in(e.lang), g)
	}
	e.say(e.stderr, msgNoJourney, cmd, id, guess, strings.Join(ids, ", "))
	return exitUsage, false
}

// warnLanguage warns when --lang names a language the blueprint has no
// text in: names then fall back to its locale, which the warning says,
// with the languages it has. Not an error: the words of the report are
// still in the language asked for when peakend speaks it.
func warnLanguage(e *env, cmd string, b *blueprint.Blueprint, lang string) {
	if lang == "" {
		return
	}
	have := b.Languages()
	if slices.Contains(have, lang) || slices.ContainsFunc(have, func(l string) bool { return strings.HasPrefix(lang, l+"-") || strings.HasPrefix(lang, l+"_") }) {
		return
	}
	if len(have) == 0 {
		e.say(e.stderr, msgNoTextsAtAll, cmd, lang)
		return
	}
	fallback := b.Locale
	if fallback == "" {
		fallback = have[0]
	}
	e.say(e.stderr, msgNoSuchLang, cmd, lang, strings.Join(have, ", "), fallback)
}

// oldInputFormat keeps --format working in the commands where it named
// the input's format (score, fit, compare) before --format came to mean
// the output's everywhere: it sets --input-format and says so.
func oldInputFormat(e *env, fs *flag.FlagSet, cmd string, vf *visitFlags) {
	fs.Func("format", "old spelling of --input-format", func(v string) error {
		vf.format = v
		e.say(e.stderr, msgOldFormat, cmd, v)
		return nil
	})
}

package main

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

var verbRE = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z]`)

// Every message has both languages, with the same fmt verbs, so that
// the Chinese one formats the same arguments.
func TestCatalog(t *testing.T) {
	for _, m := range []message{msgTopUsage, msgTopUsageEnd, msgFlags, msgUnknownCommand, msgUnknownCommandGuess, msgUnknownFlag,
		msgUnknownFlagGuess, msgBadFlag, msgMoreHelp, msgNeedBlueprintAndVisits, msgNoInput, msgOneBlueprint, msgNoLintFiles,
		msgNoJourney, msgDidYouMean, msgSayFormat, msgNoSuchLang, msgNoTextsAtAll, msgOldFormat, msgLintOK} {
		if m.en == "" || m.zh == "" {
			t.Errorf("%q / %q: a language is missing", m.en, m.zh)
			continue
		}
		en, zh := verbRE.FindAllString(m.en, -1), verbRE.FindAllString(m.zh, -1)
		slices.Sort(en)
		slices.Sort(zh)
		if !slices.Equal(en, zh) {
			t.Errorf("%q has %v, its Chinese %v", m.en, en, zh)
		}
	}
}

// Every command's summary, usage and flags exist in Chinese; a Chinese
// usage, like the English, ends with an example.
func TestChineseHelp(t *testing.T) {
	for name, c := range commands {
		h, ok := chineseHelp[name]
		if !ok || h.summary == "" || h.usage == "" {
			t.Errorf("%s has no Chinese help", name)
			continue
		}
		if !strings.HasPrefix(h.usage, "用法：peakend "+name) || !strings.Contains(h.usage, "\n示例：\n") {
			t.Errorf("%s: the Chinese usage does not start with its synopsis or lacks an example:\n%s", name, h.usage)
		}
		english, chinese := helpOf(c, ""), helpOf(c, "zh")
		for _, line := range flagHelp(chinese) {
			if slices.Contains(flagHelp(english), line) {
				t.Errorf("%s: flag help %q is not in Chinese", name, line)
			}
		}
		if len(flagHelp(chinese)) != len(flagHelp(english)) {
			t.Errorf("%s: %d flags in English, %d in Chinese", name, len(flagHelp(english)), len(flagHelp(chinese)))
		}
	}
}

// helpOf is what "peakend NAME --help" prints in language lang.
func helpOf(c *command, lang string) string {
	var out strings.Builder
	c.run(c, &env{lang: lang, stdout: &out, stderr: &out}, []string{"--help"})
	return out.String()
}

var defaultRE = regexp.MustCompile(` \(default .*\)$`)

// flagHelp are the help texts of the flags, without defaults: package
// flag prints a text on the line after the flag's name ("    \t…"), or
// after a tab on the same line for a short boolean flag ("  -q\t…").
func flagHelp(help string) []string {
	var out []string
	for _, line := range strings.Split(help, "\n") {
		_, text, ok := strings.Cut(line, "\t")
		if ok && (strings.HasPrefix(line, "    \t") || strings.HasPrefix(line, "  -")) {
			out = append(out, defaultRE.ReplaceAllString(text, ""))
		}
	}
	return out
}

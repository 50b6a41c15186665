package main

import "strings"

// localeLanguage is "zh" when the locale — LC_ALL, else LC_MESSAGES,
// else LANG, the order POSIX gives them — is Chinese ("zh_CN.UTF-8",
// "zh_TW", "zh"), else "": peakend speaks English and Chinese, and
// another locale keeps the default, English words with the blueprint's
// own names.
func localeLanguage(getenv func(string) string) string {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			if v == "zh" || strings.HasPrefix(v, "zh_") || strings.HasPrefix(v, "zh-") || strings.HasPrefix(v, "zh.") {
				return "zh"
			}
			return ""
		}
	}
	return ""
}

// language is the language a command speaks to people: its --lang when
// given, else the locale's. Output for programs (CSV, JSON) changes its
// words only with --lang, never with the environment, so that a script
// reads the same columns on every machine.
func (e *env) language(flag string) string {
	if flag != "" {
		return flag
	}
	return e.lang
}

// outputLanguage is the language of an output in format: a table is
// for people, so it follows the locale too; csv and json only --lang.
func outputLanguage(e *env, flag, format string) string {
	if format == "table" {
		return e.language(flag)
	}
	return flag
}

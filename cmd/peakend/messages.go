package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/peakend/peakend/blueprint"
)

// A message is a text for people in each language peakend speaks, a
// fmt format. The catalog is typed rather than golang.org/x/text/
// message's keyed one: a message and its translation sit side by side,
// a missing translation is an empty field a test finds (TestCatalog),
// not a key that silently prints English, and there is no global
// registry to fill before main; peakend speaks two languages, so the
// plural rules and locale matching x/text brings are not needed.
type message struct{ en, zh string }

// in returns the message in language lang: Chinese for zh and its
// tags, else English.
func (m message) in(lang string) string {
	if blueprint.IsChinese(lang) && m.zh != "" {
		return m.zh
	}
	return m.en
}

// say prints message m, formatted with args, in the command's language.
func (e *env) say(w io.Writer, m message, args ...any) {
	fmt.Fprintf(w, m.in(e.lang), args...)
}

// The messages of the command line, in both languages.
var (
	msgTopUsage = message{
		"peakend: service blueprints, moments of truth and peak-end scoring\n\nUsage:\n  peakend COMMAND [flags] [arguments]\n\nCommands:\n",
		"peakend：服务蓝图、关键时刻与峰终评分\n\n用法：\n  peakend 命令 [选项] [参数]\n\n命令：\n"}
	msgTopUsageEnd = message{
		"\nRun \"peakend COMMAND --help\" for a command's flags and an example.\n",
		"\n运行 \"peakend 命令 --help\" 查看该命令的选项和示例。\n"}
	msgFlags               = message{"Flags:", "选项："}
	msgUnknownCommand      = message{"peakend: unknown command %q\n", "peakend：没有命令 %q\n"}
	msgUnknownCommandGuess = message{"peakend: unknown command %q (did you mean %s?)\nRun \"peakend help\" for the commands.\n",
		"peakend：没有命令 %q（是不是 %s？）\n运行 \"peakend help\" 查看所有命令。\n"}
	msgUnknownFlag            = message{"peakend %s: unknown flag %s\n", "peakend %s：没有选项 %s\n"}
	msgUnknownFlagGuess       = message{"peakend %s: unknown flag %s (did you mean %s?)\n", "peakend %s：没有选项 %s（是不是 %s？）\n"}
	msgBadFlag                = message{"peakend %s: %s\n", "peakend %s：%s\n"}
	msgMoreHelp               = message{"Run \"peakend %s --help\" for every flag and an example.\n", "运行 \"peakend %s --help\" 查看全部选项和示例。\n"}
	msgNeedBlueprintAndVisits = message{"peakend %s: name a blueprint, then one or more visit files\n",
		"peakend %s：请先给出一个蓝图文件，再给出一个或多个来访数据文件\n"}
	msgNoInput = message{"peakend %s: no input; name files, or - for standard input\n",
		"peakend %s：没有输入；请给出文件，或用 - 表示标准输入\n"}
	msgOneBlueprint = message{"peakend %s: name one blueprint\n", "peakend %s：请给出一个蓝图文件\n"}
	msgNoLintFiles  = message{"peakend lint: no files; name one or more blueprint files\n", "peakend lint：没有文件；请给出一个或多个蓝图文件\n"}
	msgNoJourney    = message{"peakend %s: the blueprint has no journey %q%s; its journeys are %s\n",
		"peakend %s：蓝图中没有来厅目的 %q%s；它的来厅目的有 %s\n"}
	msgDidYouMean = message{" (did you mean %s?)", "（是不是 %s？）"}
	msgSayFormat  = message{"peakend %s: --format %q: say %s\n", "peakend %s：--format %q：请用 %s\n"}
	msgNoSuchLang = message{"peakend %s: warning: the blueprint has no texts in %q; it has %s (names fall back to %s)\n",
		"peakend %s：注意：蓝图中没有 %q 语言的文字；它有 %s（名称将用 %s）\n"}
	msgNoTextsAtAll = message{"peakend %s: warning: the blueprint has no texts in %q, nor in any named language\n",
		"peakend %s：注意：蓝图中没有 %q 语言的文字，也没有标明语言的文字\n"}
	msgOldFormat = message{"peakend %s: --format now names what a command writes; the input's format is --input-format (read as --input-format %s)\n",
		"peakend %s：--format 现在表示输出格式；输入格式请用 --input-format（已按 --input-format %s 处理）\n"}
	msgLintOK = message{"%s: ok\n", "%s：没有问题\n"}
)

// summaryIn is the command's one-line summary in language lang.
func (c *command) summaryIn(lang string) string {
	if h, ok := chineseHelp[c.name]; ok && blueprint.IsChinese(lang) {
		return h.summary
	}
	return c.summary
}

// usageIn is the command's usage text in language lang.
func (c *command) usageIn(lang string) string {
	if h, ok := chineseHelp[c.name]; ok && blueprint.IsChinese(lang) && h.usage != "" {
		return h.usage
	}
	return c.usage
}

// translateFlags puts the flags' help in language lang, where the
// catalog has it: a command's own wording first, then the wording that
// flag has in every command.
func translateFlags(fs *flag.FlagSet, cmd, lang string) {
	if !blueprint.IsChinese(lang) {
		return
	}
	fs.VisitAll(func(f *flag.Flag) {
		if zh, ok := chineseFlags[cmd+" "+f.Name]; ok {
			f.Usage = zh
		} else if zh, ok := chineseFlags[f.Name]; ok {
			f.Usage = zh
		}
	})
}

// langOfArgs is the language a command line asks for with --lang, so
// that even a mistake in the flags before it is said in that language;
// else the locale's.
func langOfArgs(args []string, locale string) string {
	for i, a := range args {
		if a == "--" {
			break
		}
		for _, prefix := range []string{"--lang=", "-lang="} {
			if v, ok := strings.CutPrefix(a, prefix); ok {
				return v
			}
		}
		if (a == "--lang" || a == "-lang") && i+1 < len(args) {
			return args[i+1]
		}
	}
	return locale
}

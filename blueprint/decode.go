package blueprint

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// aliasAllowance is how many bytes of text aliases may add to a
// document when decoding expands them. Each alias is charged the text
// of what it points at (every scalar's bytes and nodeCost a node,
// nested aliases included), before that is decoded, so that an alias bomb
// ("billion laughs", or many aliases of one long string) is refused at
// once, while ordinary anchors and aliases work.
const aliasAllowance = 1 << 20

// Parse decodes and validates the document src, read from filename
// (used in positions only). It returns an error of type Problems
// listing every error, sorted by position; warnings do not make an
// error (use Lint to see them). The blueprint is nil when there is an
// error. A document with extends is an overlay, which only Load can
// read: Parse reports it (RuleExtendsUnresolved).
func Parse(filename string, src []byte) (*Blueprint, error) {
	b, problems := Lint(filename, src)
	if err := problems.Err(); err != nil {
		return nil, err
	}
	return b, nil
}

// ParseFile reads the named file, at most MaxSize bytes of it, and
// parses it as Parse does. An error reading it wraps the
// *fs.PathError.
func ParseFile(path string) (*Blueprint, error) {
	src, err := readFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, src)
}

// Lint decodes and validates the document src and returns every
// problem, errors and warnings, sorted by position, each once. The
// blueprint is nil only when src is not a readable YAML document;
// otherwise it holds what could be decoded, even when there are errors.
// An overlay (a document with extends) is decoded but not validated,
// and reported with RuleExtendsUnresolved: Load reads it with its
// bases.
//
// The result is a list to show, which may hold warnings only: its Err
// is the error (nil when there are none); a non-empty list is not one.
func Lint(filename string, src []byte) (*Blueprint, Problems) {
	b, problems := lintDocument(filename, src)
	if b != nil && len(b.Extends) > 0 {
		at := b.at("extends.0", b.Pos)
		problems = append(problems, &Problem{Pos: at, Severity: Error, Rule: RuleExtendsUnresolved,
			Message: "this document extends another; read it with its bases (blueprint.Load), not alone"})
		problems.Sort()
	}
	return b, problems
}

// lintDocument is Lint without the complaint about extends: Load
// validates an overlay once it is merged.
func lintDocument(filename string, src []byte) (*Blueprint, Problems) {
	b, problems := decode(filename, src)
	if b != nil && len(b.Extends) == 0 {
		problems = append(problems, b.Validate()...)
	}
	problems.Sort()
	return b, problems.dedupe()
}

type decoder struct {
	file     string
	problems Problems
	aliases  aliasBudget
	stopped  bool
	laneless []Touchpoint // touchpoints written without a lane
	suggest  suggester
	b        *Blueprint
}

func decode(filename string, src []byte) (*Blueprint, Problems) {
	d := &decoder{file: filename, suggest: newSuggester()}
	doc := d.parseYAML(src)
	if doc == nil {
		return nil, d.problems
	}
	d.aliases = aliasBudget{left: aliasAllowance, size: map[*yaml.Node]int{}}
	d.b = &Blueprint{Pos: Pos{File: filename, Line: 1, Col: 1}, Scale: DefaultScale, refs: map[string]Pos{}}
	d.document(doc.Content[0])
	if d.stopped {
		return nil, d.problems // refused: what was decoded is cut short
	}
	if len(d.b.Extends) == 0 {
		for _, t := range d.laneless {
			d.add(t.Pos, Error, RuleMissingField, fmt.Sprintf("touchpoint %s has no lane; lanes are %s", t.ID, strings.Join(laneNames[:], ", ")))
		}
	}
	for i, path := range d.b.Extends {
		if strings.TrimSpace(path) == "" {
			d.add(d.b.at(fmt.Sprintf("extends.%d", i), d.b.Pos), Error, RuleMissingField, "extends: empty path")
		}
	}
	return d.b, d.problems
}

// parseYAML checks what YAML itself cannot report with a position and
// returns the document node, which has one child, or nil.
func (d *decoder) parseYAML(src []byte) *yaml.Node {
	start := Pos{File: d.file, Line: 1, Col: 1}
	if len(src) > MaxSize {
		d.add(start, Error, RuleTooLarge, fmt.Sprintf("document is larger than %d MiB; a blueprint this large is refused", MaxSize>>20))
		return nil
	}
	if !utf8.Valid(src) {
		d.add(invalidUTF8(d.file, src), Error, RuleEncoding, "invalid UTF-8; save the file as UTF-8")
		return nil
	}
	if len(bytes.TrimSpace(src)) == 0 {
		d.add(start, Error, RuleEmpty, "empty document; a blueprint starts with \"peakend: 1\"")
		return nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	if err := dec.Decode(&doc); errors.Is(err, io.EOF) {
		d.add(start, Error, RuleEmpty, "empty document; a blueprint starts with \"peakend: 1\"")
		return nil
	} else if err != nil {
		d.syntaxError(src, err)
		return nil
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		d.add(d.pos(&extra), Error, RuleSyntax, "more than one YAML document; a file holds one blueprint")
		return nil
	} else if !errors.Is(err, io.EOF) {
		d.syntaxError(src, err)
		return nil
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		d.add(start, Error, RuleEmpty, "empty document; a blueprint starts with \"peakend: 1\"")
		return nil
	}
	return &doc
}

func invalidUTF8(file string, src []byte) Pos {
	line, col := 1, 1
	for len(src) > 0 {
		r, size := utf8.DecodeRune(src)
		if r == utf8.RuneError && size <= 1 {
			break
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		src = src[size:]
	}
	return Pos{File: file, Line: line, Col: col}
}

var (
	yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): `)
	// yaml.v3 names a 0-based line in its parser's errors and a 1-based
	// one in its scanner's; these are the parser's.
	yamlParserErrorRE = regexp.MustCompile(`: (did not find expected (<document start>|node content|key|'-' indicator|',' or '[\]}]')|found (duplicate|incompatible|undefined))`)
)

// yamlErrorPos finds the position of a yaml.v3 syntax error, which
// names at most a line. The column is that of the first tab on the line
// when the line has one (the commonest mistake), else 1.
func yamlErrorPos(file string, src []byte, err error) Pos {
	m := yamlLineRE.FindStringSubmatch(err.Error())
	if m == nil {
		return Pos{File: file, Line: 1, Col: 1}
	}
	line, _ := strconv.Atoi(m[1])
	if yamlParserErrorRE.MatchString(err.Error()) {
		line++
	}
	col := 1
	lines := bytes.Split(src, []byte("\n"))
	if line >= 1 && line <= len(lines) {
		if i := bytes.IndexByte(lines[line-1], '\t'); i >= 0 {
			col = utf8.RuneCount(lines[line-1][:i]) + 1
		}
	}
	return Pos{File: file, Line: line, Col: col}
}

func yamlErrorMessage(err error) string {
	msg := yamlLineRE.ReplaceAllString(err.Error(), "")
	msg = strings.TrimPrefix(msg, "yaml: ")
	if strings.Contains(msg, "found character that cannot start any token") {
		msg += " (YAML is indented with spaces, never tabs)"
	}
	return "not valid YAML: " + msg
}

func (d *decoder) add(pos Pos, sev Severity, rule Rule, msg string) {
	d.problems = append(d.problems, &Problem{Pos: pos, Severity: sev, Rule: rule, Message: msg})
}

func (d *decoder) errorf(n *yaml.Node, rule Rule, format string, args ...any) {
	d.add(d.pos(n), Error, rule, fmt.Sprintf(format, args...))
}

func (d *decoder) pos(n *yaml.Node) Pos {
	return Pos{File: d.file, Line: n.Line, Col: n.Column}
}

// resolve follows aliases, charging each the text it expands to; it
// returns nil once the allowance is spent, after reporting it once.
func (d *decoder) resolve(n *yaml.Node) *yaml.Node {
	if d.stopped || n == nil {
		return nil
	}
	if n.Kind == yaml.AliasNode && !d.aliases.charge(n.Alias) {
		d.stopped = true
		d.errorf(n, RuleAliasLimit, "aliases expand the document by more than %d KiB of text; refused", aliasAllowance>>10)
		return nil
	}
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// describe names what a node is, for type errors.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	switch n.ShortTag() {
	case "!!int", "!!float":
		return "the number " + excerpt(n.Value)
	case "!!bool":
		return "the boolean " + excerpt(n.Value)
	case "!!null":
		return "nothing"
	case "!!str":
		return "the string " + quote(n.Value)
	}
	return n.ShortTag() + " " + excerpt(n.Value)
}

func (d *decoder) typeError(n *yaml.Node, key, want string) {
	hint := ""
	if n.Kind == yaml.ScalarNode && want == "a string" {
		hint = " (quote it: " + quote(n.Value) + ")"
	}
	d.errorf(n, RuleType, "%s: expected %s, found %s%s", key, want, describe(n), hint)
}

// mapping walks the keys of a mapping node, reporting duplicate and
// unknown keys, and calls fn for each known key with its value.
func (d *decoder) mapping(n *yaml.Node, what string, s *shape, fn func(key string, k, v *yaml.Node)) {
	if n = d.resolve(n); n == nil {
		return
	}
	if n.Kind != yaml.MappingNode {
		d.typeError(n, what, "a mapping")
		return
	}
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, RuleType, "%s: a key must be a plain word, found %s", what, describe(k))
			continue
		}
		key := k.Value
		if first, dup := seen[key]; dup {
			d.errorf(k, RuleDuplicateKey, "%s: duplicate key %s (first at line %d)", what, quote(key), first.Line)
			continue
		}
		seen[key] = k
		if s.keys != nil && s.rank(key) == len(s.keys) {
			d.errorf(k, RuleUnknownKey, "%s: unknown key %s%s", what, quote(key), d.suggest.didYouMean(key, s.keys))
			continue
		}
		d.checkChars(k, what)
		if v = d.resolve(v); v == nil {
			continue
		}
		if isNull(v) && s.keys != nil {
			continue // an empty optional key, as "fail: ~"
		}
		fn(key, k, v)
	}
}

// list walks the items of a list node.
func (d *decoder) list(n *yaml.Node, what string, fn func(i int, item *yaml.Node)) {
	if n.Kind != yaml.SequenceNode {
		d.typeError(n, what, "a list")
		return
	}
	for i, item := range n.Content {
		if item = d.resolve(item); item == nil {
			return
		}
		fn(i, item)
	}
}

// str decodes a string. A scalar of another type is reported and its
// text kept, so that an id written as a number is not reported again as
// missing, nor its references as unknown.
func (d *decoder) str(n *yaml.Node, what string) string {
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!str" {
		d.typeError(n, what, "a string")
	}
	if n.Kind != yaml.ScalarNode {
		return ""
	}
	d.checkChars(n, what)
	return n.Value
}

// checkChars refuses a scalar holding a character XML 1.0 forbids: a
// YAML escape can write one, and no SVG, DOT or HTML output may carry it.
func (d *decoder) checkChars(n *yaml.Node, what string) {
	if r, at, ok := forbiddenChar(n.Value); ok {
		d.errorf(n, RuleControlCharacter, "%s: the character %U (at byte %d of the text) is not allowed in a blueprint; remove it", what, r, at)
	}
}

// ref decodes a string that names another element and records where it
// was written, for validation to point at.
func (d *decoder) ref(n *yaml.Node, what, path string) string {
	d.b.refs[path] = d.pos(n)
	return d.str(n, what)
}

func (d *decoder) refs(n *yaml.Node, what, path string) []string {
	var ids []string
	d.list(n, what, func(i int, item *yaml.Node) {
		ids = append(ids, d.ref(item, what, fmt.Sprintf("%s.%d", path, i)))
	})
	return ids
}

func (d *decoder) number(n *yaml.Node, what string) *float64 {
	tag := n.ShortTag()
	if n.Kind != yaml.ScalarNode || (tag != "!!int" && tag != "!!float") {
		d.typeError(n, what, "a number")
		return nil
	}
	var f float64
	if err := n.Decode(&f); err != nil {
		d.errorf(n, RuleType, "%s: %v", what, err)
		return nil
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		d.errorf(n, RuleType, "%s: expected a finite number, found %s", what, n.Value)
		return nil
	}
	return &f
}

func (d *decoder) text(n *yaml.Node, what string) Text {
	if n.Kind == yaml.ScalarNode {
		if s := d.str(n, what); s != "" {
			return Text{"": s}
		}
		return nil
	}
	if n.Kind != yaml.MappingNode {
		d.typeError(n, what, "a text (a string, or a mapping from language to string)")
		return nil
	}
	t := Text{}
	d.mapping(n, what, textShape, func(lang string, k, v *yaml.Node) {
		if strings.TrimSpace(lang) == "" {
			d.errorf(k, RuleType, "%s: empty language tag", what)
			return
		}
		if isNull(v) {
			d.errorf(k, RuleType, "%s: %s has no text; a comma inside {...} starts a new entry, so quote a text that has one", what, quote(lang))
			return
		}
		t[lang] = d.str(v, what+"."+excerpt(lang))
	})
	return t
}

func (d *decoder) texts(n *yaml.Node, what string) []Text {
	var ts []Text
	d.list(n, what, func(i int, item *yaml.Node) {
		ts = append(ts, d.text(item, what))
	})
	return ts
}

func (d *decoder) duration(n *yaml.Node, what string) time.Duration {
	s := d.str(n, what)
	if s == "" {
		return 0
	}
	v, err := time.ParseDuration(s)
	if err != nil || v < 0 {
		d.errorf(n, RuleDuration, "%s: %s is not a duration; write it like 90s, 10m or 1h30m", what, quote(s))
		return 0
	}
	return v
}

func (d *decoder) document(root *yaml.Node) {
	b := d.b
	d.mapping(root, "document", documentShape, func(key string, k, v *yaml.Node) {
		switch key {
		case "peakend":
			d.version(v)
		case "extends":
			if v.Kind == yaml.ScalarNode {
				b.Extends = []string{d.ref(v, "extends", "extends.0")}
			} else {
				b.Extends = d.refs(v, "extends", "extends")
			}
		case "name":
			b.Name = d.text(v, "name")
		case "locale":
			b.Locale = d.str(v, "locale")
		case "scale":
			d.scale(v)
		case "columns":
			d.mapping(v, "columns", columnsShape, func(name string, k, v *yaml.Node) {
				b.Columns = append(b.Columns, d.column(name, k, v))
			})
		case "roles":
			d.list(v, "roles", func(i int, item *yaml.Node) { b.Roles = append(b.Roles, d.named(item, "role")) })
		case "stages":
			d.list(v, "stages", func(i int, item *yaml.Node) { b.Stages = append(b.Stages, Stage(d.named(item, "stage"))) })
		case "touchpoints":
			d.list(v, "touchpoints", func(i int, item *yaml.Node) { b.Touchpoints = append(b.Touchpoints, d.touchpoint(i, item)) })
		case "journeys":
			d.list(v, "journeys", func(i int, item *yaml.Node) { b.Journeys = append(b.Journeys, d.journey(i, item)) })
		case "moments":
			d.mapping(v, "moments", momentsShape, func(id string, k, v *yaml.Node) {
				b.Cards = append(b.Cards, d.card(id, k, v))
			})
		}
	})
}

// momentsShape is the moments mapping: free keys (touchpoint ids).
var momentsShape = &shape{each: momentShape}

// version decodes the format version. Validate reports a missing or
// unsupported one; a version that is not a number is reported here, and
// then taken as the current one so that it is not reported twice.
func (d *decoder) version(v *yaml.Node) {
	n, err := strconv.Atoi(v.Value)
	if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!int" || err != nil {
		d.errorf(v, RuleVersion, "peakend: the format version must be the number %d, found %s", Version, describe(v))
		n = Version
	}
	d.b.Version = n
	d.b.refs["peakend"] = d.pos(v)
}

func (d *decoder) scale(v *yaml.Node) {
	s := Scale{Min: DefaultScale.Min, Max: DefaultScale.Max, Pos: d.pos(v)}
	d.mapping(v, "scale", scaleShape, func(key string, k, v *yaml.Node) {
		switch key {
		case "min":
			if f := d.number(v, "scale.min"); f != nil {
				s.Min = *f
			}
		case "max":
			if f := d.number(v, "scale.max"); f != nil {
				s.Max = *f
			}
		case "neutral":
			s.Neutral = d.number(v, "scale.neutral")
		case "higher":
			switch d.str(v, "scale.higher") {
			case "better":
			case "worse":
				s.HigherIsWorse = true
			default:
				d.errorf(v, RuleType, "scale.higher: expected better or worse, found %s", describe(v))
			}
		}
	})
	d.b.Scale = s
}

// column decodes one entry of columns: a name, or a list of names, that
// visit files give the column called name.
func (d *decoder) column(name string, k, v *yaml.Node) Column {
	c := Column{Column: name, Pos: d.pos(k)}
	what, path := "columns."+excerpt(name), "columns."+name
	if v.Kind == yaml.ScalarNode && !isNull(v) {
		c.Names = []string{d.ref(v, what, path+".0")}
	} else {
		c.Names = d.refs(v, what, path)
	}
	for i, n := range c.Names {
		if strings.TrimSpace(n) == "" {
			d.add(d.b.at(fmt.Sprintf("%s.%d", path, i), c.Pos), Error, RuleType, what+": empty name; a column name has at least one character")
		}
	}
	return c
}

// named decodes a role or a stage, which have the same shape.
func (d *decoder) named(n *yaml.Node, what string) Role {
	r := Role{Pos: d.pos(n)}
	d.mapping(n, what, roleShape, func(key string, k, v *yaml.Node) {
		switch key {
		case "id":
			r.ID = d.str(v, "id")
		case "name":
			r.Name = d.text(v, "name")
		}
	})
	return r
}

func (d *decoder) touchpoint(i int, n *yaml.Node) Touchpoint {
	t := Touchpoint{Pos: d.pos(n)}
	path := fmt.Sprintf("touchpoints.%d", i)
	sawLane := false
	d.mapping(n, "touchpoint", touchpointShape, func(key string, k, v *yaml.Node) {
		switch key {
		case "id":
			t.ID = d.str(v, "id")
		case "stage":
			t.Stage = d.ref(v, "stage", path+".stage")
		case "lane":
			name := d.str(v, "lane")
			lane, ok := ParseLane(name)
			if !ok && name != "" {
				d.errorf(v, RuleUnknownLane, "lane: unknown lane %s; lanes are %s%s", quote(name), strings.Join(laneNames[:], ", "), d.suggest.didYouMean(name, laneNames[:]))
			}
			t.Lane, sawLane = lane, true
			d.b.refs[path+".lane"] = d.pos(v)
		case "name":
			t.Name = d.text(v, "name")
		case "owner":
			t.Owner = d.ref(v, "owner", path+".owner")
		case "next":
			t.Next = d.refs(v, "next", path+".next")
		case "fail":
			t.Fail = d.text(v, "fail")
		case "wait":
			t.Wait = d.wait(v)
		}
	})
	if !sawLane && n.Kind == yaml.MappingNode {
		d.laneless = append(d.laneless, t) // an error unless the document is an overlay
	}
	return t
}

func (d *decoder) wait(n *yaml.Node) *Wait {
	w := &Wait{Pos: d.pos(n)}
	d.mapping(n, "wait", waitShape, func(key string, k, v *yaml.Node) {
		switch key {
		case "standard":
			w.Standard = d.duration(v, "wait.standard")
		case "tolerance":
			w.Tolerance = d.duration(v, "wait.tolerance")
		}
	})
	return w
}

func (d *decoder) journey(i int, n *yaml.Node) Journey {
	j := Journey{Pos: d.pos(n)}
	path := fmt.Sprintf("journeys.%d", i)
	d.mapping(n, "journey", journeyShape, func(key string, k, v *yaml.Node) {
		switch key {
		case "id":
			j.ID = d.str(v, "id")
		case "name":
			j.Name = d.text(v, "name")
		case "steps":
			j.Steps = d.refs(v, "steps", path+".steps")
		case "peaks":
			j.Peaks = d.refs(v, "peaks", path+".peaks")
		case "end":
			j.End = d.ref(v, "end", path+".end")
		}
	})
	if j.End == "" && len(j.Steps) > 0 {
		j.End = j.Steps[len(j.Steps)-1] // the end is implicit
	}
	return j
}

func (d *decoder) card(id string, k, n *yaml.Node) Card {
	m := Card{Touchpoint: id, Pos: d.pos(k)}
	d.mapping(n, "moment "+excerpt(id), momentShape, func(key string, _, v *yaml.Node) {
		switch key {
		case "needs":
			m.Needs = d.texts(v, "needs")
		case "essentials":
			m.Essentials = d.texts(v, "essentials")
		case "actions":
			d.list(v, "actions", func(i int, item *yaml.Node) { m.Actions = append(m.Actions, d.action(item, id, i)) })
		case "reminders":
			m.Reminders = d.texts(v, "reminders")
		case "owner":
			m.Owner = d.ref(v, "owner", "moments."+id+".owner")
		case "standards":
			d.list(v, "standards", func(i int, item *yaml.Node) { m.Standards = append(m.Standards, d.standard(item)) })
		}
	})
	return m
}

func (d *decoder) standard(n *yaml.Node) Standard {
	s := Standard{Pos: d.pos(n)}
	d.mapping(n, "standard", standardShape, func(key string, k, v *yaml.Node) {
		switch key {
		case "name":
			s.Name = d.text(v, "name")
		case "max":
			s.Max = d.number(v, "max")
		case "min":
			s.Min = d.number(v, "min")
		case "unit":
			s.Unit = d.str(v, "unit")
		case "baseline":
			s.Baseline = d.number(v, "baseline")
		}
	})
	return s
}

// action decodes an action: a text, or {text: ..., tags: [...]}.
func (d *decoder) action(n *yaml.Node, moment string, i int) Action {
	if !isTaggedAction(n) {
		return Action{Text: d.text(n, "actions")}
	}
	var a Action
	d.mapping(n, "action", actionShape, func(key string, k, v *yaml.Node) {
		switch key {
		case "text":
			a.Text = d.text(v, "action text")
		case "tags":
			a.Tags = d.refs(v, "tags", fmt.Sprintf("moments.%s.actions.%d.tags", moment, i))
		}
	})
	return a
}

package blueprint_test

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/peakend/peakend/blueprint"
	"github.com/rogpeppe/go-internal/txtar"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"
)

// schemaRules are the rules the JSON Schema states too. On every
// fixture the schema must reject the document exactly when the decoder
// reports one of them; the other rules (references, duplicates, journey
// logic) are beyond what a schema can say.
var schemaRules = map[blueprint.Rule]bool{
	"syntax": true, "empty": true, "encoding": true, "alias-limit": true,
	"type": true, "unknown-key": true, "duplicate-key": true, "version": true,
	"unknown-lane": true, "missing-field": true, "duration": true,
	"missing-id": true, "bad-id": true, "standard-target": true, "unknown-tag": true,
	"unknown-column": true,
}

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	s, err := c.Compile("schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// schemaValid converts a YAML document to JSON's data model, as an
// editor's YAML language server does, and validates it. Like the
// decoder, it takes a file to hold one document.
func schemaValid(s *jsonschema.Schema, src []byte) error {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var v, extra any
	if err := dec.Decode(&v); err != nil {
		return err
	}
	if err := dec.Decode(&extra); err != io.EOF {
		return fmt.Errorf("more than one document (%v)", err)
	}
	js, err := json.Marshal(v)
	if err != nil {
		return err
	}
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(string(js)))
	if err != nil {
		return err
	}
	return s.Validate(inst)
}

// structuralProblems are the problems Lint reports under schemaRules.
func structuralProblems(name string, src []byte) []string {
	_, problems := blueprint.Lint(name, src)
	var structural []string
	for _, p := range problems {
		if schemaRules[p.Rule] {
			structural = append(structural, p.Error())
		}
	}
	return structural
}

// fixtureDocuments are the documents of the lint fixtures and every
// file of the overlay fixtures (bases, overlays and their touchpoint
// patches without stage or lane), each by a path it would have if its
// archive were a directory.
func fixtureDocuments(t *testing.T) map[string][]byte {
	docs := map[string][]byte{}
	for _, path := range lintFixtures(t) {
		ar, err := txtar.ParseFile(path)
		if err != nil {
			t.Fatal(err)
		}
		doc, _ := fixtureFile(ar, "doc.yaml")
		docs[strings.TrimSuffix(path, ".txtar")+".yaml"] = doc
	}
	for _, path := range loadFixtures(t, "testdata/load") {
		fsys, _ := archiveFS(t, path)
		for name, f := range fsys {
			docs[strings.TrimSuffix(path, ".txtar")+"/"+name] = f.Data
		}
	}
	return docs
}

func TestSchemaAgreesWithDecoder(t *testing.T) {
	s := compileSchema(t)
	docs := fixtureDocuments(t)
	for _, path := range documents(t) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		docs[path] = src
	}
	for name, src := range docs {
		structural := structuralProblems(name, src)
		err := schemaValid(s, src)
		switch {
		case err == nil && len(structural) > 0:
			t.Errorf("%s: the schema accepts what the decoder rejects:\n%s", name, strings.Join(structural, "\n"))
		case err != nil && len(structural) == 0:
			t.Errorf("%s: the schema rejects what the decoder accepts: %v", name, err)
		}
	}
}

// readableTitles are the titles an editor shows on hover for a text, a
// duration and a standard, instead of the document's title.
var readableTitles = map[string]string{
	"text":     "text: a string, or a map from language tag to string",
	"duration": "duration: a number and a unit, such as 90s, 10m or 1h30m",
	"standard": "standard: a measurable target, with exactly one of max and min",
}

// readableMessages are the errorMessages yaml-language-server shows for
// the commonest mistakes, by the JSON pointer of the schema whose check
// fails: it takes the message of that schema only, so a message put on
// a parent would never be shown (or be shown for the wrong mistake).
var readableMessages = map[string]string{
	"/$defs/text":                                "map from language tag to string",
	"/$defs/text/additionalProperties":           "each language tag maps to a string",
	"/$defs/duration":                            "s seconds, m minutes, h hours",
	"/$defs/standard/then/properties/min":        "exactly one target",
	"/$defs/standardTarget/anyOf/0":              "exactly one target",
	"/$defs/standardTarget/anyOf/1":              "exactly one target",
	"/else/properties/touchpoints/anyOf/0/items": "needs a stage and a lane",
}

// TestSchemaMessagesAreReadable checks, without an editor, that the
// schema holds the titles and messages TestEditorReportsNoProblemOnExamples
// sees an editor show.
func TestSchemaMessagesAreReadable(t *testing.T) {
	src, err := os.ReadFile("schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var schema any
	if err := json.Unmarshal(src, &schema); err != nil {
		t.Fatal(err)
	}
	for def, title := range readableTitles {
		if got := schemaAt(schema, "/$defs/"+def)["title"]; got != title {
			t.Errorf("$defs/%s: title %q, want %q", def, got, title)
		}
	}
	for ptr, words := range readableMessages {
		got, _ := schemaAt(schema, ptr)["errorMessage"].(string)
		if !strings.Contains(got, words) {
			t.Errorf("%s: errorMessage %q, want one saying %q", ptr, got, words)
		}
	}
}

// schemaAt follows a JSON pointer (without escapes) into a decoded
// schema; it returns nil where the pointer leads nowhere.
func schemaAt(v any, ptr string) map[string]any {
	for _, key := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		switch x := v.(type) {
		case map[string]any:
			v = x[key]
		case []any:
			i, err := strconv.Atoi(key)
			if err != nil || i < 0 || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	m, _ := v.(map[string]any)
	return m
}

func TestExamplesNameTheSchema(t *testing.T) {
	for _, path := range documents(t) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		dir, _ := filepath.Abs(filepath.Dir(path))
		schema, _ := filepath.Abs("schema.json")
		rel, err := filepath.Rel(dir, schema)
		if err != nil {
			t.Fatal(err)
		}
		line := "# yaml-language-server: $schema=" + filepath.ToSlash(rel)
		if !strings.HasPrefix(string(src), line+"\n") {
			t.Errorf("%s does not start with %q", path, line)
		}
	}
}

// The editor test runs the YAML language server that VS Code, Neovim
// and Helix use, as an editor does: over stdio, with the schema found
// from each file's modeline. .ci/run installs the pinned version with
// editorInstallCommand; elsewhere the test skips, naming what is missing.
const (
	yamlLanguageServerVersion = "1.25.0"
	editorDirEnv              = "PEAKEND_NPM_DIR"
	editorDeadline            = 2 * time.Minute
	// maxLSPMessage bounds one message from the server: the largest it
	// sends here is a page of diagnostics, far below it.
	maxLSPMessage = 16 << 20
)

var editorInstallCommand = `npm install --prefix "$(go env GOCACHE)/../peakend-npm" yaml-language-server@` + yamlLanguageServerVersion

// editorDir is where the npm package is installed: $PEAKEND_NPM_DIR, or
// peakend-npm beside the Go build cache, as .ci/run puts it.
func editorDir(t *testing.T) string {
	if dir := os.Getenv(editorDirEnv); dir != "" {
		return dir
	}
	out, err := exec.Command("go", "env", "GOCACHE").Output()
	if err != nil {
		t.Skipf("yaml-language-server: cannot find the Go build cache (go env GOCACHE: %v); set %s to the npm prefix that holds it", err, editorDirEnv)
	}
	return filepath.Join(filepath.Dir(strings.TrimSpace(string(out))), "peakend-npm")
}

// TestEditor opens every example and shared blueprint in
// yaml-language-server, each with the schema its first line names, and
// fails on anything the editor would underline. The invalid fixtures in
// testdata/editor show that it does underline, and pin what it says:
// each names its diagnostics, line:col: message, in want (go test -run
// TestEditor -update rewrites them). The lint and overlay fixtures,
// associated with the schema by the editor's settings, show that it
// underlines what the decoder rejects, as far as a schema can say.
func TestEditor(t *testing.T) {
	server := startYAMLServer(t)
	examples := map[string][]byte{}
	for _, path := range documents(t) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		examples[path] = src
	}
	fixtures := editorFixtures(t)
	agreement := fixtureDocuments(t)
	docs := maps.Clone(examples)
	maps.Copy(docs, agreement)
	for path, f := range fixtures {
		docs[path] = f.doc
	}
	got := server.diagnose(docs)
	t.Logf("opened %d documents: %d examples and shared blueprints, %d editor fixtures, %d lint and overlay fixtures",
		len(docs), len(examples), len(fixtures), len(agreement))
	used := map[string][]string{}
	for path := range docs {
		used[path] = server.schemasOf(path)
	}
	// What the editor shows on hover over a key of each kind.
	const hovered = "testdata/editor/standard-unknown-key.yaml"
	hovers := map[string]string{"name: Mini": "text", "standard: 5m": "duration", "max: 3": "standard"}
	shown := map[string]string{}
	for key := range hovers {
		shown[key] = server.hoverTitle(hovered, docs[hovered], key)
	}

	t.Run("schema", func(t *testing.T) {
		schema, _ := filepath.Abs("schema.json")
		for _, path := range slices.Sorted(maps.Keys(docs)) {
			if u := used[path]; len(u) != 1 || u[0] != schema {
				t.Errorf("%s: the editor validates it against %q, want only %s", path, u, schema)
			}
		}
	})
	t.Run("examples", func(t *testing.T) {
		for _, path := range slices.Sorted(maps.Keys(examples)) {
			for _, d := range got[path] {
				t.Errorf("%s:%s", path, d)
			}
		}
	})
	t.Run("messages", func(t *testing.T) {
		for _, path := range slices.Sorted(maps.Keys(fixtures)) {
			checkEditorFixture(t, path, fixtures[path], got[path])
		}
	})
	t.Run("agreement", func(t *testing.T) {
		for _, path := range slices.Sorted(maps.Keys(agreement)) {
			checkEditorAgrees(t, path, agreement[path], got[path])
		}
	})
	t.Run("hover", func(t *testing.T) {
		for key, def := range hovers {
			if shown[key] != readableTitles[def] {
				t.Errorf("%s: hovering over %q shows %q, want %q", hovered, key, shown[key], readableTitles[def])
			}
		}
	})
}

// checkEditorAgrees checks that the editor underlines a document
// exactly when the decoder reports a problem the schema states.
func checkEditorAgrees(t *testing.T, path string, src []byte, got []editorDiagnostic) {
	structural := structuralProblems(path, src)
	if why, blind := editorCannotSee[path]; blind {
		if len(got) > 0 || len(structural) == 0 {
			t.Errorf("%s: listed in editorCannotSee (%s), but the editor shows %v and the decoder %q", path, why, got, structural)
		}
		return
	}
	switch {
	case len(got) == 0 && len(structural) > 0:
		t.Errorf("%s: the editor shows nothing where the decoder reports\n%s", path, strings.Join(structural, "\n"))
	case len(got) > 0 && len(structural) == 0:
		t.Errorf("%s: the editor shows problems where the decoder reports none: %v", path, got)
	}
}

// editorCannotSee are the fixtures whose problem the schema states but
// yaml-language-server does not check, and why; the test fails when one
// is no longer so, to keep the list true.
var editorCannotSee = map[string]string{
	"testdata/lint/empty.yaml":                "it validates nothing in a file without a node",
	"testdata/lint/syntax-two-documents.yaml": "it validates each document of a file on its own",
	"testdata/lint/type-text-comma.yaml":      "it skips the keys of a flow map that have no value, as in {en: Queue, wait, serve}",
}

type editorFixture struct {
	archive string // the txtar file, rewritten by -update
	ar      *txtar.Archive
	doc     []byte
	want    string
}

// editorFixtures reads testdata/editor/*.txtar. Each document is opened
// as if it lay beside its archive, so that its modeline
// (../../schema.json) names the schema.
func editorFixtures(t *testing.T) map[string]editorFixture {
	files, err := filepath.Glob("testdata/editor/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no editor fixtures: %v", err)
	}
	fixtures := map[string]editorFixture{}
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		doc, ok := fixtureFile(ar, "doc.yaml")
		want, _ := fixtureFile(ar, "want")
		if !ok || len(want) == 0 {
			t.Fatalf("%s: an editor fixture needs a doc.yaml and the diagnostics it shows in want", file)
		}
		fixtures[strings.TrimSuffix(file, ".txtar")+".yaml"] = editorFixture{file, ar, doc, string(want)}
	}
	return fixtures
}

func checkEditorFixture(t *testing.T, path string, f editorFixture, got []editorDiagnostic) {
	var b strings.Builder
	for _, d := range got {
		b.WriteString(d.String() + "\n")
	}
	if *update {
		for i := range f.ar.Files {
			if f.ar.Files[i].Name == "want" {
				f.ar.Files[i].Data = []byte(b.String())
			}
		}
		if err := os.WriteFile(f.archive, txtar.Format(f.ar), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if b.String() != f.want {
		t.Errorf("%s: the editor shows\n%s\nwant\n%s", path, b.String(), f.want)
	}
}

// editorDiagnostic is one problem the editor underlines, at a 1-based
// line and column counted in characters, as blueprint's errors are.
type editorDiagnostic struct {
	line, col int
	message   string
}

func (d editorDiagnostic) String() string {
	return fmt.Sprintf("%d:%d: %s", d.line, d.col, d.message)
}

// lspServer is a language server run as a child process, spoken to in
// JSON-RPC with Content-Length framing, as an editor does.
type lspServer struct {
	t      *testing.T
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stderr *lockedBuffer
	ctx    context.Context
	// settings answer workspace/configuration, by section.
	settings map[string]any

	writeMu sync.Mutex
	nextID  int

	mu         sync.Mutex
	pending    map[string]chan lspMessage
	published  map[string]lspPublish // the latest for each document URI
	configured chan struct{}         // closed once the server has its settings
	newPublish chan struct{}         // signalled when published changes
	readDone   chan struct{}
	readErr    error
}

type lspMessage struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  string          `json:"method,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error,omitempty"`
}

type lspPublish struct {
	URI         string `json:"uri"`
	Diagnostics []struct {
		Range struct {
			Start struct {
				Line      int `json:"line"`
				Character int `json:"character"`
			} `json:"start"`
		} `json:"range"`
		Message string `json:"message"`
	} `json:"diagnostics"`
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startYAMLServer starts yaml-language-server and initialises it with
// the settings of an editor that trusts nothing but the files: no
// schema store, so nothing is fetched from the network.
func startYAMLServer(t *testing.T) *lspServer {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skipf("yaml-language-server needs node, which is not on the PATH; install Node.js, then %s", editorInstallCommand)
	}
	dir := editorDir(t)
	pkg := filepath.Join(dir, "node_modules", "yaml-language-server")
	version, err := os.ReadFile(filepath.Join(pkg, "package.json"))
	if err != nil {
		t.Skipf("yaml-language-server is not installed in %s; install it with %s (or set %s to the prefix that holds it)", dir, editorInstallCommand, editorDirEnv)
	}
	var meta struct{ Version string }
	if err := json.Unmarshal(version, &meta); err != nil {
		t.Fatalf("%s/package.json: %v", pkg, err)
	}
	if meta.Version != yamlLanguageServerVersion {
		t.Logf("yaml-language-server %s is installed; this test pins %s", meta.Version, yamlLanguageServerVersion)
	}
	nodeVersion, _ := exec.Command(node, "--version").Output()
	t.Logf("yaml-language-server %s on node %s", meta.Version, strings.TrimSpace(string(nodeVersion)))

	ctx, cancel := context.WithTimeout(context.Background(), editorDeadline)
	cmd := exec.CommandContext(ctx, node, filepath.Join(pkg, "bin", "yaml-language-server"), "--stdio")
	s := &lspServer{
		t: t, cmd: cmd, ctx: ctx, stderr: &lockedBuffer{}, settings: editorSettings(),
		pending:    map[string]chan lspMessage{},
		published:  map[string]lspPublish{},
		configured: make(chan struct{}),
		newPublish: make(chan struct{}, 1),
		readDone:   make(chan struct{}),
	}
	cmd.Stderr = s.stderr
	if s.stdin, err = cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go s.readLoop(bufio.NewReader(stdout))
	t.Cleanup(func() {
		s.stop()
		cancel()
	})

	root, _ := filepath.Abs("..")
	s.call("initialize", map[string]any{
		"processId": os.Getpid(),
		"rootUri":   fileURI(root),
		"locale":    "en",
		"capabilities": map[string]any{
			"workspace":    map[string]any{"configuration": true},
			"textDocument": map[string]any{"publishDiagnostics": map[string]any{}},
		},
	})
	s.notify("initialized", map[string]any{})
	select {
	case <-s.configured:
	case <-s.readDone:
		s.fail("the server stopped before asking for its settings")
	case <-ctx.Done():
		s.fail("the server did not ask for its settings")
	}
	return s
}

// editorSettings answer the server's workspace/configuration requests:
// no schema store, so that nothing is fetched from the network, and the
// schema associated by settings with the fixture documents, which have
// no modeline.
func editorSettings() map[string]any {
	schema, _ := filepath.Abs("schema.json")
	return map[string]any{
		"yaml": map[string]any{
			"validate": true, "hover": true, "completion": false,
			"schemaStore":        map[string]any{"enable": false},
			"kubernetesCRDStore": map[string]any{"enable": false},
			"format":             map[string]any{"enable": false},
			"schemas": map[string]any{fileURI(schema): []string{
				"**/blueprint/testdata/lint/*.yaml", "**/blueprint/testdata/load/**/*.yaml",
			}},
		},
		"http":   map[string]any{},
		"[yaml]": map[string]any{},
		"editor": map[string]any{},
	}
}

func (s *lspServer) fail(format string, args ...any) {
	s.t.Helper()
	s.t.Fatalf("yaml-language-server: "+format+"\nits stderr:\n%s", append(args, s.stderr.String())...)
}

func (s *lspServer) write(m lspMessage) {
	m.JSONRPC = "2.0"
	body, err := json.Marshal(m)
	if err != nil {
		panic(err)
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	// A write fails only when the server has gone; the read loop then
	// ends too, and whoever waits on it reports that.
	fmt.Fprintf(s.stdin, "Content-Length: %d\r\n\r\n%s", len(body), body)
}

func (s *lspServer) notify(method string, params any) {
	p, _ := json.Marshal(params)
	s.write(lspMessage{Method: method, Params: p})
}

// call sends a request and waits for its result.
func (s *lspServer) call(method string, params any) json.RawMessage {
	s.t.Helper()
	p, _ := json.Marshal(params)
	s.mu.Lock()
	s.nextID++
	id := json.RawMessage(strconv.Itoa(s.nextID))
	reply := make(chan lspMessage, 1)
	s.pending[string(id)] = reply
	s.mu.Unlock()
	s.write(lspMessage{ID: id, Method: method, Params: p})
	select {
	case m := <-reply:
		if m.Error != nil {
			s.fail("%s: error %d: %s", method, m.Error.Code, m.Error.Message)
		}
		return m.Result
	case <-s.readDone:
		s.fail("%s: the server stopped (%v)", method, s.readErr)
	case <-s.ctx.Done():
		s.fail("%s: no answer within %v", method, editorDeadline)
	}
	return nil
}

func (s *lspServer) readLoop(r *bufio.Reader) {
	defer close(s.readDone)
	configured := false
	for {
		m, err := readLSPMessage(r)
		if err != nil {
			s.readErr = err
			return
		}
		switch {
		case m.Method == "textDocument/publishDiagnostics":
			var p lspPublish
			if err := json.Unmarshal(m.Params, &p); err != nil {
				s.readErr = fmt.Errorf("publishDiagnostics: %v", err)
				return
			}
			s.mu.Lock()
			s.published[canonicalURI(p.URI)] = p
			s.mu.Unlock()
			select {
			case s.newPublish <- struct{}{}:
			default:
			}
		case m.Method != "" && m.ID != nil:
			s.write(lspMessage{ID: m.ID, Result: s.answer(m)})
			if m.Method == "workspace/configuration" && !configured {
				configured = true
				close(s.configured)
			}
		case m.Method == "":
			s.mu.Lock()
			reply := s.pending[string(m.ID)]
			delete(s.pending, string(m.ID))
			s.mu.Unlock()
			if reply != nil {
				reply <- m
			}
		}
	}
}

// answerServer answers a request from the server: settings by section,
// and null to everything else (capability registration, progress).
func (s *lspServer) answer(m lspMessage) json.RawMessage {
	if m.Method != "workspace/configuration" {
		return json.RawMessage("null")
	}
	var p struct {
		Items []struct{ Section string }
	}
	json.Unmarshal(m.Params, &p)
	answers := make([]any, len(p.Items))
	for i, item := range p.Items {
		answers[i] = s.settings[item.Section]
	}
	out, _ := json.Marshal(answers)
	return out
}

// readLSPMessage reads one message: headers, a blank line, and a body
// of Content-Length bytes.
func readLSPMessage(r *bufio.Reader) (lspMessage, error) {
	var m lspMessage
	length := -1
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return m, err
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			break
		}
		name, value, ok := strings.Cut(line, ":")
		if ok && strings.EqualFold(name, "Content-Length") {
			if length, err = strconv.Atoi(strings.TrimSpace(value)); err != nil || length < 0 {
				return m, fmt.Errorf("bad header %q", line)
			}
		}
	}
	if length < 0 || length > maxLSPMessage {
		return m, fmt.Errorf("message of %d bytes: no Content-Length, or more than %d", length, maxLSPMessage)
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(r, body); err != nil {
		return m, err
	}
	return m, json.Unmarshal(body, &m)
}

// diagnose opens each document, with the given text, and returns what
// the server publishes for each: it validates a document once it is
// opened, after a short delay, and publishes once.
func (s *lspServer) diagnose(docs map[string][]byte) map[string][]editorDiagnostic {
	s.t.Helper()
	uris := map[string]string{}
	for path, src := range docs {
		abs, _ := filepath.Abs(path)
		uris[path] = fileURI(abs)
		s.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
			"uri": fileURI(abs), "languageId": "yaml", "version": 1, "text": string(src),
		}})
	}
	for {
		if got, ok := s.publishedFor(uris, docs); ok {
			return got
		}
		select {
		case <-s.newPublish:
		case <-s.readDone:
			s.fail("the server stopped (%v) before it diagnosed every document", s.readErr)
		case <-s.ctx.Done():
			s.fail("not every document diagnosed within %v", editorDeadline)
		}
	}
}

// publishedFor returns the diagnostics of every document, once the
// server has published them all.
func (s *lspServer) publishedFor(uris map[string]string, docs map[string][]byte) (map[string][]editorDiagnostic, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	got := map[string][]editorDiagnostic{}
	for path, uri := range uris {
		p, ok := s.published[uri]
		if !ok {
			return nil, false
		}
		lines := strings.Split(string(docs[path]), "\n")
		for _, d := range p.Diagnostics {
			line, col := d.Range.Start.Line, d.Range.Start.Character
			if line < len(lines) {
				col = runeColumn(lines[line], col)
			}
			got[path] = append(got[path], editorDiagnostic{line + 1, col + 1, d.Message})
		}
		slices.SortFunc(got[path], func(a, b editorDiagnostic) int {
			return cmp.Or(cmp.Compare(a.line, b.line), cmp.Compare(a.col, b.col), cmp.Compare(a.message, b.message))
		})
	}
	return got, true
}

// schemasOf asks the server which schemas it applies to an open
// document (the request its VS Code extension shows in the status bar)
// and returns them as file paths.
func (s *lspServer) schemasOf(path string) []string {
	abs, _ := filepath.Abs(path)
	var schemas []struct{ URI string }
	if err := json.Unmarshal(s.call("yaml/get/jsonSchema", fileURI(abs)), &schemas); err != nil {
		s.fail("yaml/get/jsonSchema: %v", err)
	}
	var paths []string
	for _, sc := range schemas {
		u, err := url.Parse(sc.URI)
		if err != nil || u.Scheme != "file" {
			paths = append(paths, sc.URI)
			continue
		}
		paths = append(paths, filepath.FromSlash(u.Path))
	}
	return paths
}

// hoverTitle returns the heading the server shows on hover over the
// first occurrence of key in an open document.
func (s *lspServer) hoverTitle(path string, src []byte, key string) string {
	s.t.Helper()
	for i, line := range strings.Split(string(src), "\n") {
		col := strings.Index(line, key)
		if col < 0 {
			continue
		}
		abs, _ := filepath.Abs(path)
		var hover struct {
			Contents struct{ Value string }
		}
		result := s.call("textDocument/hover", map[string]any{
			"textDocument": map[string]any{"uri": fileURI(abs)},
			"position":     map[string]any{"line": i, "character": len(utf16.Encode([]rune(line[:col])))},
		})
		if err := json.Unmarshal(result, &hover); err != nil {
			s.fail("hover: %v", err)
		}
		heading, _, _ := strings.Cut(hover.Contents.Value, "\n")
		return strings.TrimPrefix(heading, "#### ")
	}
	s.t.Fatalf("%s has no %q to hover over", path, key)
	return ""
}

// stop asks the server to shut down and exit, as an editor does on
// closing, and kills it if it has not exited a few seconds later.
func (s *lspServer) stop() {
	select {
	case <-s.readDone:
	case <-s.ctx.Done():
	default:
		s.write(lspMessage{ID: json.RawMessage(`"shutdown"`), Method: "shutdown"})
		s.notify("exit", nil)
	}
	s.stdin.Close()
	exited := make(chan struct{})
	go func() {
		s.cmd.Wait()
		close(exited)
	}()
	select {
	case <-exited:
	case <-time.After(5 * time.Second):
		s.cmd.Process.Kill()
		<-exited
	}
}

func fileURI(abs string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
}

// canonicalURI undoes the server's own escaping of a file URI.
func canonicalURI(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" {
		return uri
	}
	return fileURI(filepath.FromSlash(u.Path))
}

// runeColumn converts an LSP column, counted in UTF-16 code units, to
// one counted in characters.
func runeColumn(line string, utf16Col int) int {
	units, col := 0, 0
	for _, r := range line {
		if units >= utf16Col {
			break
		}
		units += utf16.RuneLen(r)
		col++
	}
	return col
}

// parse.mjs reads Mermaid journey diagrams, a JSON array of strings, on
// standard input and prints, as JSON, what Mermaid's own journey parser
// makes of each: its title, sections and tasks (name, score, actors),
// with each text as the rendered SVG shows it. Usage:
//
//	node parse.mjs DIR < diagrams.json
//
// where DIR holds node_modules with mermaid and jsdom (npm install
// --prefix DIR mermaid jsdom). Mermaid needs a DOM for its sanitiser
// even to parse; jsdom gives it one, with no browser.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';

const require = createRequire(join(process.argv[2], 'node_modules') + '/');
const { JSDOM } = require('jsdom');
const dom = new JSDOM('');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const mermaidPath = join(process.argv[2], 'node_modules', 'mermaid', 'dist', 'mermaid.core.mjs');
const mermaid = (await import(pathToFileURL(mermaidPath).href)).default;

// shown is what the SVG shows of a parsed text: the renderer sets it as
// the text of an element (escaping & and <), mermaid's decodeEntities
// (src/utils.ts: ﬂ°° → &#, ﬂ° → &, ¶ß → ;) turns the markers its
// encodeEntities made of "#35;" into character references, and the
// browser reads the SVG.
function shown(text) {
  const el = dom.window.document.createElement('span');
  el.textContent = text;
  const svg = el.innerHTML.replace(/ﬂ°°/g, '&#').replace(/ﬂ°/g, '&').replace(/¶ß/g, ';');
  el.innerHTML = svg;
  return el.textContent;
}

const out = [];
for (const text of JSON.parse(readFileSync(0, 'utf8'))) {
  try {
    await mermaid.parse(text); // registers the diagrams, then parses as render does
    const d = await mermaid.mermaidAPI.getDiagramFromText(text);
    out.push({
      type: d.type,
      title: shown(d.db.getDiagramTitle()),
      sections: d.db.getSections().map(shown),
      tasks: d.db.getTasks().map((t) => ({
        section: shown(t.section), task: shown(t.task), score: t.score, people: t.people.map(shown),
      })),
    });
  } catch (e) {
    out.push({ error: String(e.message || e) });
  }
}
process.stdout.write(JSON.stringify(out));

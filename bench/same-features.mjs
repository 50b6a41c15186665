// Compares two CSV files of per-visit features, matched by visit and by
// column name: text exactly, numbers within 1e-9 relative. Usage:
// node same-features.mjs A.csv B.csv; exit 1 with the first difference.
import { readFileSync } from 'node:fs';

const columns = ['purpose', 'moments', 'duration', 'first', 'peak', 'peak_touchpoint', 'best', 'worst',
  'end', 'end_touchpoint', 'mean', 'time_mean', 'trend', 'peak_end', 'remembered'];
function load(name) {
  const lines = readFileSync(name, 'utf8').trimEnd().split('\n');
  const header = lines[0].split(',').map((h) => h.replace(/^"|"$/g, ''));
  const at = Object.fromEntries(header.map((h, i) => [h, i]));
  const visits = new Map();
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    visits.set(cells[at.visit], columns.map((c) => cells[at[c]] ?? ''));
  }
  return visits;
}
const [a, b] = process.argv.slice(2).map(load);
if (a.size !== b.size) {
  console.error(`${a.size} visits and ${b.size}`);
  process.exit(1);
}
for (const [visit, x] of a) {
  const y = b.get(visit);
  if (!y) {
    console.error(`visit ${visit} missing from the second`);
    process.exit(1);
  }
  columns.forEach((c, i) => {
    const p = Number(x[i]), q = Number(y[i]);
    const same = x[i] === y[i] || (x[i] !== '' && y[i] !== '' && !isNaN(p) && !isNaN(q) &&
      Math.abs(p - q) <= 1e-9 * Math.max(1, Math.abs(p), Math.abs(q)));
    if (!same) {
      console.error(`visit ${visit}, ${c}: ${x[i]} and ${y[i]}`);
      process.exit(1);
    }
  });
}
console.log(`${a.size} visits, all ${columns.length} feature columns agree`);

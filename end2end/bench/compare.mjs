#!/usr/bin/env node
// Two load-bench results side by side (medians), with the change from the first to the second.
//   node end2end/bench/compare.mjs OLD.json [NEW.json]     (NEW defaults to results/latest.json)
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [oldFile, newFile = join(dirname(fileURLToPath(import.meta.url)), 'results', 'latest.json')] = process.argv.slice(2);
if (!oldFile) {
  console.error('usage: node end2end/bench/compare.mjs OLD.json [NEW.json]');
  process.exit(2);
}
const a = JSON.parse(readFileSync(oldFile, 'utf8'));
const b = JSON.parse(readFileSync(newFile, 'utf8'));

// [column, figure of a result's medians, unit divisor, decimals]
const FIGURES = [
  ['assets KB', (m) => m.bytes.assets, 1024, 1],
  ['wasm KB', (m) => m.bytes.wasm, 1024, 1],
  ['api KB', (m) => m.bytes.api, 1024, 1],
  ['visible ms', (m) => m.visible, 1, 0],
  ['started ms', (m) => m.started, 1, 0],
  ['heap MB', (m) => m.heapUsed, 1024 * 1024, 2],
];
const fmt = (x, div, dec) => (x == null ? '–' : (x / div).toFixed(dec));
const delta = (x, y) => (x == null || y == null || x === 0 ? '' : `${y >= x ? '+' : ''}${(((y - x) / x) * 100).toFixed(0)}%`);

console.log(`old: ${oldFile}  (${a.git?.sha ?? '?'}${a.git?.dirty ? ' dirty' : ''}, ${a.when}, ${a.runs} runs)`);
console.log(`new: ${newFile}  (${b.git?.sha ?? '?'}${b.git?.dirty ? ' dirty' : ''}, ${b.when}, ${b.runs} runs)\n`);
const rows = [['page', 'network', ...FIGURES.map(([name]) => `${name} old → new`)]];
for (const r of b.results) {
  const o = a.results.find((x) => x.page === r.page && x.network === r.network);
  rows.push([r.page, r.network, ...FIGURES.map(([, f, div, dec]) => {
    const x = o ? f(o.median) : null;
    const y = f(r.median);
    return `${fmt(x, div, dec)} → ${fmt(y, div, dec)} ${delta(x, y)}`.trim();
  })]);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const r of rows) console.log(r.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));

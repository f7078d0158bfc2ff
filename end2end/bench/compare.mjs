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
const VANILLA = 'vanilla settings';
const fmt = (x, div, dec) => (x == null ? '–' : (x / div).toFixed(dec));
const delta = (x, y) => (x == null || y == null || x === 0 ? '' : `${y >= x ? '+' : ''}${(((y - x) / x) * 100).toFixed(0)}%`);
// Results written before the warm run existed have no `cache`: they are cold.
const cacheOf = (r) => r.cache ?? 'cold';
const same = (x, y) => x.page === y.page && x.network === y.network && cacheOf(x) === cacheOf(y);
/** Time to content against the vanilla page of the same file, network and cache. */
const perVanilla = (doc, r) => {
  const v = doc.results.find((x) => x.page === VANILLA && x.network === r.network && cacheOf(x) === cacheOf(r));
  return r.median?.visible != null && v?.median?.visible ? r.median.visible / v.median.visible : null;
};

console.log(`old: ${oldFile}  (${a.git?.sha ?? '?'}${a.git?.dirty ? ' dirty' : ''}, ${a.when}, ${a.runs} runs)`);
console.log(`new: ${newFile}  (${b.git?.sha ?? '?'}${b.git?.dirty ? ' dirty' : ''}, ${b.when}, ${b.runs} runs)\n`);
const rows = [['page', 'network', 'cache', ...FIGURES.map(([name]) => `${name} old → new`), '× vanilla old → new']];
// Every page, network and cache of the new file, then those only the old file has.
const entries = [...b.results.map((r) => [a.results.find((x) => same(x, r)), r]), ...a.results.filter((x) => !b.results.some((r) => same(x, r))).map((x) => [x, undefined])];
for (const [o, n] of entries) {
  const r = n ?? o;
  const row = [r.page, r.network, cacheOf(r), ...FIGURES.map(([, f, div, dec]) => {
    const x = o ? f(o.median) : null;
    const y = n ? f(n.median) : null;
    return `${fmt(x, div, dec)} → ${fmt(y, div, dec)} ${delta(x, y)}`.trim();
  })];
  const [x, y] = [o && perVanilla(a, o), n && perVanilla(b, n)];
  row.push(r.page === VANILLA ? '' : `${fmt(x, 1, 2)} → ${fmt(y, 1, 2)}`);
  rows.push(row);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const r of rows) console.log(r.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));

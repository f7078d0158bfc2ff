// First-load weight of a built dist/: every html, js, wasm and css file, raw and brotli.
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, extname } from 'path';
import { brotliCompressSync, constants } from 'zlib';

const dist = process.argv[2] ?? 'dist';
const rows = [];
for (const name of readdirSync(dist)) {
  const file = join(dist, name);
  if (!statSync(file).isFile() || !['.html', '.js', '.wasm', '.css'].includes(extname(name))) continue;
  const raw = readFileSync(file);
  const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
  rows.push({ name, raw: raw.length, br: br.length });
}
const kb = (n) => (n / 1024).toFixed(1).padStart(8);
console.log('file'.padEnd(48), '     raw KB', '  brotli KB');
for (const r of rows) console.log(r.name.padEnd(48), kb(r.raw), '  ', kb(r.br));
const total = rows.reduce((a, r) => ({ raw: a.raw + r.raw, br: a.br + r.br }), { raw: 0, br: 0 });
console.log('all of dist'.padEnd(48), kb(total.raw), '  ', kb(total.br));

#!/usr/bin/env node
// A CDN-like front for the load bench: serves the console's dist/ and the vanilla baseline
// (end2end/bench/vanilla/ at /vanilla/) brotli-compressed (quality 11, compressed once at
// start and kept in memory, as a CDN's cache would hold them), and passes /api/* and
// /__standin/* through to the stand-in unchanged. The stand-in itself does not compress.
//
// Caching headers as README "Deploying" asks of a CDN and as the stand-in sends them
// (standin/src/dist.rs): Trunk's content-hashed files (`<stem>-<12–16 hex>.<ext>` or
// `…_bg.wasm`) `Cache-Control: public, max-age=31536000, immutable`; everything else of dist/
// (index.html, the SPA fallback) `no-cache` with a strong ETag of the bytes sent (raw and
// brotli apart), and `304 Not Modified` for a matching If-None-Match. The vanilla page's script
// (not hashed) is immutable as if it were: the baseline gets the best caching a hand-written
// page could have; its html is `no-cache` + ETag like the console's. The load bench's warm run
// relies on these (no request routing: the browser's HTTP cache stays on).
//
//   node end2end/bench/serve.mjs --port 8862 --dist dist --upstream http://127.0.0.1:8861
//
// Routes:
//   /api/*, /__standin/*      → the stand-in (method, headers and body as they come)
//   /vanilla/<file>           → end2end/bench/vanilla/<file>
//   /vanilla/<path w/o ext.>  → end2end/bench/vanilla/index.html (it reads the customer id from the path)
//   /<file>                   → dist/<file>, 404 when missing
//   /<path w/o extension>     → dist/index.html (SPA fallback, as the stand-in does)
import { Agent, createServer, request as httpRequest } from 'node:http';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []),
);
const port = Number(args.port ?? 8862);
const dist = resolve(args.dist ?? 'dist');
const vanilla = resolve(args.vanilla ?? join(here, 'vanilla'));
const upstream = new URL(args.upstream ?? 'http://127.0.0.1:8861');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};
// Already-compressed formats a CDN would not brotli again.
const INCOMPRESSIBLE = new Set(['.png', '.ico', '.jpg', '.jpeg', '.gif', '.webp', '.woff2']);
// Trunk's content hash in a file name (the same rule as standin/src/dist.rs is_content_hashed).
const HASHED = /.-[0-9a-f]{12,16}(?:\.[^/]*|_[^/]*\.[^/]*)(?<!\.)$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** A strong entity tag of the bytes sent. */
const etagOf = (bytes) => `"${bytes.length.toString(16)}-${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}"`;
/** If-None-Match: `*` or a list of tags, compared weakly (W/"x" matches "x"). */
const noneMatch = (header, etag) => header != null && (header.trim() === '*' || header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag));

/** Every file under `dir`, keyed by its URL path under `prefix`, raw and brotli'd. */
function load(dir, prefix) {
  const files = new Map();
  const walk = (d, urlDir) => {
    for (const name of readdirSync(d)) {
      const file = join(d, name);
      const url = `${urlDir}${name}`;
      if (statSync(file).isDirectory()) { walk(file, `${url}/`); continue; }
      const ext = extname(name).toLowerCase();
      const raw = readFileSync(file);
      const br = INCOMPRESSIBLE.has(ext)
        ? null
        : brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } });
      const cacheControl = HASHED.test(name) || (prefix === '/vanilla/' && ext !== '.html') ? IMMUTABLE : 'no-cache';
      files.set(url, { raw, br, type: TYPES[ext] ?? 'application/octet-stream', ext, cacheControl, etag: { raw: etagOf(raw), br: br && etagOf(br) } });
    }
  };
  walk(dir, prefix);
  return files;
}

const files = new Map([...load(dist, '/'), ...load(vanilla, '/vanilla/')]);

function send(req, res, entry) {
  const acceptsBr = /\bbr\b/.test(req.headers['accept-encoding'] ?? '');
  const useBr = acceptsBr && entry.br && entry.br.length < entry.raw.length;
  const body = useBr ? entry.br : entry.raw;
  const caching = { 'Vary': 'Accept-Encoding', 'Cache-Control': entry.cacheControl };
  if (entry.cacheControl !== IMMUTABLE) {
    caching.ETag = useBr ? entry.etag.br : entry.etag.raw;
    if (noneMatch(req.headers['if-none-match'], caching.ETag)) {
      res.writeHead(304, caching);
      return res.end();
    }
  }
  res.writeHead(200, {
    'Content-Type': entry.type,
    'Content-Length': body.length,
    ...caching,
    ...(useBr ? { 'Content-Encoding': 'br' } : {}),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

// Kept-alive connections to the stand-in, as a CDN keeps to its origin.
const agent = new Agent({ keepAlive: true });

function proxy(req, res) {
  const up = httpRequest(
    { agent, host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
    (upRes) => { res.writeHead(upRes.statusCode ?? 502, upRes.headers); upRes.pipe(res); },
  );
  up.on('error', (e) => { res.writeHead(502, { 'Content-Type': 'text/plain' }); res.end(`upstream: ${e.message}`); });
  req.pipe(up);
}

const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  if (path.startsWith('/api/') || path.startsWith('/__standin/')) return proxy(req, res);
  if (req.method !== 'GET' && req.method !== 'HEAD') { res.writeHead(405); return res.end(); }
  const vanillaPath = path.startsWith('/vanilla/') || path === '/vanilla';
  let entry = files.get(path === '/' ? '/index.html' : path);
  if (!entry && !extname(path)) entry = files.get(vanillaPath ? '/vanilla/index.html' : '/index.html');
  if (!entry) { res.writeHead(404, { 'Content-Type': 'text/plain' }); return res.end('not found'); }
  send(req, res, entry);
});
server.keepAliveTimeout = 60_000;
server.listen(port, '127.0.0.1', () => {
  console.log(`bench server on http://127.0.0.1:${port}/ (dist ${dist}, ${files.size} files brotli'd; /api → ${upstream.origin})`);
});

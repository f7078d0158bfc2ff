#!/usr/bin/env node
// Trunk post_build hook (Trunk.toml): moves every inline <script> of the built index.html
// into its own content-hashed file, so the page runs under `script-src 'self'` without
// 'unsafe-inline', a nonce or a hash.
//
// Trunk writes its loader (`import init from '/account-console-….js'; await init(…)`) into
// index.html as an inline module script, and under `trunk serve` also its auto-reload client.
// Each inline body becomes `boot-<first 16 hex of sha256>.js` next to index.html in the
// staging dir and the element becomes `<script … src="{public_url}boot-….js"></script>`,
// keeping its other attributes (type="module") and dropping `nonce`. When Trunk wrote
// subresource-integrity attributes (it does unless `no_sri`), the new element gets one too.
//
// Fails (non-zero exit, so the build fails) if there is no loader script or if any inline
// script is left.
//
// Environment (set by Trunk for hooks): TRUNK_STAGING_DIR, TRUNK_PUBLIC_URL.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function fail(message) {
  console.error(`externalize-loader: ${message}`);
  process.exit(1);
}

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) fail('TRUNK_STAGING_DIR is not set (run this as a Trunk post_build hook)');
let publicUrl = process.env.TRUNK_PUBLIC_URL || '/';
if (!publicUrl.endsWith('/')) publicUrl += '/';

const htmlPath = join(staging, 'index.html');
const html = readFileSync(htmlPath, 'utf8');

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const hasSrc = (attrs) => /(^|\s)src\s*=/i.test(attrs);
// Trunk's SRI: `integrity="sha384-…"` on its preload links, unless disabled.
const sriType = (html.match(/\sintegrity\s*=\s*["']?(sha256|sha384|sha512)-/i) || [])[1]?.toLowerCase();

// `trunk serve` fills these in only inside HTML responses; in a separate file they stay
// literal, so resolve them here the way Trunk does without a Host header.
function resolveServePlaceholders(body) {
  const wsBase = publicUrl.startsWith('/') ? publicUrl : new URL(publicUrl).pathname;
  return body
    .replace(/'\{\{__TRUNK_ADDRESS__\}\}'|`\{\{__TRUNK_ADDRESS__\}\}`/g, 'window.location.host')
    .replace(/\{\{__TRUNK_WS_BASE__\}\}/g, wsBase);
}

let loaders = 0;
const written = [];
const out = html.replace(SCRIPT, (whole, attrs, rawBody) => {
  if (hasSrc(attrs) || rawBody.trim() === '') return whole;
  const body = resolveServePlaceholders(rawBody.trim()) + '\n';
  if (/TrunkApplicationStarted|import\s+init\b/.test(body)) loaders++;
  const digest = createHash('sha256').update(body).digest('hex');
  const name = `boot-${digest.slice(0, 16)}.js`;
  writeFileSync(join(staging, name), body);
  written.push(`${name} (${Buffer.byteLength(body)} bytes)`);

  const kept = attrs
    .replace(/\s+nonce\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '')
    .replace(/\s+(integrity|crossorigin)(\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/gi, '')
    .trim();
  let tag = `<script${kept ? ' ' + kept : ''} src="${publicUrl}${name}"`;
  if (sriType) {
    const integrity = createHash(sriType).update(body).digest('base64');
    tag += ` integrity="${sriType}-${integrity}" crossorigin="anonymous"`;
  }
  return `${tag}></script>`;
});

if (loaders === 0) fail(`no inline Trunk loader script found in ${htmlPath}`);
const left = [...out.matchAll(SCRIPT)].filter(([, attrs, body]) => !hasSrc(attrs) || body.trim() !== '');
if (left.length > 0) fail(`inline script left in ${htmlPath}: ${left.map((m) => m[0].slice(0, 80)).join(' | ')}`);

writeFileSync(htmlPath, out);
console.log(`externalize-loader: ${written.join(', ')}`);

import { standinGlobalSetup } from '@account-console/playwright-kit';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

// Starts the stand-in with this suite's seed for the whole run (a free port; its URL reaches
// the tests as CONSOLE_KIT_BASE_URL) and stops it at the end. The built console and the
// stand-in binary come from this repository unless CONSOLE_DIST / FASTLY_STANDIN say otherwise.
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(repo, 'target');

export default standinGlobalSetup({
  seed: path.join(here, 'seed.json'),
  dist: process.env.CONSOLE_DIST ?? path.join(repo, 'dist'),
  binary: process.env.FASTLY_STANDIN ?? path.join(targetDir, 'release', 'fastly-standin'),
});

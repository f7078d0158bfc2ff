import * as path from 'path';
import { standinConfig } from '../playwright.base';

// Measuring scripts (not tests): they print figures instead of asserting on them.
//   npx playwright test --config end2end/bench/playwright.bench.config.ts
// Besides the stand-in (STANDIN_PORT), load.bench.ts needs serve.mjs (BENCH_PORT): the built
// dist/ and vanilla/ brotli-compressed, /api passed through to the stand-in.
const root = path.resolve(__dirname, '../..');
const standinPort = process.env.STANDIN_PORT ?? '8799';
const benchPort = process.env.BENCH_PORT ?? '8862';

const config = standinConfig({
  testDir: '.',
  testMatch: '*.bench.ts',
  outputDir: '../test-results/bench',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  retries: 0,
  use: { trace: 'off' },
});

const standin = Array.isArray(config.webServer) ? config.webServer : [config.webServer!];
config.webServer = [
  ...standin,
  {
    command: `node "${path.join(__dirname, 'serve.mjs')}" --port ${benchPort} --dist "${path.join(root, 'dist')}" --upstream http://127.0.0.1:${standinPort}`,
    url: `http://127.0.0.1:${benchPort}/index.html`,
    reuseExistingServer: false, // always the dist/ of this checkout, compressed afresh
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
];
export default config;

import { defineConfig } from '@playwright/test';
import * as path from 'path';

// Measuring scripts (not tests): same browser and stand-in as end2end/playwright.config.ts,
// but they print figures instead of asserting on them.
//   npx playwright test --config end2end/bench/playwright.bench.config.ts
const port = process.env.STANDIN_PORT ?? '8799';
const root = path.resolve(__dirname, '..', '..');
const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(root, 'target');
const standin = path.join(targetDir, 'release', 'fastly-standin');

export default defineConfig({
  testDir: '.',
  testMatch: '*.bench.ts',
  outputDir: '../test-results/bench',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1, // one stand-in whose state is reset before each script
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'off',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--disable-default-apps', '--disable-extensions',
      ],
    },
  },
  webServer: {
    command: `"${standin}" --port ${port} --dist "${path.join(root, 'dist')}" --test-controls`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});

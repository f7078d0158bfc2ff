import { defineConfig } from '@playwright/test';
import * as path from 'path';

// The stand-in serves the release build (dist/) and the API at one origin.
// scripts/test builds both before running this; run that, not playwright directly.
const port = process.env.STANDIN_PORT ?? '8799';
const root = path.resolve(__dirname, '..');
const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(root, 'target');
const standin = path.join(targetDir, 'release', 'fastly-standin');

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  timeout: 30_000,
  expect: { timeout: 7_000 },
  fullyParallel: false,
  workers: 1, // the tests share one stand-in whose state they reset
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
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

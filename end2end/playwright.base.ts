import { defineConfig, PlaywrightTestConfig } from '@playwright/test';
import * as path from 'path';

// One place for what every Playwright run here shares: Debian's Chromium with the
// flags this machine needs, and the stand-in serving the release build (dist/) and
// the API at one origin. scripts/test builds both first.
const port = process.env.STANDIN_PORT ?? '8799';
const root = path.resolve(__dirname, '..');
const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(root, 'target');
const standin = path.join(targetDir, 'release', 'fastly-standin');

export function standinConfig(own: PlaywrightTestConfig) {
  return defineConfig({
    fullyParallel: false,
    workers: 1, // one stand-in whose state each test resets
    reporter: [['list']],
    ...own,
    use: {
      baseURL: `http://127.0.0.1:${port}`,
      launchOptions: {
        executablePath: '/usr/bin/chromium',
        args: [
          '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
          '--disable-background-networking', '--disable-component-update', '--disable-sync',
          '--disable-default-apps', '--disable-extensions',
        ],
      },
      ...own.use,
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
}

import { defineConfig } from '@playwright/test';

// A customer's own suite, run against a stand-in started with this suite's seed (see
// global-setup.ts). The kit's `test` takes the stand-in's URL as baseURL.
export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  globalSetup: './global-setup.ts',
  fullyParallel: false,
  workers: 1, // one stand-in whose data each test puts back (resetStandin)
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: [['list']],
  use: {
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--disable-default-apps', '--disable-extensions',
      ],
    },
  },
});

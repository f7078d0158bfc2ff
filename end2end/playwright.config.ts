import { standinConfig } from './playwright.base';

// The end-to-end suite. Run it through scripts/test, which builds dist/ and the stand-in first.
export default standinConfig({
  testDir: './tests',
  outputDir: './test-results',
  timeout: 30_000,
  expect: { timeout: 7_000 },
  retries: process.env.CI ? 1 : 0,
  use: { trace: 'retain-on-failure' },
});

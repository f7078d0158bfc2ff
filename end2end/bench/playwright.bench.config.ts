import { standinConfig } from '../playwright.base';

// Measuring scripts (not tests): they print figures instead of asserting on them.
//   npx playwright test --config end2end/bench/playwright.bench.config.ts
export default standinConfig({
  testDir: '.',
  testMatch: '*.bench.ts',
  outputDir: '../test-results/bench',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  retries: 0,
  use: { trace: 'off' },
});

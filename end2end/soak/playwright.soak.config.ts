import { standinConfig } from '../playwright.base';

// The soak (scripts/soak; a short run is part of scripts/test): SOAK_SAVES saves (default 40),
// SOAK_SEED, SOAK_FAULT_RATE (default 0.1). It prints its counts and fails on any violation.
export default standinConfig({
  testDir: '.',
  outputDir: '../test-results-soak',
  timeout: 15 * 60_000,
  expect: { timeout: 15_000 },
  retries: 0,
  use: { trace: 'retain-on-failure' },
});

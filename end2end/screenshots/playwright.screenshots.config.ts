import { standinConfig } from '../playwright.base';

// Writes the README's screenshots to docs/screenshots/: scripts/screenshots.
export default standinConfig({
  testDir: '.',
  testMatch: '*.shots.ts',
  outputDir: '../test-results/screenshots',
  timeout: 60_000,
  retries: 0,
  use: { trace: 'off', viewport: { width: 1280, height: 900 } },
});

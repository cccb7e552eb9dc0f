import { defineConfig } from '@playwright/test';

// `npm run bench`: the performance budget, measured with two real Chromium browsers on Xvfb
// and the real server on loopback. Not part of `npm test`: it measures, it does not assert.
export default defineConfig({
  testDir: '.',
  testMatch: '*.bench.ts',
  globalSetup: './global-setup.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 240_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  outputDir: '../test-results/bench',
});

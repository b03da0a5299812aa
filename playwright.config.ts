import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions, e2ePort } from './tests/support/browser.js';

// End-to-end tests drive Debian's Chromium against the real built server (see tests/support/).
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: '.run/e2e/results',
  globalSetup: './tests/support/global-setup.ts',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${e2ePort}`,
    launchOptions: chromiumLaunchOptions,
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'chromium', use: { browserName: 'chromium' }, testIgnore: /update\.spec\.ts/ },
    // Swaps the served build, so it runs alone after the rest.
    {
      name: 'update',
      use: { browserName: 'chromium' },
      testMatch: /update\.spec\.ts/,
      dependencies: ['chromium'],
    },
  ],
});

import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions, e2ePort } from './tests/support/browser.js';
import { runDir } from './tests/support/paths.js';

// End-to-end tests drive Debian's Chromium against the real built server and Kamailio (see
// tests/support/). Three projects run one after the other:
// - chromium: screens and accounts, two at a time;
// - phone: every spec that registers agents and calls, one at a time, because Kamailio rings
//   every registered device of a user and two specs' alices would answer each other's calls;
// - update: swaps the served build, so it runs last and alone.
const phoneSpecs = /(phone(-[a-z-]+)?|transfer|call-waiting|outside-caller)\.spec\.ts/;

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: `${runDir}-results`,
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
    {
      name: 'chromium',
      use: { browserName: 'chromium' },
      testIgnore: [/update\.spec\.ts/, phoneSpecs],
    },
    {
      name: 'phone',
      use: { browserName: 'chromium' },
      testMatch: phoneSpecs,
      workers: 1,
      dependencies: ['chromium'],
    },
    {
      name: 'update',
      use: { browserName: 'chromium' },
      testMatch: /update\.spec\.ts/,
      dependencies: ['phone'],
    },
  ],
});

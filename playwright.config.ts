import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions, e2ePort } from './tests/support/browser.js';
import { runDir } from './tests/support/paths.js';

// End-to-end tests drive Debian's Chromium against the real built server and Kamailio (see
// tests/support/). The projects:
// - chromium: screens and accounts, two at a time;
// - agent-status: the specs that set a Demo agent's status and then check it, one at a time
//   beside chromium: the server keeps the newest choice, so one spec's choice made later than
//   another's queued offline one would win over it (alice's Break against Lunch being undone);
// - phone: every spec that registers agents and calls, one at a time, because Kamailio rings
//   every registered device of a user and two specs' alices would answer each other's calls;
// - update: swaps the served build, so it runs last and alone.
// Phone and update run after the others.
const agentStatusSpecs = /(custom-statuses|offline-sync|play|status-clock)\.spec\.ts/;
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
      testIgnore: [/update\.spec\.ts/, phoneSpecs, agentStatusSpecs],
    },
    {
      name: 'agent-status',
      use: { browserName: 'chromium' },
      testMatch: agentStatusSpecs,
      workers: 1,
    },
    {
      name: 'phone',
      use: { browserName: 'chromium' },
      testMatch: phoneSpecs,
      workers: 1,
      dependencies: ['chromium', 'agent-status'],
    },
    {
      name: 'update',
      use: { browserName: 'chromium' },
      testMatch: /update\.spec\.ts/,
      dependencies: ['phone'],
    },
  ],
});

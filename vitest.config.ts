import { defineConfig } from 'vitest/config';
import solid from 'vite-plugin-solid';

// Client units, the server suite once per database dialect, and `sip`: the real Kamailio
// (deploy/kamailio/run.sh) driven by a small SIP client (run alone: vitest run --project sip), and
// `firefox`: Debian's Firefox ESR through puppeteer-core against the built server, and the
// tcp-proxy it reaches the server through (run after a build: vitest run --project firefox), and
// `chaos`: the real store against the built server through faults (after a build too).
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [solid()],
        test: {
          name: 'unit',
          include: ['src/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'server-sqlite',
          include: ['server/src/**/*.test.ts'],
          env: { TEST_DB: 'sqlite' },
        },
      },
      {
        test: {
          name: 'server-postgres',
          include: ['server/src/**/*.test.ts'],
          env: { TEST_DB: 'postgres' },
          globalSetup: ['server/src/test-support/postgres-global-setup.ts'],
        },
      },
      {
        test: {
          name: 'firefox',
          include: ['tests/firefox/**/*.test.ts', 'tests/support/**/*.test.ts'],
          globalSetup: ['tests/firefox/global-setup.ts'],
          // One Firefox at a time: each takes a core or more while it starts.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'chaos',
          include: ['tests/chaos/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'sip',
          include: ['tests/sip/**/*.test.ts'],
          testTimeout: 10_000,
        },
      },
    ],
  },
});

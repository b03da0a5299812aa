import { defineConfig } from 'vitest/config';
import solid from 'vite-plugin-solid';

// Client units, the server suite once per database dialect, and `sip`: the real Kamailio
// (deploy/kamailio/run.sh) driven by a small SIP client (run alone: vitest run --project sip).
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
          name: 'sip',
          include: ['tests/sip/**/*.test.ts'],
          testTimeout: 10_000,
        },
      },
    ],
  },
});

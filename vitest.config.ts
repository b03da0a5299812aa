import { defineConfig } from 'vitest/config';
import solid from 'vite-plugin-solid';

// Three projects: client units, and the server suite once per database dialect.
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
    ],
  },
});

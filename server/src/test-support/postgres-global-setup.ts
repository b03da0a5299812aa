import type { TestProject } from 'vitest/node';
import { pingPostgres } from '../db/scratch.js';
import { findPostgresBin, startCluster } from './postgres-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL server URL where each test file creates its own database. */
    postgresServerUrl: string;
  }
}

/** Starts a throwaway PostgreSQL (or uses TEST_DATABASE_URL) for the server-postgres project. */
export default async function setup(project: TestProject): Promise<() => void> {
  const given = process.env['TEST_DATABASE_URL'];
  if (given) {
    await pingPostgres(given);
    project.provide('postgresServerUrl', given);
    return () => {};
  }
  const bin = findPostgresBin();
  if (!bin) {
    throw new Error(
      'PostgreSQL binaries not found under /usr/lib/postgresql/*/bin. `npm test` installs them ' +
        '(scripts/test.sh runs apt-get install postgresql); or set TEST_DATABASE_URL.',
    );
  }
  const cluster = await startCluster(bin);
  try {
    await pingPostgres(cluster.url);
  } catch (error) {
    cluster.stop();
    throw error;
  }
  project.provide('postgresServerUrl', cluster.url);
  return () => cluster.stop();
}

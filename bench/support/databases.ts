import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createScratchDatabase, dropScratchDatabase } from '../../server/src/db/scratch.js';
import { findPostgresBin, startCluster } from '../../server/src/test-support/postgres-cluster.js';
import type { Row } from '../store/report.js';

// The server benchmarks run once per dialect, on a fresh database per run: SQLite in a temp
// folder, PostgreSQL on the tests' throwaway cluster (fsync off!) or on BENCH_POSTGRES_URL (a
// server where scratch databases may be created), skipped when neither is there.

export interface Database {
  url: string;
  drop(): Promise<void>;
}

export type NewDatabase = () => Promise<Database>;

const sqliteDatabases: NewDatabase = async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sb-bench-'));
  return {
    url: `sqlite:${path.join(dir, 'bench.db')}`,
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
};

const postgresDatabases =
  (serverUrl: string): NewDatabase =>
  async () => {
    const url = await createScratchDatabase(serverUrl);
    return { url, drop: () => dropScratchDatabase(serverUrl, url) };
  };

/** The rows of `measure` on SQLite, then on PostgreSQL when there is one. */
export async function measureEachDialect(
  measure: (label: string, newDatabase: NewDatabase) => Promise<Row[]>,
): Promise<Row[]> {
  const rows = await measure('SQLite', sqliteDatabases);
  const given = process.env['BENCH_POSTGRES_URL'];
  const bin = given ? undefined : findPostgresBin();
  if (given) {
    rows.push(...(await measure('PostgreSQL', postgresDatabases(given))));
  } else if (bin) {
    const cluster = await startCluster(bin);
    try {
      rows.push(...(await measure('PostgreSQL (fsync off)', postgresDatabases(cluster.url))));
    } finally {
      cluster.stop();
    }
  } else {
    console.log('PostgreSQL: no binaries under /usr/lib/postgresql and no BENCH_POSTGRES_URL');
  }
  return rows;
}

import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';

// Throwaway PostgreSQL databases for tests: one per test file so files run in parallel.

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function onAdmin<T>(serverUrl: string, fn: (db: Kysely<unknown>) => Promise<T>): Promise<T> {
  const db = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: serverUrl, max: 1 }) }),
  });
  try {
    return await fn(db);
  } finally {
    await db.destroy();
  }
}

export async function createScratchDatabase(serverUrl: string): Promise<string> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  await onAdmin(serverUrl, (db) => sql`create database ${sql.id(name)}`.execute(db));
  return withDatabase(serverUrl, name);
}

export async function dropScratchDatabase(serverUrl: string, databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  await onAdmin(serverUrl, (db) =>
    sql`drop database if exists ${sql.id(name)} with (force)`.execute(db),
  );
}

/** Resolves once the server accepts a query; used by the test cluster's global setup. */
export async function pingPostgres(serverUrl: string): Promise<void> {
  await onAdmin(serverUrl, (db) => sql`select 1`.execute(db));
}

import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  SqliteDialect,
  type Dialect as KyselyDialect,
} from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;
export type Dialect = 'sqlite' | 'postgres';

export interface OpenDatabase {
  db: Db;
  dialect: Dialect;
  close(): Promise<void>;
}

// int8 (count(*), bigint columns) as numbers: our counts never approach 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number.parseInt(value, 10));

export function sqlitePath(url: string): string {
  let path = url.slice('sqlite:'.length);
  if (path.startsWith('//')) path = path.slice(2);
  return path === ':memory:' ? path : resolve(path);
}

/** For the few statements the dialects write differently (row locks, JSON). */
export function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export function isPostgresUrl(url: string): boolean {
  return url.startsWith('postgres://') || url.startsWith('postgresql://');
}

export function openDatabase(url: string): OpenDatabase {
  if (isPostgresUrl(url)) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // An idle connection the database closed (a PostgreSQL restart, a failover, an admin's
    // terminate) is an 'error' event on the pool; unheard, it would crash the whole server. The
    // pool drops that connection and opens a new one on the next query.
    pool.on('error', (error) => {
      console.warn(`PostgreSQL closed an idle connection: ${error.message}`);
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  if (!url.startsWith('sqlite:'))
    throw new Error('DATABASE_URL must start with sqlite: or postgres://');
  const path = sqlitePath(url);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // FULL: a change the server acknowledged is deleted from the client's outbox at once, so it
  // must survive a power cut, not only a crash (WAL with NORMAL may lose the last commits).
  // Pushes commit up to 50 mutations per transaction, so this costs one fsync per batch.
  sqlite.pragma('synchronous = FULL');
  const db = new Kysely<Database>({
    dialect: immediateTransactions(new SqliteDialect({ database: sqlite })),
  });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

/** Runs fn in one transaction; both dialects commit on return and roll back on throw. */
export function withTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction().execute(fn);
}

/**
 * SQLite transactions that take the write lock when they begin (BEGIN IMMEDIATE) instead of at
 * their first write. With several processes on one file (WAL), a deferred transaction that read
 * and then writes after another process committed fails at once with SQLITE_BUSY ("database is
 * locked"): its snapshot is stale and waiting cannot help, so busy_timeout does not apply.
 * Beginning IMMEDIATE makes it wait its turn (busy_timeout) before reading instead. Within one
 * process nothing changes: Kysely runs everything on the one connection, one transaction at a
 * time. Found by the multi-process claim race (server/src/routing/claim-race.test.ts).
 */
function immediateTransactions(dialect: SqliteDialect): KyselyDialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createDriver: () => {
      const driver = dialect.createDriver();
      driver.beginTransaction = async (connection) => {
        await connection.executeQuery(CompiledQuery.raw('begin immediate'));
      };
      return driver;
    },
  };
}

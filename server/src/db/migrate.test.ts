import { Migrator, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test-support/test-app.js';
import { migrateToLatest } from './migrate.js';
import { migrations } from './migrations/index.js';
import { hitRateWindow, readRateWindow } from './rate-limits.js';

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.close();
  database = undefined;
});

describe('migrations', () => {
  it('apply in id order on an empty database, and a second run is a no-op', async () => {
    database = await createTestDatabase({ migrate: false });
    const first = await migrateToLatest(database.db);
    expect(first.applied).toEqual(Object.keys(migrations).sort());
    const second = await migrateToLatest(database.db);
    expect(second.applied).toEqual([]);
    const tables = (await database.db.introspection.getTables()).map((t) => t.name);
    expect(tables).toEqual(
      expect.arrayContaining(['users', 'instances', 'memberships', 'sessions', 'tasks', 'meta']),
    );
  });

  it('the rate-limit upsert counts within a window and restarts after it', async () => {
    database = await createTestDatabase();
    const db = database.db;
    const t0 = '2026-01-01T00:00:00.000Z';
    await hitRateWindow(db, 'k', t0, '2025-12-31T23:45:00.000Z');
    await hitRateWindow(db, 'k', '2026-01-01T00:01:00.000Z', '2025-12-31T23:46:00.000Z');
    expect(await readRateWindow(db, 'k', '2025-12-31T23:46:00.000Z')).toEqual({
      count: 2,
      windowStart: t0,
    });
    // 20 minutes later the 15-minute window has passed: the counter restarts.
    const later = '2026-01-01T00:20:00.000Z';
    await hitRateWindow(db, 'k', later, '2026-01-01T00:05:00.000Z');
    expect(await readRateWindow(db, 'k', '2026-01-01T00:05:00.000Z')).toEqual({
      count: 1,
      windowStart: later,
    });
  });
});

describe('0003_sip_prefix', () => {
  it('backfills unique prefixes from instance names and requires one on new rows', async () => {
    database = await createTestDatabase({ migrate: false });
    const db = database.db;
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo('0002_tasks')).error).toBeUndefined();
    const at = (n: number) => `2026-01-01T00:00:0${n}.000Z`;
    // Inserted through the raw builder: before 0003 the column does not exist.
    const raw = db as unknown as Kysely<{
      instances: { id: string; name: string; created_at: string };
    }>;
    await raw
      .insertInto('instances')
      .values([
        { id: 'a', name: 'Demo', created_at: at(1) },
        { id: 'b', name: 'Northwind Traders!', created_at: at(2) },
        { id: 'c', name: 'demo', created_at: at(3) },
        { id: 'd', name: '42 Ö', created_at: at(4) },
      ])
      .execute();
    await migrateToLatest(db);
    const rows = await db
      .selectFrom('instances')
      .select(['id', 'sip_prefix'])
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { id: 'a', sip_prefix: 'demo' },
      { id: 'b', sip_prefix: 'northwindtraders' },
      { id: 'c', sip_prefix: 'demo2' },
      { id: 'd', sip_prefix: 'oinstance' },
    ]);
    for (const row of rows) expect(row.sip_prefix).toMatch(/^[a-z][a-z0-9]{1,30}$/);
    await expect(
      raw
        .insertInto('instances')
        .values({ id: 'e', name: 'New', created_at: at(5) })
        .execute(),
    ).rejects.toThrow(/sip_prefix/);
    await expect(
      db
        .insertInto('instances')
        .values({ id: 'f', name: 'Copy', sip_prefix: 'demo', created_at: at(6) })
        .execute(),
    ).rejects.toThrow();
  });
});

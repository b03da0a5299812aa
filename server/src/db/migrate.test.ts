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

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

describe('0004_sync', () => {
  it('keeps existing tasks and instances, with an empty description and change seq 0', async () => {
    database = await createTestDatabase({ migrate: false });
    const db = database.db;
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo('0003_sip_prefix')).error).toBeUndefined();
    const at = '2026-01-01T00:00:00.000Z';
    const raw = db as unknown as Kysely<{
      instances: { id: string; name: string; sip_prefix: string; created_at: string };
      tasks: Record<string, string | number | null>;
    }>;
    await raw
      .insertInto('instances')
      .values({ id: 'i', name: 'Old', sip_prefix: 'old', created_at: at })
      .execute();
    await raw
      .insertInto('tasks')
      .values({
        id: 't',
        instance_id: 'i',
        type: 'call',
        channel: 'phone',
        title: 'Before sync',
        customer_name: 'Emma',
        customer_phone: null,
        customer_email: null,
        status: 'open',
        assignee_id: null,
        priority: 3,
        skills: '[]',
        due_at: null,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .execute();
    await migrateToLatest(db);
    const task = await db.selectFrom('tasks').selectAll().executeTakeFirstOrThrow();
    expect(task).toMatchObject({
      title: 'Before sync',
      description: '',
      contact_id: null,
      offered_to_id: null,
      created_by_id: null,
    });
    const instance = await db
      .selectFrom('instances')
      .select('change_seq')
      .executeTakeFirstOrThrow();
    expect(Number(instance.change_seq)).toBe(0);
    // Bytes round-trip through blob / bytea.
    const bytes = Buffer.from([0, 255, 1, 254]);
    await db
      .insertInto('users')
      .values({
        id: 'u',
        email: 'u@x.test',
        name: 'U',
        password_hash: null,
        service_provider: 0,
        last_instance_id: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await db
      .insertInto('attachments')
      .values({
        id: 'a',
        instance_id: 'i',
        uploader_id: 'u',
        task_id: 't',
        name: 'a.bin',
        type: 'application/octet-stream',
        size: 4,
        bytes,
        created_at: at,
      })
      .execute();
    const stored = await db.selectFrom('attachments').select('bytes').executeTakeFirstOrThrow();
    expect(Buffer.from(stored.bytes).equals(bytes)).toBe(true);
  });
});

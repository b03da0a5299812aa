import { afterEach, describe, expect, it } from 'vitest';
import { countUsers, getMeta, insertInstance, listTasks } from '../db/index.js';
import { createTestDatabase, type TestDatabase } from '../test-support/test-app.js';
import { DEMO_TASKS, NORTHWIND_TASKS, seedDemoIfEmpty } from './seed.js';
import { CONTACTS_PER_INSTANCE } from './sync-data.js';

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.close();
  database = undefined;
});

describe('seedDemoIfEmpty', () => {
  it('seeds an empty database quickly and marks it', async () => {
    database = await createTestDatabase();
    const started = performance.now();
    const result = await seedDemoIfEmpty(database.db, { scryptLogN: 15 });
    expect(performance.now() - started).toBeLessThan(3000);
    expect(result.seeded).toBe(true);
    expect(result.seeded && result.logins.map((l) => l.email)).toEqual([
      'admin@demo.test',
      'alice@demo.test',
      'bob@demo.test',
      'carol@demo.test',
      'provider@demo.test',
    ]);
    expect(await countUsers(database.db)).toBe(5);
    expect(await getMeta(database.db, 'demo_seeded')).toMatch(/^\d{4}-/);

    // What the local-first store starts from (issue 4).
    const db = database.db;
    const contacts = await db.selectFrom('contacts').selectAll().execute();
    expect(contacts).toHaveLength(2 * CONTACTS_PER_INSTANCE);
    const linked = await db
      .selectFrom('tasks')
      .selectAll()
      .where('contact_id', 'is not', null)
      .execute();
    expect(linked.length).toBeGreaterThan(10);
    for (const task of linked) {
      const contact = contacts.find((c) => c.id === task.contact_id);
      expect(contact).toMatchObject({ phone: task.customer_phone, instance_id: task.instance_id });
    }
    const filters = await db.selectFrom('saved_filters').selectAll().execute();
    expect(filters.length).toBeGreaterThanOrEqual(4);
    expect(filters.every((f) => f.shared === 1)).toBe(true);
    const statuses = await db.selectFrom('agent_statuses').select('status').execute();
    expect(statuses.map((s) => s.status)).toEqual(Array(5).fill('offline'));
    const created = await db
      .selectFrom('log_items')
      .select('id')
      .where('kind', '=', 'created')
      .execute();
    expect(created).toHaveLength(DEMO_TASKS + NORTHWIND_TASKS);
    expect((await db.selectFrom('comments').select('id').execute()).length).toBeGreaterThan(5);
  });

  it('is reproducible: the same titles in the same order on every run', async () => {
    database = await createTestDatabase();
    const other = await createTestDatabase();
    try {
      const fixed = () => new Date('2026-01-01T12:00:00.000Z');
      await seedDemoIfEmpty(database.db, { clock: fixed, scryptLogN: 4 });
      await seedDemoIfEmpty(other.db, { clock: fixed, scryptLogN: 4 });
      const summary = async (db: typeof other.db) => {
        const instance = await db
          .selectFrom('instances')
          .select('id')
          .where('name', '=', 'Demo')
          .executeTakeFirstOrThrow();
        const rows = await listTasks(db, instance.id, 1000);
        return rows
          .map((r) => [r.title, r.customer_name, r.status, r.priority, r.due_at, r.updated_at])
          .sort();
      };
      const a = await summary(database.db);
      expect(a).toHaveLength(DEMO_TASKS);
      expect(await summary(other.db)).toEqual(a);
      // Varied: every type, status and some unassigned and overdue tasks.
      const rows = await database.db.selectFrom('tasks').selectAll().execute();
      expect(new Set(rows.map((r) => r.type))).toEqual(
        new Set(['call', 'email', 'chat', 'manual']),
      );
      expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['open', 'pending', 'resolved']));
      expect(rows.some((r) => r.assignee_id === null)).toBe(true);
      expect(rows.some((r) => r.due_at !== null && r.due_at < fixed().toISOString())).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('refuses a database that holds data, and does not seed twice', async () => {
    database = await createTestDatabase();
    await insertInstance(database.db, {
      id: 'x',
      name: 'Customer',
      sip_prefix: 'customer',
      created_at: new Date().toISOString(),
    });
    const refused = await seedDemoIfEmpty(database.db, { scryptLogN: 4 });
    expect(refused.seeded).toBe(false);
    expect(await countUsers(database.db)).toBe(0);
    expect(await getMeta(database.db, 'demo_seeded')).toBeUndefined();

    const fresh = await createTestDatabase();
    try {
      expect((await seedDemoIfEmpty(fresh.db, { scryptLogN: 4 })).seeded).toBe(true);
      expect((await seedDemoIfEmpty(fresh.db, { scryptLogN: 4 })).seeded).toBe(false);
      expect(await countUsers(fresh.db)).toBe(5);
    } finally {
      await fresh.close();
    }
  });
});

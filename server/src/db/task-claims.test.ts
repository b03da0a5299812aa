import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../demo/seed.js';
import { createTestDatabase, type TestDatabase } from '../test-support/test-app.js';
import { withTransaction } from './open.js';
import { claimTask } from './task-claims.js';

// The one claim every assign goes through: a conditional UPDATE, so of two agents claiming one
// task at the same moment exactly one wins, on SQLite and on PostgreSQL alike.
let database: TestDatabase;
let instanceId: string;
let users: string[];

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoIfEmpty(database.db, { scryptLogN: 10 });
  const demo = await database.db
    .selectFrom('instances')
    .select('id')
    .where('name', '=', 'Demo')
    .executeTakeFirstOrThrow();
  instanceId = demo.id;
  const rows = await database.db
    .selectFrom('memberships')
    .select('user_id')
    .where('instance_id', '=', instanceId)
    .orderBy('user_id')
    .execute();
  users = rows.map((r) => r.user_id);
});
afterAll(async () => {
  await database.close();
});

async function freeTask(): Promise<string> {
  const id = randomUUID();
  const now = new Date().toISOString();
  await database.db
    .insertInto('tasks')
    .values({
      id,
      instance_id: instanceId,
      type: 'manual',
      channel: 'internal',
      title: 'Claim me',
      description: '',
      customer_name: 'Emma Jensen',
      customer_phone: null,
      customer_email: null,
      contact_id: null,
      status: 'open',
      assignee_id: null,
      offered_to_id: null,
      offered_by_id: null,
      offer_expires_at: null,
      offer_return: null,
      outcome_tag: null,
      follow_up_of_id: null,
      priority: 3,
      skills: '[]',
      due_at: null,
      created_by_id: null,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute();
  return id;
}

const assigneeOf = async (taskId: string) =>
  await database.db
    .selectFrom('tasks')
    .select(['assignee_id', 'version'])
    .where('id', '=', taskId)
    .executeTakeFirstOrThrow();

describe('claimTask', () => {
  it('of two concurrent claims on a free task exactly one wins, each in its own transaction', async () => {
    for (let round = 0; round < 10; round++) {
      const taskId = await freeTask();
      const [a, b] = [users[0] ?? '', users[1] ?? ''];
      const now = new Date().toISOString();
      const claim = (to: string) =>
        withTransaction(database.db, (tx) =>
          claimTask(tx, { instanceId, taskId, to, now, when: { assigneeId: null } }),
        );
      const results = await Promise.all([claim(a), claim(b)]);
      expect(results.filter(Boolean)).toHaveLength(1);
      const row = await assigneeOf(taskId);
      expect(row.assignee_id).toBe(results[0] ? a : b);
      expect(Number(row.version)).toBe(2);
    }
  });

  it('changes nothing when a condition no longer holds, or the task is in another instance', async () => {
    const taskId = await freeTask();
    const now = new Date().toISOString();
    const [a, b] = [users[0] ?? '', users[1] ?? ''];
    expect(await claimTask(database.db, { instanceId, taskId, to: a, now })).toBe(true);
    // Expecting it free (or someone else's) fails now; the row stays as it is.
    expect(
      await claimTask(database.db, { instanceId, taskId, to: b, now, when: { assigneeId: null } }),
    ).toBe(false);
    expect(
      await claimTask(database.db, { instanceId, taskId, to: b, now, when: { assigneeId: b } }),
    ).toBe(false);
    expect(await claimTask(database.db, { instanceId: randomUUID(), taskId, to: b, now })).toBe(
      false,
    );
    expect(
      await claimTask(database.db, { instanceId, taskId, to: b, now, when: { offeredToId: b } }),
    ).toBe(false);
    expect((await assigneeOf(taskId)).assignee_id).toBe(a);
    // The reassign a leader makes: from the assignee they saw.
    expect(
      await claimTask(database.db, { instanceId, taskId, to: b, now, when: { assigneeId: a } }),
    ).toBe(true);
    expect((await assigneeOf(taskId)).assignee_id).toBe(b);
  });

  it('takes an offer only while it is live', async () => {
    const taskId = await freeTask();
    const [a, b] = [users[0] ?? '', users[1] ?? ''];
    const expires = '2030-01-01T00:10:00.000Z';
    await database.db
      .updateTable('tasks')
      .set({ offered_to_id: b, offered_by_id: a, offer_expires_at: expires })
      .where('id', '=', taskId)
      .execute();
    const late = '2030-01-01T00:10:00.000Z';
    expect(
      await claimTask(database.db, {
        instanceId,
        taskId,
        to: b,
        now: late,
        when: { offeredToId: b },
      }),
    ).toBe(false);
    const inTime = '2030-01-01T00:09:59.000Z';
    expect(
      await claimTask(database.db, {
        instanceId,
        taskId,
        to: b,
        now: inTime,
        when: { offeredToId: b },
      }),
    ).toBe(true);
    const row = await database.db
      .selectFrom('tasks')
      .select(['assignee_id', 'offered_to_id', 'offer_expires_at'])
      .where('id', '=', taskId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ assignee_id: b, offered_to_id: null, offer_expires_at: null });
  });
});

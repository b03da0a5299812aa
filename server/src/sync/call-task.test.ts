import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-support/test-app.js';
import { SyncTestClient, taskArgs } from '../test-support/sync.js';
import type { MutationArgs } from './protocol.js';
import { samePhone } from './call-task.js';

// call.record: a call with a customer becomes a call task (or is logged on the task it was made
// from); a call between colleagues is call history only.
let t: TestApp;
let alice: SyncTestClient;
let aliceId: string;

beforeAll(async () => {
  t = await createTestApp({ seed: true });
  const http = t.client();
  aliceId = (await http.signIn('alice@demo.test')).user.id;
  alice = new SyncTestClient(http);
});
afterAll(async () => {
  await t.close();
});

function call(overrides: Partial<MutationArgs['call.record']> = {}): MutationArgs['call.record'] {
  return {
    id: randomUUID(),
    direction: 'inbound',
    peer: '+49 30 1234 5678',
    peerName: null,
    startedAt: '2026-11-26T10:00:00.000Z',
    answeredAt: '2026-11-26T10:00:04.000Z',
    endedAt: '2026-11-26T10:01:04.000Z',
    outcome: 'answered',
    taskId: null,
    ...overrides,
  };
}

async function callRow(id: string) {
  return t.db.selectFrom('call_history').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function logKinds(taskId: string) {
  const rows = await t.db
    .selectFrom('log_items')
    .select(['kind', 'data'])
    .where('task_id', '=', taskId)
    .orderBy('created_at')
    .execute();
  return rows;
}

describe('call tasks', () => {
  it('an answered call from a customer becomes an open call task assigned to the agent', async () => {
    const record = call();
    expect(await alice.do('call.record', record)).toEqual({ seq: alice.seq, status: 'ok' });
    const { task_id } = await callRow(record.id);
    expect(task_id).not.toBeNull();
    const task = await t.db
      .selectFrom('tasks')
      .selectAll()
      .where('id', '=', task_id ?? '')
      .executeTakeFirstOrThrow();
    expect(task).toMatchObject({
      type: 'call',
      status: 'open',
      assignee_id: aliceId,
      customer_phone: '+49 30 1234 5678',
      title: 'Call from +49 30 1234 5678',
    });
    const log = await logKinds(task.id);
    expect(log.map((l) => l.kind)).toEqual(['created', 'assigned', 'call']);
    expect(JSON.parse(log[2]?.data ?? '{}')).toMatchObject({
      durationSeconds: 60,
      outcome: 'answered',
    });
  });

  it('a missed call waits unassigned, named after the contact whose number called', async () => {
    const contact = await t.db
      .selectFrom('contacts')
      .select(['name', 'phone'])
      .where('phone', 'is not', null)
      .executeTakeFirstOrThrow();
    const record = call({ peer: contact.phone ?? '', answeredAt: null, outcome: 'missed' });
    await alice.do('call.record', record);
    const { task_id } = await callRow(record.id);
    const task = await t.db
      .selectFrom('tasks')
      .selectAll()
      .where('id', '=', task_id ?? '')
      .executeTakeFirstOrThrow();
    expect(task.assignee_id).toBeNull();
    expect(task.customer_name).toBe(contact.name);
    expect(task.title).toBe(`Missed call from ${contact.name}`);
  });

  it('a call with a colleague stays call history only', async () => {
    const before = await t.db
      .selectFrom('tasks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const record = call({ peer: '1002', peerName: 'Bob Brown' });
    await alice.do('call.record', record);
    expect((await callRow(record.id)).task_id).toBeNull();
    const after = await t.db
      .selectFrom('tasks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('a call made from a task is logged on that task, not turned into a new one', async () => {
    const task = taskArgs();
    await alice.do('task.create', task);
    const record = call({ direction: 'outbound', taskId: task.id });
    await alice.do('call.record', record);
    expect((await callRow(record.id)).task_id).toBe(task.id);
    expect((await logKinds(task.id)).map((l) => l.kind)).toEqual(['created', 'call']);
  });

  it('the pull brings the new task with the call linked to it', async () => {
    const { cursor } = await alice.pullAll();
    const record = call({ peer: '+1 415 555 0100' });
    await alice.do('call.record', record);
    const { changes } = await alice.pullAll(cursor);
    const pulledCall = changes.find((c) => c.kind === 'call' && c.op === 'put');
    const pulledTask = changes.find((c) => c.kind === 'task' && c.op === 'put');
    expect(pulledCall?.op === 'put' && pulledCall.value).toMatchObject({ id: record.id });
    expect(pulledTask?.op === 'put' && pulledTask.value.id).toBe(
      pulledCall?.op === 'put' && 'taskId' in pulledCall.value
        ? pulledCall.value.taskId
        : undefined,
    );
  });
});

describe('samePhone', () => {
  it('matches the same number written differently, and not short or different ones', () => {
    expect(samePhone('+44 20 7946 0123', '02079460123')).toBe(true);
    expect(samePhone('+44 20 7946 0123', '+44 20 7946 0124')).toBe(false);
    expect(samePhone('1002', '1002')).toBe(false);
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AgentStatus, SyncStatusDefinition } from '../sync/protocol.js';
import { RecordingPoker } from '../test-support/recording-poker.js';
import { SyncTestClient, taskArgs } from '../test-support/sync.js';
import { createTestApp, type TestApp, type TestClient } from '../test-support/test-app.js';
import { sweepAbsentAgents } from './absence.js';
import { routeWaiting } from './router.js';

// The router reads the instance's own statuses (SQLite and PostgreSQL): an agent in a custom
// "Email only" that receives email gets email tasks and never a call; a custom status that
// receives nothing gets nothing, like Break.
let t: TestApp;
let admin: TestClient;
let alice: TestClient;
let aliceId: string;
let demoId: string;
let emailOnly: SyncStatusDefinition;
let lunch: SyncStatusDefinition;

beforeAll(async () => {
  t = await createTestApp({ seed: true });
  admin = t.client();
  alice = t.client();
  await admin.signIn('admin@demo.test');
  const me = await alice.signIn('alice@demo.test');
  aliceId = me.user.id;
  demoId = me.currentInstance?.id ?? '';
  const add = async (body: Record<string, unknown>) => {
    const response = await admin.post('/api/instance/statuses', body);
    expect(response.statusCode).toBe(201);
    return response.json<SyncStatusDefinition>();
  };
  emailOnly = await add({
    label: 'Email only',
    colour: '#2563eb',
    receivesWork: true,
    channels: ['email'],
  });
  lunch = await add({
    label: 'Lunch',
    colour: '#d97706',
    receivesWork: false,
    timeLimitSeconds: 60,
  });
});
afterAll(async () => {
  await t.close();
});

beforeEach(async () => {
  // Nothing waits and only alice may receive work (the others are Busy).
  await t.db
    .updateTable('tasks')
    .set({ status: 'resolved', offered_to_id: null, offer_expires_at: null })
    .where('instance_id', '=', demoId)
    .execute();
  await t.db
    .updateTable('agent_statuses')
    .set({ status: 'busy' })
    .where('instance_id', '=', demoId)
    .execute();
});

const deps = () => ({ db: t.db, clock: t.clock.now, poker: new RecordingPoker() });

async function setStatus(status: AgentStatus) {
  t.clock.advance(1000);
  const outcome = await new SyncTestClient(alice).do('agentStatus.set', {
    status,
    at: t.clock.now().toISOString(),
  });
  expect(outcome).toMatchObject({ status: 'ok' });
}

async function statusOfAlice() {
  const row = await t.db
    .selectFrom('agent_statuses')
    .select('status')
    .where('instance_id', '=', demoId)
    .where('user_id', '=', aliceId)
    .executeTakeFirstOrThrow();
  return row.status;
}

async function waiting(type: 'call' | 'email', priority = 3) {
  t.clock.advance(1000);
  const args = taskArgs({ assigneeId: null, type, skills: [], priority });
  expect(await new SyncTestClient(admin).do('task.create', args)).toMatchObject({ status: 'ok' });
  return args.id;
}

describe('routing with custom statuses', () => {
  it('an "Email only" agent gets the email, not the call, even when the call is more urgent', async () => {
    await setStatus(emailOnly.key);
    const call = await waiting('call', 5);
    const email = await waiting('email');
    const made = await routeWaiting(deps(), demoId);
    expect(made.map((r) => [r.taskId, r.agentId])).toEqual([[email, aliceId]]);
    expect(made.map((r) => r.taskId)).not.toContain(call);
  });

  it('Play keeps an agent in a custom status that receives work; one that receives nothing becomes Ready', async () => {
    await setStatus(emailOnly.key);
    await waiting('email');
    const play = await alice.post('/api/routing/next');
    expect(play.statusCode).toBe(200);
    expect(await statusOfAlice()).toBe(emailOnly.key);
    await setStatus(lunch.key);
    await waiting('email');
    expect((await alice.post('/api/routing/next')).statusCode).toBe(200);
    expect(await statusOfAlice()).toBe('ready');
  });

  it('Play in "Email only" hands out the email, never the call, even when the call is more urgent', async () => {
    await setStatus(emailOnly.key);
    const call = await waiting('call', 5);
    const email = await waiting('email');
    const play = async () =>
      (await alice.post('/api/routing/next')).json<{ taskId: string | null }>();
    expect(await play()).toEqual({ taskId: email });
    expect(await play()).toEqual({ taskId: null });
    const row = await t.db
      .selectFrom('tasks')
      .select('assignee_id')
      .where('id', '=', call)
      .executeTakeFirstOrThrow();
    expect(row.assignee_id).toBeNull();
  });

  it('an agent gone for the grace period leaves a custom status that receives work, not one that does not', async () => {
    await setStatus(emailOnly.key);
    const sweep = (graceMs: number) =>
      sweepAbsentAgents(
        { db: t.db, clock: t.clock.now, poker: new RecordingPoker(), connected: () => new Map() },
        graceMs,
      );
    t.clock.advance(121_000);
    expect(await sweep(120_000)).toBeGreaterThanOrEqual(1);
    expect(await statusOfAlice()).toBe('offline');
    await setStatus(lunch.key);
    t.clock.advance(121_000);
    await sweep(120_000);
    expect(await statusOfAlice()).toBe(lunch.key);
  });

  it('a custom status that receives nothing gets nothing', async () => {
    await setStatus(lunch.key);
    await waiting('email');
    expect(await routeWaiting(deps(), demoId)).toEqual([]);
  });
});

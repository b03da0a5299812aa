import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { updateInstanceSettings } from '../db/index.js';
import { expireOffers } from '../sync/offer-sweeper.js';
import { RecordingPoker } from '../test-support/recording-poker.js';
import type { AgentStatus } from '../sync/protocol.js';
import { SyncTestClient, taskArgs } from '../test-support/sync.js';
import { signInDemoTeam } from '../test-support/demo-team.js';
import { createTestApp, type TestApp, type TestClient } from '../test-support/test-app.js';
import { createRoutingLoop } from './routing-loop.js';
import { routeWaiting } from './router.js';

// Push routing on a real database (SQLite and PostgreSQL): a waiting task is reserved to exactly
// one eligible agent (status, skills, capacity, idle longest), accepted or declined like an offer,
// or it runs out: the task waits again, the agent is Missed, and the next pass gives it to
// someone else.
let t: TestApp;
let alice: TestClient; // support, sales
let bob: TestClient; // support, billing
let carol: TestClient; // team leader: support, sales
let ids: Record<'alice' | 'bob' | 'carol', string>;
let demoId: string;
let poker: RecordingPoker;

beforeAll(async () => {
  t = await createTestApp({ seed: true });
  ({ alice, bob, carol, ids, demoId } = await signInDemoTeam(t));
});
afterAll(async () => {
  await t.close();
});

beforeEach(async () => {
  poker = new RecordingPoker();
  // Nothing waits and nobody receives work: each test says who is Ready and what comes in.
  await t.db
    .updateTable('tasks')
    .set({ status: 'resolved', offered_to_id: null, offer_expires_at: null })
    .where('instance_id', '=', demoId)
    .execute();
  for (const client of [alice, bob, carol]) await setStatus(client, 'busy');
});

const deps = () => ({ db: t.db, clock: t.clock.now, poker });

async function setStatus(client: TestClient, status: AgentStatus) {
  t.clock.advance(1000);
  const outcome = await new SyncTestClient(client).do('agentStatus.set', {
    status,
    at: t.clock.now().toISOString(),
  });
  expect(outcome).toMatchObject({ status: 'ok' });
}

async function waiting(overrides: Parameters<typeof taskArgs>[0]) {
  t.clock.advance(1000);
  const args = taskArgs({ assigneeId: null, ...overrides });
  expect(await new SyncTestClient(carol).do('task.create', args)).toMatchObject({ status: 'ok' });
  return args.id;
}

async function task(taskId: string) {
  return t.db
    .selectFrom('tasks')
    .select(['assignee_id', 'offered_to_id', 'offered_by_id', 'offer_expires_at', 'offer_return'])
    .where('id', '=', taskId)
    .executeTakeFirstOrThrow();
}

async function statusOf(userId: string) {
  const row = await t.db
    .selectFrom('agent_statuses')
    .select('status')
    .where('instance_id', '=', demoId)
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return row.status;
}

describe('push routing', () => {
  it('reserves to the Ready agent with every skill who is idle longest, one task each', async () => {
    await setStatus(bob, 'ready'); // Ready first: idle longest.
    await setStatus(alice, 'ready');
    const billing = await waiting({ type: 'call', priority: 3, skills: ['billing'] });
    const urgent = await waiting({ type: 'call', priority: 5, skills: ['support'] });
    const later = await waiting({ type: 'call', priority: 2 });

    const made = await routeWaiting(deps(), demoId);
    // The most urgent goes first, to bob (idle longest); billing only bob has, and he has his
    // one call now; alice, the only other Ready agent, gets the next call.
    expect(made.map((r) => [r.taskId, r.agentId])).toEqual([
      [urgent, ids.bob],
      [later, ids.alice],
    ]);
    expect(await task(billing)).toMatchObject({ offered_to_id: null, assignee_id: null });
    expect(await task(urgent)).toMatchObject({ offered_to_id: ids.bob, offered_by_id: null });
    // The log says routing offered it, with no actor.
    const log = await t.db
      .selectFrom('log_items')
      .select(['actor_id', 'data'])
      .where('task_id', '=', urgent)
      .where('kind', '=', 'offered')
      .executeTakeFirstOrThrow();
    expect(log.actor_id).toBeNull();
    expect(JSON.parse(log.data)).toMatchObject({ toUserId: ids.bob, via: 'routing' });
    expect(poker.pokes).toEqual([{ instanceId: demoId, audience: 'instance' }]);
    // A second pass changes nothing: everyone is at capacity.
    expect(await routeWaiting(deps(), demoId)).toEqual([]);
  });

  it('an open call task after its call does not hold the line; an email over capacity does', async () => {
    await setStatus(bob, 'ready');
    // Bob keeps a call task open for its write-up, and has five emails (his email capacity).
    await waiting({ type: 'call', assigneeId: ids.bob });
    for (let i = 0; i < 5; i++) await waiting({ type: 'email', assigneeId: ids.bob });
    const callback = await waiting({ type: 'call' });
    const email = await waiting({ type: 'email' });
    const made = await routeWaiting(deps(), demoId);
    expect(made.map((r) => [r.taskId, r.agentId])).toEqual([[callback, ids.bob]]);
    expect(await task(email)).toMatchObject({ offered_to_id: null });
  });

  it("follows the instance's capacity: with two lines an agent is reserved two calls", async () => {
    await updateInstanceSettings(t.db, demoId, {
      capacity: { call: 2, email: 5, chat: 3, manual: 5 },
    });
    try {
      await setStatus(alice, 'ready');
      const first = await waiting({ type: 'call' });
      const second = await waiting({ type: 'call' });
      const third = await waiting({ type: 'call' });
      const made = await routeWaiting(deps(), demoId);
      expect(made.map((r) => [r.taskId, r.agentId])).toEqual([
        [first, ids.alice],
        [second, ids.alice],
      ]);
      expect(await task(third)).toMatchObject({ offered_to_id: null });
    } finally {
      await updateInstanceSettings(t.db, demoId, {
        capacity: { call: 1, email: 5, chat: 3, manual: 5 },
      });
    }
  });

  it('gives nothing to Busy, Break or Offline agents, nor the same task to two at once', async () => {
    await setStatus(alice, 'break');
    const taskId = await waiting({ type: 'email' });
    expect(await routeWaiting(deps(), demoId)).toEqual([]);

    await setStatus(alice, 'ready');
    await setStatus(bob, 'ready');
    const passes = await Promise.all([1, 2, 3, 4].map(() => routeWaiting(deps(), demoId)));
    const reservations = passes.flat();
    expect(reservations).toHaveLength(1);
    expect(reservations[0]?.taskId).toBe(taskId);
  });

  it('accepting makes it theirs; declining needs no reason and it goes to someone else', async () => {
    await setStatus(alice, 'ready');
    await setStatus(bob, 'ready');
    const first = await waiting({ type: 'chat' });
    const [r] = await routeWaiting(deps(), demoId);
    expect(r?.agentId).toBe(ids.alice);
    expect(await new SyncTestClient(alice).do('task.acceptOffer', { taskId: first })).toMatchObject(
      { status: 'ok' },
    );
    expect(await task(first)).toMatchObject({ assignee_id: ids.alice, offered_to_id: null });

    const second = await waiting({ type: 'chat' });
    const [again] = await routeWaiting(deps(), demoId);
    expect(again).toMatchObject({ taskId: second, agentId: ids.bob });
    const declined = await new SyncTestClient(bob).do('task.declineOffer', {
      taskId: second,
      reason: '',
    });
    expect(declined).toMatchObject({ status: 'ok' });
    expect(await task(second)).toMatchObject({ assignee_id: null, offered_to_id: null });
    expect(await statusOf(ids.bob)).toBe('ready');
    // Bob let it go: alice (under her chat capacity) gets it before him.
    const [next] = await routeWaiting(deps(), demoId);
    expect(next).toMatchObject({ taskId: second, agentId: ids.alice });
  });

  it('a reservation that runs out (the instance time) moves the agent to Missed and the task on', async () => {
    await updateInstanceSettings(t.db, demoId, { reservationSeconds: 30 });
    await setStatus(alice, 'ready');
    await setStatus(bob, 'ready');
    const taskId = await waiting({ type: 'call', skills: ['support'] });
    const [r] = await routeWaiting(deps(), demoId);
    expect(r?.agentId).toBe(ids.alice);

    t.clock.advance(29_000);
    expect(await expireOffers(deps())).toBe(0);
    t.clock.advance(2_000);
    expect(await expireOffers(deps())).toBe(1);
    expect(await statusOf(ids.alice)).toBe('missed');
    expect(await task(taskId)).toMatchObject({ offered_to_id: null, assignee_id: null });
    const back = JSON.parse((await task(taskId)).offer_return ?? '{}') as Record<string, unknown>;
    expect(back).toMatchObject({ kind: 'expired', byId: ids.alice });
    // Too late to accept.
    const late = await new SyncTestClient(alice).do('task.acceptOffer', { taskId });
    expect(late).toMatchObject({ status: 'rejected', reason: 'conflict' });

    const [next] = await routeWaiting(deps(), demoId);
    expect(next).toMatchObject({ taskId, agentId: ids.bob });
    await updateInstanceSettings(t.db, demoId, { reservationSeconds: 120 });
  });

  it('the loop routes only instances that ask for push routing, after a change', async () => {
    await setStatus(alice, 'ready');
    const taskId = await waiting({ type: 'email' });
    const loop = createRoutingLoop(deps(), (error) => {
      throw error;
    });
    await loop.sweep();
    expect(await task(taskId)).toMatchObject({ offered_to_id: null });

    await updateInstanceSettings(t.db, demoId, { pushRouting: true });
    try {
      loop.poker(poker).poke(demoId, 'instance');
      await loop.sweep();
      expect(await task(taskId)).toMatchObject({ offered_to_id: ids.alice });
    } finally {
      await updateInstanceSettings(t.db, demoId, { pushRouting: false });
    }
  });
});

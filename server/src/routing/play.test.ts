import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncTestClient, taskArgs } from '../test-support/sync.js';
import { signInDemoTeam } from '../test-support/demo-team.js';
import { createTestApp, type TestApp, type TestClient } from '../test-support/test-app.js';

// Play through POST /api/routing/next on a real database: the order (priority, then age), the
// skills, offers left alone, a Ready status, the tenant wall, and no task given twice when agents
// press Play at the same moment.
let t: TestApp;
let alice: TestClient; // Demo agent: support, sales
let bob: TestClient; // Demo agent: support, billing
let carol: TestClient; // Demo team leader: support, sales
let ids: Record<'alice' | 'bob' | 'carol', string>;
let demoId: string;

beforeAll(async () => {
  t = await createTestApp({ seed: true });
  ({ alice, bob, carol, ids, demoId } = await signInDemoTeam(t));
});
afterAll(async () => {
  await t.close();
});

/** Leaves Demo with no waiting task, so each test decides what waits. */
async function emptyQueue() {
  await t.db
    .updateTable('tasks')
    .set({ status: 'resolved' })
    .where('instance_id', '=', demoId)
    .execute();
}

async function waiting(leader: SyncTestClient, overrides: Parameters<typeof taskArgs>[0]) {
  t.clock.advance(1000);
  const args = taskArgs({ assigneeId: null, ...overrides });
  expect(await leader.do('task.create', args)).toMatchObject({ status: 'ok' });
  return args.id;
}

async function play(client: TestClient): Promise<string | null> {
  const response = await client.post('/api/routing/next');
  expect(response.statusCode).toBe(200);
  return response.json<{ taskId: string | null }>().taskId;
}

async function assigneeOf(taskId: string) {
  const row = await t.db
    .selectFrom('tasks')
    .select('assignee_id')
    .where('id', '=', taskId)
    .executeTakeFirstOrThrow();
  return row.assignee_id;
}

describe('Play', () => {
  it('hands out the highest priority first, then the oldest, only with every skill', async () => {
    await emptyQueue();
    const leader = new SyncTestClient(carol);
    const lowOld = await waiting(leader, { priority: 3 });
    const billing = await waiting(leader, { priority: 5, skills: ['billing'] });
    const support = await waiting(leader, { priority: 5, skills: ['support'] });
    const plain = await waiting(leader, { priority: 5 });
    const lowNew = await waiting(leader, { priority: 3 });

    const got = [];
    for (let i = 0; i < 5; i++) got.push(await play(alice));
    expect(got).toEqual([support, plain, lowOld, lowNew, null]);
    for (const id of [support, plain, lowOld, lowNew]) expect(await assigneeOf(id)).toBe(ids.alice);
    // Only bob has billing: the task waited for him.
    expect(await assigneeOf(billing)).toBeNull();
    expect(await play(bob)).toBe(billing);
  });

  it('logs the assignment as Play and makes an agent on Break Ready', async () => {
    await emptyQueue();
    const me = new SyncTestClient(alice);
    await me.do('agentStatus.set', { status: 'break', at: t.clock.now().toISOString() });
    const taskId = await waiting(new SyncTestClient(carol), {});
    expect(await play(alice)).toBe(taskId);

    const log = await t.db
      .selectFrom('log_items')
      .select(['kind', 'actor_id', 'data'])
      .where('task_id', '=', taskId)
      .where('kind', '=', 'assigned')
      .execute();
    expect(log.map((l) => ({ actor: l.actor_id, data: JSON.parse(l.data) }))).toEqual([
      { actor: ids.alice, data: { assigneeId: ids.alice, from: null, via: 'play' } },
    ]);
    const status = await t.db
      .selectFrom('agent_statuses')
      .select('status')
      .where('instance_id', '=', demoId)
      .where('user_id', '=', ids.alice)
      .executeTakeFirstOrThrow();
    expect(status.status).toBe('ready');
    // alice's own pull carries the task as hers.
    const pulled = await me.pullAll();
    expect(
      pulled.changes.some(
        (c) =>
          c.kind === 'task' &&
          c.op === 'put' &&
          c.value.id === taskId &&
          c.value.assigneeId === ids.alice,
      ),
    ).toBe(true);
  });

  it('leaves tasks that are offered to someone or pending', async () => {
    await emptyQueue();
    const leader = new SyncTestClient(carol);
    const offered = await waiting(leader, { priority: 5 });
    expect(await leader.do('task.offer', { taskId: offered, toUserId: ids.bob })).toMatchObject({
      status: 'ok',
    });
    const pending = await waiting(leader, { priority: 5 });
    expect(await leader.do('task.setStatus', { taskId: pending, status: 'pending' })).toMatchObject(
      { status: 'ok' },
    );
    expect(await play(alice)).toBeNull();
    expect(await assigneeOf(offered)).toBeNull();
    expect(await assigneeOf(pending)).toBeNull();
  });

  it("never reaches into another instance's tasks", async () => {
    await emptyQueue();
    const northwindWaiting = await t.db
      .selectFrom('tasks')
      .select('id')
      .where('instance_id', '!=', demoId)
      .where('status', '=', 'open')
      .where('assignee_id', 'is', null)
      .execute();
    expect(northwindWaiting.length).toBeGreaterThan(0);
    expect(await play(alice)).toBeNull();
  });

  // 45 transactions at once wait on each other's locks: on a loaded 2-core machine that can take
  // longer than the default 5 s, which says nothing about correctness.
  it(
    'gives each task to exactly one agent when everyone presses Play at once',
    { timeout: 30_000 },
    async () => {
      await emptyQueue();
      const leader = new SyncTestClient(carol);
      const created = [];
      for (let i = 0; i < 30; i++) created.push(await waiting(leader, { priority: 1 + (i % 5) }));
      const agents = [alice, bob, carol];
      const calls = agents.flatMap((client) =>
        Array.from({ length: 15 }, () => play(client).then((taskId) => ({ client, taskId }))),
      );
      const results = await Promise.all(calls);
      const given = results.flatMap((r) => (r.taskId ? [r.taskId] : []));
      expect(given).toHaveLength(30);
      expect(new Set(given).size).toBe(30);
      expect(new Set(given)).toEqual(new Set(created));
      const idOf = new Map([
        [alice, ids.alice],
        [bob, ids.bob],
        [carol, ids.carol],
      ]);
      for (const r of results)
        if (r.taskId) expect(await assigneeOf(r.taskId)).toBe(idOf.get(r.client));
    },
  );

  it('refuses without a session', async () => {
    const response = await t.client().post('/api/routing/next');
    expect(response.statusCode).toBe(401);
  });
});

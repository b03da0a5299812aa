import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  type MeBody,
  type TestApp,
  type TestClient,
} from '../../test-support/test-app.js';
import type { Change } from '../../sync/index.js';
import { puts, SyncTestClient, taskArgs } from '../../test-support/sync.js';

// POST /api/sync/push: exactly once, in seq order, rejections that move on, the conflict rules.
let t: TestApp;
let alice: TestClient; // Demo agent
let bob: TestClient; // Demo agent
let carol: TestClient; // Demo team leader
let ids: Record<'alice' | 'bob' | 'carol' | 'admin', string>;

async function signedIn(email: string): Promise<[TestClient, MeBody]> {
  const client = t.client();
  return [client, await client.signIn(email)];
}

beforeAll(async () => {
  t = await createTestApp({ seed: true });
  let me: MeBody;
  [alice, me] = await signedIn('alice@demo.test');
  ids = { alice: me.user.id } as typeof ids;
  [bob, me] = await signedIn('bob@demo.test');
  ids.bob = me.user.id;
  [carol, me] = await signedIn('carol@demo.test');
  ids.carol = me.user.id;
  const demo = me.memberships.find((m) => m.instanceName === 'Demo')?.instanceId;
  await carol.post('/api/session/instance', { instanceId: demo });
  const admin = (await signedIn('admin@demo.test'))[1];
  ids.admin = admin.user.id;
});
afterAll(async () => {
  await t.close();
});

async function countRows(table: 'tasks' | 'comments' | 'log_items', column: string, value: string) {
  const row = await t.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(column as never, '=', value as never)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function newTask(client: SyncTestClient, overrides: Parameters<typeof taskArgs>[0] = {}) {
  const args = taskArgs(overrides);
  expect(await client.do('task.create', args)).toEqual({ seq: client.seq, status: 'ok' });
  return args.id;
}

describe('exactly once', () => {
  it('the same mutation pushed twice has one effect and the same result', async () => {
    const client = new SyncTestClient(alice);
    const taskId = await newTask(client);
    const comment = client.next('comment.add', {
      id: randomUUID(),
      taskId,
      body: 'Called, no answer.',
      attachments: [],
    });
    const first = await client.send([comment]);
    const second = await client.send([comment]);
    expect(first.statusCode).toBe(200);
    expect(second.json()).toEqual(first.json());
    expect(first.json()).toEqual({ results: [{ seq: 2, status: 'ok' }] });
    expect(await countRows('comments', 'task_id', taskId)).toBe(1);
    // created + comment, once each.
    expect(await countRows('log_items', 'task_id', taskId)).toBe(2);
  });

  it('a push that repeats earlier seqs and adds new ones answers all, applying only the new', async () => {
    const client = new SyncTestClient(alice);
    const a = client.next('task.create', taskArgs({ title: 'First' }));
    const b = client.next('task.create', taskArgs({ title: 'Second' }));
    expect((await client.send([a])).json().results).toEqual([{ seq: 1, status: 'ok' }]);
    const response = await client.send([a, b, b]);
    expect(response.json().results).toEqual([
      { seq: 1, status: 'ok' },
      { seq: 2, status: 'ok' },
      { seq: 2, status: 'ok' },
    ]);
    expect(await countRows('tasks', 'id', b.args.id)).toBe(1);
  });

  it('two pushes of the same mutations at once (two tabs) apply them once', async () => {
    const client = new SyncTestClient(alice);
    const taskId = await newTask(client);
    const comments = Array.from({ length: 5 }, (_, i) =>
      client.next('comment.add', { id: randomUUID(), taskId, body: `note ${i}`, attachments: [] }),
    );
    const [one, two] = await Promise.all([client.send(comments), client.send(comments)]);
    expect(one.statusCode).toBe(200);
    expect(two.json()).toEqual(one.json());
    expect(await countRows('comments', 'task_id', taskId)).toBe(5);
  });

  it('applies in seq order even when the body lists them out of order', async () => {
    const client = new SyncTestClient(alice);
    const taskId = randomUUID();
    const create = client.next('task.create', taskArgs({ id: taskId }));
    const pending = client.next('task.setStatus', { taskId, status: 'pending' });
    const resolved = client.next('task.setStatus', { taskId, status: 'resolved' });
    const response = await client.send([resolved, create, pending]);
    expect(response.json().results.map((r: { seq: number }) => r.seq)).toEqual([1, 2, 3]);
    const log = await t.db
      .selectFrom('log_items')
      .select(['kind', 'data'])
      .where('task_id', '=', taskId)
      .orderBy('created_at')
      .execute();
    expect(log.filter((l) => l.kind === 'status').map((l) => JSON.parse(l.data))).toEqual([
      { from: 'open', to: 'pending' },
      { from: 'pending', to: 'resolved' },
    ]);
    const task = await t.db
      .selectFrom('tasks')
      .select('status')
      .where('id', '=', taskId)
      .executeTakeFirst();
    expect(task?.status).toBe('resolved');
  });

  it('a gap is refused with expectedSeq; what came before it stays applied, nothing after it', async () => {
    const client = new SyncTestClient(alice);
    const one = client.next('task.create', taskArgs());
    const two = client.next('task.create', taskArgs());
    client.next('task.create', taskArgs()); // seq 3 never arrives
    const four = client.next('task.create', taskArgs());
    const response = await client.send([one, two, four]);
    expect(response.statusCode).toBe(409);
    expect(response.json()).toEqual({
      error: { code: 'conflict', message: expect.stringContaining('seq 3') },
      expectedSeq: 3,
    });
    expect(await countRows('tasks', 'id', one.args.id)).toBe(1);
    expect(await countRows('tasks', 'id', two.args.id)).toBe(1);
    expect(await countRows('tasks', 'id', four.args.id)).toBe(0);
    // A fresh client whose first push starts at 2 is a gap at 1.
    const fresh = new SyncTestClient(alice);
    fresh.next('task.create', taskArgs());
    const gap = await fresh.send([fresh.next('task.create', taskArgs())]);
    expect(gap.json().expectedSeq).toBe(1);
  });

  it("another user's clientId is 403, and so is one made in another instance", async () => {
    const client = new SyncTestClient(alice);
    await newTask(client);
    const response = await bob.post('/api/sync/push', {
      clientId: client.clientId,
      mutations: [client.next('task.create', taskArgs())],
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('forbidden');

    const carolMe = (await carol.get('/api/me')).json<MeBody>();
    const northwind = carolMe.memberships.find((m) => m.instanceName === 'Northwind')?.instanceId;
    const demo = carolMe.memberships.find((m) => m.instanceName === 'Demo')?.instanceId;
    const carols = new SyncTestClient(carol);
    await carols.do('agentStatus.set', { status: 'ready', at: new Date().toISOString() });
    await carol.post('/api/session/instance', { instanceId: northwind });
    try {
      const switched = await carols.send([
        carols.next('agentStatus.set', { status: 'busy', at: new Date().toISOString() }),
      ]);
      expect(switched.statusCode).toBe(403);
    } finally {
      await carol.post('/api/session/instance', { instanceId: demo });
    }
  });

  it('a rejected mutation advances the seq and carries the current state of what it touched', async () => {
    const client = new SyncTestClient(alice);
    const taskId = await newTask(client, { title: 'Stays open' });
    const bad = client.next('task.setStatus', { taskId, status: 'closed' as never });
    const good = client.next('task.setStatus', { taskId, status: 'pending' });
    const response = await client.send([bad, good]);
    const [rejected, ok] = response.json().results;
    expect(rejected).toMatchObject({
      seq: bad.seq,
      status: 'rejected',
      reason: 'invalid',
      message: '"closed" is not a task status.',
    });
    expect(puts(rejected.changes, 'task')).toEqual([
      expect.objectContaining({ id: taskId, status: 'open' }),
    ]);
    expect(ok).toEqual({ seq: good.seq, status: 'ok' });
    // Replayed, the rejection comes back with the state as it is now.
    const replay = await client.send([bad]);
    expect(puts(replay.json().results[0].changes, 'task')[0]?.status).toBe('pending');

    const missing = await client.do('task.setStatus', { taskId: randomUUID(), status: 'open' });
    expect(missing).toMatchObject({ status: 'rejected', reason: 'not_found' });
    expect((missing as { changes: unknown[] }).changes).toEqual([
      { kind: 'task', op: 'delete', id: expect.any(String) },
    ]);
  });
});

describe('validation', () => {
  it('rejects values that can never be valid, with a sentence', async () => {
    const client = new SyncTestClient(alice);
    const cases: [Parameters<typeof taskArgs>[0], string][] = [
      [{ title: '   ' }, 'A task needs a title.'],
      [{ priority: 9 }, 'Priority must be a whole number from 1 to 5.'],
      [{ priority: 2.5 }, 'Priority must be a whole number from 1 to 5.'],
      [{ type: 'fax' as never }, '"fax" is not a task type.'],
      [{ dueAt: 'tomorrow' }, 'The due time is not a time.'],
    ];
    for (const [overrides, message] of cases) {
      const args = taskArgs(overrides);
      const result = await client.do('task.create', args);
      expect(result).toEqual({
        seq: client.seq,
        status: 'rejected',
        reason: 'invalid',
        message,
        changes: [{ kind: 'task', op: 'delete', id: args.id }],
      });
    }
    const taskId = await newTask(client);
    const long = await client.do('comment.add', {
      id: randomUUID(),
      taskId,
      body: 'x'.repeat(10_001),
      attachments: [],
    });
    expect(long).toMatchObject({
      reason: 'invalid',
      message: 'A comment can have at most 10,000 characters.',
    });
    const many = Array.from({ length: 11 }, () => ({
      id: randomUUID(),
      name: 'a.png',
      size: 1,
      type: 'image/png',
    }));
    const tooMany = await client.do('comment.add', {
      id: randomUUID(),
      taskId,
      body: 'see',
      attachments: many,
    });
    expect(tooMany).toMatchObject({
      reason: 'invalid',
      message: 'A comment can have at most 10 attachments.',
    });
    const status = await client.do('agentStatus.set', {
      status: 'asleep' as never,
      at: new Date().toISOString(),
    });
    expect(status).toMatchObject({
      reason: 'invalid',
      message: '"asleep" is not an agent status.',
    });
    const before = await client.do('agentStatus.set', {
      status: 'break',
      at: new Date().toISOString(),
    });
    expect(before).toMatchObject({ status: 'ok' });
    const chosenWrapUp = await client.do('agentStatus.set', {
      status: 'wrap_up',
      at: new Date(Date.now() + 1).toISOString(),
    });
    expect(chosenWrapUp).toMatchObject({
      reason: 'invalid',
      message: '"wrap_up" is set by the server; choose another status.',
    });
    const row = await t.db
      .selectFrom('agent_statuses')
      .select('status')
      .where('user_id', '=', ids.alice)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('break');
  });

  it('a malformed push is 400 naming the field, and nothing of it is applied', async () => {
    const client = new SyncTestClient(alice);
    const good = client.next('task.create', taskArgs());
    const broken = { ...client.next('task.setStatus', { taskId: good.args.id, status: 'open' }) };
    (broken.args as Record<string, unknown>)['colour'] = 'red';
    const unknownField = await client.send([good, broken]);
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json().error.message).toBe(
      'body.mutations.1.args has an unknown field "colour".',
    );
    expect(await countRows('tasks', 'id', good.args.id)).toBe(0);

    const missing = await client.send([{ ...good, args: { ...good.args, title: undefined } }]);
    expect(missing.json().error.message).toBe(
      'body.mutations.0.args is missing the required field "title".',
    );
    const badName = await client.send([{ ...good, name: 'task.explode' }]);
    expect(badName.statusCode).toBe(400);
    expect(badName.json().error.message).toMatch(/^body\.mutations\.0\.name /);
    const noClient = await alice.post('/api/sync/push', { clientId: 'me', mutations: [] });
    expect(noClient.json().error.message).toBe('body.clientId is not in the expected format.');
    const extra = await alice.post('/api/sync/push', {
      clientId: randomUUID(),
      mutations: [],
      since: 1,
    });
    expect(extra.json().error.message).toBe('body has an unknown field "since".');
  });

  it('takes at most 500 mutations, in a body larger than the usual 256 KiB', async () => {
    const client = new SyncTestClient(alice);
    const taskId = await newTask(client);
    const body = 'A long note. '.repeat(60);
    const many = Array.from({ length: 500 }, () =>
      client.next('comment.add', { id: randomUUID(), taskId, body, attachments: [] }),
    );
    const response = await client.send(many);
    expect(response.statusCode).toBe(200);
    expect(response.json().results).toHaveLength(500);
    expect(await countRows('comments', 'task_id', taskId)).toBe(500);
    const tooMany = await client.send([...many, client.next('task.create', taskArgs())]);
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.message).toContain('body.mutations');
    // 500 real writes: seconds on a loaded 2-core machine, beyond the default 5 s timeout.
  }, 30_000);
});

describe('conflict rules', () => {
  it('task.assign: the first agent to take a task keeps it; leaders may reassign', async () => {
    const a = new SyncTestClient(alice);
    const b = new SyncTestClient(bob);
    const c = new SyncTestClient(carol);
    const taskId = await newTask(a);
    expect(await a.do('task.assign', { taskId, assigneeId: ids.alice })).toMatchObject({
      status: 'ok',
    });
    expect(await a.do('task.assign', { taskId, assigneeId: ids.alice })).toMatchObject({
      status: 'ok',
    });
    const taken = await b.do('task.assign', { taskId, assigneeId: ids.bob });
    expect(taken).toMatchObject({
      status: 'rejected',
      reason: 'conflict',
      message: 'Alice Anders has already taken this task.',
    });
    expect(puts((taken as { changes: Change[] }).changes, 'task')[0]?.assigneeId).toBe(ids.alice);
    expect(await b.do('task.assign', { taskId, assigneeId: ids.carol })).toMatchObject({
      reason: 'forbidden',
    });
    expect(await c.do('task.assign', { taskId, assigneeId: ids.bob })).toMatchObject({
      status: 'ok',
    });
    expect(await c.do('task.assign', { taskId, assigneeId: randomUUID() })).toMatchObject({
      reason: 'invalid',
    });
    // An agent may give back their own task, not someone else's.
    expect(await a.do('task.assign', { taskId, assigneeId: null })).toMatchObject({
      reason: 'forbidden',
    });
    expect(await b.do('task.assign', { taskId, assigneeId: null })).toMatchObject({ status: 'ok' });
    const log = await t.db
      .selectFrom('log_items')
      .select('kind')
      .where('task_id', '=', taskId)
      .execute();
    expect(log.filter((l) => l.kind === 'assigned')).toHaveLength(3);
  });

  it('two agents taking the same task at the same moment: exactly one gets it', async () => {
    const a = new SyncTestClient(alice);
    const b = new SyncTestClient(bob);
    const taskId = await newTask(a);
    a.seq = 0;
    const [ra, rb] = await Promise.all([
      new SyncTestClient(alice).do('task.assign', { taskId, assigneeId: ids.alice }),
      b.do('task.assign', { taskId, assigneeId: ids.bob }),
    ]);
    expect([ra.status, rb.status].sort()).toEqual(['ok', 'rejected']);
  });

  it('task.setStatus and task.offer on a missing task are not_found; statuses are last writer wins', async () => {
    const a = new SyncTestClient(alice);
    const b = new SyncTestClient(bob);
    const taskId = await newTask(a);
    await a.do('task.setStatus', { taskId, status: 'pending' });
    await b.do('task.setStatus', { taskId, status: 'resolved' });
    await a.do('task.setStatus', { taskId, status: 'open' });
    const row = await t.db
      .selectFrom('tasks')
      .select('status')
      .where('id', '=', taskId)
      .executeTakeFirst();
    expect(row?.status).toBe('open');
    const gone = randomUUID();
    expect(await a.do('task.offer', { taskId: gone, toUserId: ids.bob })).toMatchObject({
      reason: 'not_found',
    });
  });

  it('task.offer: to a member only, not to yourself; agents offer only their own or free tasks', async () => {
    const a = new SyncTestClient(alice);
    const b = new SyncTestClient(bob);
    const taskId = await newTask(a, { assigneeId: ids.alice });
    expect(await a.do('task.offer', { taskId, toUserId: ids.bob })).toMatchObject({ status: 'ok' });
    expect(await a.do('task.offer', { taskId, toUserId: ids.alice })).toMatchObject({
      reason: 'invalid',
    });
    expect(await a.do('task.offer', { taskId, toUserId: randomUUID() })).toMatchObject({
      reason: 'invalid',
      message: 'You can only offer a task to a member of this instance.',
    });
    expect(await b.do('task.offer', { taskId, toUserId: ids.carol })).toMatchObject({
      reason: 'forbidden',
    });
    const task = await t.db
      .selectFrom('tasks')
      .select('offered_to_id')
      .where('id', '=', taskId)
      .executeTakeFirst();
    expect(task?.offered_to_id).toBe(ids.bob);
  });

  it('task.create may assign to yourself; agents may not assign to others', async () => {
    const a = new SyncTestClient(alice);
    await newTask(a, { assigneeId: ids.alice });
    const args = taskArgs({ assigneeId: ids.bob });
    expect(await a.do('task.create', args)).toMatchObject({ reason: 'forbidden' });
    const c = new SyncTestClient(carol);
    expect(await c.do('task.create', taskArgs({ assigneeId: ids.bob }))).toMatchObject({
      status: 'ok',
    });
  });

  it('comment.add is idempotent by comment id, and needs the task', async () => {
    const a = new SyncTestClient(alice);
    const taskId = await newTask(a);
    const id = randomUUID();
    expect(await a.do('comment.add', { id, taskId, body: 'once', attachments: [] })).toMatchObject({
      status: 'ok',
    });
    // The same comment again under a new seq (a local database restored from a copy): no second row.
    expect(await a.do('comment.add', { id, taskId, body: 'once', attachments: [] })).toMatchObject({
      status: 'ok',
    });
    expect(await countRows('comments', 'id', id)).toBe(1);
    const b = new SyncTestClient(bob);
    expect(await b.do('comment.add', { id, taskId, body: 'mine?', attachments: [] })).toMatchObject(
      {
        reason: 'conflict',
      },
    );
    expect(
      await a.do('comment.add', {
        id: randomUUID(),
        taskId: randomUUID(),
        body: 'where?',
        attachments: [],
      }),
    ).toMatchObject({ reason: 'not_found' });
  });

  it('agentStatus.set: an older choice changes nothing', async () => {
    const a = new SyncTestClient(alice);
    // Later than the seed's 'offline', which began when the app was made.
    t.clock.advance(10 * 60_000);
    const now = t.clock.now().getTime();
    const at = (s: number) => new Date(now - s * 1000).toISOString();
    await a.do('agentStatus.set', { status: 'ready', at: at(10) });
    expect(await a.do('agentStatus.set', { status: 'break', at: at(60) })).toEqual({
      seq: 2,
      status: 'ok',
    });
    const row = await t.db
      .selectFrom('agent_statuses')
      .selectAll()
      .where('user_id', '=', ids.alice)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'ready', since: at(10) });
    await a.do('agentStatus.set', { status: 'busy', at: at(5) });
    const later = await t.db
      .selectFrom('agent_statuses')
      .selectAll()
      .where('user_id', '=', ids.alice)
      .executeTakeFirstOrThrow();
    expect(later.status).toBe('busy');
  });

  it('filter.save: one name per owner; only the owner changes or deletes; deleting nothing is ok', async () => {
    const a = new SyncTestClient(alice);
    const b = new SyncTestClient(bob);
    const id = randomUUID();
    expect(
      await a.do('filter.save', { id, name: 'Mine', shared: false, query: { status: 'open' } }),
    ).toMatchObject({
      status: 'ok',
    });
    expect(
      await a.do('filter.save', { id, name: 'Mine', shared: true, query: { status: 'open' } }),
    ).toMatchObject({
      status: 'ok',
    });
    const clash = await a.do('filter.save', {
      id: randomUUID(),
      name: 'Mine',
      shared: false,
      query: {},
    });
    expect(clash).toMatchObject({
      reason: 'conflict',
      message: 'You already have a filter named "Mine".',
    });
    expect(
      await b.do('filter.save', { id: randomUUID(), name: 'Mine', shared: false, query: {} }),
    ).toMatchObject({
      status: 'ok',
    });
    expect(await b.do('filter.save', { id, name: 'Taken', shared: true, query: {} })).toMatchObject(
      {
        reason: 'forbidden',
      },
    );
    expect(await b.do('filter.delete', { id })).toMatchObject({ reason: 'forbidden' });
    expect(await a.do('filter.delete', { id })).toMatchObject({ status: 'ok' });
    expect(await a.do('filter.delete', { id })).toMatchObject({ status: 'ok' });
    expect(await a.do('filter.delete', { id: randomUUID() })).toMatchObject({ status: 'ok' });
  });

  it('call.record keeps the call once', async () => {
    const a = new SyncTestClient(alice);
    const call = {
      id: randomUUID(),
      direction: 'inbound' as const,
      peer: '+44 20 7946 0001',
      peerName: null,
      startedAt: new Date(Date.now() - 60_000).toISOString(),
      answeredAt: new Date(Date.now() - 55_000).toISOString(),
      endedAt: new Date().toISOString(),
      outcome: 'answered' as const,
      taskId: null,
    };
    expect(await a.do('call.record', call)).toMatchObject({ status: 'ok' });
    expect(await a.do('call.record', call)).toMatchObject({ status: 'ok' });
    expect(await new SyncTestClient(bob).do('call.record', call)).toMatchObject({
      reason: 'conflict',
    });
  });
});

describe('authentication', () => {
  it('every sync route needs a session', async () => {
    const anon = t.client();
    expect(
      (await anon.post('/api/sync/push', { clientId: randomUUID(), mutations: [] })).statusCode,
    ).toBe(401);
    for (const url of [
      '/api/sync/pull',
      `/api/sync/tasks/${randomUUID()}`,
      `/api/attachments/${randomUUID()}`,
    ]) {
      expect((await anon.get(url)).statusCode).toBe(401);
    }
    const put = await anon.request({
      method: 'PUT',
      url: `/api/attachments/${randomUUID()}?name=a.txt`,
      headers: { 'content-type': 'text/plain' },
      payload: 'hello',
    });
    expect(put.statusCode).toBe(401);
  });
});

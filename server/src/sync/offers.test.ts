import { randomUUID } from 'node:crypto';
import { RecordingPoker } from '../test-support/recording-poker.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateInstanceSettings } from '../db/index.js';
import { puts, SyncTestClient, taskArgs } from '../test-support/sync.js';
import {
  createTestApp,
  type MeBody,
  type TestApp,
  type TestClient,
} from '../test-support/test-app.js';
import { expireOffers } from './offer-sweeper.js';

// Issue 5 through POST /api/sync/push: offers (skills, accept, decline with a reason, expiry),
// reassigning, resolving with an outcome tag, follow-ups; each bad one changes nothing.
let t: TestApp;
let alice: TestClient; // Demo agent: support, sales
let bob: TestClient; // Demo agent: support, billing
let carol: TestClient; // Demo team leader: support, sales
let ids: Record<'alice' | 'bob' | 'carol', string>;
let demoId: string;

async function signedIn(email: string): Promise<[TestClient, MeBody]> {
  const client = t.client();
  return [client, await client.signIn(email)];
}

beforeAll(async () => {
  t = await createTestApp({ seed: true });
  let me: MeBody;
  [alice, me] = await signedIn('alice@demo.test');
  ids = { alice: me.user.id } as typeof ids;
  demoId = me.currentInstance?.id ?? '';
  [bob, me] = await signedIn('bob@demo.test');
  ids.bob = me.user.id;
  [carol, me] = await signedIn('carol@demo.test');
  ids.carol = me.user.id;
  await carol.post('/api/session/instance', { instanceId: demoId });
});
afterAll(async () => {
  await t.close();
});

async function task(taskId: string) {
  return t.db.selectFrom('tasks').selectAll().where('id', '=', taskId).executeTakeFirstOrThrow();
}

async function logOf(taskId: string) {
  const rows = await t.db
    .selectFrom('log_items')
    .select(['kind', 'actor_id', 'data'])
    .where('task_id', '=', taskId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ kind: r.kind, actor: r.actor_id, data: JSON.parse(r.data) }));
}

async function newTask(client: SyncTestClient, overrides: Parameters<typeof taskArgs>[0] = {}) {
  const args = taskArgs(overrides);
  expect(await client.do('task.create', args)).toEqual({ seq: client.seq, status: 'ok' });
  return args.id;
}

describe('offer to a colleague', () => {
  it('refuses a colleague without the required skills, naming the skill; nothing changes', async () => {
    const a = new SyncTestClient(alice);
    const taskId = await newTask(a, { assigneeId: ids.alice, skills: ['billing'] });
    const before = await task(taskId);
    expect(await a.do('task.offer', { taskId, toUserId: ids.carol })).toMatchObject({
      status: 'rejected',
      reason: 'invalid',
      message:
        'Carol Chen lacks the skill billing this task needs; offer it to someone who has it.',
    });
    expect(await task(taskId)).toEqual(before);
  });

  it('bob accepts: the task becomes his through the claim; the log says offered, accepted, assigned', async () => {
    const a = new SyncTestClient(alice);
    const b = new SyncTestClient(bob);
    const taskId = await newTask(a, { assigneeId: ids.alice, skills: ['billing'] });
    expect(await a.do('task.offer', { taskId, toUserId: ids.bob })).toMatchObject({ status: 'ok' });
    const offered = await task(taskId);
    expect(offered).toMatchObject({ assignee_id: ids.alice, offered_to_id: ids.bob });
    expect(offered.offered_by_id).toBe(ids.alice);
    expect(Date.parse(offered.offer_expires_at ?? '') - t.clock.now().getTime()).toBe(600_000);
    // Bob's pull shows the offer on the task.
    const pulled = puts((await b.pullAll()).changes, 'task').find((x) => x.id === taskId);
    expect(pulled).toMatchObject({ offeredToId: ids.bob, offeredById: ids.alice });

    // Carol is not the one it was offered to.
    const c = new SyncTestClient(carol);
    expect(await c.do('task.acceptOffer', { taskId })).toMatchObject({
      reason: 'conflict',
      message: 'This task is not offered to you any more.',
    });
    expect(await b.do('task.acceptOffer', { taskId })).toMatchObject({ status: 'ok' });
    expect(await task(taskId)).toMatchObject({
      assignee_id: ids.bob,
      offered_to_id: null,
      offered_by_id: null,
      offer_expires_at: null,
    });
    expect((await logOf(taskId)).map((l) => [l.kind, l.actor])).toEqual([
      ['created', ids.alice],
      ['assigned', ids.alice],
      ['offered', ids.alice],
      ['accepted', ids.bob],
      ['assigned', ids.bob],
    ]);
    // Accepting twice: it is no longer offered.
    expect(await b.do('task.acceptOffer', { taskId })).toMatchObject({ reason: 'conflict' });
  });

  it('declining needs a reason; the task goes back to the offerer with it', async () => {
    const a = new SyncTestClient(alice);
    const b = new SyncTestClient(bob);
    const taskId = await newTask(a);
    expect(await a.do('task.offer', { taskId, toUserId: ids.bob })).toMatchObject({ status: 'ok' });
    const before = await task(taskId);
    expect(await b.do('task.declineOffer', { taskId, reason: '   ' })).toMatchObject({
      reason: 'invalid',
      message: 'Say why you decline, so the colleague knows.',
    });
    expect(await task(taskId)).toEqual(before);
    expect(
      await b.do('task.declineOffer', { taskId, reason: 'On leave tomorrow <b>sorry</b>' }),
    ).toMatchObject({ status: 'ok' });
    const after = await task(taskId);
    // It was nobody's: now it is the offerer's, and the offer says why it came back.
    expect(after).toMatchObject({
      assignee_id: ids.alice,
      offered_to_id: null,
      offered_by_id: ids.alice,
    });
    expect(JSON.parse(after.offer_return ?? 'null')).toMatchObject({
      kind: 'declined',
      byId: ids.bob,
      reason: 'On leave tomorrow <b>sorry</b>',
    });
    const log = await logOf(taskId);
    expect(log.slice(-2)).toEqual([
      {
        kind: 'declined',
        actor: ids.bob,
        data: { offeredById: ids.alice, reason: 'On leave tomorrow <b>sorry</b>' },
      },
      { kind: 'assigned', actor: ids.bob, data: { assigneeId: ids.alice, from: null } },
    ]);
    // Alice's pull brings the returned offer.
    const pulled = puts((await a.pullAll()).changes, 'task').find((x) => x.id === taskId);
    expect(pulled?.offerReturn).toMatchObject({
      kind: 'declined',
      reason: 'On leave tomorrow <b>sorry</b>',
    });
  });

  it('expires after the instance time: accepting is refused, the sweeper ends it and says so', async () => {
    const a = new SyncTestClient(alice);
    const b = new SyncTestClient(bob);
    await updateInstanceSettings(t.db, demoId, { offerTtlSeconds: 60 });
    try {
      const taskId = await newTask(a, { assigneeId: ids.alice });
      await a.do('task.offer', { taskId, toUserId: ids.bob });
      const poker = new RecordingPoker();
      const deps = { db: t.db, clock: t.clock.now, poker };
      expect(await expireOffers(deps)).toBe(0);
      t.clock.advance(61_000);
      const before = await task(taskId);
      const refused = await b.do('task.acceptOffer', { taskId });
      expect(refused).toMatchObject({ reason: 'conflict' });
      expect(refused.status === 'rejected' && refused.message).toMatch(
        /^The offer expired at \d\d:\d\d UTC; ask Alice .+ to offer it again\.$/,
      );
      expect(await task(taskId)).toEqual(before);
      expect(await b.do('task.declineOffer', { taskId, reason: 'late' })).toMatchObject({
        reason: 'conflict',
      });

      expect(await expireOffers(deps)).toBe(1);
      expect(poker.pokes).toEqual([{ instanceId: demoId, audience: 'instance' }]);
      const after = await task(taskId);
      expect(after).toMatchObject({
        assignee_id: ids.alice,
        offered_to_id: null,
        offered_by_id: ids.alice,
      });
      expect(JSON.parse(after.offer_return ?? 'null')).toMatchObject({
        kind: 'expired',
        byId: ids.bob,
      });
      expect((await logOf(taskId)).at(-1)).toEqual({
        kind: 'offer_expired',
        actor: null,
        data: { toUserId: ids.bob, offeredById: ids.alice },
      });
      // Nothing left to end.
      expect(await expireOffers(deps)).toBe(0);
    } finally {
      await updateInstanceSettings(t.db, demoId, { offerTtlSeconds: 600 });
    }
  });

  it('an agent offers only own or free tasks; resolved tasks and other instances are refused', async () => {
    const a = new SyncTestClient(alice);
    const b = new SyncTestClient(bob);
    const taskId = await newTask(a, { assigneeId: ids.alice });
    expect(await b.do('task.offer', { taskId, toUserId: ids.carol })).toMatchObject({
      reason: 'forbidden',
    });
    await a.do('task.setStatus', { taskId, status: 'resolved' });
    expect(await a.do('task.offer', { taskId, toUserId: ids.bob })).toMatchObject({
      reason: 'invalid',
      message: 'A resolved task cannot be offered; reopen it first.',
    });
    // Carol in Northwind cannot reach a Demo task, whatever she sends.
    const northwind = t.client();
    const me = await northwind.signIn('carol@demo.test');
    const nw = me.memberships.find((m) => m.instanceName !== 'Demo')?.instanceId;
    await northwind.post('/api/session/instance', { instanceId: nw });
    const n = new SyncTestClient(northwind);
    await a.do('task.setStatus', { taskId, status: 'open' });
    await a.do('task.offer', { taskId, toUserId: ids.carol });
    for (const result of [
      await n.do('task.acceptOffer', { taskId }),
      await n.do('task.declineOffer', { taskId, reason: 'not mine' }),
      await n.do('task.offer', { taskId, toUserId: ids.bob }),
      await n.do('task.assign', { taskId, assigneeId: ids.carol }),
    ]) {
      expect(result).toMatchObject({ reason: 'not_found' });
    }
    expect(await task(taskId)).toMatchObject({ assignee_id: ids.alice, offered_to_id: ids.carol });
  });
});

describe('reassign and resolve', () => {
  it('a leader reassigns to anyone; resolving what was reassigned meanwhile is refused, unchanged', async () => {
    const a = new SyncTestClient(alice);
    const c = new SyncTestClient(carol);
    const taskId = await newTask(a, { assigneeId: ids.alice });
    expect(await a.do('task.assign', { taskId, assigneeId: ids.bob })).toMatchObject({
      reason: 'forbidden',
    });
    expect(await c.do('task.assign', { taskId, assigneeId: ids.bob })).toMatchObject({
      status: 'ok',
    });
    const before = await task(taskId);
    const result = await a.do('task.setStatus', {
      taskId,
      status: 'resolved',
      expectedAssigneeId: ids.alice,
    });
    expect(result).toMatchObject({
      status: 'rejected',
      reason: 'conflict',
      message: 'This task was reassigned to Bob Brown meanwhile, so its status was not changed.',
    });
    // The rejection carries the server's task so the PWA can undo its optimistic resolve.
    expect(result.status === 'rejected' && puts(result.changes, 'task')[0]).toMatchObject({
      status: 'open',
      assigneeId: ids.bob,
    });
    expect(await task(taskId)).toEqual(before);
  });

  it('an outcome tag is normalised, required where the instance says so, and a bad one refused', async () => {
    const a = new SyncTestClient(alice);
    const taskId = await newTask(a, { assigneeId: ids.alice });
    expect(
      await a.do('task.setStatus', { taskId, status: 'resolved', outcomeTag: 'two words' }),
    ).toMatchObject({ reason: 'invalid' });
    await updateInstanceSettings(t.db, demoId, { outcomeTagRequired: true });
    try {
      const before = await task(taskId);
      const missing = await a.do('task.setStatus', { taskId, status: 'resolved' });
      expect(missing).toMatchObject({ reason: 'invalid' });
      expect(missing.status === 'rejected' && missing.message).toMatch(
        /^This instance needs an outcome tag to resolve a task\./,
      );
      expect(await task(taskId)).toEqual(before);
      expect(
        await a.do('task.setStatus', { taskId, status: 'resolved', outcomeTag: ' #Refund ' }),
      ).toMatchObject({ status: 'ok' });
      expect(await task(taskId)).toMatchObject({ status: 'resolved', outcome_tag: '#refund' });
      expect((await logOf(taskId)).at(-1)?.data).toEqual({
        from: 'open',
        to: 'resolved',
        outcomeTag: '#refund',
      });
      // Reopening clears it.
      expect(await a.do('task.setStatus', { taskId, status: 'open' })).toMatchObject({
        status: 'ok',
      });
      expect(await task(taskId)).toMatchObject({ status: 'open', outcome_tag: null });
    } finally {
      await updateInstanceSettings(t.db, demoId, { outcomeTagRequired: false });
    }
  });

  it('/api/me tells the PWA the instance settings', async () => {
    const me = (await alice.get('/api/me')).json<
      MeBody & { currentInstance: { settings: unknown } }
    >();
    expect(me.currentInstance.settings).toEqual({
      outcomeTagRequired: false,
      offerTtlSeconds: 600,
      pushRouting: false,
      wrapUpSeconds: 0,
      reservationSeconds: 120,
      capacity: { call: 1, email: 5, chat: 3, manual: 5 },
    });
  });
});

describe('instance settings', () => {
  it('admins change them (checked values); agents may not; /api/me shows the change', async () => {
    const admin = t.client();
    await admin.signIn('admin@demo.test');
    const patch = (client: TestClient, payload: Record<string, unknown>) =>
      client.request({ method: 'PATCH', url: '/api/instance/settings', payload });
    expect((await patch(alice, { outcomeTagRequired: true })).statusCode).toBe(403);
    expect((await patch(admin, { offerTtlSeconds: 5 })).statusCode).toBe(400);
    expect((await patch(admin, { colour: 'red' })).statusCode).toBe(400);
    expect((await patch(admin, { wrapUpSeconds: -1 })).statusCode).toBe(400);
    expect((await patch(admin, { reservationSeconds: 5 })).statusCode).toBe(400);
    // All four channels together, each 1 to 50.
    const capacity = { call: 2, email: 8, chat: 4, manual: 6 };
    expect((await patch(admin, { capacity: { ...capacity, call: 0 } })).statusCode).toBe(400);
    expect((await patch(admin, { capacity: { call: 2 } })).statusCode).toBe(400);
    expect((await patch(admin, { capacity: { ...capacity, sms: 1 } })).statusCode).toBe(400);
    expect((await patch(admin, { pushRouting: 'yes' })).statusCode).toBe(400);
    const changed = await patch(admin, {
      outcomeTagRequired: true,
      offerTtlSeconds: 120,
      pushRouting: true,
      wrapUpSeconds: 45,
      reservationSeconds: 20,
      capacity,
    });
    const expected = {
      outcomeTagRequired: true,
      offerTtlSeconds: 120,
      pushRouting: true,
      wrapUpSeconds: 45,
      reservationSeconds: 20,
      capacity,
    };
    expect(changed.json()).toEqual(expected);
    const me = (await alice.get('/api/me')).json<{ currentInstance: { settings: unknown } }>();
    expect(me.currentInstance.settings).toEqual(expected);
    await patch(admin, {
      outcomeTagRequired: false,
      offerTtlSeconds: 600,
      pushRouting: false,
      wrapUpSeconds: 0,
      reservationSeconds: 120,
      capacity: { call: 1, email: 5, chat: 3, manual: 5 },
    });
  });
});

describe('mentions', () => {
  it('a comment lists the colleagues it mentions on its log item, never the author', async () => {
    const a = new SyncTestClient(alice);
    const taskId = await newTask(a);
    await a.do('comment.add', {
      id: randomUUID(),
      taskId,
      body: '@bob can you take this? cc @Carol Chen, @alice, mail x@bob.example',
      attachments: [],
    });
    await a.do('comment.add', { id: randomUUID(), taskId, body: 'no one', attachments: [] });
    const comments = (await logOf(taskId)).filter((l) => l.kind === 'comment');
    expect(comments.map((l) => l.data.mentions)).toEqual([[ids.bob, ids.carol], undefined]);
  });
});

describe('follow-up', () => {
  it('links the new task to its origin and logs it on both; an unknown origin is refused', async () => {
    const a = new SyncTestClient(alice);
    const origin = await newTask(a, { title: 'Broken router' });
    const followUp = await newTask(a, { title: 'Check the router works', followUpOfId: origin });
    expect(await task(followUp)).toMatchObject({ follow_up_of_id: origin });
    expect((await logOf(origin)).at(-1)).toEqual({
      kind: 'follow_up',
      actor: ids.alice,
      data: { followUpId: followUp, title: 'Check the router works' },
    });
    expect((await logOf(followUp)).map((l) => l.kind)).toEqual(['created', 'follow_up']);
    const args = taskArgs({ followUpOfId: randomUUID() });
    expect(await a.do('task.create', args)).toMatchObject({ reason: 'invalid' });
    expect(await t.db.selectFrom('tasks').select('id').where('id', '=', args.id).execute()).toEqual(
      [],
    );
  });
});

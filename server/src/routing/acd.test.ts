import { beforeAll, afterAll, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { saveQueueNumber } from '../db/acd.js';
import { SyncTestClient } from '../test-support/sync.js';
import { createTestApp, type TestApp } from '../test-support/test-app.js';
import { ACD_USER, acdToken } from './acd-token.js';

// The ACD endpoint as Kamailio calls it (form fields in, one line out) on a real database: who
// rings (Ready, every skill, a free line, idle longest), what happens when nobody answers, when
// someone does, when the caller hangs up, and that bad questions change nothing.
const SECRET = 'acd-test-secret-0123456789abcdef';
const AUTH = `Basic ${Buffer.from(`${ACD_USER}:${acdToken(SECRET)}`).toString('base64')}`;

let t: TestApp;
let demoId: string;
let ids: Record<'alice' | 'bob' | 'carol' | 'admin', string>;
let callSeq = 0;

beforeAll(async () => {
  t = await createTestApp({ seed: true, env: { SIP_SECRET: SECRET } });
  const users = await t.db.selectFrom('users').select(['id', 'email']).execute();
  const id = (name: string) => users.find((u) => u.email === `${name}@demo.test`)?.id ?? '';
  ids = { alice: id('alice'), bob: id('bob'), carol: id('carol'), admin: id('admin') };
  const demo = await t.db.selectFrom('instances').select('id').where('sip_prefix', '=', 'demo');
  demoId = (await demo.executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await t.close();
});

type Who = keyof typeof ids;

/** Every agent Offline, then these in these statuses, the first idle longest. */
async function statuses(list: [Who, string][]) {
  await t.db
    .updateTable('agent_statuses')
    .set({ status: 'offline', last_routed_at: null })
    .where('instance_id', '=', demoId)
    .execute();
  const base = t.clock.now().getTime() - 60_000;
  for (const [i, [who, status]] of list.entries()) {
    const row = {
      instance_id: demoId,
      user_id: ids[who],
      status,
      since: new Date(base + i * 1000).toISOString(),
      last_routed_at: null,
    };
    await t.db
      .insertInto('agent_statuses')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['instance_id', 'user_id']).doUpdateSet({
          status,
          since: row.since,
          last_routed_at: null,
        }),
      )
      .execute();
  }
}

function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

async function ask(path: string, fields: Record<string, string>, headers = {}) {
  t.clock.advance(10);
  return t.app.inject({
    method: 'POST',
    url: `/api/routing/acd/calls${path}`,
    headers: {
      authorization: AUTH,
      'content-type': 'application/x-www-form-urlencoded',
      ...headers,
    },
    payload: form(fields),
  });
}

/** A new call to `number`: the answer line's words. */
async function call(number = '2000', caller = '+15550100') {
  const callId = `acd-${++callSeq}@127.0.0.1`;
  const response = await ask('', { callId, number, caller, callerName: 'Outside Caller' });
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toMatch(/^text\/plain/);
  return { callId, words: response.body.trim().split(' ') };
}

async function failed(callId: string, agent: string, outcome = 'no_answer') {
  const response = await ask('/failed', { callId, agent, outcome });
  expect(response.statusCode, response.body).toBe(200);
  return response.body.trim().split(' ');
}

async function statusOf(who: Who) {
  const row = await t.db
    .selectFrom('agent_statuses')
    .select('status')
    .where('instance_id', '=', demoId)
    .where('user_id', '=', ids[who])
    .executeTakeFirstOrThrow();
  return row.status;
}

async function task(id: string) {
  return t.db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function counts() {
  const tasks = await t.db
    .selectFrom('tasks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const calls = await t.db
    .selectFrom('acd_calls')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { tasks: Number(tasks.n), calls: Number(calls.n) };
}

beforeEach(async () => {
  // No call of an earlier test still holds anyone's line.
  await t.db.updateTable('acd_calls').set({ state: 'ended', agent_id: null }).execute();
});

describe('ACD: a call to a queue number', () => {
  it('rings the Ready agent with the skill idle longest, not the Busy one, and makes the task', async () => {
    await statuses([
      ['bob', 'busy'],
      ['carol', 'ready'],
      ['alice', 'ready'],
    ]);
    const { words } = await call();
    expect(words.slice(0, 3)).toEqual(['ring', 'demo-1003', '30']);
    const row = await task(words[3] ?? '');
    expect(row).toMatchObject({
      type: 'call',
      status: 'open',
      assignee_id: null,
      offered_to_id: ids.carol,
      offered_by_id: null,
      customer_phone: '+15550100',
      title: 'Call from Outside Caller',
      priority: 3,
    });
    expect(JSON.parse(row.skills)).toEqual(['support']);
    // Rung for up to 30 s; the reservation outlives the ring so Kamailio's report finds it.
    const expires = Date.parse(row.offer_expires_at ?? '');
    expect(expires - t.clock.now().getTime()).toBeGreaterThan(30_000);
  });

  it('rings only agents with every skill of the queue', async () => {
    await saveQueueNumber(
      t.db,
      {
        number: '2001',
        instanceId: demoId,
        name: 'Billing',
        skills: ['billing'],
        priority: 4,
        ringSeconds: 8,
      },
      t.clock.now().toISOString(),
    );
    await statuses([
      ['alice', 'ready'],
      ['bob', 'ready'],
    ]);
    const { words } = await call('2001');
    expect(words.slice(0, 3)).toEqual(['ring', 'demo-1002', '8']);
    expect((await task(words[3] ?? '')).priority).toBe(4);
  });

  it('no answer: the agent is Missed and the next rings; nobody left: busy, the task waits', async () => {
    await statuses([
      ['alice', 'ready'],
      ['bob', 'ready'],
    ]);
    const { callId, words } = await call();
    expect(words[1]).toBe('demo-1001');
    const taskId = words[3] ?? '';

    const next = await failed(callId, 'demo-1001');
    expect(next.slice(0, 2)).toEqual(['ring', 'demo-1002']);
    expect(next[3]).toBe(taskId);
    expect(await statusOf('alice')).toBe('missed');
    expect((await task(taskId)).offered_to_id).toBe(ids.bob);

    // Bob's browser declines (busy): Missed too, and nobody else may take it.
    expect(await failed(callId, 'demo-1002', 'rejected')).toEqual(['busy', taskId]);
    expect(await statusOf('bob')).toBe('missed');
    expect(await task(taskId)).toMatchObject({
      status: 'open',
      assignee_id: null,
      offered_to_id: null,
    });
    // The call is over for routing: asking about it again changes nothing.
    expect(await failed(callId, 'demo-1002')).toEqual(['busy', taskId]);
  });

  it('nobody Ready with the skill: busy at once, the task waits unassigned for a call back', async () => {
    await statuses([['alice', 'busy']]);
    const { words } = await call();
    expect(words[0]).toBe('busy');
    expect(await task(words[1] ?? '')).toMatchObject({
      status: 'open',
      assignee_id: null,
      offered_to_id: null,
    });
  });

  it('answered: the task is the agent’s; their line is taken until the call ends', async () => {
    await statuses([
      ['alice', 'ready'],
      ['bob', 'ready'],
    ]);
    const first = await call();
    expect(first.words[1]).toBe('demo-1001');
    const answered = await ask('/answered', { callId: first.callId, agent: 'demo-1001' });
    expect(answered.body.trim()).toBe(`ok ${first.words[3]}`);
    expect(await task(first.words[3] ?? '')).toMatchObject({
      assignee_id: ids.alice,
      offered_to_id: null,
    });
    const log = await t.db
      .selectFrom('log_items')
      .select('kind')
      .where('task_id', '=', first.words[3] ?? '')
      .orderBy('id')
      .execute();
    expect(log.map((l) => l.kind)).toEqual(['created', 'offered', 'accepted', 'assigned']);

    // On a call: the next caller rings bob although alice has been idle longer.
    const second = await call();
    expect(second.words[1]).toBe('demo-1002');
    await failed(second.callId, 'demo-1002', 'canceled');

    const ended = await ask('/ended', { callId: first.callId });
    expect(ended.statusCode).toBe(200);
    const third = await call();
    expect(third.words[1]).toBe('demo-1001');
  });

  it('the agent’s phone recording the call frees the line when Kamailio missed the BYE', async () => {
    await statuses([['alice', 'ready']]);
    const first = await call();
    await ask('/answered', { callId: first.callId, agent: 'demo-1001' });
    expect((await call()).words[0]).toBe('busy');
    const client = t.client();
    await client.signIn('alice@demo.test');
    const record = await new SyncTestClient(client).do('call.record', {
      id: randomUUID(),
      direction: 'inbound',
      peer: '+15550100',
      peerName: 'Outside Caller',
      startedAt: t.clock.now().toISOString(),
      answeredAt: t.clock.now().toISOString(),
      endedAt: t.clock.now().toISOString(),
      outcome: 'answered',
      taskId: first.words[3] ?? '',
    });
    expect(record).toMatchObject({ status: 'ok' });
    expect((await call()).words[1]).toBe('demo-1001');
  });

  it('a ringing agent is not rung for a second call (call capacity 1)', async () => {
    await statuses([
      ['alice', 'ready'],
      ['bob', 'ready'],
    ]);
    const first = await call();
    const second = await call();
    expect([first.words[1], second.words[1]]).toEqual(['demo-1001', 'demo-1002']);
    expect((await call()).words[0]).toBe('busy');
  });

  it('a ringing call whose reservation ran out (Kamailio never reported) no longer holds the line', async () => {
    await statuses([['alice', 'ready']]);
    const first = await call();
    expect(first.words[1]).toBe('demo-1001');
    expect((await call()).words[0]).toBe('busy');
    // 30 s of ringing and the 5 s grace later, with no word from Kamailio.
    t.clock.advance(36_000);
    expect((await call()).words[1]).toBe('demo-1001');
  });

  it('the caller hangs up while it rings: busy, the agent is not Missed, the task waits', async () => {
    await statuses([
      ['alice', 'ready'],
      ['bob', 'ready'],
    ]);
    const { callId, words } = await call();
    expect(await failed(callId, 'demo-1001', 'canceled')).toEqual(['busy', words[3]]);
    expect(await statusOf('alice')).toBe('ready');
    expect(await task(words[3] ?? '')).toMatchObject({ assignee_id: null, offered_to_id: null });
  });

  it('follows the instance’s own statuses: "Email only" takes no call, "Phones" does', async () => {
    const admin = t.client();
    await admin.signIn('admin@demo.test');
    const add = async (label: string, channels: string[]) => {
      const body = { label, colour: '#2563eb', receivesWork: true, channels };
      const response = await admin.post('/api/instance/statuses', body);
      expect(response.statusCode, response.body).toBe(201);
      return response.json<{ key: string }>().key;
    };
    const emailOnly = await add('Email only', ['email']);
    const phones = await add('Phones', ['call']);
    await statuses([
      ['alice', emailOnly],
      ['bob', phones],
    ]);
    expect((await call()).words.slice(0, 2)).toEqual(['ring', 'demo-1002']);
    await statuses([['alice', emailOnly]]);
    expect((await call()).words[0]).toBe('busy');
  });

  it('the same call asked about twice gets the same answer and one task', async () => {
    await statuses([['alice', 'ready']]);
    const before = await counts();
    const callId = `acd-repeat-${++callSeq}`;
    const fields = { callId, number: '2000', caller: '+15550100' };
    const one = await ask('', fields);
    const two = await ask('', fields);
    expect(two.body).toBe(one.body);
    expect(await counts()).toEqual({ tasks: before.tasks + 1, calls: before.calls + 1 });
  });
});

describe('ACD: bad questions change nothing', () => {
  const fields = { callId: 'bad-1', number: '2000', caller: '+15550100' };

  const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;
  it.each([
    ['no token', {}, 401],
    ['a wrong token', { authorization: basic('kamailio:nope') }, 401],
    ['the secret itself', { authorization: basic(`kamailio:${SECRET}`) }, 401],
    ['a browser’s Origin', { authorization: AUTH, origin: 'http://127.0.0.1:8080' }, 403],
  ])('refuses %s', async (_what, headers: Record<string, string>, status) => {
    await statuses([['alice', 'ready']]);
    const before = await counts();
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/routing/acd/calls',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      payload: form(fields),
    });
    expect(response.statusCode).toBe(status);
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['an unknown queue number', { ...fields, number: '9999' }, 404],
    ['a number with letters', { ...fields, number: '20a0' }, 400],
    ['no Call-ID', { number: '2000', caller: '+15550100' }, 400],
    ['an unknown field', { ...fields, extra: '1' }, 400],
  ])('refuses %s', async (_what, body, status) => {
    const before = await counts();
    const response = await ask('', body);
    expect(response.statusCode, response.body).toBe(status);
    expect(await counts()).toEqual(before);
  });

  it('refuses a report about an unknown call or agent, and a bad outcome', async () => {
    expect(
      (await ask('/failed', { callId: 'nope', agent: 'demo-1001', outcome: 'no_answer' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await ask('/failed', { callId: 'x', agent: 'demo-1001', outcome: 'maybe' })).statusCode,
    ).toBe(400);
    expect((await ask('/answered', { callId: 'x', agent: 'not a user' })).statusCode).toBe(400);
  });

  it('is off without SIP_SECRET', async () => {
    const off = await createTestApp({});
    try {
      const response = await off.app.inject({
        method: 'POST',
        url: '/api/routing/acd/calls',
        headers: { authorization: AUTH, 'content-type': 'application/x-www-form-urlencoded' },
        payload: form(fields),
      });
      expect(response.statusCode).toBe(503);
    } finally {
      await off.close();
    }
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SyncTestClient, puts } from '../test-support/sync.js';
import { createTestApp, type TestApp, type TestClient } from '../test-support/test-app.js';
import { sweepAbsentAgents, type AbsenceDeps } from './absence.js';

// An agent who is gone leaves Ready after the grace period (issue 6), on a real database: the
// sockets are stood in for by the `connected` list the node would report.
const grace = 120_000;
let t: TestApp;
let alice: TestClient;
let carol: TestClient;
let ids: { alice: string; carol: string };
let demoId: string;
let northwindId: string;
let here: Map<string, string[]>;
let pokes: string[];
let deps: AbsenceDeps;

beforeAll(async () => {
  t = await createTestApp({ seed: true });
  alice = t.client();
  carol = t.client();
  const me = await alice.signIn('alice@demo.test');
  demoId = me.currentInstance?.id ?? '';
  const carolMe = await carol.signIn('carol@demo.test');
  northwindId = carolMe.memberships.find((m) => m.instanceName === 'Northwind')?.instanceId ?? '';
  ids = { alice: me.user.id, carol: carolMe.user.id };
  deps = {
    db: t.db,
    clock: t.clock.now,
    poker: { poke: (instanceId) => void pokes.push(instanceId) },
    connected: () => here,
  };
});
afterAll(async () => {
  await t.close();
});
beforeEach(() => {
  here = new Map();
  pokes = [];
});

async function setStatus(client: TestClient, instanceId: string, status: string) {
  await client.post('/api/session/instance', { instanceId });
  const result = await new SyncTestClient(client).do('agentStatus.set', {
    status: status as 'ready',
    at: t.clock.now().toISOString(),
  });
  expect(result).toMatchObject({ status: 'ok' });
}

async function statusOf(instanceId: string, userId: string) {
  const row = await t.db
    .selectFrom('agent_statuses')
    .select(['status', 'since'])
    .where('instance_id', '=', instanceId)
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return row;
}

describe('absent agents', () => {
  it('moves a Ready agent nobody has seen for the grace period to Offline, and says so', async () => {
    await setStatus(alice, demoId, 'ready');
    t.clock.advance(grace - 1000);
    expect(await sweepAbsentAgents(deps, grace)).toBe(0);
    expect((await statusOf(demoId, ids.alice)).status).toBe('ready');

    t.clock.advance(2000);
    expect(await sweepAbsentAgents(deps, grace)).toBe(1);
    const after = await statusOf(demoId, ids.alice);
    expect(after).toEqual({ status: 'offline', since: t.clock.now().toISOString() });
    expect(pokes).toEqual([demoId]);
    // Every device learns it by pull.
    const pulled = await new SyncTestClient(alice).pullAll();
    expect(puts(pulled.changes, 'agentStatus').find((s) => s.userId === ids.alice)).toMatchObject({
      status: 'offline',
    });
  });

  it('keeps an agent Ready while a socket of theirs is open, and counts the grace from when it closed', async () => {
    await setStatus(alice, demoId, 'ready');
    here = new Map([[demoId, [ids.alice]]]);
    for (let i = 0; i < 4; i++) {
      t.clock.advance(grace / 2);
      expect(await sweepAbsentAgents(deps, grace)).toBe(0);
    }
    here = new Map();
    t.clock.advance(grace - 1000);
    expect(await sweepAbsentAgents(deps, grace)).toBe(0);
    expect((await statusOf(demoId, ids.alice)).status).toBe('ready');
    t.clock.advance(2000);
    expect(await sweepAbsentAgents(deps, grace)).toBe(1);
    expect((await statusOf(demoId, ids.alice)).status).toBe('offline');
  });

  it('leaves statuses that receive no work alone', async () => {
    await setStatus(alice, demoId, 'break');
    t.clock.advance(grace * 3);
    expect(await sweepAbsentAgents(deps, grace)).toBe(0);
    expect((await statusOf(demoId, ids.alice)).status).toBe('break');
  });

  it('judges each instance apart: connected in Demo says nothing about Northwind', async () => {
    await setStatus(carol, demoId, 'ready');
    await setStatus(carol, northwindId, 'ready');
    here = new Map([[demoId, [ids.carol]]]);
    t.clock.advance(grace + 1000);
    expect(await sweepAbsentAgents(deps, grace)).toBe(1);
    expect((await statusOf(demoId, ids.carol)).status).toBe('ready');
    expect((await statusOf(northwindId, ids.carol)).status).toBe('offline');
    expect(pokes).toEqual([northwindId]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatusDefinition } from '../../sync/protocol.js';
import { puts, SyncTestClient, deletes } from '../../test-support/sync.js';
import { createTestApp, type TestApp, type TestClient } from '../../test-support/test-app.js';

// Custom agent statuses over HTTP and sync, on SQLite and PostgreSQL: admins only, values checked,
// every member's device learns them by pull, agents may choose only their own instance's, and a
// deleted status leaves nobody in it.
let t: TestApp;
let admin: TestClient;
let alice: TestClient;
let provider: TestClient; // admin of Northwind as its service provider
let aliceId: string;
let northwindId: string;

beforeAll(async () => {
  t = await createTestApp({ seed: true });
  admin = t.client();
  alice = t.client();
  provider = t.client();
  await admin.signIn('admin@demo.test');
  aliceId = (await alice.signIn('alice@demo.test')).user.id;
  const me = await provider.signIn('provider@demo.test');
  northwindId = me.memberships.find((m) => m.instanceName === 'Northwind')?.instanceId ?? '';
  expect(northwindId).not.toBe('');
  await provider.post('/api/session/instance', { instanceId: northwindId });
});
afterAll(async () => {
  await t.close();
});

const lunch = {
  label: 'Lunch',
  colour: '#D97706',
  receivesWork: false,
  timeLimitSeconds: 60,
};

async function create(client: TestClient, body: Record<string, unknown>) {
  return client.post('/api/instance/statuses', body);
}

function patch(client: TestClient, id: string, body: Record<string, unknown>) {
  return client.request({ method: 'PATCH', url: `/api/instance/statuses/${id}`, payload: body });
}

describe('custom statuses', () => {
  it('admins add one; every member pulls it; agents may not add', async () => {
    const before = await new SyncTestClient(alice).pullAll();
    const created = await create(admin, { ...lunch, label: '  Team   lunch ' });
    expect(created.statusCode).toBe(201);
    const status = created.json<SyncStatusDefinition>();
    expect(status).toMatchObject({
      key: `c-${status.id}`,
      label: 'Team lunch',
      colour: '#d97706',
      receivesWork: false,
      channels: null,
      timeLimitSeconds: 60,
    });
    const later = await new SyncTestClient(alice).pull(before.cursor);
    expect(puts(later.changes, 'statusDefinition')).toContainEqual(status);
    const bootstrap = await new SyncTestClient(alice).pullAll();
    expect(puts(bootstrap.changes, 'statusDefinition').map((s) => s.id)).toContain(status.id);

    const refused = await create(alice, { ...lunch, label: 'Nap' });
    expect(refused.statusCode).toBe(403);
    expect((await patch(alice, status.id, { label: 'Nap' })).statusCode).toBe(403);
    expect((await alice.delete(`/api/instance/statuses/${status.id}`)).statusCode).toBe(403);
    expect((await admin.delete(`/api/instance/statuses/${status.id}`)).statusCode).toBe(200);
  });

  it.each([
    [{ ...lunch, label: '   ' }, 'A status needs a name.'],
    [{ ...lunch, label: 'x'.repeat(41) }, 'at most 40 characters'],
    [{ ...lunch, label: 'BREAK' }, '"Break" is a built-in status'],
    [{ ...lunch, label: 'wrap-up' }, '"Wrap-up" is a built-in status'],
    [{ ...lunch, colour: 'orange' }, '#rrggbb'],
    [{ ...lunch, colour: '#12345' }, '#rrggbb'],
    [{ ...lunch, receivesWork: true, channels: ['fax'] }, '"fax" is not a channel'],
    [{ ...lunch, receivesWork: true, channels: [] }, 'at least one channel'],
    [{ ...lunch, timeLimitSeconds: 30 }, 'from 60'],
  ])('refuses %j with 400', async (body, message) => {
    const response = await create(admin, body);
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: { message: string } }>().error.message).toContain(message);
  });

  it('refuses a name another status has, ignoring case, when adding and when renaming', async () => {
    const first = (await create(admin, { ...lunch, label: 'Coffee' })).json<SyncStatusDefinition>();
    const twin = await create(admin, { ...lunch, label: 'COFFEE' });
    expect(twin.statusCode).toBe(400);
    expect(twin.json<{ error: { message: string } }>().error.message).toContain('"Coffee"');
    const other = (await create(admin, { ...lunch, label: 'Tea' })).json<SyncStatusDefinition>();
    expect((await patch(admin, other.id, { label: 'coffee' })).statusCode).toBe(400);
    // Renaming a status to its own name in another case is fine.
    const renamed = await patch(admin, first.id, { label: 'coffee', colour: '#000000' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ key: first.key, label: 'coffee', colour: '#000000' });
    expect(other.position).toBeGreaterThan(first.position);
    for (const s of [first, other]) await admin.delete(`/api/instance/statuses/${s.id}`);
  });

  it('agents choose their instance’s statuses; a deleted one moves them to Offline', async () => {
    const created = await create(admin, {
      label: 'Email only',
      colour: '#2563eb',
      receivesWork: true,
      channels: ['email'],
    });
    const status = created.json<SyncStatusDefinition>();
    expect(status.channels).toEqual(['email']);
    const sync = new SyncTestClient(alice);
    const { cursor } = await sync.pullAll();
    t.clock.advance(1000);
    const set = await sync.do('agentStatus.set', {
      status: status.key,
      at: t.clock.now().toISOString(),
    });
    expect(set).toMatchObject({ status: 'ok' });

    t.clock.advance(1000);
    const removed = await admin.delete(`/api/instance/statuses/${status.id}`);
    expect(removed.json()).toEqual({ movedToOffline: 1 });
    const after = await sync.pullAll(cursor);
    expect(deletes(after.changes, 'statusDefinition')).toContain(status.id);
    const mine = puts(after.changes, 'agentStatus').find((s) => s.userId === aliceId);
    expect(mine).toEqual({
      userId: aliceId,
      status: 'offline',
      since: t.clock.now().toISOString(),
    });

    // Now unknown: refused, with the server's status to undo the optimistic one.
    const again = await sync.do('agentStatus.set', {
      status: status.key,
      at: t.clock.now().toISOString(),
    });
    expect(again).toMatchObject({ status: 'rejected', reason: 'invalid' });
    expect(JSON.stringify(again)).toContain('offline');
    expect((await admin.delete(`/api/instance/statuses/${status.id}`)).statusCode).toBe(404);
  });

  it('admins reorder them: every status once, else 400; devices pull the new positions', async () => {
    const made = [];
    for (const label of ['One', 'Two', 'Three'])
      made.push((await create(admin, { ...lunch, label })).json<SyncStatusDefinition>());
    const [one, two, three] = made.map((s) => s.id);
    const sync = new SyncTestClient(alice);
    const { cursor } = await sync.pullAll();
    const put = (client: TestClient, ids: unknown[]) =>
      client.request({ method: 'PUT', url: '/api/instance/statuses/order', payload: { ids } });

    const ordered = await put(admin, [three, one, two]);
    expect(ordered.statusCode).toBe(200);
    expect(
      ordered
        .json<{ statuses: SyncStatusDefinition[] }>()
        .statuses.map((s) => [s.label, s.position]),
    ).toEqual([
      ['Three', 0],
      ['One', 1],
      ['Two', 2],
    ]);
    const pulled = puts((await sync.pullAll(cursor)).changes, 'statusDefinition');
    expect(pulled.find((s) => s.id === three)?.position).toBe(0);

    expect((await put(alice, [one, two, three])).statusCode).toBe(403);
    for (const bad of [
      [one, two],
      [one, two, three, three],
      [one, two, 'nope'],
    ]) {
      const response = await put(admin, bad);
      expect(response.statusCode).toBe(400);
      expect(response.json<{ error: { message: string } }>().error.message).toContain(
        'every custom status',
      );
    }
    for (const id of [one, two, three]) await admin.delete(`/api/instance/statuses/${id}`);
  });

  it('walls tenants: another instance’s status can be neither chosen nor changed', async () => {
    const theirs = (
      await create(provider, { ...lunch, label: 'Siesta' })
    ).json<SyncStatusDefinition>();
    expect(theirs.key).toMatch(/^c-/);
    const set = await new SyncTestClient(alice).do('agentStatus.set', {
      status: theirs.key,
      at: t.clock.now().toISOString(),
    });
    expect(set).toMatchObject({ status: 'rejected', reason: 'invalid' });
    expect((await patch(admin, theirs.id, { label: 'Mine' })).statusCode).toBe(404);
    expect((await admin.delete(`/api/instance/statuses/${theirs.id}`)).statusCode).toBe(404);
    // Another instance's id is not one of ours to order.
    const order = await admin.request({
      method: 'PUT',
      url: '/api/instance/statuses/order',
      payload: { ids: [theirs.id] },
    });
    expect(order.statusCode).toBe(400);
    // Demo's members never pull it; the same name is free in Demo.
    const demo = await new SyncTestClient(alice).pullAll();
    expect(puts(demo.changes, 'statusDefinition').map((s) => s.id)).not.toContain(theirs.id);
    const same = await create(admin, { ...lunch, label: 'Siesta' });
    expect(same.statusCode).toBe(201);
    await admin.delete(`/api/instance/statuses/${same.json<SyncStatusDefinition>().id}`);
    await provider.delete(`/api/instance/statuses/${theirs.id}`);
  });
});

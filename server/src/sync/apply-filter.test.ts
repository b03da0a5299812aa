import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../test-support/test-app.js';
import { SyncTestClient } from '../test-support/sync.js';
import { nameClash } from './apply-filter.js';

// Saved filter names (issue 5): a clash is refused with a reason and changes nothing, whichever
// client sent it (the PWA checks first; another tab or a colleague may have got there first).
let t: TestApp;
let alice: TestClient;
let bob: TestClient;

beforeAll(async () => {
  t = await createTestApp({ seed: true });
  alice = t.client();
  bob = t.client();
  await alice.signIn('alice@demo.test');
  await bob.signIn('bob@demo.test');
});
afterAll(async () => {
  await t.close();
});

async function row(id: string) {
  return t.db.selectFrom('saved_filters').selectAll().where('id', '=', id).executeTakeFirst();
}

describe('nameClash', () => {
  const near = [
    { id: 'f1', owner_id: 'me', name: 'Urgent', shared: 0 },
    { id: 'f2', owner_id: 'bob', name: 'Team view', shared: 1 },
  ];
  it('compares without case or surrounding spaces', () => {
    expect(nameClash(near, { id: 'x', name: ' urgent ', shared: false }, 'me')).toBe('own');
    expect(nameClash(near, { id: 'x', name: 'Urgent!', shared: false }, 'me')).toBeNull();
  });
  it("refuses a colleague's shared name for a shared filter only", () => {
    expect(nameClash(near, { id: 'x', name: 'TEAM VIEW', shared: true }, 'me')).toBe('shared');
    expect(nameClash(near, { id: 'x', name: 'TEAM VIEW', shared: false }, 'me')).toBeNull();
  });
  it('is no clash with the filter itself', () => {
    expect(nameClash(near, { id: 'f1', name: 'URGENT', shared: true }, 'me')).toBeNull();
  });
});

describe('filter.save names', () => {
  it('refuses one of my names in another case and saves nothing', async () => {
    const a = new SyncTestClient(alice);
    const first = randomUUID();
    const second = randomUUID();
    await a.do('filter.save', { id: first, name: 'Refund calls', shared: false, query: {} });
    const clash = await a.do('filter.save', {
      id: second,
      name: '  refund CALLS ',
      shared: false,
      query: { status: ['open'] },
    });
    expect(clash).toMatchObject({
      status: 'rejected',
      reason: 'conflict',
      message: 'You already have a filter named "refund CALLS".',
    });
    expect(await row(second)).toBeUndefined();
  });

  it('keeps shared names distinct across colleagues, private ones may repeat them', async () => {
    const a = new SyncTestClient(alice);
    const b = new SyncTestClient(bob);
    await a.do('filter.save', { id: randomUUID(), name: 'Team view', shared: true, query: {} });
    const sharedClash = randomUUID();
    expect(
      await b.do('filter.save', { id: sharedClash, name: 'team view', shared: true, query: {} }),
    ).toMatchObject({
      reason: 'conflict',
      message:
        'A filter shared in this instance is already named "team view": choose another name, or keep it private.',
    });
    expect(await row(sharedClash)).toBeUndefined();

    const mine = randomUUID();
    expect(
      await b.do('filter.save', { id: mine, name: 'Team view', shared: false, query: {} }),
    ).toMatchObject({ status: 'ok' });
    // Sharing it later is the same clash, and it stays private.
    expect(
      await b.do('filter.save', { id: mine, name: 'Team view', shared: true, query: {} }),
    ).toMatchObject({ reason: 'conflict' });
    expect(await row(mine)).toMatchObject({ name: 'Team view', shared: 0 });
  });

  it('renames: a new case of its own name is fine, another of my names is not', async () => {
    const a = new SyncTestClient(alice);
    const id = randomUUID();
    const other = randomUUID();
    await a.do('filter.save', { id, name: 'Callbacks', shared: false, query: { due: 'today' } });
    await a.do('filter.save', { id: other, name: 'Escalations', shared: false, query: {} });
    expect(
      await a.do('filter.save', { id, name: 'CALLBACKS', shared: false, query: { due: 'today' } }),
    ).toMatchObject({ status: 'ok' });
    expect(await row(id)).toMatchObject({ name: 'CALLBACKS' });
    expect(
      await a.do('filter.save', { id, name: 'escalations', shared: false, query: {} }),
    ).toMatchObject({ reason: 'conflict' });
    expect(await row(id)).toMatchObject({ name: 'CALLBACKS', query: '{"due":"today"}' });
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../test-support/test-app.js';

// One browser, two tabs, one session cookie: a tab of Demo must not push into (or pull from)
// Northwind after another tab switched the session there.
let t: TestApp;
let carol: TestClient; // member of Demo and Northwind
let demo: string;
let northwind: string;

beforeAll(async () => {
  t = await createTestApp({ seed: true });
  carol = t.client();
  const me = await carol.signIn('carol@demo.test');
  const id = (name: string) => me.memberships.find((m) => m.instanceName === name)?.instanceId;
  demo = id('Demo') ?? '';
  northwind = id('Northwind') ?? '';
  await carol.post('/api/session/instance', { instanceId: northwind });
});
afterAll(async () => {
  await t.close();
});

const filterSave = (name: string) => ({
  clientId: randomUUID(),
  mutations: [
    {
      id: randomUUID(),
      seq: 1,
      name: 'filter.save',
      createdAt: new Date().toISOString(),
      args: { id: randomUUID(), name, shared: true, query: {} },
    },
  ],
});

describe('the instance a request names', () => {
  it('refuses a push meant for another instance than the session is in, and applies nothing', async () => {
    const name = `guard ${randomUUID()}`;
    const res = await carol.post('/api/sync/push', filterSave(name), {
      'x-switchboard-instance': demo,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: { code: 'instance_changed' } });
    const rows = await t.db
      .selectFrom('saved_filters')
      .select('id')
      .where('name', '=', name)
      .execute();
    expect(rows).toHaveLength(0);
  });

  it('refuses a pull for another instance, and answers one for the current instance', async () => {
    const refused = await carol.get('/api/sync/pull', { 'x-switchboard-instance': demo });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: { code: 'instance_changed' } });
    const answered = await carol.get('/api/sync/pull', { 'x-switchboard-instance': northwind });
    expect(answered.statusCode).toBe(200);
  });

  it('applies a push that names the current instance', async () => {
    const res = await carol.post('/api/sync/push', filterSave(`ok ${randomUUID()}`), {
      'x-switchboard-instance': northwind,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ results: [{ seq: 1, status: 'ok' }] });
  });
});

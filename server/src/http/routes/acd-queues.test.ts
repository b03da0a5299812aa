import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../test-support/test-app.js';

// Admins' queue numbers (GET/PUT /api/queues): what a caller dials and how long each agent rings.
let t: TestApp;
let admin: TestClient;
let agent: TestClient;

beforeAll(async () => {
  t = await createTestApp({ seed: true });
  admin = t.client();
  agent = t.client();
  await admin.signIn('admin@demo.test');
  await agent.signIn('alice@demo.test');
});
afterAll(async () => {
  await t.close();
});

const queues = async () => (await admin.get('/api/queues')).json<{ queues: unknown[] }>().queues;

describe('queue numbers', () => {
  it('lists the demo queue and lets an admin change its ring time and add one', async () => {
    expect(await queues()).toEqual([
      { number: '2000', name: 'Support', skills: ['support'], priority: 3, ringSeconds: 30 },
    ]);
    const changed = { name: 'Support', skills: ['support'], priority: 3, ringSeconds: 8 };
    const put = await admin.request({ method: 'PUT', url: '/api/queues/2000', payload: changed });
    expect(put.statusCode, put.body).toBe(200);
    const sales = { name: 'Sales', skills: [' sales ', 'sales'], priority: 2, ringSeconds: 20 };
    expect(
      (await admin.request({ method: 'PUT', url: '/api/queues/2100', payload: sales })).json(),
    ).toEqual({ number: '2100', ...sales, skills: ['sales'] });
    expect(await queues()).toEqual([
      { number: '2000', ...changed },
      { number: '2100', ...sales, skills: ['sales'] },
    ]);
  });

  it('refuses agents, numbers of another instance and bad fields, and changes nothing', async () => {
    const before = await queues();
    const body = { name: 'X', skills: [], priority: 3, ringSeconds: 10 };
    const put = (who: TestClient, number: string, payload: unknown) =>
      who.request({ method: 'PUT', url: `/api/queues/${number}`, payload: payload as object });
    expect((await agent.get('/api/queues')).statusCode).toBe(403);
    expect((await put(agent, '2000', body)).statusCode).toBe(403);
    expect((await put(admin, '20x0', body)).statusCode).toBe(400);
    expect((await put(admin, '2000', { ...body, ringSeconds: 1 })).statusCode).toBe(400);
    expect((await put(admin, '2000', { ...body, priority: 9 })).statusCode).toBe(400);
    expect((await put(admin, '2000', { ...body, extra: 1 })).statusCode).toBe(400);
    // Northwind's admin (the service provider) may not take Demo's number.
    const provider = t.client();
    const me = await provider.signIn('provider@demo.test');
    const northwind = me.memberships.find((m) => m.instanceName === 'Northwind');
    expect(northwind?.role).toBe('admin');
    await provider.post('/api/session/instance', { instanceId: northwind?.instanceId ?? '' });
    expect((await put(provider, '2000', body)).statusCode).toBe(409);
    expect(await queues()).toEqual(before);
  });
});

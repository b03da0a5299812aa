import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SyncTestClient, taskArgs } from '../../test-support/sync.js';
import {
  createTestApp,
  TEST_ORIGIN,
  type TestApp,
  type TestClient,
} from '../../test-support/test-app.js';

// GET /api/sync/socket over a real port: pokes reach the users a change concerns, no one else.
let t: TestApp;
let base: string;
let alice: TestClient; // Demo agent
let bob: TestClient; // Demo agent
let carol: TestClient; // Northwind agent here
const open: WebSocket[] = [];

beforeAll(async () => {
  t = await createTestApp({ seed: true });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `ws://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  alice = t.client();
  await alice.signIn('alice@demo.test');
  bob = t.client();
  await bob.signIn('bob@demo.test');
  carol = t.client();
  const me = await carol.signIn('carol@demo.test');
  const northwind = me.memberships.find((m) => m.instanceName === 'Northwind')?.instanceId;
  await carol.post('/api/session/instance', { instanceId: northwind });
});
afterAll(async () => {
  for (const socket of open) socket.terminate();
  await t.close();
});

/** A connected socket that counts its pokes and can wait for the next one. */
class PokeListener {
  pokes = 0;
  #waiters: (() => void)[] = [];
  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      expect(JSON.parse(String(data))).toEqual({ type: 'poke' });
      this.pokes += 1;
      for (const resolve of this.#waiters.splice(0)) resolve();
    });
  }
  nextPoke(): Promise<void> {
    return new Promise((resolve) => this.#waiters.push(resolve));
  }
}

function connect(client: TestClient | undefined, origin = TEST_ORIGIN): Promise<WebSocket> {
  const cookie = client ? [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') : '';
  const socket = new WebSocket(`${base}/api/sync/socket`, {
    headers: { origin, ...(cookie ? { cookie } : {}) },
  });
  open.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    socket.once('error', reject);
  });
}

describe('GET /api/sync/socket', () => {
  it('pokes a colleague after a push, and no member of another instance', async () => {
    const aliceSocket = new PokeListener(await connect(alice));
    const carolSocket = new PokeListener(await connect(carol));
    const bobSocket = new PokeListener(await connect(bob));
    expect(t.app.websocketServer.clients.size).toBeGreaterThanOrEqual(3);

    const alicePoked = aliceSocket.nextPoke();
    await new SyncTestClient(bob).do('task.create', taskArgs());
    await alicePoked;
    expect(bobSocket.pokes).toBeLessThanOrEqual(1);

    // A change in Northwind pokes carol; had the Demo change poked her, it would have come first.
    const carolPoked = carolSocket.nextPoke();
    await new SyncTestClient(carol).do('task.create', taskArgs());
    await carolPoked;
    expect(carolSocket.pokes).toBe(1);
    expect(aliceSocket.pokes).toBe(1);

    // A private filter concerns only its owner.
    const bobPoked = bobSocket.nextPoke();
    const before = aliceSocket.pokes;
    const b = new SyncTestClient(bob);
    await b.do('filter.save', { id: randomUUID(), name: 'Mine only', shared: false, query: {} });
    await bobPoked;
    const aliceNext = aliceSocket.nextPoke();
    await b.do('agentStatus.set', { status: 'ready', at: new Date().toISOString() });
    await aliceNext;
    expect(aliceSocket.pokes).toBe(before + 1);
  });

  it('refuses a socket without a session, or from a foreign page', async () => {
    await expect(connect(undefined)).rejects.toThrow('HTTP 401');
    await expect(connect(alice, 'https://evil.example')).rejects.toThrow('HTTP 403');
    const plain = await alice.get('/api/sync/socket');
    expect(plain.statusCode).toBe(400);
  });
});

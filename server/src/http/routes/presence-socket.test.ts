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

// GET /api/presence/socket over a real port: who has a task open, told to everyone in its room;
// another instance's task (or a foreign Origin) gets no socket.
let t: TestApp;
let base: string;
let alice: TestClient;
let bob: TestClient;
let carol: TestClient; // Northwind here
let ids: Record<'alice' | 'bob', string>;
const open: WebSocket[] = [];

beforeAll(async () => {
  t = await createTestApp({ seed: true });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `ws://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  alice = t.client();
  bob = t.client();
  carol = t.client();
  ids = {
    alice: (await alice.signIn('alice@demo.test')).user.id,
    bob: (await bob.signIn('bob@demo.test')).user.id,
  };
  const me = await carol.signIn('carol@demo.test');
  const northwind = me.memberships.find((m) => m.instanceName === 'Northwind')?.instanceId;
  await carol.post('/api/session/instance', { instanceId: northwind });
});
afterAll(async () => {
  for (const socket of open) if (socket.readyState === WebSocket.OPEN) socket.terminate();
  await t.close();
});

/** A presence socket that keeps the latest room it heard and can wait for a given one. */
class Listener {
  latest: string[] | null = null;
  #waiters: { want: string[]; resolve: () => void }[] = [];
  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { type: string; userIds: string[] };
      expect(message.type).toBe('presence');
      this.latest = message.userIds;
      for (const w of this.#waiters.splice(0)) {
        if (JSON.stringify(w.want) === JSON.stringify(message.userIds)) w.resolve();
        else this.#waiters.push(w);
      }
    });
  }
  hears(want: string[]): Promise<void> {
    if (JSON.stringify(this.latest) === JSON.stringify(want)) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ want, resolve }));
  }
}

function connect(client: TestClient, taskId: string, origin = TEST_ORIGIN): WebSocket {
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const socket = new WebSocket(`${base}/api/presence/socket?task=${taskId}`, {
    headers: { origin, cookie },
  });
  // A refused upgrade is an 'error' too: the test reads the status instead.
  socket.on('error', () => undefined);
  open.push(socket);
  return socket;
}

function refused(socket: WebSocket): Promise<number> {
  return new Promise((resolve) => {
    socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.on('open', () => resolve(101));
  });
}

describe('presence socket', () => {
  it('tells alice and bob that both have the task open, and when bob leaves', async () => {
    const taskId = taskArgs().id;
    await new SyncTestClient(alice).do('task.create', taskArgs({ id: taskId }));
    const a = new Listener(connect(alice, taskId));
    await a.hears([ids.alice]);
    const bobSocket = connect(bob, taskId);
    const b = new Listener(bobSocket);
    const both = [ids.alice, ids.bob].sort();
    await Promise.all([a.hears(both), b.hears(both)]);
    bobSocket.close();
    await a.hears([ids.alice]);
  });

  it('refuses another instance’s task, an unknown task and a foreign Origin before the upgrade', async () => {
    const taskId = taskArgs().id;
    await new SyncTestClient(alice).do('task.create', taskArgs({ id: taskId }));
    expect(await refused(connect(carol, taskId))).toBe(404);
    expect(await refused(connect(alice, randomUUID()))).toBe(404);
    expect(await refused(connect(alice, taskId, 'https://evil.example'))).toBe(403);
  });
});

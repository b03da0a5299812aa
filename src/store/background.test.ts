import { describe, expect, it } from 'vitest';
import { flushAllDatabases, shouldRetryLater } from './background';
import { SyncDb } from './db';
import { setMeta } from './meta';
import { writeMutation } from './mutate';
import { registerDatabase, type StorageOptions } from './registry';
import { FakeSyncServer } from './testing/fake-server';
import { fakeStorage, newTask, task } from './testing/fixtures';

async function localDatabase(storage: StorageOptions, name: string, mutations: number) {
  const db = new SyncDb(name, storage);
  await setMeta(db, 'userId', 'u1');
  for (let i = 1; i <= mutations; i++) {
    await writeMutation(db, { userId: 'u1' }, 'task.create', newTask(`${name}-t${i}`));
  }
  db.close();
  await registerDatabase(
    { name, userId: 'u1', instanceId: name, lastUsedAt: new Date().toISOString() },
    storage,
  );
}

describe('service worker flush', () => {
  it('flushes every database with waiting changes, and pulls only where the server took them', async () => {
    const storage = fakeStorage();
    await localDatabase(storage, 'waiting', 2);
    await localDatabase(storage, 'idle', 0);
    const server = new FakeSyncServer('u1');
    server.write({ kind: 'task', op: 'put', value: task({ id: 'from-server' }) });

    const asked: string[] = [];
    const reports = await flushAllDatabases((instanceId) => {
      asked.push(instanceId);
      return server;
    }, storage);
    // Each database's flush names its own instance (the server refuses a session elsewhere).
    expect(asked).toContain('waiting');
    expect(reports).toEqual(
      expect.arrayContaining([
        { name: 'waiting', outcome: { status: 'done', acked: 2, rejected: 0 } },
        { name: 'idle', outcome: null },
      ]),
    );
    expect(server.applied.map((m) => m.seq)).toEqual([1, 2]);
    expect(server.pulls).toEqual([null]);
    const waiting = new SyncDb('waiting', storage);
    expect(await waiting.outbox.count()).toBe(0);
    expect(await waiting.tasks.get('from-server')).toBeDefined();
    waiting.close();
    expect(shouldRetryLater(reports)).toBe(false);
  });

  it('asks the browser to retry while the server cannot be reached, and never pulls then', async () => {
    const storage = fakeStorage();
    await localDatabase(storage, 'waiting', 1);
    const server = new FakeSyncServer('u1');
    server.failNext('push', { kind: 'network', status: 0, message: 'offline' });
    const reports = await flushAllDatabases(() => server, storage);
    expect(shouldRetryLater(reports)).toBe(true);
    expect(server.pulls).toEqual([]);
    const db = new SyncDb('waiting', storage);
    expect(await db.outbox.count()).toBe(1);
    db.close();
  });

  it('stops without pulling when the session moved to another instance, keeping the outbox', async () => {
    const storage = fakeStorage();
    await localDatabase(storage, 'waiting', 1);
    const server = new FakeSyncServer('u1');
    server.failNext('push', {
      kind: 'instance_changed',
      status: 409,
      message: 'This session is now in another instance.',
    });
    const reports = await flushAllDatabases(() => server, storage);
    expect(reports[0]?.outcome?.status).toBe('instanceChanged');
    expect(shouldRetryLater(reports)).toBe(false);
    expect(server.pulls).toEqual([]);
    const db = new SyncDb('waiting', storage);
    expect(await db.outbox.count()).toBe(1);
    db.close();
  });
});

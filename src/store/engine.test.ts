// liveQuery runs only where a global indexedDB exists (Dexie issue 2046); the data itself
// still lives in each test's own fake factory.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSyncEngine, type SyncEngine, type SyncState } from './engine';
import { syncLockName, withSyncLock } from './lock';
import { listDatabases } from './registry';
import { FakeEnvironment } from './testing/fake-environment';
import { FakeSyncServer } from './testing/fake-server';
import { fakeStorage, newTask, steppingClock, task } from './testing/fixtures';

const engines: SyncEngine[] = [];
afterEach(() => {
  for (const engine of engines.splice(0)) engine.close();
});

function setup(options: { online?: boolean } = {}) {
  const server = new FakeSyncServer('u1');
  const env = new FakeEnvironment(options.online ?? true);
  const storage = fakeStorage();
  const engine = createSyncEngine({
    userId: 'u1',
    instanceId: 'i1',
    transport: server,
    environment: env,
    storage,
    now: steppingClock(),
    random: () => 1,
  });
  engines.push(engine);
  return { server, env, storage, engine };
}

/** Resolves when the engine's state matches (state flows in from liveQuery, asynchronously). */
function stateWhere(engine: SyncEngine, match: (state: SyncState) => boolean): Promise<SyncState> {
  return new Promise((resolve, reject) => {
    const timeout = setTimeout(
      () => reject(new Error(`state never matched: ${JSON.stringify(engine.state.get())}`)),
      2000,
    );
    const stop = engine.state.subscribe((state) => {
      if (!match(state)) return;
      clearTimeout(timeout);
      queueMicrotask(() => stop());
      resolve(state);
    });
  });
}

/** Lets fire-and-forget work (a flush after mutate) run to its end. */
async function idle(engine: SyncEngine): Promise<void> {
  await engine.flushNow();
  await engine.pullNow();
}

describe('sync engine', () => {
  it('bootstraps on start and registers its database', async () => {
    const { server, engine, storage } = setup();
    server.write({ kind: 'task', op: 'put', value: task({ id: 't1' }) });
    await engine.start();
    const state = await stateWhere(engine, (s) => s.bootstrapped);
    expect(state).toMatchObject({
      online: true,
      pending: 0,
      rejected: 0,
      authRequired: false,
      error: null,
    });
    expect(state.lastSyncAt).not.toBeNull();
    expect(await engine.db.tasks.count()).toBe(1);
    expect(await listDatabases(storage)).toMatchObject([
      { name: 'switchboard-u1-i1', userId: 'u1', instanceId: 'i1' },
    ]);
    // The search words the bootstrap left out follow on their own.
    await vi.waitFor(async () => {
      expect(await engine.db.meta.get('wordsPending')).toBeUndefined();
      expect((await engine.db.tasks.get('t1'))?.words).not.toHaveLength(0);
    });
  });

  it('looks again a second later when another flusher held the lock', async () => {
    const { server, env, engine } = setup();
    await engine.start();
    // Another tab (or the service worker) is flushing this database right now.
    let release = () => {};
    const other = withSyncLock(
      syncLockName(engine.name),
      () => new Promise<void>((resolve) => (release = resolve)),
    );
    await engine.mutate('task.create', newTask('t1', 'Call back'));
    await engine.flushNow();
    expect(server.applied).toHaveLength(0);
    release();
    await other;
    const retry = [...env.timers.values()].find((timer) => timer.ms === 1000);
    expect(retry).toBeDefined();
    retry?.run();
    await idle(engine);
    expect(server.applied.map((m) => m.name)).toEqual(['task.create']);
  });

  it('flushes after a mutation, then pulls the server’s version', async () => {
    const { server, env, engine } = setup();
    await engine.start();
    await engine.mutate('task.create', newTask('t1', 'Call back'));
    expect(env.backgroundSyncRequests).toBe(1);
    await idle(engine);
    expect(server.applied.map((m) => m.name)).toEqual(['task.create']);
    await stateWhere(engine, (s) => s.pending === 0);
    expect((await engine.db.tasks.get('t1'))?.createdById).toBe('u1');
  });

  it('offline: keeps changes waiting and sends them when the network is back', async () => {
    const { server, env, engine } = setup({ online: false });
    await engine.start();
    await engine.mutate('task.create', newTask('t1'));
    await engine.mutate('task.setStatus', { taskId: 't1', status: 'resolved' });
    await stateWhere(engine, (s) => s.pending === 2 && !s.online);
    expect(server.pushes).toHaveLength(0);
    expect(server.pulls).toHaveLength(0);

    env.setOnline(true);
    await idle(engine);
    await stateWhere(engine, (s) => s.pending === 0 && s.online);
    expect(server.applied.map((m) => m.seq)).toEqual([1, 2]);
    expect(server.get('task', 't1')?.status).toBe('resolved');
  });

  it('backs off 1 s, 2 s, 4 s… while the server fails, and starts over after a success', async () => {
    const { server, env, engine } = setup();
    await engine.start();
    server.failNext('push', { kind: 'server', status: 503, message: 'Down for maintenance' }, 3);
    await engine.mutate('task.create', newTask('t1'));
    await idle(engine);
    expect(env.delays).toEqual([1000]);
    expect(engine.state.get().error).toBe('Down for maintenance');
    env.fireTimers();
    await idle(engine);
    expect(env.delays).toEqual([2000]);
    env.fireTimers();
    await idle(engine);
    expect(env.delays).toEqual([4000]);
    env.fireTimers();
    await idle(engine);
    expect(env.delays).toEqual([]);
    expect(server.applied).toHaveLength(1);
    expect(engine.state.get().error).toBeNull();

    server.failNext('push', { kind: 'network', status: 0, message: 'offline' });
    await engine.mutate('task.setStatus', { taskId: 't1', status: 'pending' });
    await idle(engine);
    expect(env.delays).toEqual([1000]);
  });

  it('caps the backoff at 60 s', async () => {
    const { server, env, engine } = setup();
    await engine.start();
    server.failNext('push', { kind: 'network', status: 0, message: 'offline' }, 12);
    await engine.mutate('task.create', newTask('t1'));
    await idle(engine);
    for (let i = 0; i < 10; i++) {
      env.fireTimers();
      await idle(engine);
    }
    expect(env.delays).toEqual([60_000]);
  });

  it('a 401 pauses syncing with the outbox intact until the user signs in again', async () => {
    const { server, env, engine } = setup();
    await engine.start();
    server.failNext('push', { kind: 'unauthenticated', status: 401, message: 'Sign in' });
    await engine.mutate('task.create', newTask('t1'));
    await idle(engine);
    await stateWhere(engine, (s) => s.authRequired && s.pending === 1);
    expect(env.delays).toEqual([]);
    await engine.mutate('task.create', newTask('t2'));
    await idle(engine);
    expect(server.pushes).toHaveLength(1);

    await engine.resume();
    await stateWhere(engine, (s) => !s.authRequired && s.pending === 0);
    expect(server.applied.map((m) => m.seq)).toEqual([1, 2]);
  });

  it('pulls on a poke and when the page becomes visible', async () => {
    const { server, env, engine } = setup();
    await engine.start();
    server.write({ kind: 'task', op: 'put', value: task({ id: 'from-bob' }) });
    server.poke();
    await idle(engine);
    expect(await engine.db.tasks.get('from-bob')).toBeDefined();

    server.write({ kind: 'task', op: 'put', value: task({ id: 'later' }) });
    env.becomeVisible();
    await idle(engine);
    expect(await engine.db.tasks.get('later')).toBeDefined();
  });

  it('retries a rejected change as a new mutation, or discards it', async () => {
    const { server, engine } = setup();
    await engine.start();
    server.refuse = (m) =>
      m.name === 'filter.save'
        ? { reason: 'conflict', message: 'You already have a filter with this name.' }
        : null;
    await engine.mutate('filter.save', { id: 'f1', name: 'Mine', shared: false, query: {} });
    await engine.mutate('filter.save', { id: 'f2', name: 'Other', shared: false, query: {} });
    await idle(engine);
    await stateWhere(engine, (s) => s.rejected === 2 && s.pending === 0);
    expect(await engine.db.filters.count()).toBe(0);

    server.refuse = () => null;
    const rejected = await engine.db.rejected.toArray();
    const first = rejected.find(
      (row) =>
        row.mutation.args && 'name' in row.mutation.args && row.mutation.args.name === 'Mine',
    );
    const retried = await engine.retryRejected(first?.id ?? '');
    expect(retried?.seq).toBe(3);
    expect(await engine.db.filters.get('f1')).toMatchObject({ name: 'Mine' });
    await idle(engine);
    await stateWhere(engine, (s) => s.rejected === 1 && s.pending === 0);
    expect(server.get('filter', 'f1')?.name).toBe('Mine');

    const other = (await engine.db.rejected.toArray())[0];
    await engine.discardRejected(other?.id ?? '');
    await stateWhere(engine, (s) => s.rejected === 0);
    expect(server.get('filter', 'f2')).toBeUndefined();
  });

  it('loads an opened task’s comments', async () => {
    const { server, engine } = setup();
    await engine.start();
    server.write({
      kind: 'comment',
      op: 'put',
      value: {
        id: 'c1',
        taskId: 't9',
        authorId: 'u2',
        body: 'hi',
        attachments: [],
        createdAt: '2025-01-01T00:00:00Z',
      },
    });
    expect(await engine.openTask('t9')).toBe(true);
    expect(await engine.db.comments.get('c1')).toBeDefined();
  });

  it('stop removes every listener, the poke socket and the retry timer', async () => {
    const { server, env, engine } = setup();
    await engine.start();
    server.failNext('push', { kind: 'network', status: 0, message: 'offline' });
    await engine.mutate('task.create', newTask('t1'));
    await idle(engine);
    expect(env.timers.size).toBe(1);
    expect(env.onlineListeners.size).toBe(1);
    expect(server.pokeListeners).toBe(1);
    engine.stop();
    expect(env.timers.size).toBe(0);
    expect(env.onlineListeners.size).toBe(0);
    expect(env.visibleListeners.size).toBe(0);
    expect(server.pokeListeners).toBe(0);
  });

  it('wipe deletes the local data and forgets the database', async () => {
    const { engine, storage } = setup();
    await engine.start();
    await engine.mutate('task.create', newTask('t1'));
    await engine.wipe();
    expect(await listDatabases(storage)).toEqual([]);
    const again = createSyncEngine({
      userId: 'u1',
      instanceId: 'i1',
      transport: new FakeSyncServer(),
      environment: new FakeEnvironment(false),
      storage,
    });
    engines.push(again);
    expect(await again.db.tasks.count()).toBe(0);
    expect(await again.db.outbox.count()).toBe(0);
  });
});

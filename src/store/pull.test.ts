import { describe, expect, it } from 'vitest';
import type { Change } from '../domain';
import { SyncDb } from './db';
import { flushOutbox } from './flush';
import { getMeta, setMeta } from './meta';
import { writeMutation } from './mutate';
import { loadTaskItems, pullChanges } from './pull';
import { FakeSyncServer } from './testing/fake-server';
import { openTestDb, steppingClock, task } from './testing/fixtures';

const at = new Date('2025-03-01T12:00:00.000Z');

function tasks(count: number): Change[] {
  return Array.from({ length: count }, (_, i) => ({
    kind: 'task',
    op: 'put',
    value: task({ id: `t${i}` }),
  }));
}

describe('pull', () => {
  it('pages through the bootstrap, storing the cursor and the sync time', async () => {
    const { db } = openTestDb();
    const server = new FakeSyncServer();
    server.pageSize = 100;
    server.write(...tasks(250));
    const outcome = await pullChanges({ db, transport: server, userId: 'u1', now: () => at });
    expect(outcome).toEqual({ status: 'done', pages: 3, changes: 250 });
    expect(server.pulls).toEqual([null, '100', '200']);
    expect(await db.tasks.count()).toBe(250);
    expect(await getMeta(db, 'cursor')).toBe('250');
    expect(await getMeta(db, 'lastSyncAt')).toBe(at.toISOString());
    expect(await getMeta(db, 'bootstrapped')).toBe(true);
  });

  it('asks for the next page before writing the current one', async () => {
    const { db } = openTestDb();
    const server = new FakeSyncServer();
    server.pageSize = 100;
    server.write(...tasks(250));
    const storedWhenAsked: number[] = [];
    const transport = Object.create(server) as FakeSyncServer;
    transport.pull = async (cursor) => {
      storedWhenAsked.push(await db.tasks.count());
      return server.pull(cursor);
    };
    await pullChanges({ db, transport, userId: 'u1', now: () => at });
    // Page 2 was requested while page 1 was still being written (nothing stored yet), and so on.
    expect(storedWhenAsked).toEqual([0, 0, 100]);
    expect(await db.tasks.count()).toBe(250);
  });

  it('goes on from the stored cursor after a failure and after a reopen', async () => {
    const { db, storage, name } = openTestDb();
    const server = new FakeSyncServer();
    server.pageSize = 10;
    server.write(...tasks(25));
    server.failNext('pull', { kind: 'network', status: 0, message: 'offline' });
    server.failNext('pull', { kind: 'network', status: 0, message: 'offline' });
    // The first page fails: nothing stored.
    expect(await pullChanges({ db, transport: server, userId: 'u1' })).toMatchObject({
      status: 'failed',
      pages: 0,
    });
    expect(await getMeta(db, 'cursor')).toBeUndefined();
    server.pulls.length = 0;
    expect(await pullChanges({ db, transport: server, userId: 'u1', maxPages: 1 })).toMatchObject({
      status: 'failed',
    });
    expect(await pullChanges({ db, transport: server, userId: 'u1', maxPages: 1 })).toMatchObject({
      status: 'done',
      pages: 1,
    });
    expect(await getMeta(db, 'bootstrapped')).toBeUndefined();
    db.close();

    const reopened = new SyncDb(name, storage);
    await pullChanges({ db: reopened, transport: server, userId: 'u1' });
    expect(server.pulls).toEqual([null, null, '10', '20']);
    expect(await reopened.tasks.count()).toBe(25);
    expect(await getMeta(reopened, 'bootstrapped')).toBe(true);
  });

  it('applies deletes and later versions of the same entity', async () => {
    const { db } = openTestDb();
    const server = new FakeSyncServer();
    server.write(...tasks(3));
    await pullChanges({ db, transport: server, userId: 'u1' });
    server.write(
      { kind: 'task', op: 'put', value: task({ id: 't1', title: 'Renamed' }) },
      { kind: 'task', op: 'delete', id: 't2' },
    );
    await pullChanges({ db, transport: server, userId: 'u1' });
    expect((await db.tasks.get('t1'))?.title).toBe('Renamed');
    expect(await db.tasks.get('t2')).toBeUndefined();
    expect(await db.tasks.count()).toBe(2);
    expect(server.pulls.at(-1)).toBe('3');
  });

  it('rebases: a pulled row never hides a change still waiting in the outbox', async () => {
    const { db } = openTestDb();
    const server = new FakeSyncServer();
    server.write({
      kind: 'task',
      op: 'put',
      value: task({ id: 't1', status: 'open', title: 'Old' }),
    });
    await pullChanges({ db, transport: server, userId: 'u1' });

    await writeMutation(db, { userId: 'u1', now: steppingClock() }, 'task.setStatus', {
      taskId: 't1',
      status: 'resolved',
    });
    await writeMutation(db, { userId: 'u1', now: steppingClock() }, 'comment.add', {
      id: 'c1',
      taskId: 't1',
      body: 'done',
      attachments: [],
    });
    // A colleague renames the task meanwhile; the server's row still says open.
    server.write({
      kind: 'task',
      op: 'put',
      value: task({ id: 't1', status: 'open', title: 'New' }),
    });
    await pullChanges({ db, transport: server, userId: 'u1' });
    expect(await db.tasks.get('t1')).toMatchObject({ title: 'New', status: 'resolved' });
    expect(await db.comments.get('c1')).toMatchObject({ body: 'done' });

    await flushOutbox({ db, transport: server, userId: 'u1' });
    await pullChanges({ db, transport: server, userId: 'u1' });
    expect(await db.tasks.get('t1')).toMatchObject({ title: 'New', status: 'resolved' });
    expect(await db.outbox.count()).toBe(0);
  });

  it('drops a page when another context moved the cursor while it was on the way', async () => {
    const { db } = openTestDb();
    const server = new FakeSyncServer();
    server.write(...tasks(2));
    const racing = Object.create(server) as FakeSyncServer;
    let raced = false;
    racing.pull = async (cursor) => {
      const answer = await server.pull(cursor);
      if (!raced) {
        raced = true;
        // Another tab stored a newer cursor first.
        await setMeta(db, 'cursor', '2');
      }
      return answer;
    };
    const outcome = await pullChanges({ db, transport: racing, userId: 'u1' });
    expect(outcome).toMatchObject({ status: 'done', pages: 1, changes: 0 });
    expect(await db.tasks.count()).toBe(0);
    expect(await getMeta(db, 'cursor')).toBe('2');
  });

  it('loads an opened task’s comments and log without touching the cursor', async () => {
    const { db } = openTestDb();
    const server = new FakeSyncServer();
    server.write(
      {
        kind: 'comment',
        op: 'put',
        value: {
          id: 'c1',
          taskId: 't1',
          authorId: 'u2',
          body: 'hi',
          attachments: [],
          createdAt: '2025-01-01T00:00:00Z',
        },
      },
      {
        kind: 'logItem',
        op: 'put',
        value: {
          id: 'l1',
          taskId: 't1',
          actorId: 'u2',
          kind: 'created',
          data: {},
          createdAt: '2025-01-01T00:00:00Z',
        },
      },
      {
        kind: 'comment',
        op: 'put',
        value: {
          id: 'c2',
          taskId: 't2',
          authorId: 'u2',
          body: 'other',
          attachments: [],
          createdAt: '2025-01-01T00:00:00Z',
        },
      },
    );
    expect(await loadTaskItems({ db, transport: server, userId: 'u1', taskId: 't1' })).toEqual({
      ok: true,
    });
    expect((await db.comments.toArray()).map((c) => c.id)).toEqual(['c1']);
    expect((await db.logItems.toArray()).map((l) => l.id)).toEqual(['l1']);
    expect(await getMeta(db, 'cursor')).toBeUndefined();
  });
});

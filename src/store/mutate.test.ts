import { afterEach, describe, expect, it, vi } from 'vitest';
import { SyncDb } from './db';
import { getMeta } from './meta';
import { writeMutation } from './mutate';
import { mutators } from './mutators';
import { newTask, openTestDb, steppingClock, task } from './testing/fixtures';
import { toStoredTask } from './stored';

const ctx = { userId: 'u1', now: steppingClock() };

afterEach(() => {
  vi.restoreAllMocks();
});

describe('mutate', () => {
  it('gives mutations seq 1, 2, 3 in the order written, and goes on after a reopen', async () => {
    const { db, storage, name } = openTestDb();
    await writeMutation(db, ctx, 'task.create', newTask('t1'));
    await writeMutation(db, ctx, 'task.setStatus', { taskId: 't1', status: 'pending' });
    await writeMutation(db, ctx, 'comment.add', {
      id: 'c1',
      taskId: 't1',
      body: 'hi',
      attachments: [],
    });
    db.close();

    const reopened = new SyncDb(name, storage);
    await writeMutation(reopened, ctx, 'filter.delete', { id: 'f1' });
    const rows = await reopened.outbox.orderBy('seq').toArray();
    expect(rows.map((row) => [row.seq, row.name])).toEqual([
      [1, 'task.create'],
      [2, 'task.setStatus'],
      [3, 'comment.add'],
      [4, 'filter.delete'],
    ]);
    expect(new Set(rows.map((row) => row.id)).size).toBe(4);
    expect(rows[1]?.args).toEqual({ taskId: 't1', status: 'pending' });
    expect(await getMeta(reopened, 'nextSeq')).toBe(5);
  });

  it('hands out distinct seqs to mutations written at the same time', async () => {
    const { db } = openTestDb();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        writeMutation(db, ctx, 'filter.delete', { id: `f${i}` }),
      ),
    );
    const seqs = (await db.outbox.toArray()).map((row) => row.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('writes the optimistic effect, the outbox row and the attachment bytes together', async () => {
    const { db } = openTestDb();
    await db.tasks.put(toStoredTask(task({ id: 't1' })));
    const ref = { id: 'a1', name: 'note.txt', size: 5, type: 'text/plain' };
    await writeMutation(
      db,
      ctx,
      'comment.add',
      { id: 'c1', taskId: 't1', body: 'see file', attachments: [ref] },
      { attachments: [{ ref, blob: new Blob(['hello'], { type: 'text/plain' }) }] },
    );
    expect(await db.comments.get('c1')).toMatchObject({ authorId: 'u1', body: 'see file' });
    expect(await db.outbox.count()).toBe(1);
    const stored = await db.attachments.get('a1');
    expect(stored).toMatchObject({ taskId: 't1', name: 'note.txt', size: 5 });
    expect(await stored?.blob.text()).toBe('hello');
  });

  it('writes nothing when the effect throws halfway, and does not use up the seq', async () => {
    const { db } = openTestDb();
    await db.tasks.put(toStoredTask(task({ id: 't1', status: 'open' })));
    vi.spyOn(mutators, 'task.setStatus').mockImplementation(async (tx) => {
      await tx.tasks.update('t1', { status: 'resolved' });
      throw new Error('effect failed');
    });
    const ref = { id: 'a1', name: 'x', size: 1, type: 'text/plain' };
    await expect(
      writeMutation(
        db,
        ctx,
        'task.setStatus',
        { taskId: 't1', status: 'resolved' },
        { attachments: [{ ref, blob: new Blob(['x']) }] },
      ),
    ).rejects.toThrow('effect failed');
    expect((await db.tasks.get('t1'))?.status).toBe('open');
    expect(await db.outbox.count()).toBe(0);
    expect(await db.attachments.count()).toBe(0);

    vi.restoreAllMocks();
    const next = await writeMutation(db, ctx, 'task.setStatus', {
      taskId: 't1',
      status: 'pending',
    });
    expect(next.seq).toBe(1);
  });
});

describe('optimistic effects', () => {
  it('task changes move the task in its indexes and bump updatedAt', async () => {
    const { db } = openTestDb();
    await db.tasks.put(toStoredTask(task({ id: 't1', assigneeId: null })));
    const m = await writeMutation(db, ctx, 'task.assign', { taskId: 't1', assigneeId: 'u1' });
    const stored = await db.tasks.get('t1');
    expect(stored?.assigneeId).toBe('u1');
    expect(stored?.assigneeKey).toBe('u1');
    expect(stored?.updatedAt).toBe(m.createdAt);
  });

  it('an older agent status never overwrites a newer one', async () => {
    const { db } = openTestDb();
    await writeMutation(db, ctx, 'agentStatus.set', {
      status: 'break',
      at: '2025-03-01T10:00:00Z',
    });
    await writeMutation(db, ctx, 'agentStatus.set', {
      status: 'ready',
      at: '2025-03-01T09:00:00Z',
    });
    expect(await db.agentStatuses.get('u1')).toEqual({
      userId: 'u1',
      status: 'break',
      since: '2025-03-01T10:00:00Z',
    });
  });

  it('saving a filter again keeps its owner and creation time', async () => {
    const { db } = openTestDb();
    await db.filters.put({
      id: 'f1',
      ownerId: 'u2',
      name: 'Old',
      shared: true,
      query: {},
      createdAt: '2025-01-01T00:00:00Z',
      updatedAt: '2025-01-01T00:00:00Z',
    });
    await writeMutation(db, ctx, 'filter.save', {
      id: 'f1',
      name: 'New',
      shared: false,
      query: { status: 'open' },
    });
    expect(await db.filters.get('f1')).toMatchObject({
      ownerId: 'u2',
      name: 'New',
      createdAt: '2025-01-01T00:00:00Z',
      query: { status: 'open' },
    });
    await writeMutation(db, ctx, 'filter.delete', { id: 'f1' });
    expect(await db.filters.get('f1')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { applyServerChanges } from './pull';
import { flushOutbox } from './flush';
import { ensureClientId } from './meta';
import { writeMutation } from './mutate';
import { FakeSyncServer } from './testing/fake-server';
import { newTask, openTestDb, steppingClock, task } from './testing/fixtures';

function setup() {
  const { db } = openTestDb();
  const server = new FakeSyncServer('u1');
  const ctx = { userId: 'u1', now: steppingClock() };
  const flush = (batchSize?: number) =>
    flushOutbox({ db, transport: server, userId: 'u1', ...(batchSize ? { batchSize } : {}) });
  const seqsIn = async () => (await db.outbox.orderBy('seq').toArray()).map((row) => row.seq);
  return { db, server, ctx, flush, seqsIn };
}

describe('flush', () => {
  it('sends the outbox in seq order, in batches, and empties it once acknowledged', async () => {
    const { db, server, ctx, flush, seqsIn } = setup();
    for (let i = 1; i <= 5; i++) await writeMutation(db, ctx, 'task.create', newTask(`t${i}`));
    const outcome = await flush(2);
    expect(outcome).toEqual({ status: 'done', acked: 5, rejected: 0 });
    expect(server.pushes.map((push) => push.mutations.map((m) => m.seq))).toEqual([
      [1, 2],
      [3, 4],
      [5],
    ]);
    expect(server.pushes[0]?.clientId).toBe(await ensureClientId(db));
    expect(server.applied.map((m) => m.args)).toEqual([1, 2, 3, 4, 5].map((i) => newTask(`t${i}`)));
    expect(await seqsIn()).toEqual([]);
  });

  it('keeps a mutation whose result did not come back, and stops instead of looping', async () => {
    const { db, server, ctx, flush, seqsIn } = setup();
    for (let i = 1; i <= 3; i++) await writeMutation(db, ctx, 'task.create', newTask(`t${i}`));
    server.answer = (results) => results.filter((result) => result.seq !== 2);
    const outcome = await flush();
    expect(outcome.status).toBe('retry');
    expect(await seqsIn()).toEqual([2]);
    // Answered fully the next time: the server replays its recorded result, applies nothing again.
    server.answer = (results) => results;
    expect(await flush()).toMatchObject({ status: 'done', acked: 1 });
    expect(await seqsIn()).toEqual([]);
    expect(server.applied).toHaveLength(3);
  });

  it('takes a duplicated result once', async () => {
    const { db, server, ctx, flush } = setup();
    await writeMutation(db, ctx, 'task.create', newTask('t1'));
    await writeMutation(db, ctx, 'task.setStatus', { taskId: 't1', status: 'pending' });
    server.answer = (results) => [...results, ...results];
    expect(await flush()).toEqual({ status: 'done', acked: 2, rejected: 0 });
    expect(await db.rejected.count()).toBe(0);
  });

  it('moves a rejected mutation to `rejected`, undoes it with the server state, keeps later pending effects', async () => {
    const { db, server, ctx, flush, seqsIn } = setup();
    const serverTask = task({ id: 't1', assigneeId: 'u2', status: 'open', title: 'Printer' });
    server.write({ kind: 'task', op: 'put', value: serverTask });
    await applyServerChanges(db, 'u1', [{ kind: 'task', op: 'put', value: serverTask }]);

    const assign = await writeMutation(db, ctx, 'task.assign', { taskId: 't1', assigneeId: 'u1' });
    await writeMutation(db, ctx, 'task.setStatus', { taskId: 't1', status: 'pending' });
    expect(await db.tasks.get('t1')).toMatchObject({ assigneeId: 'u1', status: 'pending' });

    // The status change's result is lost on the way: it stays pending, its effect must survive the undo.
    server.answer = (results) => results.filter((result) => result.seq === 1);
    const outcome = await flush();
    expect(outcome).toMatchObject({ rejected: 1 });
    expect(await seqsIn()).toEqual([2]);
    const [rejected] = await db.rejected.toArray();
    expect(rejected).toMatchObject({
      id: assign.id,
      reason: 'conflict',
      message: 'A colleague already has this task.',
    });
    expect(rejected?.mutation).toEqual(assign);
    expect(await db.tasks.get('t1')).toMatchObject({
      assigneeId: 'u2',
      assigneeKey: 'u2',
      status: 'pending',
    });
  });

  it('a rejected create disappears locally (the server says it is gone)', async () => {
    const { db, server, ctx, flush } = setup();
    server.refuse = (m) =>
      m.name === 'task.create' ? { reason: 'invalid', message: 'No title.' } : null;
    await writeMutation(db, ctx, 'task.create', newTask('t1', ''));
    expect(await db.tasks.get('t1')).toBeDefined();
    await flush();
    expect(await db.tasks.get('t1')).toBeUndefined();
    expect((await db.rejected.toArray())[0]?.reason).toBe('invalid');
  });

  it('on a gap, drops what the server already has and sends the rest', async () => {
    const { db, server, ctx, flush, seqsIn } = setup();
    for (let i = 1; i <= 3; i++) await writeMutation(db, ctx, 'task.create', newTask(`t${i}`));
    const clientId = await ensureClientId(db);
    // The server had applied 1 and 2 before its answer was lost.
    await server.push({ clientId, mutations: (await db.outbox.toArray()).slice(0, 2) });
    server.failNext('push', { kind: 'gap', status: 409, message: 'gap', expectedSeq: 3 });
    expect(await flush()).toMatchObject({ status: 'done' });
    expect(await seqsIn()).toEqual([]);
    expect(server.applied.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('reports a gap it cannot fill instead of dropping anything', async () => {
    const { db, ctx, flush, seqsIn } = setup();
    for (let i = 1; i <= 3; i++) await writeMutation(db, ctx, 'task.create', newTask(`t${i}`));
    await db.outbox.delete(1);
    const outcome = await flush();
    expect(outcome).toMatchObject({ status: 'failed' });
    expect(outcome.status === 'failed' && outcome.message).toMatch(/expects change 1/);
    expect(await seqsIn()).toEqual([2, 3]);
  });

  it('stops on 401 with the outbox intact', async () => {
    const { db, server, ctx, flush, seqsIn } = setup();
    await writeMutation(db, ctx, 'task.create', newTask('t1'));
    await writeMutation(db, ctx, 'task.create', newTask('t2'));
    server.failNext('push', { kind: 'unauthenticated', status: 401, message: 'Sign in' });
    expect(await flush()).toEqual({ status: 'authRequired', acked: 0, rejected: 0 });
    expect(await seqsIn()).toEqual([1, 2]);
    expect(server.pushes).toHaveLength(1);
    expect(server.applied).toHaveLength(0);
  });

  it('keeps order through network failures and server errors', async () => {
    const { db, server, ctx, flush, seqsIn } = setup();
    await writeMutation(db, ctx, 'task.create', newTask('t1'));
    server.failNext('push', { kind: 'network', status: 0, message: 'offline' });
    expect(await flush()).toMatchObject({ status: 'retry', message: 'offline' });
    await writeMutation(db, ctx, 'task.setStatus', { taskId: 't1', status: 'resolved' });
    server.failNext('push', { kind: 'server', status: 503, message: 'down' });
    expect(await flush()).toMatchObject({ status: 'retry', message: 'down' });
    expect(await seqsIn()).toEqual([1, 2]);
    expect(await flush()).toMatchObject({ status: 'done', acked: 2 });
    expect(server.applied.map((m) => m.name)).toEqual(['task.create', 'task.setStatus']);
    expect(server.get('task', 't1')?.status).toBe('resolved');
  });

  it('halves the batch when the server finds the push too large', async () => {
    const { db, server, ctx, flush } = setup();
    for (let i = 1; i <= 4; i++) await writeMutation(db, ctx, 'task.create', newTask(`t${i}`));
    server.failNext('push', { kind: 'too_large', status: 413, message: 'big' });
    expect(await flush()).toMatchObject({ status: 'done', acked: 4 });
    expect(server.pushes.map((push) => push.mutations.length)).toEqual([4, 2, 2]);
  });

  it('uploads attachment bytes before the comment, once', async () => {
    const { db, server, ctx, flush } = setup();
    const ref = { id: 'a1', name: 'log.txt', size: 3, type: 'text/plain' };
    await writeMutation(
      db,
      ctx,
      'comment.add',
      { id: 'c1', taskId: 't1', body: 'log attached', attachments: [ref] },
      { attachments: [{ ref, blob: new Blob(['abc']) }] },
    );
    server.failNext('push', { kind: 'network', status: 0, message: 'offline' });
    expect((await flush()).status).toBe('retry');
    expect(server.uploads).toEqual([{ ref, size: 3, taskId: 't1' }]);
    expect(await db.attachments.count()).toBe(0);
    expect(await flush()).toMatchObject({ status: 'done', acked: 1 });
    expect(server.uploads).toHaveLength(1);
    expect(server.get('comment', 'c1')?.attachments).toEqual([ref]);
  });

  it('a file the server refuses as too large rejects its comment with that reason; the seq still advances', async () => {
    const { db, server, ctx, flush } = setup();
    server.maxAttachmentBytes = 2;
    const ref = { id: 'a1', name: 'big.bin', size: 3, type: 'application/octet-stream' };
    await writeMutation(
      db,
      ctx,
      'comment.add',
      { id: 'c1', taskId: 't1', body: '', attachments: [ref] },
      { attachments: [{ ref, blob: new Blob(['abc']) }] },
    );
    await writeMutation(db, ctx, 'filter.save', {
      id: 'f1',
      name: 'Mine',
      shared: false,
      query: {},
    });
    expect(await flush()).toEqual({ status: 'done', acked: 1, rejected: 1 });
    const [rejected] = await db.rejected.toArray();
    expect(rejected?.message).toBe('“big.bin” is larger than the server accepts.');
    expect(await db.comments.get('c1')).toBeUndefined();
    expect(await db.attachments.count()).toBe(0);
    expect(server.get('filter', 'f1')?.name).toBe('Mine');
  });
});

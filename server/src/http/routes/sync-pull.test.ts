import { randomUUID } from 'node:crypto';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pull, type Change } from '../../sync/index.js';
import { deletes, puts, SyncTestClient, taskArgs } from '../../test-support/sync.js';
import { tokenFromMail } from '../../test-support/mailbox.js';
import {
  createTestApp,
  type MeBody,
  type TestApp,
  type TestClient,
} from '../../test-support/test-app.js';

// GET /api/sync/pull: the bootstrap in pages, then every visible change since the cursor.
let t: TestApp;
let alice: TestClient; // Demo agent
let bob: TestClient; // Demo agent
let carol: TestClient; // Northwind agent here (Demo team leader elsewhere)
let aliceMe: MeBody;
let demoId: string;
let northwindId: string;

beforeAll(async () => {
  t = await createTestApp({ seed: true });
  alice = t.client();
  aliceMe = await alice.signIn('alice@demo.test');
  bob = t.client();
  await bob.signIn('bob@demo.test');
  carol = t.client();
  const carolMe = await carol.signIn('carol@demo.test');
  const id = (name: string) =>
    carolMe.memberships.find((m) => m.instanceName === name)?.instanceId ?? '';
  demoId = id('Demo');
  northwindId = id('Northwind');
  await carol.post('/api/session/instance', { instanceId: northwindId });
});
afterAll(async () => {
  await t.close();
});

const keyOf = (c: Change) =>
  `${c.kind}:${c.op === 'put' ? ('id' in c.value ? c.value.id : c.value.userId) : c.id}`;

describe('bootstrap', () => {
  it('brings members, statuses, contacts, shared filters, open work and my recent tasks', async () => {
    const { changes, pages } = await new SyncTestClient(alice).pullAll();
    expect(pages).toBe(1);
    expect(
      puts(changes, 'member')
        .map((m) => m.email)
        .sort(),
    ).toEqual(['admin@demo.test', 'alice@demo.test', 'bob@demo.test', 'carol@demo.test']);
    expect(puts(changes, 'agentStatus')).toHaveLength(4);
    expect(puts(changes, 'contact')).toHaveLength(40);
    expect(
      puts(changes, 'filter')
        .map((f) => f.name)
        .sort(),
    ).toEqual(['Open and urgent', 'Unassigned']);
    const tasks = puts(changes, 'task');
    const rows = await t.db
      .selectFrom('tasks')
      .selectAll()
      .where('instance_id', '=', demoId)
      .execute();
    const since = new Date(t.clock.now().getTime() - 30 * 86_400_000).toISOString();
    const expected = rows.filter(
      (r) =>
        r.status !== 'resolved' || (r.assignee_id === aliceMe.user.id && r.updated_at >= since),
    );
    expect(tasks.map((x) => x.id).sort()).toEqual(expected.map((r) => r.id).sort());
    expect(tasks.some((x) => x.status === 'resolved' && x.assigneeId !== aliceMe.user.id)).toBe(
      false,
    );
    // Comments only of alice's tasks; logs come when a task is opened.
    const mine = new Set(rows.filter((r) => r.assignee_id === aliceMe.user.id).map((r) => r.id));
    expect(puts(changes, 'logItem')).toEqual([]);
    expect(puts(changes, 'comment').every((c) => mine.has(c.taskId))).toBe(true);
    // The shapes are the protocol's: every field there, nothing of the database's.
    expect(Object.keys(tasks[0] ?? {}).sort()).toEqual(
      [
        'id',
        'type',
        'channel',
        'title',
        'description',
        'customerName',
        'customerPhone',
        'customerEmail',
        'contactId',
        'status',
        'assigneeId',
        'offeredToId',
        'priority',
        'skills',
        'dueAt',
        'createdById',
        'createdAt',
        'updatedAt',
        'offeredById',
        'offerExpiresAt',
        'offerReturn',
        'outcomeTag',
        'followUpOfId',
      ].sort(),
    );
    // No entity twice.
    expect(new Set(changes.map(keyOf)).size).toBe(changes.length);
  });

  it('pages through every section and loses nothing changed during it', async () => {
    const viewer = { instanceId: demoId, userId: aliceMe.user.id };
    const options = { now: t.clock.now(), pageSize: 37 };
    const whole = (await new SyncTestClient(alice).pullAll()).changes;
    const paged: Change[] = [];
    let page = await pull(t.db, viewer, undefined, options);
    paged.push(...page.changes);
    // Meanwhile a colleague changes a task alice already has, and makes a new one.
    const first = puts(page.changes, 'task')[0] ?? puts(whole, 'task')[0];
    const b = new SyncTestClient(bob);
    const created = taskArgs({ title: 'Made during the bootstrap' });
    await b.do('task.create', created);
    await b.do('task.setStatus', { taskId: first?.id ?? '', status: 'pending' });
    let pages = 1;
    while (page.more) {
      page = await pull(t.db, viewer, page.cursor, options);
      paged.push(...page.changes);
      pages += 1;
      if (pages > 100) throw new Error('the bootstrap never ends');
    }
    expect(pages).toBeGreaterThan(whole.length / 37);
    // Every page held at most the page size, and together they hold the whole bootstrap.
    const wholeKeys = new Set(whole.map(keyOf));
    const pagedKeys = new Set(paged.map(keyOf));
    for (const key of wholeKeys) expect(pagedKeys.has(key)).toBe(true);
    // The bootstrap's last page says `more`: the pages after it bring what changed meanwhile.
    const tasks = puts(paged, 'task');
    expect(tasks.find((x) => x.id === created.id)?.title).toBe('Made during the bootstrap');
    expect(tasks.filter((x) => x.id === first?.id).at(-1)?.status).toBe('pending');
    expect(page.more).toBe(false);
  });

  it('a page comes brotli-compressed to a client that takes it, the same JSON inside', async () => {
    const plain = await alice.get('/api/sync/pull');
    const compressed = await alice.get('/api/sync/pull', { 'accept-encoding': 'br' });
    expect(compressed.headers['content-encoding']).toBe('br');
    expect(compressed.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    const body = JSON.parse(brotliDecompressSync(compressed.rawPayload).toString('utf8')) as {
      changes: Change[];
    };
    expect(body.changes.map(keyOf)).toEqual(
      (plain.json() as { changes: Change[] }).changes.map(keyOf),
    );
  });
});

describe('incremental', () => {
  it('each changed entity once, in its current state, then nothing', async () => {
    const a = new SyncTestClient(alice);
    const { cursor } = await a.pullAll();
    const b = new SyncTestClient(bob);
    const task = taskArgs();
    await b.do('task.create', task);
    await b.do('task.setStatus', { taskId: task.id, status: 'pending' });
    await b.do('task.setStatus', { taskId: task.id, status: 'resolved' });
    const commentId = randomUUID();
    await b.do('comment.add', { id: commentId, taskId: task.id, body: 'Done.', attachments: [] });
    const page = await a.pull(cursor);
    expect(page.more).toBe(false);
    const tasks = puts(page.changes, 'task');
    expect(tasks).toEqual([expect.objectContaining({ id: task.id, status: 'resolved' })]);
    expect(puts(page.changes, 'comment').map((c) => c.id)).toEqual([commentId]);
    expect(
      puts(page.changes, 'logItem')
        .map((l) => l.kind)
        .sort(),
    ).toEqual(['comment', 'created', 'status', 'status']);
    const again = await a.pull(page.cursor);
    expect(again).toEqual({ changes: [], cursor: page.cursor, more: false });
  });

  it('pages when more changes wait than fit', async () => {
    const viewer = { instanceId: demoId, userId: aliceMe.user.id };
    const options = { now: t.clock.now(), pageSize: 3 };
    const start = (await new SyncTestClient(alice).pullAll()).cursor;
    const b = new SyncTestClient(bob);
    const made = [];
    for (let i = 0; i < 5; i++) {
      const args = taskArgs({ title: `Batch ${i}` });
      made.push(args.id);
      await b.do('task.create', args);
    }
    const seen: string[] = [];
    let page = await pull(t.db, viewer, start, options);
    seen.push(...puts(page.changes, 'task').map((x) => x.id));
    while (page.more) {
      page = await pull(t.db, viewer, page.cursor, options);
      seen.push(...puts(page.changes, 'task').map((x) => x.id));
    }
    expect(seen).toEqual(made);
  });

  it("private filters are the owner's; a filter made private comes to others as a delete", async () => {
    const a = new SyncTestClient(alice);
    const start = (await a.pullAll()).cursor;
    const b = new SyncTestClient(bob);
    const secret = randomUUID();
    const shared = randomUUID();
    await b.do('filter.save', { id: secret, name: 'Just mine', shared: false, query: {} });
    await b.do('filter.save', { id: shared, name: 'For all', shared: true, query: { x: 1 } });
    const seen = await a.pull(start);
    expect(puts(seen.changes, 'filter').map((f) => f.id)).toEqual([shared]);
    expect(deletes(seen.changes, 'filter')).toEqual([]);
    const bobs = await new SyncTestClient(bob).pullAll();
    expect(puts(bobs.changes, 'filter').map((f) => f.id)).toEqual(
      expect.arrayContaining([secret, shared]),
    );

    await b.do('filter.save', { id: shared, name: 'For all', shared: false, query: { x: 1 } });
    const hidden = await a.pull(seen.cursor);
    expect(hidden.changes).toEqual([{ kind: 'filter', op: 'delete', id: shared }]);
    expect(
      puts((await new SyncTestClient(alice).pullAll()).changes, 'filter').map((f) => f.id),
    ).not.toContain(shared);
  });

  it('a cursor from another instance or of our own making is refused with 400', async () => {
    const { cursor } = await new SyncTestClient(alice).pullAll();
    const response = await carol.get(`/api/sync/pull?cursor=${cursor}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('without a cursor');
    expect((await alice.get('/api/sync/pull?cursor=12')).statusCode).toBe(400);
  });
});

describe('members', () => {
  it('a member who joins by invitation comes to colleagues as a member change', async () => {
    const a = new SyncTestClient(alice);
    const { cursor } = await a.pullAll();
    const admin = t.client();
    await admin.signIn('admin@demo.test');
    await admin.post('/api/invitations', { email: 'newbie@demo.test', role: 'agent' });
    const mail = await t.mailbox.next('newbie@demo.test');
    const token = tokenFromMail(mail, t.config.publicUrl, 'invite');
    const accepted = await t.client().post(`/api/invitations/${token}/accept`, {
      name: 'Nia Newbie',
      password: 'a-long-password',
    });
    expect(accepted.statusCode).toBe(200);
    const page = await a.pull(cursor);
    expect(puts(page.changes, 'member')).toEqual([
      expect.objectContaining({ email: 'newbie@demo.test', name: 'Nia Newbie', role: 'agent' }),
    ]);
  });
});

describe('tenant walls', () => {
  it("nothing of Northwind reaches Demo's pulls, and Demo's pushes cannot touch it", async () => {
    const northwindTasks = await t.db
      .selectFrom('tasks')
      .select('id')
      .where('instance_id', '=', northwindId)
      .execute();
    const foreign = new Set(northwindTasks.map((r) => r.id));
    const a = new SyncTestClient(alice);
    const { cursor, changes } = await a.pullAll();
    const c = new SyncTestClient(carol);
    const nwTask = taskArgs({ title: 'Northwind only' });
    await c.do('task.create', nwTask);
    await c.do('filter.save', { id: randomUUID(), name: 'NW shared', shared: true, query: {} });
    await c.do('agentStatus.set', { status: 'ready', at: new Date().toISOString() });
    foreign.add(nwTask.id);
    const later = await a.pull(cursor);
    const all = [...changes, ...later.changes];
    const leaked = all.filter((ch) =>
      foreign.has(ch.op === 'put' ? ('id' in ch.value ? ch.value.id : '') : ch.id),
    );
    expect(leaked).toEqual([]);
    expect(later.changes).toEqual([]);
    expect(puts(all, 'filter').some((f) => f.name === 'NW shared')).toBe(false);
    expect(puts(all, 'contact').every((x) => !x.name.includes('Northwind'))).toBe(true);

    // Demo's alice cannot act on a Northwind task, nor learn it exists.
    const status = await a.do('task.setStatus', { taskId: nwTask.id, status: 'resolved' });
    expect(status).toMatchObject({
      reason: 'not_found',
      changes: [{ kind: 'task', op: 'delete', id: nwTask.id }],
    });
    expect(
      await a.do('task.assign', { taskId: nwTask.id, assigneeId: aliceMe.user.id }),
    ).toMatchObject({
      reason: 'not_found',
    });
    expect(
      await a.do('comment.add', {
        id: randomUUID(),
        taskId: nwTask.id,
        body: 'hi',
        attachments: [],
      }),
    ).toMatchObject({ reason: 'not_found' });
    expect((await alice.get(`/api/sync/tasks/${nwTask.id}`)).statusCode).toBe(404);
    const row = await t.db
      .selectFrom('tasks')
      .select('status')
      .where('id', '=', nwTask.id)
      .executeTakeFirst();
    expect(row?.status).toBe('open');
  });
});

describe('GET /api/sync/tasks/:id', () => {
  it('answers the task with its comments and log', async () => {
    const b = new SyncTestClient(bob);
    const task = taskArgs();
    await b.do('task.create', task);
    const commentId = randomUUID();
    await b.do('comment.add', {
      id: commentId,
      taskId: task.id,
      body: 'First note',
      attachments: [],
    });
    const response = await alice.get(`/api/sync/tasks/${task.id}`);
    expect(response.statusCode).toBe(200);
    const { changes } = response.json<{ changes: Change[] }>();
    expect(puts(changes, 'task').map((x) => x.id)).toEqual([task.id]);
    expect(puts(changes, 'comment')).toEqual([
      expect.objectContaining({ id: commentId, body: 'First note', attachments: [] }),
    ]);
    // Made within one millisecond of the test clock: compare as a set.
    expect(
      puts(changes, 'logItem')
        .map((l) => l.kind)
        .sort(),
    ).toEqual(['comment', 'created']);
  });
});

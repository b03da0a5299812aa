import { describe, expect, it } from 'vitest';
import type { Change } from '../domain';
import { getMeta, setMeta } from './meta';
import { pullChanges } from './pull';
import { countTasks, readTasksPage } from './queries';
import { FakeSyncServer } from './testing/fake-server';
import { openTestDb, task } from './testing/fixtures';
import { fillPendingWords } from './words-pass';

const titles = ['Router offline', 'Refund order', 'Router reset', 'Invoice copy', 'Fibre router'];

function bootstrapped(count: number): Change[] {
  return Array.from({ length: count }, (_, i) => ({
    kind: 'task',
    op: 'put',
    value: task({
      id: `t${String(i).padStart(3, '0')}`,
      title: titles[i % titles.length] ?? '',
      status: i % 3 === 0 ? 'pending' : 'open',
      updatedAt: new Date(Date.parse('2025-01-01T00:00:00.000Z') + i * 60_000).toISOString(),
    }),
  }));
}

async function bootstrap(count: number) {
  const { db } = openTestDb();
  const server = new FakeSyncServer();
  server.pageSize = 20;
  server.write(...bootstrapped(count));
  await pullChanges({ db, transport: server, userId: 'u1' });
  return { db, server };
}

const ids = (rows: { id: string }[]) => rows.map((row) => row.id);
const noPause = { pause: async () => {} };

describe('words pass', () => {
  it('a bootstrap writes tasks without words and says so; later pulls write words', async () => {
    const { db, server } = await bootstrap(50);
    expect(await getMeta(db, 'bootstrapped')).toBe(true);
    expect(await getMeta(db, 'wordsPending')).toEqual(expect.any(String));
    expect((await db.tasks.toArray()).every((t) => t.words === undefined)).toBe(true);

    server.write({ kind: 'task', op: 'put', value: task({ id: 'late', title: 'Router late' }) });
    await pullChanges({ db, transport: server, userId: 'u1' });
    expect((await db.tasks.get('late'))?.words?.map(([word]) => word)).toContain('router');
  });

  it('searches read the lists until the pass is done, and find the same tasks after it', async () => {
    const { db } = await bootstrap(60);
    const queries = [
      { text: 'router', limit: 10 },
      { text: 'rout', statuses: ['pending' as const], limit: 5 },
      { text: 'refund order', limit: 50 },
      { text: 'nothing', limit: 10 },
    ];
    const before = await Promise.all(queries.map((q) => readTasksPage(db, q)));
    const countBefore = await countTasks(db, { text: 'router' }, 1000);
    expect(ids(before[0] ?? [])).toHaveLength(10);

    expect(await fillPendingWords(db, { ...noPause, batch: 7 })).toBe(true);
    expect(await getMeta(db, 'wordsPending')).toBeUndefined();
    expect((await db.tasks.toArray()).every((t) => (t.words?.length ?? 0) > 0)).toBe(true);
    const after = await Promise.all(queries.map((q) => readTasksPage(db, q)));
    expect(after.map(ids)).toEqual(before.map(ids));
    expect(await countTasks(db, { text: 'router' }, 1000)).toBe(countBefore);
    expect(countBefore).toBe(36);
  });

  it('leaves a task a pull rewrote meanwhile as the pull wrote it', async () => {
    const { db, server } = await bootstrap(30);
    server.write({ kind: 'task', op: 'put', value: task({ id: 't005', title: 'Headset broken' }) });
    await pullChanges({ db, transport: server, userId: 'u1' });
    await fillPendingWords(db, noPause);
    const row = await db.tasks.get('t005');
    expect(row?.title).toBe('Headset broken');
    expect(row?.words?.map(([word]) => word)).toEqual(['headset', 'broken', 'customer']);
  });

  it('stops when asked and resumes where the table still lacks words', async () => {
    const { db } = await bootstrap(40);
    let pauses = 0;
    const stopped = await fillPendingWords(db, {
      batch: 10,
      pause: async () => {
        pauses++;
      },
      stopped: () => pauses >= 2,
    });
    expect(stopped).toBe(false);
    expect(await getMeta(db, 'wordsPending')).toEqual(expect.any(String));
    expect((await db.tasks.toArray()).filter((t) => t.words === undefined)).toHaveLength(20);
    expect(await fillPendingWords(db, noPause)).toBe(true);
    expect((await db.tasks.toArray()).filter((t) => t.words === undefined)).toHaveLength(0);
  });

  it('goes round again when another bootstrap marked its rows during the pass', async () => {
    const { db } = await bootstrap(20);
    let marked = false;
    const done = await fillPendingWords(db, {
      batch: 5,
      pause: async () => {
        if (marked) return;
        marked = true;
        // Another tab's bootstrap page lands behind the pass, without words, with its token.
        await db.tasks.put({ ...task({ id: 't000a', title: 'Router spare' }), assigneeKey: '' });
        await setMeta(db, 'wordsPending', 'other-tab');
      },
    });
    expect(done).toBe(true);
    expect(await getMeta(db, 'wordsPending')).toBeUndefined();
    expect((await db.tasks.get('t000a'))?.words?.map(([word]) => word)).toContain('router');
  });
});

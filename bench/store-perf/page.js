// What run.ts times inside Chromium: the store's own code (src/store), bundled once from the
// working tree and once from a baseline commit, so both run side by side in the same browser.
// Timings are taken here with performance.now(); Playwright's round trips are not counted.
import { SyncDb } from '../../src/store/db';
import { pullChanges } from '../../src/store/pull';
import { readTasksPage } from '../../src/store/queries';
import { makeTask, seededRandom } from '../store/tasks.js';

const pageSize = 2000;

/** Tasks as pull pages of 2,000 (the server's page size), made lazily or all at once. */
function generatedPages(count, seed, assignees) {
  const random = seededRandom(seed);
  const now = Date.parse('2026-11-01T00:00:00.000Z');
  const pages = Math.ceil(count / pageSize);
  return (i) => {
    const n = Math.max(0, Math.min(pageSize, count - i * pageSize));
    const changes = Array.from({ length: n }, () => ({
      kind: 'task',
      op: 'put',
      value: makeTask(random, assignees, now),
    }));
    return { changes, cursor: `gen-${i + 1}`, more: i + 1 < pages };
  };
}

async function freshDb(name) {
  await new SyncDb(name).delete();
  const db = new SyncDb(name);
  await db.open();
  return db;
}

function replay(pageAt) {
  let next = 0;
  return { pull: async () => ({ ok: true, value: pageAt(next++) }) };
}

let queryDb = null;

globalThis.perf = {
  /** Bootstrap: pullChanges over pages already in memory (no network), into an empty database. */
  async bootstrap({ name, count, seed, assignees }) {
    const at = generatedPages(count, seed, assignees);
    const pages = Array.from({ length: Math.ceil(count / pageSize) }, (_, i) => at(i));
    const db = await freshDb(name);
    const start = performance.now();
    const outcome = await pullChanges({ db, transport: replay((i) => pages[i]), userId: 'u1' });
    const ms = performance.now() - start;
    const tasks = await db.tasks.count();
    db.close();
    await new SyncDb(name).delete();
    if (outcome.status !== 'done' || tasks !== count) throw new Error(`bootstrap: ${tasks} tasks`);
    return { ms };
  },

  /** Fills (or reuses) the database the queries read. */
  async fill({ name, count, seed, assignees }) {
    const existing = new SyncDb(name);
    await existing.open();
    if ((await existing.tasks.count()) === count) {
      queryDb = existing;
      return { ms: 0, reused: true };
    }
    existing.close();
    const db = await freshDb(name);
    const start = performance.now();
    await pullChanges({
      db,
      transport: replay(generatedPages(count, seed, assignees)),
      userId: 'u1',
    });
    queryDb = db;
    return { ms: performance.now() - start, reused: false };
  },

  /** One run of each query: ms and how many rows it found. */
  async query(queries) {
    if (!queryDb) throw new Error('fill first');
    const out = [];
    for (const q of queries) {
      const start = performance.now();
      const rows = await readTasksPage(queryDb, q);
      // Compared by time, not id: tasks updated in the same millisecond may come in any order.
      out.push({
        ms: performance.now() - start,
        rows: rows.length,
        ids: rows.map((r) => r.updatedAt),
      });
    }
    return out;
  },
};

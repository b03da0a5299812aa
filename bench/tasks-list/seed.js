// @ts-check
// Fills the signed-in user's own store (the app's IndexedDB database) with generated tasks, from
// a static page of the server's origin where the app is not running: bench/tasks-list.ts bundles
// this with esbuild and calls `globalThis.sbListBench.seed(...)`. Rows are written as the store
// writes pulled tasks (toStoredTask), without touching the pull cursor, so the app then syncs as
// usual on top of them.
import { SyncDb, dbNameFor } from '../../src/store/index';
import { toStoredTask } from '../../src/store/stored';
import { makeTask, seededRandom } from '../store/tasks.js';

const chunk = 2000;

/** @type {{ seed(options: { userId: string, instanceId: string, count: number, seed: number }): Promise<{ ms: number, total: number, members: number }> }} */
const sbListBench = {
  async seed({ userId, instanceId, count, seed }) {
    const db = new SyncDb(dbNameFor(userId, instanceId));
    await db.open();
    // The instance's members, as the app's first pull stored them: tasks go to them or nobody.
    const members = (await db.members.toArray()).map((m) => m.userId);
    /** @type {(string | null)[]} */
    const assignees = [...members, null];
    const random = seededRandom(seed);
    const now = Date.now();
    const start = performance.now();
    for (let done = 0; done < count; done += chunk) {
      const n = Math.min(chunk, count - done);
      const rows = Array.from({ length: n }, () => toStoredTask(makeTask(random, assignees, now)));
      await db.tasks.bulkPut(rows);
    }
    const total = await db.tasks.count();
    db.close();
    return { ms: performance.now() - start, total, members: members.length };
  },
};

Object.assign(globalThis, { sbListBench });

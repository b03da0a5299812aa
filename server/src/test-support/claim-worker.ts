// One OS process of the claim race (claim-race.ts): opens its own connection to the shared
// database and lets its agents press Play at once, over and over, until nothing waits for them;
// sends back every claim with its start and end on the machine's wall clock (comparable across
// processes), then exits.
import { openDatabase } from '../db/index.js';
import { playNext } from '../routing/play.js';

export interface WorkerJob {
  url: string;
  instanceId: string;
  agentIds: string[];
}

export interface ClaimRecord {
  taskId: string;
  agentId: string;
  /** performance.timeOrigin + performance.now(), ms. */
  startedAt: number;
  endedAt: number;
  /** The Play's latency, ms. */
  ms: number;
}

const wallNow = () => performance.timeOrigin + performance.now();

let busyRetries = 0;

/**
 * SQLite across processes: BEGIN IMMEDIATE waits busy_timeout (5 s) for the write lock, and under
 * a burst from several processes a waiter can lose every time. The transaction never began, so
 * nothing happened: the agent presses Play again, as the PWA's Play does. Counted and reported.
 */
async function playUntilNotBusy<T>(play: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await play();
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'SQLITE_BUSY') throw error;
      busyRetries += 1;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
    }
  }
}

async function race(job: WorkerJob): Promise<ClaimRecord[]> {
  const opened = openDatabase(job.url);
  const deps = { db: opened.db, clock: () => new Date(), poker: { poke() {} } };
  const claims: ClaimRecord[] = [];
  try {
    await Promise.all(
      job.agentIds.map(async (userId) => {
        const actor = { instanceId: job.instanceId, userId, role: 'agent' as const };
        for (;;) {
          const startedAt = wallNow();
          const taskId = await playUntilNotBusy(() => playNext(deps, actor));
          const endedAt = wallNow();
          if (taskId === null) return;
          claims.push({ taskId, agentId: userId, startedAt, endedAt, ms: endedAt - startedAt });
        }
      }),
    );
  } finally {
    await opened.close();
  }
  return claims;
}

process.once('message', (job: WorkerJob) => {
  race(job).then(
    (claims) => process.send?.({ claims, busyRetries }, () => process.exit(0)),
    (error: unknown) => {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      process.send?.({ error: message }, () => process.exit(1));
    },
  );
});

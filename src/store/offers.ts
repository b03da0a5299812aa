// Offers that concern the user: tasks offered to them, and their own offers that are waiting or
// came back (declined, expired). There is no index on the offer fields (each costs every
// bootstrap write), but an offer changes its task's updatedAt, so only tasks updated within the
// window are read, from the [status+updatedAt] index: a few hundred rows, not the whole cache.
import Dexie from 'dexie';
import type { SyncTask } from '../domain';
import type { SyncDb } from './db';

/** Offers older than this are not shown in the Offers list (the task still says so). */
export const OFFER_WINDOW_MS = 24 * 60 * 60 * 1000;

export async function readOffers(db: SyncDb, userId: string, now: number): Promise<SyncTask[]> {
  const since = new Date(now - OFFER_WINDOW_MS).toISOString();
  const found: SyncTask[] = [];
  for (const status of ['open', 'pending'] as const) {
    const rows = await db.tasks
      .where('[status+updatedAt]')
      .between([status, since], [status, Dexie.maxKey])
      .filter((task) => task.offeredToId === userId || task.offeredById === userId)
      .toArray();
    found.push(...rows);
  }
  return found.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
}

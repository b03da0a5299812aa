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

export interface Mention {
  /** The comment's log item. */
  id: string;
  taskId: string;
  taskTitle: string;
  actorId: string | null;
  createdAt: string;
}

/**
 * Comments of the last day that mention the user, newest first. Log items have no index by kind
 * (a bootstrap brings none; only pulls since and opened tasks add them), so this filters the
 * table; a Dexie index on mentions is the next step if it grows large.
 */
export async function readMentions(db: SyncDb, userId: string, now: number): Promise<Mention[]> {
  const since = new Date(now - OFFER_WINDOW_MS).toISOString();
  const items = await db.logItems
    .filter((item) => {
      const mentions = item.data['mentions'];
      return (
        item.kind === 'comment' &&
        item.createdAt >= since &&
        Array.isArray(mentions) &&
        mentions.includes(userId)
      );
    })
    .toArray();
  const tasks = await db.tasks.bulkGet([...new Set(items.map((i) => i.taskId))]);
  const titles = new Map(tasks.flatMap((t) => (t ? [[t.id, t.title] as const] : [])));
  return items
    .map((item) => ({
      id: item.id,
      taskId: item.taskId,
      taskTitle: titles.get(item.taskId) ?? '…',
      actorId: item.actorId,
      createdAt: item.createdAt,
    }))
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

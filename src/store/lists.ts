// Task lists newest first, each from the compound index that ends in updatedAt for its filter.
import Dexie from 'dexie';
import { taskStatuses, type TaskStatus, type TaskType } from '../domain';
import type { SyncDb } from './db';
import type { StoredTask } from './records';

export interface ListCriteria {
  status: TaskStatus | undefined;
  assigneeKey: string | undefined;
  type: TaskType | undefined;
}

const newestFirst = (a: { updatedAt: string }, b: { updatedAt: string }) =>
  a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0;

export async function listTasks(
  db: SyncDb,
  criteria: ListCriteria,
  limit: number,
): Promise<StoredTask[]> {
  return (await walkLists(db, criteria, limit, null, Infinity)) ?? [];
}

/**
 * One index range per status, newest first; merging three short lists is cheaper than an extra
 * plain updatedAt index on every task write. With `also`, each range is filtered as it is read,
 * and the walk gives up (null) after reading `budget` records in all.
 */
export async function walkLists(
  db: SyncDb,
  { status, assigneeKey, type }: ListCriteria,
  limit: number,
  also: ((task: StoredTask) => boolean) | null,
  budget: number,
): Promise<StoredTask[] | null> {
  const statuses = status ? [status] : taskStatuses;
  let read = 0;
  const lists = await Promise.all(
    statuses.map((s) => {
      // A type is a filter on the list: a quarter of a status list, so no index of its own.
      const range =
        assigneeKey !== undefined
          ? db.tasks
              .where('[assigneeKey+status+updatedAt]')
              .between([assigneeKey, s, Dexie.minKey], [assigneeKey, s, Dexie.maxKey])
          : db.tasks.where('[status+updatedAt]').between([s, Dexie.minKey], [s, Dexie.maxKey]);
      const needsType = type !== undefined;
      const collection = range.reverse();
      if (budget !== Infinity) collection.until(() => ++read > budget);
      if (needsType || also) {
        collection.filter(
          (task) => (!needsType || task.type === type) && (also === null || also(task)),
        );
      }
      return collection.limit(limit).toArray();
    }),
  );
  if (read > budget) return null;
  return lists.flat().sort(newestFirst).slice(0, limit);
}

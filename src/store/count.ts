// Counting a list's matches up to a cap: by the index alone when statuses and assignees are all
// the filter (IndexedDB counts a key range without reading the rows), else by reading the rows of
// the ranges in large batches until the cap.
import Dexie from 'dexie';
import type { SyncDb } from './db';
import type { Criteria } from './filter';
import { rangesOf } from './lists';
import { unlimited } from './streams';

export async function countList(
  db: SyncDb,
  criteria: Criteria,
  cap: number,
  keyed: boolean,
): Promise<number> {
  if (!criteria.narrowed) {
    const counts = await Dexie.Promise.all(
      criteria.assigneeKeys
        ? criteria.assigneeKeys.flatMap((a) =>
            criteria.statuses.map((s) =>
              db.tasks
                .where('[assigneeKey+status+updatedAt]')
                .between([a, s, Dexie.minKey], [a, s, Dexie.maxKey])
                .count(),
            ),
          )
        : criteria.statuses.map((s) =>
            db.tasks
              .where('[status+updatedAt]')
              .between([s, Dexie.minKey], [s, Dexie.maxKey])
              .count(),
          ),
    );
    return Math.min(
      cap,
      counts.reduce((a, b) => a + b, 0),
    );
  }
  let count = 0;
  // Large batches: every row of the ranges may have to be read.
  for (const stream of await rangesOf(db, criteria, undefined, 2000, null, unlimited(), keyed)) {
    while (count < cap) {
      if (stream.hungry) await stream.refill();
      const rows = stream.takeAll();
      if (rows.length === 0) break;
      count += rows.length;
    }
  }
  return Math.min(count, cap);
}

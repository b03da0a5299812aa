// The search words and filter keys of a bootstrap's tasks, added after it: the bootstrap writes
// tasks without them (pull.ts) so the list is there sooner, and this pass puts each such task
// again with them, a small transaction at a time so list reads and pulls slip in between. Until
// it ends, meta `wordsPending` makes searches read the lists instead of the word index
// (search.ts) and priority and due filters test the rows of the status lists (plan.ts). The
// schema upgrade that added the filter keys (version 4) sets it too, for the rows it found.
import type { SyncDb } from './db';
import { getMeta } from './meta';
import { taskFilterKeys, taskWords } from './stored';

export interface WordsPassOptions {
  /** Tasks read (and put again when they lack words) per transaction. */
  batch?: number;
  /** Awaited between transactions: gives the page's own reads and writes a turn. */
  pause?: () => Promise<void>;
  /** Checked between transactions: a closed database ends the pass (the next start resumes). */
  stopped?: () => boolean;
}

/** True once no task lacks words (or none did); false when stopped first. */
export async function fillPendingWords(
  db: SyncDb,
  options: WordsPassOptions = {},
): Promise<boolean> {
  const batch = options.batch ?? 250;
  const pause = options.pause ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  const stopped = options.stopped ?? (() => false);
  for (;;) {
    const token = await getMeta(db, 'wordsPending');
    if (token === undefined) return true;
    for (let after: string | null = null; ;) {
      if (stopped()) return false;
      after = await addWords(db, after, batch);
      if (after === null) break;
      await pause();
    }
    // Cleared only if no other bootstrap page (another tab's) marked its rows since this pass
    // began; otherwise it goes round again for them.
    const cleared = await db.transaction('rw', db.meta, async () => {
      if ((await getMeta(db, 'wordsPending')) !== token) return false;
      await db.meta.delete('wordsPending');
      return true;
    });
    if (cleared) return true;
  }
}

/** One batch after `after` in id order; the last id read, or null at the end of the table. */
function addWords(db: SyncDb, after: string | null, batch: number): Promise<string | null> {
  // Read and put in one transaction: a pull that rewrites a task meanwhile comes before (its row
  // has words and is left alone) or after (and writes its own words).
  return db.transaction('rw', db.tasks, async () => {
    const range = after === null ? db.tasks.orderBy(':id') : db.tasks.where(':id').above(after);
    const rows = await range.limit(batch).toArray();
    const bare = rows.filter((row) => row.words === undefined || row.priorityKey === undefined);
    if (bare.length > 0) {
      await db.tasks.bulkPut(
        bare.map((row) => ({ ...row, ...taskFilterKeys(row), words: taskWords(row) })),
      );
    }
    return rows.length < batch ? null : (rows[rows.length - 1]?.id ?? null);
  });
}

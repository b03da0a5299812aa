// Task lists newest first. Statuses and assignees pick index ranges (one per status, or per
// assignee and status) that end in updatedAt; the other filters test the rows as the ranges are
// read in batches. Types, skills, priority and due have no index: each would cost every task
// an entry at bootstrap, and in the lists agents use they pass a good share of the rows.
import type { SyncDb } from './db';
import type { Criteria, TaskPosition } from './filter';
import type { StoredTask } from './records';
import { mergeStreams, RangeStream, unlimited, type Budget } from './streams';

export function rangesOf(
  db: SyncDb,
  criteria: Criteria,
  after: TaskPosition | undefined,
  limit: number,
  also: ((task: StoredTask) => boolean) | null,
  budget: Budget,
): RangeStream[] {
  const accept = also
    ? (task: StoredTask) => criteria.fits(task) && also(task)
    : criteria.narrowed
      ? criteria.fits
      : () => true;
  const prefixes = criteria.assigneeKeys
    ? criteria.assigneeKeys.flatMap((a) => criteria.statuses.map((s) => [a, s]))
    : criteria.statuses.map((s) => [s]);
  const index = criteria.assigneeKeys ? '[assigneeKey+status+updatedAt]' : '[status+updatedAt]';
  // The rows are spread over the ranges: each reads its share first, more if it needs to.
  const filtered = also !== null || criteria.narrowed;
  const share = Math.ceil((filtered ? 2 * limit : limit) / Math.max(1, prefixes.length / 2));
  return prefixes.map(
    (prefix) => new RangeStream(db, index, prefix, after, accept, share + 1, budget),
  );
}

export async function listTasks(
  db: SyncDb,
  criteria: Criteria,
  after: TaskPosition | undefined,
  limit: number,
): Promise<StoredTask[]> {
  const budget = unlimited();
  return (
    (await mergeStreams(rangesOf(db, criteria, after, limit, null, budget), limit, budget)) ?? []
  );
}

/**
 * The list with an extra test, giving up (null) after reading `maxRows` rows in all: a search
 * tries this when the criteria may find the matches sooner than the word index.
 */
export function walkLists(
  db: SyncDb,
  criteria: Criteria,
  after: TaskPosition | undefined,
  limit: number,
  also: (task: StoredTask) => boolean,
  maxRows: number,
): Promise<StoredTask[] | null> {
  const budget: Budget = { read: 0, max: maxRows, exhausted: false };
  return mergeStreams(rangesOf(db, criteria, after, limit, also, budget), limit, budget);
}

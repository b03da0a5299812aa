// Task lists newest first, read from the index ranges plan.ts picks (each ends in updatedAt);
// the filters those ranges do not answer test the rows as the ranges are read in batches.
import Dexie from 'dexie';
import type { SyncDb } from './db';
import type { Criteria, TaskPosition } from './filter';
import { planList } from './plan';
import type { StoredTask } from './records';
import { mergeStreams, RangeStream, unlimited, type Budget } from './streams';

/**
 * The streams of a list's ranges. `keyed`: the rows carry their priority and due keys (false
 * while a bootstrap's words pass has not run). A Dexie promise (see streams.ts).
 */
export function rangesOf(
  db: SyncDb,
  criteria: Criteria,
  after: TaskPosition | undefined,
  limit: number,
  also: ((task: StoredTask) => boolean) | null,
  budget: Budget,
  keyed: boolean,
): Promise<RangeStream[]> {
  const accept = also
    ? (task: StoredTask) => criteria.fits(task) && also(task)
    : criteria.narrowed
      ? criteria.fits
      : () => true;
  return planList(db, criteria, keyed).then((plan) => {
    // The rows are spread over the ranges: each reads its share first, more if it needs to. A
    // test the ranges do not answer rejects rows, so then each reads twice its share.
    const rejects =
      also !== null ||
      Object.keys(criteria.tests).some((name) => !plan.answers.some((a) => a === name));
    const ranges = plan.prefixes.length;
    const share = Math.ceil((rejects ? 2 * limit : limit) / Math.max(1, ranges / 2));
    return plan.prefixes.map(
      (prefix) => new RangeStream(db, plan.index, prefix, after, accept, share + 1, budget),
    );
  });
}

export function listTasks(
  db: SyncDb,
  criteria: Criteria,
  after: TaskPosition | undefined,
  limit: number,
  keyed: boolean,
): Promise<StoredTask[]> {
  const budget = unlimited();
  return rangesOf(db, criteria, after, limit, null, budget, keyed).then((streams) =>
    Dexie.Promise.resolve(mergeStreams(streams, limit, budget)).then((rows) => rows ?? []),
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
  keyed: boolean,
): Promise<StoredTask[] | null> {
  const budget: Budget = { read: 0, max: maxRows, exhausted: false };
  return rangesOf(db, criteria, after, limit, also, budget, keyed).then((streams) =>
    mergeStreams(streams, limit, budget),
  );
}

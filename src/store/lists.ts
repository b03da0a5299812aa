// Task lists newest first, read from the index ranges plan.ts picks (each ends in updatedAt);
// the filters those ranges do not answer test the rows as the ranges are read in batches.
import Dexie from 'dexie';
import type { SyncDb } from './db';
import { allOf, type Criteria, type TaskPosition } from './filter';
import { planList, type Plan } from './plan';
import type { StoredTask } from './records';
import { mergeStreams, RangeStream, unlimited, type Budget } from './streams';

/**
 * The streams of a list's ranges. `keyed`: the rows carry their filter keys (false while a
 * bootstrap's words pass has not run). A Dexie promise (see streams.ts).
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
  const plan = planList(db, criteria, keyed);
  const verified = plan.verify
    ? plan.verify().then((ok) => (ok ? plan : planList(db, criteria, keyed, true)))
    : Dexie.Promise.resolve(plan);
  return verified.then((p) => streamsOf(db, p, criteria, after, limit, also, budget));
}

function streamsOf(
  db: SyncDb,
  plan: Plan,
  criteria: Criteria,
  after: TaskPosition | undefined,
  limit: number,
  also: ((task: StoredTask) => boolean) | null,
  budget: Budget,
): RangeStream[] {
  const keys = plan.answers.includes('assignees') ? null : criteria.assigneeKeys;
  const tests = [
    ...(criteria.narrowed ? [criteria.fits] : []),
    ...(keys ? [(task: StoredTask) => keys.includes(task.assigneeKey)] : []),
    ...(also ? [also] : []),
  ];
  const accept = tests.length === 0 ? () => true : allOf(tests);
  // The rows are spread over the ranges: each reads its share first, more if it needs to. A
  // test the ranges do not answer rejects rows, so then each reads twice its share.
  const rejects =
    also !== null ||
    keys !== null ||
    Object.keys(criteria.tests).some((name) => !plan.answers.some((a) => a === name));
  const ranges = [
    ...plan.prefixes.map((prefix) => ({ index: plan.index, prefix })),
    ...(plan.also?.prefixes.map((prefix) => ({ index: plan.also?.index ?? '', prefix })) ?? []),
  ];
  const share = Math.ceil((rejects ? 2 * limit : limit) / Math.max(1, ranges.length / 2));
  return ranges.map(
    ({ index, prefix }) => new RangeStream(db, index, prefix, after, accept, share + 1, budget),
  );
}

export function listTasks(
  db: SyncDb,
  criteria: Criteria,
  after: TaskPosition | undefined,
  limit: number,
  keyed: boolean,
): Promise<StoredTask[]> {
  const read = (plan: Plan) => {
    const budget = unlimited();
    const streams = streamsOf(db, plan, criteria, after, limit, null, budget);
    return Dexie.Promise.resolve(mergeStreams(streams, limit, budget)).then((rows) => rows ?? []);
  };
  const plan = planList(db, criteria, keyed);
  if (!plan.verify) return read(plan);
  // The ranges are read while the plan is checked: one round trip, as the check is almost
  // always true (the main thread is busy rendering, and each round trip waits for it).
  return Dexie.Promise.all([plan.verify(), read(plan)]).then(([ok, rows]) =>
    ok ? rows : read(planList(db, criteria, keyed, true)),
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

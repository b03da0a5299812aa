// Which index ranges answer a task list. Every list index ends in updatedAt, so each range reads
// newest first and the ranges merge into the list order (streams.ts); a filter the index does not
// answer is tested on the rows read, which costs a row read (~20-30 µs in Chromium) per row it
// rejects. So the plan is the index that leaves the fewest rows to reject:
// - assignees: [assigneeKey+status+updatedAt], one range per assignee and status;
// - a due window of a few days ("due today"): [status+dueDayKey+updatedAt], one range per status
//   and UTC day; "overdue" (due before now) the same over the last maxDueDays days, when no task
//   is due before them (older overdue tasks: the lists are tested row by row);
// - a lowest priority: [status+priorityKey+updatedAt], one range per status and priority;
// - else [status+updatedAt], one range per status.
// The priority and due indexes hold only rows the words pass has keyed (`keyed`); until then those
// filters test the rows of the status lists.
import Dexie from 'dexie';
import { taskPriorities } from '../domain';
import type { SyncDb } from './db';
import type { Criteria, RowTestName } from './filter';
import { utcDay } from './stored';

export interface Plan {
  /** A compound index that ends in updatedAt. */
  index: string;
  /** The index key before updatedAt, one per range. */
  prefixes: (string | number)[][];
  /** The filters its ranges answer: their tests reject (almost) no row it reads. */
  answers: readonly RowTestName[];
}

/** More days than this are read from the status lists instead: each is a range to merge. */
export const maxDueDays = 8;

const byStatusIndex = '[status+updatedAt]';
const byAssigneeIndex = '[assigneeKey+status+updatedAt]';
const byPriorityIndex = '[status+priorityKey+updatedAt]';
const byDueDayIndex = '[status+dueDayKey+updatedAt]';

/** Whether a plan for these criteria may read the priority or due index (keyed rows only). */
export function usesFilterKeys(criteria: Criteria): boolean {
  return (
    criteria.assigneeKeys === null &&
    ((criteria.priorityAtLeast !== undefined && criteria.priorityAtLeast > 1) ||
      criteria.dueBefore !== undefined)
  );
}

/** A Dexie promise, so the reads that follow stay in the caller's transaction and liveQuery. */
export function planList(db: SyncDb, criteria: Criteria, keyed: boolean): Promise<Plan> {
  const { statuses } = criteria;
  if (criteria.assigneeKeys) {
    const keys = criteria.assigneeKeys;
    return Dexie.Promise.resolve({
      index: byAssigneeIndex,
      prefixes: keys.flatMap((a) => statuses.map((s) => [a, s])),
      answers: [],
    });
  }
  const byPriority = (): Plan =>
    keyed && criteria.priorityAtLeast !== undefined && criteria.priorityAtLeast > 1
      ? {
          index: byPriorityIndex,
          prefixes: statuses.flatMap((s) =>
            taskPriorities.filter((p) => p >= (criteria.priorityAtLeast ?? 1)).map((p) => [s, p]),
          ),
          answers: ['priority'],
        }
      : { index: byStatusIndex, prefixes: statuses.map((s) => [s]), answers: [] };
  if (!keyed || criteria.dueBefore === undefined) return Dexie.Promise.resolve(byPriority());
  // The last day with a time before dueBefore (exclusive: midnight belongs to the day after).
  const lastDay = utcDay(new Date(Date.parse(criteria.dueBefore) - 1).toISOString());
  const window =
    criteria.dueFrom === undefined ? null : dayRange(utcDay(criteria.dueFrom), lastDay);
  const days =
    criteria.dueFrom === undefined
      ? pastDays(db, statuses, lastDay)
      : Dexie.Promise.resolve(window && statuses.map(() => window));
  return days.then((perStatus): Plan =>
    perStatus === null
      ? byPriority()
      : {
          index: byDueDayIndex,
          prefixes: statuses.flatMap((s, i) => (perStatus[i] ?? []).map((day) => [s, day])),
          answers: ['due'],
        },
  );
}

/** The days from `first` to `last`, or null when they are too many to read as ranges. */
function dayRange(first: number, last: number): number[] | null {
  if (last < first || last - first + 1 > maxDueDays) return null;
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/**
 * Per status, the last maxDueDays days up to `lastDay`, when no task of these statuses is due
 * before them; else null (the statuses' tasks are then better tested on the rows of the lists).
 * One existence check per status, all at once: a day without tasks costs an empty range read, a
 * day found by a lookup of its own would cost a round trip each.
 */
function pastDays(
  db: SyncDb,
  statuses: readonly string[],
  lastDay: number,
): Promise<number[][] | null> {
  const firstDay = lastDay - maxDueDays + 1;
  const days = dayRange(firstDay, lastDay) ?? [];
  const index = db.tasks.where(byDueDayIndex);
  return Dexie.Promise.all(
    statuses.map((s) =>
      index
        .between([s, Dexie.minKey], [s, firstDay, Dexie.minKey], true, false)
        .limit(1)
        .primaryKeys(),
    ),
  ).then((older) => (older.some((keys) => keys.length > 0) ? null : statuses.map(() => days)));
}

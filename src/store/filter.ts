// A task query's filters, normalised once: which index ranges a list reads (status, assignee)
// and the test every row read from them must still pass (type, skills, priority, due, and the
// keyset position). The order everywhere: updatedAt newest first, then id, highest first.
import { taskStatuses, type TaskStatus, type TaskType } from '../domain';
import type { StoredTask } from './records';

export interface TasksFilter {
  /** Any of these; omitted or empty = all. */
  statuses?: readonly TaskStatus[];
  /** User ids, `null` for unassigned; omitted or empty = anyone. */
  assignees?: readonly (string | null)[];
  /** Any of these; omitted or empty = all. */
  types?: readonly TaskType[];
  /** The task requires every one of these skills. */
  skills?: readonly string[];
  /** Priorities are 1..5, 5 the most urgent. */
  priorityAtLeast?: number;
  /** Due at or after this ISO time (tasks without a due time never match a due filter). */
  dueFrom?: string;
  /** Due strictly before this ISO time: "overdue" is dueBefore now (with statuses not resolved). */
  dueBefore?: string;
  /** Words of the customer (name, email, phone) and title, each a prefix, all required. */
  text?: string;
  /** @deprecated One status: use `statuses`. */
  status?: TaskStatus;
  /** @deprecated One assignee: use `assignees`. */
  assigneeId?: string | null;
  /** @deprecated One type: use `types`. */
  type?: TaskType;
}

/** A row of the order: keyset paging reads the rows strictly after it. */
export interface TaskPosition {
  updatedAt: string;
  id: string;
}

/** The filters a row is tested for, by name: a plan whose index answers one leaves its test out. */
export type RowTestName = 'types' | 'skills' | 'priority' | 'due';
type RowTest = (task: StoredTask) => boolean;

export interface Criteria {
  statuses: readonly TaskStatus[];
  /** Index keys (`''` for unassigned), or null for anyone. */
  assigneeKeys: readonly string[] | null;
  /** Every one of these skills (none: no skill filter). */
  skills: readonly string[];
  /** Any of these types, or null for all. */
  types: readonly TaskType[] | null;
  /** The lowest priority wanted, when one is. */
  priorityAtLeast: number | undefined;
  /** Due at or after / strictly before these ISO times (UTC, toISOString's form). */
  dueFrom: string | undefined;
  dueBefore: string | undefined;
  /** Whether anything beyond the index ranges narrows the rows. */
  narrowed: boolean;
  /** The test for what the index ranges do not answer (true when nothing else narrows). */
  fits: (task: StoredTask) => boolean;
  /** Each filter's own test, for a plan that answers some of them by its index. */
  tests: Partial<Record<RowTestName, RowTest>>;
}

const some = <T>(list: readonly T[] | undefined, single: T | undefined): readonly T[] | null => {
  if (list && list.length > 0) return list;
  return single === undefined ? null : [single];
};

export function criteriaOf(filter: TasksFilter): Criteria {
  const statuses = some(filter.statuses, filter.status) ?? taskStatuses;
  const assignees = some(filter.assignees, filter.assigneeId);
  const types = some(filter.types, filter.type);
  const skills = filter.skills ?? [];
  const { priorityAtLeast, dueFrom, dueBefore } = filter;
  const tests: Partial<Record<RowTestName, RowTest>> = {};
  if (types) tests.types = (task) => types.includes(task.type);
  if (skills.length > 0) tests.skills = (task) => skills.every((s) => task.skills.includes(s));
  if (priorityAtLeast !== undefined) tests.priority = (task) => task.priority >= priorityAtLeast;
  // ISO times compare as strings once both are in the same (UTC, toISOString) form.
  const from = dueFrom === undefined ? undefined : isoTime(dueFrom);
  const before = dueBefore === undefined ? undefined : isoTime(dueBefore);
  if (from !== undefined || before !== undefined) {
    tests.due = (task) => {
      if (task.dueAt === null) return false;
      const due = isoTime(task.dueAt);
      return (from === undefined || due >= from) && (before === undefined || due < before);
    };
  }
  return {
    // Each status (and assignee) once: a range read twice would list its rows twice.
    statuses: [...new Set(statuses)],
    assigneeKeys: assignees ? [...new Set(assignees.map((a) => a ?? ''))] : null,
    types: types ? [...new Set(types)] : null,
    skills: [...new Set(skills)],
    priorityAtLeast,
    dueFrom: from,
    dueBefore: before,
    narrowed: Object.keys(tests).length > 0,
    fits: allOf(Object.values(tests)),
    tests,
  };
}

/** One test of several; true when there are none. */
export function allOf(tests: readonly RowTest[]): RowTest {
  return (task) => tests.every((test) => test(task));
}

/** A task's statuses and assignee are the index's part; this checks them on a row read by id. */
export function inRanges(criteria: Criteria, task: StoredTask): boolean {
  return (
    criteria.statuses.includes(task.status) &&
    (criteria.assigneeKeys === null || criteria.assigneeKeys.includes(task.assigneeKey))
  );
}

function isoTime(text: string): string {
  // The server and the client both write toISOString(); anything else is normalised first.
  if (text.length === 24 && text.endsWith('Z')) return text;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new RangeError(`Not a date: ${text}`);
  return new Date(ms).toISOString();
}

/** The list order: newer first, then the higher id (as an index range read backwards gives). */
export function byPosition(a: TaskPosition, b: TaskPosition): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? 1 : -1;
  return a.id === b.id ? 0 : a.id < b.id ? 1 : -1;
}

/** Whether a row comes strictly after `after` in the list order. */
export function isAfter(task: TaskPosition, after: TaskPosition | undefined): boolean {
  return after === undefined || byPosition(task, after) > 0;
}

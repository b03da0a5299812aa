// The task list's filter: what the URL says (so a filtered view can be bookmarked and shared),
// what a saved filter stores, and the store query it becomes. Pure, so the clock is passed in.
import type { FilterQuery, TaskStatus, TaskType } from '../../domain';
import { taskStatuses, taskTypes } from '../../domain';

export const dueChoices = ['overdue', 'today'] as const;
export type DueChoice = (typeof dueChoices)[number];

/** Priorities run 1 (lowest) to 5 (most urgent). */
export const priorityLevels = [1, 2, 3, 4, 5] as const;

export interface TaskFilter {
  statuses?: TaskStatus[];
  /** Each 'me', 'none' (unassigned) or a user id; several mean any of them. */
  assignees?: string[];
  types?: TaskType[];
  skills?: string[];
  priorityAtLeast?: number;
  due?: DueChoice;
  q?: string;
}

/** The store's filter (src/store TasksQuery without paging): every field optional, all ANDed. */
export interface TasksCriteria {
  statuses?: TaskStatus[];
  assignees?: (string | null)[];
  types?: TaskType[];
  skills?: string[];
  priorityAtLeast?: number;
  dueFrom?: string;
  dueBefore?: string;
  text?: string;
}

const maxValues = 50;
const maxValueLength = 100;

/**
 * Values of one key, whichever way they came: a repeated URL param (array), a comma list
 * ("open,pending"), a single old-style value, or a saved filter's array. Empty ones are dropped.
 */
function many(value: unknown): string[] {
  const raw = Array.isArray(value) ? (value as unknown[]) : [value];
  const out: string[] = [];
  for (const item of raw) {
    if (typeof item !== 'string') continue;
    for (const part of item.split(',')) {
      const v = part.trim();
      if (v !== '' && v.length <= maxValueLength && !out.includes(v)) out.push(v);
    }
  }
  return out.slice(0, maxValues);
}

function one(value: unknown): string | undefined {
  const first = Array.isArray(value) ? (value[0] as unknown) : value;
  if (typeof first === 'number') return String(first);
  return typeof first === 'string' && first.trim() !== '' ? first.trim() : undefined;
}

function known<T extends string>(values: string[], allowed: readonly T[]): T[] {
  return values.filter((v): v is T => (allowed as readonly string[]).includes(v));
}

/**
 * From URL search params or a saved filter's query; anything unknown is dropped. Saved filters
 * and older URLs spell some keys differently (`priorityAtLeast`, `text`, `statuses`...): all read.
 */
export function parseTaskFilter(source: Record<string, unknown>): TaskFilter {
  const filter: TaskFilter = {};
  const statuses = known(many(source['status'] ?? source['statuses']), taskStatuses);
  if (statuses.length > 0) filter.statuses = statuses;
  const types = known(many(source['type'] ?? source['types']), taskTypes);
  if (types.length > 0) filter.types = types;
  const assignees = many(source['assignee'] ?? source['assignees']);
  if (assignees.length > 0) filter.assignees = assignees;
  const skills = many(source['skill'] ?? source['skills']);
  if (skills.length > 0) filter.skills = skills;
  const priority = Number(one(source['priority'] ?? source['priorityAtLeast']));
  if (Number.isInteger(priority) && priority > 1 && priority <= 5)
    filter.priorityAtLeast = priority;
  const due = one(source['due']);
  if (due && (dueChoices as readonly string[]).includes(due)) filter.due = due as DueChoice;
  const q = one(source['q'] ?? source['text']);
  if (q) filter.q = q.slice(0, 200);
  return filter;
}

export type FilterParams = Record<
  'status' | 'assignee' | 'type' | 'skill' | 'priority' | 'due' | 'q',
  string | undefined
>;

const list = (values: readonly string[] | undefined) =>
  values && values.length > 0 ? values.join(',') : undefined;

/**
 * For the URL: lists as comma lists (short, readable links); every key present, undefined where
 * unset, so applying a filter clears what the previous one set.
 */
export function filterParams(filter: TaskFilter): FilterParams {
  return {
    status: list(filter.statuses),
    assignee: list(filter.assignees),
    type: list(filter.types),
    skill: list(filter.skills),
    priority: filter.priorityAtLeast === undefined ? undefined : String(filter.priorityAtLeast),
    due: filter.due,
    q: filter.q,
  };
}

/** What a saved filter stores: the same spelling as the demo seed's shared filters. */
export function filterToQuery(filter: TaskFilter): FilterQuery {
  const query: FilterQuery = {};
  if (filter.statuses) query['status'] = [...filter.statuses];
  if (filter.assignees) query['assignee'] = [...filter.assignees];
  if (filter.types) query['type'] = [...filter.types];
  if (filter.skills) query['skill'] = [...filter.skills];
  if (filter.priorityAtLeast !== undefined) query['priorityAtLeast'] = filter.priorityAtLeast;
  if (filter.due) query['due'] = filter.due;
  if (filter.q) query['q'] = filter.q;
  return query;
}

export function isEmptyFilter(filter: TaskFilter): boolean {
  return Object.values(filter).every((v) => v === undefined);
}

/** Same filter, whatever the order its lists were picked in (a saved filter is "current"). */
export function sameFilter(a: TaskFilter, b: TaskFilter): boolean {
  const norm = (f: TaskFilter) =>
    JSON.stringify(
      Object.entries(filterParams(f)).map(([k, v]) => [k, v?.split(',').sort().join(',')]),
    );
  return norm(a) === norm(b);
}

/** The store's assignee values: a user id, or null for unassigned. */
export function assigneesFor(filter: TaskFilter, myId: string): (string | null)[] | undefined {
  if (!filter.assignees) return undefined;
  const ids = filter.assignees.map((a) => (a === 'me' ? myId : a === 'none' ? null : a));
  return [...new Set(ids)];
}

/** Local midnight at the start of `now`'s day and of the next day. */
function dayBounds(now: Date): [Date, Date] {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const end = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return [start, end];
}

/**
 * The store query for a filter, as seen by `myId` at `now`. Overdue means due before now and not
 * resolved (as isOverdue says), so it drops 'resolved' from the statuses; today is the local day.
 */
export function toCriteria(filter: TaskFilter, myId: string, now: Date): TasksCriteria {
  const criteria: TasksCriteria = {};
  let statuses = filter.statuses;
  if (filter.due === 'overdue') {
    statuses = (statuses ?? [...taskStatuses]).filter((s) => s !== 'resolved');
    criteria.dueBefore = now.toISOString();
  } else if (filter.due === 'today') {
    const [start, end] = dayBounds(now);
    criteria.dueFrom = start.toISOString();
    criteria.dueBefore = end.toISOString();
  }
  if (statuses) criteria.statuses = statuses;
  const assignees = assigneesFor(filter, myId);
  if (assignees) criteria.assignees = assignees;
  if (filter.types) criteria.types = filter.types;
  if (filter.skills) criteria.skills = filter.skills;
  if (filter.priorityAtLeast !== undefined) criteria.priorityAtLeast = filter.priorityAtLeast;
  if (filter.q) criteria.text = filter.q;
  return criteria;
}

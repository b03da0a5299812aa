// The task list's filter: what the URL says (so a filtered view can be bookmarked and shared),
// what a saved filter stores, and the store query it becomes.
import type { FilterQuery, TaskStatus, TaskType } from '../../domain';
import { taskStatuses, taskTypes } from '../../domain';

export interface TaskFilter {
  status?: TaskStatus;
  /** 'me', 'none' (unassigned) or a user id. */
  assignee?: string;
  type?: TaskType;
  q?: string;
}

const filterKeys = ['status', 'assignee', 'type', 'q'] as const;

function pick(value: unknown): string | undefined {
  const one = Array.isArray(value) ? (value[0] as unknown) : value;
  return typeof one === 'string' && one !== '' ? one : undefined;
}

/** From URL search params or a saved filter's query; anything unknown is dropped. */
export function parseTaskFilter(source: Record<string, unknown>): TaskFilter {
  const filter: TaskFilter = {};
  const status = pick(source['status']);
  if (status && (taskStatuses as readonly string[]).includes(status))
    filter.status = status as TaskStatus;
  const type = pick(source['type']);
  if (type && (taskTypes as readonly string[]).includes(type)) filter.type = type as TaskType;
  const assignee = pick(source['assignee']);
  if (assignee && assignee.length <= 100) filter.assignee = assignee;
  const q = pick(source['q']);
  if (q) filter.q = q.slice(0, 200);
  return filter;
}

/** For the URL and for saving: every key present, undefined where unset (clears URL params). */
export function filterParams(
  filter: TaskFilter,
): Record<(typeof filterKeys)[number], string | undefined> {
  return { status: filter.status, assignee: filter.assignee, type: filter.type, q: filter.q };
}

export function filterToQuery(filter: TaskFilter): FilterQuery {
  const query: FilterQuery = {};
  for (const key of filterKeys) if (filter[key] !== undefined) query[key] = filter[key];
  return query;
}

export function isEmptyFilter(filter: TaskFilter): boolean {
  return filterKeys.every((key) => filter[key] === undefined);
}

/** The store's assignee argument: a user id, null for unassigned, undefined for anyone. */
export function assigneeFor(filter: TaskFilter, myId: string): string | null | undefined {
  if (filter.assignee === undefined) return undefined;
  if (filter.assignee === 'me') return myId;
  if (filter.assignee === 'none') return null;
  return filter.assignee;
}

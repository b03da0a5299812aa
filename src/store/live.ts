// Reads that stay current: each is a Dexie liveQuery, re-run when a table it read changes (in
// this tab, another tab or the service worker). Solid wraps one with `from(...)`, without dexie.
import { liveQuery } from 'dexie';

import type { SyncDb } from './db';
import {
  countTasks,
  readAgentStatus,
  readComments,
  readContacts,
  readFilters,
  readLog,
  readMembers,
  readPending,
  readPendingCount,
  readRecentCalls,
  readRejected,
  readSyncMeta,
  readTask,
  readTasksPage,
  type TasksCountQuery,
  type TasksQuery,
} from './queries';
import { readMentions, readOffers } from './offers';
import { readAgentStatuses, readStatusDefinitions } from './statuses';

/** The Observable shape Solid's `from` and any observer library accept. */
export interface Live<T> {
  subscribe(next: (value: T) => void, error?: (error: unknown) => void): { unsubscribe(): void };
  /**
   * The same read once, started now. A liveQuery runs its first read a task later (Dexie's
   * setTimeout), after whatever the page renders meanwhile: a screen that must answer at once
   * (a new filter's first rows) reads this way and subscribes after.
   */
  read(): Promise<T>;
}

export function live<T>(querier: () => T | Promise<T>): Live<T> {
  const observable = liveQuery(querier);
  return {
    subscribe: (next, error) => observable.subscribe({ next, error: error ?? reportError }),
    read: () => new Promise<T>((resolve) => resolve(querier())),
  };
}

function reportError(error: unknown): void {
  console.error('[store] live query failed', error);
}

/** The ready-made live reads over one database. */
export function createQueries(db: SyncDb) {
  return {
    tasksPage: (query: TasksQuery) => live(() => readTasksPage(db, query)),
    /** How many tasks match, up to `cap` ("10,000+"). */
    tasksCount: (query: TasksCountQuery, cap: number) => live(() => countTasks(db, query, cap)),
    taskById: (id: string) => live(() => readTask(db, id)),
    commentsOf: (taskId: string) => live(() => readComments(db, taskId)),
    logOf: (taskId: string) => live(() => readLog(db, taskId)),
    filters: () => live(() => readFilters(db)),
    contacts: (text = '', limit = 50) => live(() => readContacts(db, text, limit)),
    members: () => live(() => readMembers(db)),
    agentStatusOf: (userId: string) => live(() => readAgentStatus(db, userId)),
    /** Every member's status, for the Team view. */
    agentStatuses: () => live(() => readAgentStatuses(db)),
    /** The instance's custom statuses in menu order. */
    statusDefinitions: () => live(() => readStatusDefinitions(db)),
    recentCalls: (limit = 50) => live(() => readRecentCalls(db, limit)),
    offers: (userId: string) => live(() => readOffers(db, userId, Date.now())),
    mentions: (userId: string) => live(() => readMentions(db, userId, Date.now())),
    pendingCount: () => live(() => readPendingCount(db)),
    pendingList: () => live(() => readPending(db)),
    rejectedList: () => live(() => readRejected(db)),
    syncMeta: () => live(() => readSyncMeta(db)),
  };
}
export type Queries = ReturnType<typeof createQueries>;

// The reads the screens need, each answered from an index that fits (never a scan of every task
// when one does). live.ts wraps them in liveQuery.
import Dexie, { type Table } from 'dexie';
import {
  taskStatuses,
  type SyncAgentStatus,
  type SyncCall,
  type SyncComment,
  type SyncContact,
  type SyncFilter,
  type SyncLogItem,
  type SyncMember,
  type SyncTask,
  type TaskStatus,
  type TaskType,
} from '../domain';
import type { SyncDb } from './db';
import { getMeta } from './meta';
import type { OutboxRow, RejectedRow, StoredTask } from './records';
import { matchesAll, queryTokens } from './words';

export interface TasksQuery {
  status?: TaskStatus;
  /** A user id, or `null` for unassigned tasks; omitted for anyone's. */
  assigneeId?: string | null;
  type?: TaskType;
  text?: string;
  limit: number;
}

/**
 * Below this many word-index matches, a search reads them and sorts; above it, it walks the
 * newest-first list indexes and keeps the matches, which stops after `limit` hits.
 */
const fewMatches = 300;

const newestFirst = (a: { updatedAt: string }, b: { updatedAt: string }) =>
  a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0;

export async function readTasksPage(db: SyncDb, query: TasksQuery): Promise<SyncTask[]> {
  const { status, assigneeId, type, limit } = query;
  const tokens = queryTokens(query.text ?? '');
  const assigneeKey = assigneeId === undefined ? undefined : (assigneeId ?? '');
  if (tokens.length === 0) return listTasks(db, { status, assigneeKey, type }, limit, null);

  // Keys only (no records read): the longest token is the most selective prefix.
  const first = tokens.reduce((a, b) => (b.length > a.length ? b : a));
  const keys = new Set(await db.tasks.where('words').startsWith(first).primaryKeys());
  const matches = (task: StoredTask) => keys.has(task.id) && matchesAll(task.words, tokens);
  if (keys.size > fewMatches) return listTasks(db, { status, assigneeKey, type }, limit, matches);

  const found = await db.tasks.bulkGet([...keys]);
  return found
    .filter((task): task is StoredTask => task !== undefined)
    .filter(
      (task) =>
        matches(task) &&
        (status === undefined || task.status === status) &&
        (assigneeKey === undefined || task.assigneeKey === assigneeKey) &&
        (type === undefined || task.type === type),
    )
    .sort(newestFirst)
    .slice(0, limit);
}

interface ListCriteria {
  status: TaskStatus | undefined;
  assigneeKey: string | undefined;
  type: TaskType | undefined;
}

/**
 * One index range per status, newest first; merging three short lists is cheaper than an extra
 * plain updatedAt index on every task write.
 */
async function listTasks(
  db: SyncDb,
  { status, assigneeKey, type }: ListCriteria,
  limit: number,
  also: ((task: StoredTask) => boolean) | null,
): Promise<SyncTask[]> {
  const statuses = status ? [status] : taskStatuses;
  const lists = await Promise.all(
    statuses.map((s) => {
      let range;
      if (assigneeKey !== undefined) {
        range = db.tasks
          .where('[assigneeKey+status+updatedAt]')
          .between([assigneeKey, s, Dexie.minKey], [assigneeKey, s, Dexie.maxKey]);
      } else if (type) {
        range = db.tasks
          .where('[type+status+updatedAt]')
          .between([type, s, Dexie.minKey], [type, s, Dexie.maxKey]);
      } else {
        range = db.tasks.where('[status+updatedAt]').between([s, Dexie.minKey], [s, Dexie.maxKey]);
      }
      const needsType = assigneeKey !== undefined && type !== undefined;
      const collection = range.reverse();
      if (needsType || also) {
        collection.filter(
          (task) => (!needsType || task.type === type) && (also === null || also(task)),
        );
      }
      return collection.limit(limit).toArray();
    }),
  );
  return lists.flat().sort(newestFirst).slice(0, limit);
}

export function readTask(db: SyncDb, id: string): Promise<SyncTask | undefined> {
  return db.tasks.get(id);
}

function byTask<T>(table: Table<T, string>, taskId: string): Promise<T[]> {
  return table
    .where('[taskId+createdAt]')
    .between([taskId, Dexie.minKey], [taskId, Dexie.maxKey])
    .toArray();
}

/** Oldest first, as a conversation reads. */
export function readComments(db: SyncDb, taskId: string): Promise<SyncComment[]> {
  return byTask(db.comments, taskId);
}

export function readLog(db: SyncDb, taskId: string): Promise<SyncLogItem[]> {
  return byTask(db.logItems, taskId);
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

export async function readFilters(db: SyncDb): Promise<SyncFilter[]> {
  return (await db.filters.toArray()).sort(byName);
}

/** Contacts are a few thousand at most: a search reads this many matches, then sorts by name. */
const contactCandidates = 2000;

export async function readContacts(db: SyncDb, text: string, limit = 50): Promise<SyncContact[]> {
  const tokens = queryTokens(text);
  if (tokens.length === 0) return db.contacts.orderBy('name').limit(limit).toArray();
  const first = tokens.reduce((a, b) => (b.length > a.length ? b : a));
  const found = await db.contacts
    .where('words')
    .startsWith(first)
    .distinct()
    .filter((contact) => matchesAll(contact.words, tokens))
    .limit(contactCandidates)
    .toArray();
  return found.sort(byName).slice(0, limit);
}

export async function readMembers(db: SyncDb): Promise<SyncMember[]> {
  return (await db.members.toArray()).sort(byName);
}

export function readAgentStatus(db: SyncDb, userId: string): Promise<SyncAgentStatus | undefined> {
  return db.agentStatuses.get(userId);
}

export function readRecentCalls(db: SyncDb, limit: number): Promise<SyncCall[]> {
  return db.calls.orderBy('startedAt').reverse().limit(limit).toArray();
}

export function readPendingCount(db: SyncDb): Promise<number> {
  return db.outbox.count();
}

/** What still waits to be sent, oldest first. */
export function readPending(db: SyncDb): Promise<OutboxRow[]> {
  return db.outbox.orderBy('seq').toArray();
}

/** Newest first. */
export async function readRejected(db: SyncDb): Promise<RejectedRow[]> {
  const rows = await db.rejected.toArray();
  return rows.sort((a, b) =>
    a.rejectedAt < b.rejectedAt ? 1 : a.rejectedAt > b.rejectedAt ? -1 : 0,
  );
}

export interface SyncMeta {
  lastSyncAt: string | null;
  bootstrapped: boolean;
}

export async function readSyncMeta(db: SyncDb): Promise<SyncMeta> {
  return {
    lastSyncAt: (await getMeta(db, 'lastSyncAt')) ?? null,
    bootstrapped: (await getMeta(db, 'bootstrapped')) ?? false,
  };
}

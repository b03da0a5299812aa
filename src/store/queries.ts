// The reads the screens need, each answered from an index that fits (never a scan of every task
// when one does). live.ts wraps them in liveQuery.
import Dexie, { type Table } from 'dexie';
import type {
  SyncAgentStatus,
  SyncCall,
  SyncComment,
  SyncContact,
  SyncFilter,
  SyncLogItem,
  SyncMember,
  SyncTask,
} from '../domain';
import type { SyncDb } from './db';
import { getMeta } from './meta';
import { countList } from './count';
import { criteriaOf, type Criteria, type TaskPosition, type TasksFilter } from './filter';
import { listTasks } from './lists';
import { usesFilterKeys } from './plan';
import type { OutboxRow, RejectedRow } from './records';
import { searchTasks } from './search';
import { matchesAll, queryTokens } from './words';

/**
 * A page of the task list: the filters combine (all must hold; a list filter is any of its
 * values), in the order updatedAt newest first, then id highest first.
 */
export interface TasksQuery extends TasksFilter {
  /** Keyset paging: the rows strictly after this one in the order (the last row of a page). */
  after?: TaskPosition;
  limit: number;
}

export type TasksCountQuery = Omit<TasksQuery, 'limit' | 'after'>;

export function readTasksPage(db: SyncDb, query: TasksQuery): Promise<SyncTask[]> {
  const { limit, after } = query;
  let criteria: Criteria;
  try {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be 1 or more`);
    criteria = criteriaOf(query);
  } catch (error) {
    return Promise.reject(error as Error);
  }
  const tokens = queryTokens(query.text ?? '');
  // One read transaction for the several index reads a page may take.
  return readNow(db, () => {
    const indexed = wordsIndexed(db);
    if (tokens.length > 0) {
      return indexed.then((yes) => searchTasks(db, criteria, tokens, after, limit, yes));
    }
    if (!usesFilterKeys(db, criteria)) return listTasks(db, criteria, after, limit, true);
    // Read as if the rows are keyed (they are, but for the seconds after a bootstrap) while
    // asking whether they are: every round trip waits for a free moment of the main thread,
    // which is busy rendering the filter change.
    const keyed = listTasks(db, criteria, after, limit, true);
    return Dexie.Promise.all([indexed, keyed]).then(([yes, rows]) =>
      yes ? rows : listTasks(db, criteria, after, limit, false),
    );
  });
}

/**
 * A read-only transaction's answer as soon as its reads are done. Dexie's transaction promise
 * waits for the commit, one more round trip to the database that a read does not need; errors
 * (and an abort) still reject.
 */
function readNow<T>(db: SyncDb, body: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    db.transaction('r', db.tasks, db.meta, () =>
      body().then((value) => {
        resolve(value);
        return value;
      }),
    ).catch(reject);
  });
}

/**
 * How many tasks match, counted up to `cap` (a list shows "10,000+"). Statuses and assignees
 * alone are counted by the index; any other filter reads the rows of those ranges until `cap`.
 */
export async function countTasks(db: SyncDb, query: TasksCountQuery, cap: number): Promise<number> {
  if (!Number.isInteger(cap) || cap < 1) throw new RangeError(`cap must be 1 or more`);
  const criteria = criteriaOf(query);
  const tokens = queryTokens(query.text ?? '');
  return db.transaction('r', db.tasks, db.meta, () =>
    wordsIndexed(db).then((indexed) =>
      tokens.length === 0
        ? countList(db, criteria, cap, indexed)
        : searchTasks(db, criteria, tokens, undefined, cap, indexed).then((rows) => rows.length),
    ),
  );
}

/**
 * False while a bootstrap's tasks still wait for their search words and filter keys
 * (words-pass.ts). A Dexie
 * promise: awaited through plain async functions, the transaction (and a liveQuery) would lose
 * track of the reads after it and commit early (PrematureCommitError).
 */
function wordsIndexed(db: SyncDb): Promise<boolean> {
  return db.meta.get('wordsPending').then((row) => row === undefined);
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

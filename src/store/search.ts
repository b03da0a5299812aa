// Text search over tasks. Every `words` index entry is [word, updatedAt ms], so the tasks with one
// word read newest first from one key range; a typed prefix merges the ranges of the words it
// starts. Only keys are read until a candidate is due, then records in small batches.
import Dexie from 'dexie';
import type { SyncDb } from './db';
import { inRanges, isAfter, type Criteria, type TaskPosition } from './filter';
import type { StoredTask, WordKey } from './records';
import { taskWords } from './stored';
import { matchesAll } from './words';
import { walkLists } from './lists';

/** A prefix that starts more distinct words than this is not merged word by word. */
const maxWords = 12;
/** Such a prefix with fewer index entries than this is rare: its entries are read and sorted. */
const fewEntries = 1000;
/** Records a list walk may read before a search with criteria goes back to the word ranges. */
const walkBudget = 1500;
/** The most candidates read in one batch. */
const maxCheck = 800;

interface Checks {
  /** False for an id that misses another query token (known from keys alone). */
  candidate: (id: string) => boolean;
  fits: (task: StoredTask) => boolean;
  hasWords: (task: StoredTask) => boolean;
  /** Set when statuses or assignees narrow the index ranges a list walk would read. */
  criteria: Criteria | null;
  after: TaskPosition | undefined;
}

/** `indexed`: every task's words are in the index (false until words-pass.ts has run). */
export async function searchTasks(
  db: SyncDb,
  criteria: Criteria,
  tokens: readonly string[],
  after: TaskPosition | undefined,
  limit: number,
  indexed = true,
): Promise<StoredTask[]> {
  const hasWords = (task: StoredTask) => matchesAll(task.words ?? taskWords(task), tokens);
  // Some tasks are not in the word index yet: the lists have them all, tested row by row. Slower
  // (up to every row for a rare word) but complete, for the seconds the words pass takes.
  if (!indexed) {
    return (await walkLists(db, criteria, after, limit, hasWords, Infinity, false)) ?? [];
  }
  const fits = (task: StoredTask) =>
    hasWords(task) && inRanges(criteria, task) && criteria.fits(task) && isAfter(task, after);
  // The longest token is the most selective prefix and drives; the other tokens' tasks are read
  // as id sets (keys only) when they are long enough to be selective.
  const [driving = '', ...others] = [...tokens].sort((a, b) => b.length - a.length);
  const sets = await Promise.all(
    others.filter((token) => token.length >= 3).map((token) => idsWithPrefix(db, token)),
  );
  const checks: Checks = {
    candidate: (id) => sets.every((set) => set.has(id)),
    fits,
    hasWords,
    criteria: hasCriteria(criteria) ? criteria : null,
    after,
  };
  const words = await wordsStartingWith(db, driving, maxWords + 1);
  if (words.length <= maxWords) return mergeWordRanges(db, words, limit, checks);
  // Many words start like this: one or two letters typed, or the first digits of a phone number.
  // Few entries (rare, like phone numbers): all of them, sorted.
  const entries = await prefixEntries(db, driving, fewEntries);
  if (entries) {
    const found: StoredTask[] = [];
    const ids = [...entries]
      .map(([id, at]) => ({ id, at }))
      .filter((entry) => entryAfter(entry, after))
      .sort(newestEntry)
      .map(({ id }) => id);
    await checkInOrder(db, ids, limit, checks, found);
    return found;
  }
  // Many: the newest matches are near the top of the lists.
  return (await walkLists(db, criteria, after, limit, hasWords, Infinity, true)) ?? [];
}

async function idsWithPrefix(db: SyncDb, prefix: string): Promise<Set<string>> {
  const ids = await db.tasks
    .where('words')
    .between([prefix], [`${prefix}\uffff`])
    .primaryKeys();
  return new Set(ids);
}

/**
 * The entries under a prefix as id → time, or null when there are `max` or more. The size is
 * probed with one batched key read; only a small range is walked with a cursor for the times.
 */
async function prefixEntries(
  db: SyncDb,
  prefix: string,
  max: number,
): Promise<Map<string, number> | null> {
  const range = () => db.tasks.where('words').between([prefix], [`${prefix}\uffff`]);
  if ((await range().limit(max).primaryKeys()).length === max) return null;
  const entries = new Map<string, number>();
  await range().eachKey((key, cursor) => {
    entries.set(cursor.primaryKey as string, (key as unknown as WordKey)[1]);
  });
  return entries;
}

/**
 * Reads the records of `ids` (newest first) in batches and adds those that fit to `found`, up to
 * `limit`; true once it is full.
 */
async function checkInOrder(
  db: SyncDb,
  ids: readonly string[],
  limit: number,
  checks: Checks,
  found: StoredTask[],
): Promise<boolean> {
  const due = ids.filter(checks.candidate);
  // Batches grow while filters reject candidates: fewer round trips for a selective filter.
  let size = limit;
  for (let i = 0; i < due.length; i += size, size = Math.min(maxCheck, size * 2)) {
    const batch = due.slice(i, i + size);
    for (const task of await db.tasks.bulkGet(batch)) {
      if (task && checks.fits(task)) found.push(task);
      if (found.length === limit) return true;
    }
  }
  return false;
}

/**
 * Whether statuses or assignees leave fewer index ranges than the whole table: only then may a
 * list walk beat the word ranges (other filters are tested on the rows either way).
 */
function hasCriteria(criteria: Criteria): boolean {
  return criteria.assigneeKeys !== null || criteria.statuses.length < 3;
}

/** Distinct indexed words with this prefix, in order: one key read per word, skipping its tasks. */
async function wordsStartingWith(db: SyncDb, prefix: string, max: number): Promise<string[]> {
  const words: string[] = [];
  const upper = [`${prefix}\uffff`];
  let lower: unknown[] = [prefix];
  while (words.length < max) {
    const [key] = await db.tasks
      .where('words')
      .between(lower, upper, words.length === 0, false)
      .limit(1)
      .keys();
    if (!key) break;
    const word = (key as unknown as WordKey)[0];
    words.push(word);
    lower = [word, Dexie.maxKey];
  }
  return words;
}

interface Entry {
  id: string;
  at: number;
}

/** The list order for index entries: newer first, then the higher id. */
const newestEntry = (a: Entry, b: Entry) =>
  b.at - a.at || (a.id === b.id ? 0 : a.id < b.id ? 1 : -1);

/** Whether an entry comes strictly after `after` in the list order. */
function entryAfter(entry: Entry, after: TaskPosition | undefined): boolean {
  if (!after) return true;
  const at = Date.parse(after.updatedAt);
  return entry.at < at || (entry.at === at && entry.id < after.id);
}

/** One word's index entries from the keyset position on, newest first. */
function wordRange(db: SyncDb, word: string, after: TaskPosition | undefined) {
  const upper = after ? Date.parse(after.updatedAt) : Dexie.maxKey;
  return db.tasks.where('words').between([word, Dexie.minKey], [word, upper], true, true).reverse();
}

/** Some of a word's entries, and whether its range goes on past them (and from which time). */
interface WordPage {
  entries: Entry[];
  full: boolean;
  lastAt: number;
}

/** The newest `count` entries of one word, keys only. */
async function newestOf(
  db: SyncDb,
  word: string,
  count: number,
  after: TaskPosition | undefined,
): Promise<WordPage> {
  const entries: Entry[] = [];
  await wordRange(db, word, after)
    .limit(count)
    .eachKey((key, cursor) => {
      entries.push({ id: cursor.primaryKey as string, at: (key as unknown as WordKey)[1] });
    });
  return {
    // The range starts at the position's time: its ties up to the position were on a page before.
    entries: entries.filter((entry) => entryAfter(entry, after)),
    full: entries.length === count,
    lastAt: entries[entries.length - 1]?.at ?? -Infinity,
  };
}

/** One word alone needs no times: its range is in order, and the position stands for the time. */
async function newestIdsOf(db: SyncDb, word: string, count: number): Promise<WordPage> {
  const ids = await wordRange(db, word, undefined).limit(count).primaryKeys();
  return {
    entries: ids.map((id, i) => ({ id, at: -i })),
    full: ids.length === count,
    lastAt: 1 - ids.length,
  };
}

/**
 * Merges the words' ranges newest first. Each round reads the newest `depth` entries of every
 * word not yet read to its end; entries no older than the oldest of those are in final order, and
 * their records are read and checked in batches until `limit` tasks fit. The depth grows 4× a
 * round, so a filter that rejects most of a common word's tasks costs a few rounds, not one per
 * task. When criteria narrow a common word, the list for the criteria may find them sooner.
 */
async function mergeWordRanges(
  db: SyncDb,
  words: readonly string[],
  limit: number,
  checks: Checks,
): Promise<StoredTask[]> {
  // With a keyset position, the times are needed to skip the ties before it.
  const read =
    words.length === 1 && !checks.after
      ? newestIdsOf
      : (db: SyncDb, word: string, count: number) => newestOf(db, word, count, checks.after);
  const found: StoredTask[] = [];
  const checked = new Set<string>();
  const seen = new Map<string, number>();
  let open = [...words];
  let depth = limit;
  for (let round = 0; ; round++) {
    let frontier = -Infinity;
    const pages = await Promise.all(open.map((word) => read(db, word, depth)));
    open = open.filter((_, i) => {
      const page = pages[i];
      if (!page) return false;
      for (const { id, at } of page.entries) seen.set(id, at);
      if (page.full) frontier = Math.max(frontier, page.lastAt);
      return page.full;
    });
    // Past the frontier, a word read to its depth may have more entries: of its time too, with
    // a lower id, which order among the other words' entries of that time.
    const due = [...seen]
      .map(([id, at]) => ({ id, at }))
      .filter(({ id, at }) => at > frontier && !checked.has(id))
      .sort(newestEntry)
      .map(({ id }) => id);
    for (const id of due) checked.add(id);
    if (await checkInOrder(db, due, limit, checks, found)) return found;
    if (open.length === 0) return found;
    if (round === 0 && checks.criteria) {
      const walked = await walkLists(
        db,
        checks.criteria,
        checks.after,
        limit,
        checks.hasWords,
        walkBudget,
        true,
      );
      if (walked) return walked;
    }
    depth *= 4;
  }
}

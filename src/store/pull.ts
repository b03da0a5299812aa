// Pulls changes since the stored cursor, page by page. Each page, its cursor and the rebase of
// pending mutations are one transaction: a page is applied whole or not at all.
import type {
  Change,
  PullResponse,
  SyncTransport,
  TransportFailure,
  TransportResult,
} from '../domain';
import { allTables, type SyncDb } from './db';
import { applyChanges } from './changes';
import { getMeta, setMeta } from './meta';
import { rebasePending } from './rebase';

export type PullOutcome =
  | { status: 'done'; pages: number; changes: number }
  | { status: 'failed'; failure: TransportFailure; pages: number; changes: number };

export interface PullOptions {
  db: SyncDb;
  transport: SyncTransport;
  userId: string;
  now?: () => Date;
  /** Stop after this many pages (the next pull goes on from the stored cursor). */
  maxPages?: number;
}

export async function pullChanges(options: PullOptions): Promise<PullOutcome> {
  const { db, transport, userId } = options;
  const now = options.now ?? (() => new Date());
  const maxPages = options.maxPages ?? Infinity;
  let pages = 0;
  let changes = 0;
  let dropped = 0;

  // The next page is asked for as soon as this one's cursor is known, so the network and the
  // server work while IndexedDB writes this page (a 10k bootstrap is 6 pages: ~0.7 s saved).
  // And a page's rows go to IndexedDB while the page before still commits: IndexedDB runs the
  // two transactions in order, but the page's rows are cloned and sent meanwhile.
  let from = (await getMeta(db, 'cursor')) ?? null;
  // A bootstrap writes tasks without their search words: the words are about three quarters of
  // a task's index entries, and so most of the bootstrap's IndexedDB time. words-pass.ts adds
  // them once the lists are there; searches read the lists meanwhile. Later pulls write words.
  const wordsToken = (await getMeta(db, 'bootstrapped')) ? null : crypto.randomUUID();
  let next: Promise<TransportResult<PullResponse>> = transport.pull(from);
  let inFlight: { write: Promise<boolean>; changes: number } | null = null;
  /** Waits for the write in flight; false when it was dropped. */
  const land = async (): Promise<boolean> => {
    if (!inFlight) return true;
    const { write, changes: size } = inFlight;
    inFlight = null;
    if (!(await write)) {
      dropped++;
      return false;
    }
    pages++;
    changes += size;
    return true;
  };
  // `dropped` bounds the loop should other contexts keep overtaking this one.
  while (dropped < 3) {
    const answer: TransportResult<PullResponse> = await next;
    if (!answer.ok) {
      await land();
      return { status: 'failed', failure: answer, pages, changes };
    }
    const value: PullResponse = answer.value;
    const started = pages + (inFlight ? 1 : 0) + 1;
    const ahead = value.more && started < maxPages ? transport.pull(value.cursor) : null;
    const write = writePage(db, value, from, { userId, now, wordsToken });
    const before = await land();
    inFlight = { write, changes: value.changes.length };
    if (before && ahead) {
      from = value.cursor;
      next = ahead;
      continue;
    }
    // The last page, or the page before was dropped (this one, written on top of it, then
    // finds the cursor moved too, unless the other context stored the very same page).
    const applied = await land();
    if (before && applied) break;
    if (pages >= maxPages) break;
    // Another tab (or the service worker) pulled meanwhile: go on from its newer cursor; the
    // page fetched ahead followed the dropped one.
    from = (await getMeta(db, 'cursor')) ?? null;
    next = transport.pull(from);
  }
  await land();
  return { status: 'done', pages, changes };
}

class Overtaken extends Error {}

interface PageContext {
  userId: string;
  now: () => Date;
  /** Set during a bootstrap: tasks go without words, and meta says they are pending. */
  wordsToken: string | null;
}

/** One page, its cursor and the rebase in one transaction; false when the page was dropped. */
async function writePage(
  db: SyncDb,
  page: PullResponse,
  base: string | null,
  { userId, now, wordsToken }: PageContext,
): Promise<boolean> {
  try {
    return await db.transaction('rw', allTables(db), async () => {
      // The rows are handed over before the stored cursor is read (the page before may still be
      // committing); a page that turns out stale is rolled back by the abort.
      const stored = getMeta(db, 'cursor');
      const written = applyChanges(db, page.changes, { withoutWords: wordsToken !== null });
      written.catch(() => {});
      // Another tab (or the service worker) pulled meanwhile: this page may be older than what
      // it wrote, so drop it.
      if (((await stored) ?? null) !== base) throw new Overtaken();
      await written;
      await setMeta(db, 'cursor', page.cursor);
      await setMeta(db, 'lastSyncAt', now().toISOString());
      if (wordsToken !== null) await setMeta(db, 'wordsPending', wordsToken);
      if (!page.more) await setMeta(db, 'bootstrapped', true);
      await rebasePending(db, userId);
      return true;
    });
  } catch (error) {
    if (error instanceof Overtaken) return false;
    throw error;
  }
}

/** A task's comments and log, fetched when it is opened (not part of the bootstrap). */
export async function loadTaskItems(
  options: Omit<PullOptions, 'maxPages'> & { taskId: string },
): Promise<{ ok: true } | { ok: false; failure: TransportFailure }> {
  const { db, transport, userId, taskId } = options;
  const answer = await transport.taskItems(taskId);
  if (!answer.ok) return { ok: false, failure: answer };
  await applyServerChanges(db, userId, answer.value.changes);
  return { ok: true };
}

export async function applyServerChanges(
  db: SyncDb,
  userId: string,
  changes: readonly Change[],
): Promise<void> {
  await db.transaction('rw', allTables(db), async () => {
    await applyChanges(db, changes);
    await rebasePending(db, userId);
  });
}

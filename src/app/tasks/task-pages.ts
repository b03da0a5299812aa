// The list's rows, read page by page as the user scrolls (keyset paging: each page starts after
// the last row of the one before, so page 200 costs what page 1 does). Every page is a live read,
// so a colleague's change shows wherever it lands; a row that moves to the top (it was just
// updated) leaves its old page and joins the first one.
import { batch, createEffect, createSignal, on, onCleanup, untrack, type Accessor } from 'solid-js';
import type { SyncTask } from '../../domain';
import type { Subscribable } from '../data/live';

export interface Cursor {
  updatedAt: string;
  id: string;
}

/** Opens one live page: up to `limit` rows strictly after `after` (newest updatedAt first). */
export type PageSource = (after: Cursor | undefined, limit: number) => Subscribable<SyncTask[]>;

export interface TaskPages {
  rows: Accessor<readonly SyncTask[]>;
  /** False until the first page of the current source answers. */
  ready: Accessor<boolean>;
  /** True once a page came back short: there is nothing after the last row. */
  complete: Accessor<boolean>;
  /** Asks for the next page unless one is on its way or the list is complete. */
  loadMore(): void;
}

/** Newest first, then by id (descending) for equal times: the order of the store's keyset. */
export function isAfter(task: Cursor, cursor: Cursor): boolean {
  return (
    task.updatedAt < cursor.updatedAt ||
    (task.updatedAt === cursor.updatedAt && task.id < cursor.id)
  );
}

/** The rows of a page that are its own: those before where the next page starts. */
export function shownRows(page: Pick<Page, 'rows' | 'until'>): SyncTask[] {
  const got = page.rows ?? [];
  const until = page.until;
  if (!until) return got;
  const end = got.findIndex((task) => isAfter(task, until));
  return end === -1 ? got : got.slice(0, end);
}

/**
 * The list: each answered page's own rows in order, up to the first page still unanswered; a row
 * that moved between two answers may briefly be in two pages, and shows once.
 */
export function mergePages(pages: readonly Pick<Page, 'rows' | 'until'>[]): SyncTask[] {
  const seen = new Set<string>();
  const all: SyncTask[] = [];
  for (const page of pages) {
    if (page.rows === null) break;
    for (const task of shownRows(page)) {
      if (seen.has(task.id)) continue;
      seen.add(task.id);
      all.push(task);
    }
  }
  return all;
}

interface Page {
  after: Cursor | undefined;
  /** Rows asked for: fewer back means nothing follows. */
  limit: number;
  /** Where the next page starts; rows past it belong to that page. Unset for the last page. */
  until: Cursor | undefined;
  rows: SyncTask[] | null;
  stop(): void;
}

/**
 * `source` is tracked: when it changes (a new filter), the old pages are dropped and the first
 * page of the new query is read; the old rows stay on screen until it answers, so the list does
 * not flash empty. `onFirstPage` is told when a new source's first page has arrived.
 */
export function createTaskPages(
  source: () => PageSource | null,
  sizes: { first: number; next: number },
  onFirstPage?: (rows: readonly SyncTask[]) => void,
): TaskPages {
  // A page asks for a few more rows than it shows, so rows inserted into its range (moved there
  // by an edit) do not push its last rows out of sight before the next page starts.
  const limitOf = (size: number) => size + Math.ceil(size / 10);
  const [rows, setRows] = createSignal<readonly SyncTask[]>([]);
  const [ready, setReady] = createSignal(false);
  const [complete, setComplete] = createSignal(false);
  let pages: Page[] = [];
  let current: PageSource | null = null;
  let firstAnswered = false;

  const stopAll = () => {
    for (const page of pages) page.stop();
    pages = [];
  };

  function publish() {
    const all = mergePages(pages);
    const last = pages[pages.length - 1];
    batch(() => {
      setRows(all);
      setComplete(last !== undefined && last.rows !== null && last.rows.length < last.limit);
    });
  }

  function open(after: Cursor | undefined) {
    const from = current;
    if (!from) return;
    const limit = limitOf(after ? sizes.next : sizes.first);
    const page: Page = { after, limit, until: undefined, rows: null, stop: () => {} };
    pages.push(page);
    const subscription = from(after, limit).subscribe((next) => {
      if (current !== from) return;
      page.rows = next;
      if (!firstAnswered && page === pages[0]) {
        firstAnswered = true;
        publish();
        setReady(true);
        onFirstPage?.(next);
        return;
      }
      publish();
    });
    page.stop = () => subscription.unsubscribe();
  }

  createEffect(
    on(source, (next) => {
      stopAll();
      current = next;
      firstAnswered = false;
      setComplete(false);
      if (next) open(undefined);
    }),
  );
  onCleanup(stopAll);

  return {
    rows,
    ready,
    complete,
    loadMore() {
      untrack(() => {
        const last = pages[pages.length - 1];
        if (!last || last.rows === null || complete()) return;
        const visible = shownRows(last);
        const tail = visible[visible.length - 1];
        if (!tail) return;
        last.until = { updatedAt: tail.updatedAt, id: tail.id };
        open(last.until);
        publish();
      });
    },
  };
}

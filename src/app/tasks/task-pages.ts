// The list's rows, read page by page as the user scrolls (keyset paging: each page starts after
// the last row of the one before, so page 500 costs what page 1 does). Pages near the view are
// live reads, so a colleague's change shows wherever it lands; pages far from it are let go
// (their row count is kept as placeholders) and read again when the view comes back, so the tab
// holds a few thousand tasks however far the user scrolls through 100k.
import {
  batch,
  createComputed,
  createSignal,
  on,
  onCleanup,
  untrack,
  type Accessor,
} from 'solid-js';
import type { SyncTask } from '../../domain';
import type { Subscribable } from '../data/live';
import { reuseRows } from './same-rows';

export interface Cursor {
  updatedAt: string;
  id: string;
}

/** One page's read: live, and (for the store's reads) once at once. */
export interface PageRead extends Subscribable<SyncTask[]> {
  /**
   * The same rows read once, started now. A new filter's first page is read this way and
   * subscribed after its rows are on screen: a live query's first read waits a task, behind the
   * rendering of the filter change, and would compete with painting the rows it answered.
   */
  read?(): Promise<SyncTask[]>;
}

/** Opens one live page: up to `limit` rows strictly after `after` (newest updatedAt first). */
export type PageSource = (after: Cursor | undefined, limit: number) => PageRead;

export interface TaskPages {
  /** Rows known: those read plus the placeholders of pages let go. */
  length: Accessor<number>;
  /** The row at `index`, or undefined while its page is being read (tracked). */
  rowAt(index: number): SyncTask | undefined;
  /** False until the first page of the current source answers. */
  ready: Accessor<boolean>;
  /** True once the last page came back short: there is nothing after it. */
  complete: Accessor<boolean>;
  /** Where the user looks: pages around it are read (and the next one near the end). */
  setView(first: number, last: number): void;
  /** Counts the sources whose first page is on screen: a new list starts at its top then. */
  generation: Accessor<number>;
}

/** Newest first, then by id (descending) for equal times: the order of the store's keyset. */
export function isAfter(task: Cursor, cursor: Cursor): boolean {
  return (
    task.updatedAt < cursor.updatedAt ||
    (task.updatedAt === cursor.updatedAt && task.id < cursor.id)
  );
}

export interface PageState {
  /** The answer of its live read, or null while read or let go. */
  rows: SyncTask[] | null;
  /** Where the next page starts; rows past it belong to that page. Unset for the last page. */
  until: Cursor | undefined;
  /** Rows it showed when last read: its placeholders while it is not. */
  size: number;
}

/** The rows of a page that are its own: those before where the next page starts. */
export function shownRows(page: Pick<PageState, 'rows' | 'until'>): SyncTask[] {
  const got = page.rows ?? [];
  const until = page.until;
  if (!until) return got;
  const end = got.findIndex((task) => isAfter(task, until));
  return end === -1 ? got : got.slice(0, end);
}

export interface Layout {
  /** Per page: its rows on screen, or null for placeholders. */
  shown: (SyncTask[] | null)[];
  /** Per page: the index of its first row in the list. */
  starts: number[];
  length: number;
}

/**
 * The list as pages laid end to end. A row that moved between two answers may briefly be in two
 * neighbouring pages: it shows once, in the first. A page not read counts its last known size.
 */
export function layoutPages(pages: readonly PageState[]): Layout {
  const shown: (SyncTask[] | null)[] = [];
  const starts: number[] = [];
  let length = 0;
  let previous: Set<string> | null = null;
  for (const page of pages) {
    starts.push(length);
    if (page.rows === null) {
      shown.push(null);
      length += page.size;
      previous = null;
      continue;
    }
    let own = shownRows(page);
    if (previous) {
      const seen = previous;
      own = own.filter((task) => !seen.has(task.id));
    }
    previous = new Set(own.map((task) => task.id));
    shown.push(own);
    length += own.length;
  }
  return { shown, starts, length };
}

/** The page holding `index` (the last page whose start is at or before it). */
export function pageAt(starts: readonly number[], index: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

interface Page extends PageState {
  after: Cursor | undefined;
  /** Rows asked for: fewer back means nothing follows. */
  limit: number;
  /** Subscribed now (answered or not). */
  reading: boolean;
  stop(): void;
}

/** After the next frame: what can wait until the rows just rendered are painted. */
function afterPaint(run: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(run));
  else setTimeout(run);
}

/**
 * `source` is tracked: when it changes (a new filter), the old pages are dropped and the first
 * page of the new query is read at once; the old rows stay on screen until it answers, so the
 * list does not flash empty. `onFirstPage` is told when a new source's first page has arrived,
 * before its rows are rendered.
 */
export function createTaskPages(
  source: () => PageSource | null,
  options: {
    first: number;
    next: number;
    /** Rows kept read on each side of the view; pages beyond are let go. */
    keep: number;
    onFirstPage?: (rows: readonly SyncTask[]) => void;
  },
): TaskPages {
  // A page asks for a few more rows than it shows, so rows inserted into its range (moved there
  // by an edit) do not push its last rows out of sight before the next page starts.
  const limitOf = (size: number) => size + Math.ceil(size / 10);
  const [layout, setLayout] = createSignal<Layout>({ shown: [], starts: [], length: 0 });
  const [ready, setReady] = createSignal(false);
  const [complete, setComplete] = createSignal(false);
  const [generation, setGeneration] = createSignal(0);
  let pages: Page[] = [];
  let current: PageSource | null = null;
  let firstAnswered = false;
  let view = { first: 0, last: 0 };

  const stopAll = () => {
    for (const page of pages) page.stop();
    pages = [];
  };

  function publish() {
    const next = layoutPages(pages);
    for (const [i, page] of pages.entries()) {
      const own = next.shown[i];
      if (own) page.size = own.length;
    }
    const last = pages[pages.length - 1];
    batch(() => {
      setLayout(next);
      setComplete(last !== undefined && last.rows !== null && last.rows.length < last.limit);
    });
  }

  function read(page: Page) {
    const from = current;
    if (!from || page.reading) return;
    page.reading = true;
    let stopped = false;
    let subscription: { unsubscribe(): void } | undefined;
    const query = from(page.after, page.limit);
    const answer = (next: SyncTask[]) => {
      if (stopped || current !== from) return;
      // Rows that did not change keep their objects, so the grid keeps their DOM; an answer
      // that changed nothing (a live query's first answer after the direct read) is no news.
      const rows = reuseRows(page.rows, next);
      if (rows === page.rows && firstAnswered) return;
      page.rows = rows;
      if (!firstAnswered && page === pages[0]) {
        firstAnswered = true;
        options.onFirstPage?.(rows);
        batch(() => {
          publish();
          setReady(true);
          setGeneration((n) => n + 1);
        });
        return;
      }
      publish();
    };
    const follow = () => {
      if (!stopped && current === from) subscription = query.subscribe(answer);
    };
    if (query.read && !firstAnswered && page === pages[0]) {
      query.read().then(
        (rows) => {
          answer(rows);
          afterPaint(follow);
        },
        // The live query reports the error (and retries on the next change).
        follow,
      );
    } else follow();
    page.stop = () => {
      stopped = true;
      page.reading = false;
      subscription?.unsubscribe();
    };
  }

  function letGo(page: Page) {
    page.stop();
    // The closed subscription still reaches its last answer: drop it too, or nothing is freed.
    page.stop = () => {};
    page.rows = null;
  }

  function append(after: Cursor | undefined) {
    const size = after ? options.next : options.first;
    const page: Page = {
      after,
      limit: limitOf(size),
      until: undefined,
      rows: null,
      size: 0,
      reading: false,
      stop: () => {},
    };
    pages.push(page);
    read(page);
  }

  /** Reads the pages around the view, lets the others go, asks for more near the end. */
  function follow() {
    const { starts, length } = layout();
    const from = view.first - options.keep;
    const to = view.last + options.keep;
    let changed = false;
    for (const [i, page] of pages.entries()) {
      const start = starts[i] ?? 0;
      const end = i + 1 < pages.length ? (starts[i + 1] ?? start) : start + page.size;
      const near = end >= from && start <= to;
      // The first page always stays live: new and just-changed tasks land there.
      if (near || i === 0) {
        if (!page.reading) {
          // Read again with room for what it held, so its old rows are all in one answer.
          page.limit = Math.max(page.limit, limitOf(page.size));
          read(page);
        }
      } else if (page.reading && page.rows !== null) {
        letGo(page);
        changed = true;
      }
    }
    if (changed) publish();
    const last = pages[pages.length - 1];
    if (!last || last.rows === null || complete() || view.last + options.keep / 2 < length) return;
    const own = shownRows(last);
    const tail = own[own.length - 1];
    if (!tail) return;
    last.until = { updatedAt: tail.updatedAt, id: tail.id };
    append(last.until);
    publish();
  }

  // A computation, not an effect: the new first page is asked for before the page renders the
  // filter change, so the store reads while the main thread is busy with that.
  createComputed(
    on(source, (next) => {
      stopAll();
      current = next;
      firstAnswered = false;
      setComplete(false);
      if (next) append(undefined);
    }),
  );
  onCleanup(stopAll);

  return {
    length: () => layout().length,
    rowAt(index) {
      const { shown, starts } = layout();
      const i = pageAt(starts, index);
      return shown[i]?.[index - (starts[i] ?? 0)];
    },
    ready,
    complete,
    generation,
    setView(first, last) {
      view = { first, last };
      untrack(follow);
    },
  };
}

// The task list, read live from the local store: it works offline, and a colleague's change shows
// as soon as it is pulled. Filters live in the URL so a filtered view can be bookmarked; the grid
// renders only the rows in view and reads pages from the store as the user scrolls.
import { useNavigate, useSearchParams } from '@solidjs/router';
import {
  createEffect,
  createMemo,
  on,
  createSignal,
  lazy,
  onCleanup,
  Show,
  untrack,
  type JSX,
} from 'solid-js';
import type { SyncMember, SyncTask } from '../../domain';
import { t } from '../../i18n';
import { Icon } from '../../ui';
import { createLive } from '../data/live';
import { currentStore } from '../data/store';
import { currentMe } from '../session';
import { usePageTitle } from '../title';
import { FilterBar } from './FilterBar';
import { SavedFilters } from './SavedFilters';
import { TaskListActions } from './TaskListActions';
import { TaskGrid } from './TaskGrid';
import { createTaskPages, type PageSource } from './task-pages';
import {
  filterParams,
  isEmptyFilter,
  parseTaskFilter,
  toCriteria,
  type TaskFilter,
  type TasksCriteria,
} from './task-filter';
import './tasks.css';

const SaveFilterDialog = lazy(() => import('./SaveFilterDialog'));
const ShortcutsDialog = lazy(() => import('./ShortcutsDialog'));

/**
 * Rows per store read: the first read is about two screens, so a filter change shows at once;
 * later ones are several screens, so scrolling reads rarely and each read stays short.
 */
const pageSizes = { first: 50, next: 200 };
/** Rows kept read on each side of the view: what the tab holds, however far the user scrolls. */
const keepRows = 1000;
/** A filter change reaches the URL when its rows are painted, or at the latest after this. */
const urlWriteLatestMs = 250;
/** Counted up to this many; past it the header says "more than 100,000 tasks". */
const countCap = 100_000;

/**
 * User Timing marks, so a profiler or the bench (bench/tasks-list.ts) can see how long a filter
 * change takes to reach the screen: filter → first page read → painted.
 */
const marks = {
  filter: 'tasks:filter',
  query: 'tasks:query',
  painted: 'tasks:painted',
} as const;

const countedByIndex = (c: TasksCriteria) =>
  Object.keys(c).every((key) => key === 'statuses' || key === 'assignees');

const sameCriteria = (a: TasksCriteria | null, b: TasksCriteria | null) =>
  JSON.stringify(a) === JSON.stringify(b);

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.closest) return false;
  return (
    el.isContentEditable ||
    el.closest('input, textarea, select, [role="dialog"], [role="menu"]') !== null
  );
}

export function TasksPage(): JSX.Element {
  usePageTitle(() => t('tasks.title'));
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const sameFilter = (a: TaskFilter, b: TaskFilter) => JSON.stringify(a) === JSON.stringify(b);
  const fromUrl = createMemo(() => parseTaskFilter(params), undefined, { equals: sameFilter });
  // The list follows this signal at once; the URL follows it once the new rows are painted.
  // Writing the URL (history.replaceState through the router) took 3-5 ms of the main thread
  // right after a filter change, and every IndexedDB answer of the new list waited behind it.
  const [filter, setFilterNow] = createSignal(untrack(fromUrl), { equals: sameFilter });
  let urlPending: ReturnType<typeof setTimeout> | undefined;
  const writeUrl = () => {
    if (urlPending === undefined) return;
    clearTimeout(urlPending);
    urlPending = undefined;
    setParams(filterParams(filter()), { replace: true });
  };
  // A URL changed from outside (a link, back and forward) sets the filter; the echo of our own
  // write is the same filter and changes nothing. While a write waits, the filter is newer.
  createEffect(
    on(
      fromUrl,
      (next) => {
        if (urlPending === undefined) setFilterNow(next);
      },
      { defer: true },
    ),
  );
  const setFilter = (next: TaskFilter) => {
    // Spelt as the URL will read it back, so that echo is no change.
    setFilterNow(parseTaskFilter(filterParams(next)));
    clearTimeout(urlPending);
    // Written when the new rows are painted (below), or after this if they never are.
    urlPending = setTimeout(writeUrl, urlWriteLatestMs);
  };
  // Leaving the list drops a write still waiting: written now, it would navigate back here.
  onCleanup(() => clearTimeout(urlPending));

  // "Overdue" and "today" move with the clock: re-ask once a minute while one is chosen.
  const [minute, setMinute] = createSignal(Date.now());
  const ticker = setInterval(() => setMinute(Date.now()), 60_000);
  onCleanup(() => clearInterval(ticker));

  const criteria = createMemo(
    () => {
      const me = currentMe();
      if (!me) return null;
      const f = filter();
      return toCriteria(f, me.user.id, new Date(f.due ? minute() : Date.now()));
    },
    undefined,
    { equals: (a, b) => JSON.stringify(a) === JSON.stringify(b) },
  );

  const source = createMemo((): PageSource | null => {
    const store = currentStore();
    const c = criteria();
    if (!store || !c) return null;
    performance.mark(marks.filter);
    // Overdue among resolved tasks only: nothing can match, so ask for nothing.
    if (c.statuses?.length === 0) return () => ({ subscribe: (next) => (next([]), noop) });
    return (after, limit) => store.queries.tasksPage({ ...c, after, limit });
  });
  const [counted, setCounted] = createSignal<TasksCriteria | null>(null, {
    equals: sameCriteria,
  });
  const count = createLive<number | null>(() => {
    const c = counted();
    if (!c || !sameCriteria(c, criteria())) return null;
    // Statuses and assignees are counted from the index alone; any other filter would read
    // every matching row (seconds over 100k): those lists say "more than N" until their end.
    if (c.statuses?.length === 0 || !countedByIndex(c)) return null;
    return currentStore()?.queries.tasksCount(c, countCap);
  }, null);
  /** The exact number of matches, or null while counting or past the cap. */
  const total = () => {
    // A live read keeps its last answer while its source is null: a filter the index cannot
    // count would otherwise show the count of the filter before it (and End would jump there).
    const c = criteria();
    if (!c || c.statuses?.length === 0 || !countedByIndex(c)) return null;
    const n = count();
    return n !== null && n < countCap && sameCriteria(counted(), c) ? n : null;
  };
  // eslint-disable-next-line solid/reactivity -- createTaskPages tracks `source` in its effect
  const pages = createTaskPages(source, {
    ...pageSizes,
    keep: keepRows,
    onFirstPage: () => {
      performance.mark(marks.query);
      requestAnimationFrame(() =>
        setTimeout(() => {
          performance.mark(marks.painted);
          performance.measure('tasks: filter → first page read', marks.filter, marks.query);
          performance.measure('tasks: filter → first rows painted', marks.filter, marks.painted);
          // Counting may read many rows, and the URL costs a few ms: once the rows are on screen.
          setCounted(criteria());
          writeUrl();
        }),
      );
    },
  });

  const members = createLive(() => currentStore()?.queries.members(), []);
  // Until the first bootstrap has landed an empty store means "not here yet", not "no tasks".
  const meta = createLive(() => currentStore()?.queries.syncMeta(), {
    lastSyncAt: null,
    bootstrapped: false,
  });
  const listReady = () =>
    currentStore() !== null &&
    pages.ready() &&
    meta.ready() &&
    (meta().bootstrapped || pages.length() > 0);
  const memberNames = createMemo(
    () => new Map(members().map((m: SyncMember) => [m.userId, m.name] as const)),
  );
  // Skills to filter by: those seen on the tasks read so far this visit, kept once seen so the
  // choices do not come and go as the filters change.
  const [skills, setSkills] = createSignal<readonly string[]>([]);
  createEffect(() => {
    const seen = new Set(untrack(skills));
    const before = seen.size;
    const n = Math.min(pages.length(), 500);
    for (let i = 0; i < n; i++) for (const s of pages.rowAt(i)?.skills ?? []) seen.add(s);
    if (seen.size > before) setSkills([...seen]);
  });

  const countText = () => {
    if (pages.complete()) return t('tasks.count', pages.length());
    const n = total();
    if (n !== null) return t('tasks.count', n);
    const atLeast =
      count() === countCap && sameCriteria(counted(), criteria()) ? countCap : pages.length();
    return t('tasks.countAtLeast', { n: atLeast.toLocaleString() });
  };

  const [saveOpen, setSaveOpen] = createSignal(false);
  const [shortcutsOpen, setShortcutsOpen] = createSignal(false);
  let saveButton: HTMLButtonElement | undefined;
  let shortcutsButton: HTMLButtonElement | undefined;
  let searchBox: HTMLInputElement | undefined;
  let grid: HTMLDivElement | undefined;

  const onKey = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
    if (event.key === '/') {
      event.preventDefault();
      searchBox?.focus();
      searchBox?.select();
    } else if (event.key === '?') {
      event.preventDefault();
      openShortcuts();
    }
  };
  document.addEventListener('keydown', onKey);
  onCleanup(() => document.removeEventListener('keydown', onKey));

  // Open from the button or from "?" anywhere: focus goes back to whichever it was.
  let shortcutsOpener: HTMLElement | undefined;
  const openShortcuts = () => {
    const focused = document.activeElement;
    shortcutsOpener = focused instanceof HTMLElement && focused !== document.body ? focused : grid;
    setShortcutsOpen(true);
  };

  return (
    <div class="page tasks-page">
      <div class="page-header">
        <h1>{t('tasks.title')}</h1>
        <p class="page-meta" aria-live="polite">
          <Show when={pages.ready()}>{countText()}</Show>
        </p>
        <div class="page-actions">
          <TaskListActions />
          <button
            type="button"
            class="btn btn-ghost shortcuts-button"
            ref={shortcutsButton}
            aria-keyshortcuts="?"
            onClick={openShortcuts}
          >
            {t('tasks.shortcuts.button')}
          </button>
        </div>
      </div>
      <div class="tasks-tools">
        <FilterBar
          filter={filter()}
          members={members()}
          myId={currentMe()?.user.id}
          skills={skills()}
          onChange={setFilter}
          searchRef={(el) => (searchBox = el)}
        />
        <button type="button" class="btn" ref={saveButton} onClick={() => setSaveOpen(true)}>
          <Icon name="filter" />
          {t('tasks.filters.save')}
        </button>
      </div>
      <SavedFilters current={filter()} onApply={setFilter} />
      <TaskGrid
        ref={(el) => (grid = el)}
        length={pages.length()}
        rowAt={pages.rowAt}
        total={total()}
        ready={listReady()}
        complete={pages.complete()}
        resetKey={pages.generation()}
        emptyText={isEmptyFilter(filter()) ? t('tasks.empty') : t('tasks.noMatch')}
        now={minute()}
        assigneeName={(id) => memberNames().get(id)}
        setView={pages.setView}
        onOpen={(task: SyncTask) => navigate(`/tasks/${task.id}`)}
      />
      <Show when={saveOpen()}>
        <SaveFilterDialog
          filter={filter()}
          onClose={() => setSaveOpen(false)}
          returnFocus={() => saveButton}
        />
      </Show>
      <Show when={shortcutsOpen()}>
        <ShortcutsDialog
          onClose={() => setShortcutsOpen(false)}
          returnFocus={() => shortcutsOpener ?? shortcutsButton}
        />
      </Show>
    </div>
  );
}

const noop = { unsubscribe() {} };

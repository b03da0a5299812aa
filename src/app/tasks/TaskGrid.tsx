// The task list as an ARIA grid that renders only the rows in view (plus a few either side), so
// 100k cached tasks cost what a screenful does. Rows have one fixed height (a CSS variable, taller
// on phones), which makes "row i sits at i × height" exact with no measuring of each row.
// One tab stop: the grid itself; the arrows move the active row (aria-activedescendant), Enter
// opens it. Written by hand: the windowing is 60 lines, and fixed heights need nothing more.
import {
  createComputed,
  createEffect,
  createMemo,
  createSignal,
  Index,
  on,
  onCleanup,
  onMount,
  Show,
  type JSX,
} from 'solid-js';
import type { SyncTask } from '../../domain';
import { t } from '../../i18n';
import { TaskRow } from './TaskRow';

/** Rows rendered beyond each edge of the view, so a fast wheel does not show blank space. */
const overscan = 8;

export function TaskGrid(props: {
  /** Rows known so far (read, or placeholders of pages let go). */
  length: number;
  rowAt: (index: number) => SyncTask | undefined;
  /** How many tasks match, when known: sizes the scrollbar before the rows are read. */
  total: number | null;
  ready: boolean;
  complete: boolean;
  /**
   * Changes when a new filter's first rows arrive: the list goes back to its top then, not at the
   * filter change (the old rows stay where they were until the new ones replace them).
   */
  resetKey: number;
  emptyText: string;
  now: number;
  assigneeName: (id: string) => string | undefined;
  /** Told which rows are in view, so the pages around them are read. */
  setView: (first: number, last: number) => void;
  onOpen: (task: SyncTask) => void;
  ref?: (el: HTMLDivElement) => void;
}): JSX.Element {
  // The grid scrolls itself (its header row sticks): the one focusable element is the scroller,
  // so the keyboard reaches everything in it. `body` is where row 0 starts, below the header.
  let scroller!: HTMLDivElement;
  let body!: HTMLDivElement;
  const [headHeight, setHeadHeight] = createSignal(32);
  const [rowHeight, setRowHeight] = createSignal(40);
  const [viewHeight, setViewHeight] = createSignal(600);
  const [scrollTop, setScrollTop] = createSignal(0);
  const [active, setActive] = createSignal(0);
  const [focused, setFocused] = createSignal(false);
  // End pressed before the last rows were read: follow the rows down as they arrive.
  const [toEnd, setToEnd] = createSignal(false);
  const idPrefix = `task-row-${Math.random().toString(36).slice(2, 8)}-`;

  const measure = () => {
    const px = parseFloat(getComputedStyle(scroller).getPropertyValue('--task-row-height'));
    if (px > 0) setRowHeight(px);
    setHeadHeight(body.offsetTop);
    setViewHeight(scroller.clientHeight - body.offsetTop);
  };
  onMount(() => {
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(scroller);
    onCleanup(() => observer.disconnect());
  });

  const count = () => Math.max(props.total ?? 0, props.length);
  const first = createMemo(() => Math.max(0, Math.floor(scrollTop() / rowHeight()) - overscan));
  // scrollTop() is the body's: how far its first row has gone under the sticky header.
  const last = createMemo(() =>
    Math.min(count(), Math.ceil((scrollTop() + viewHeight()) / rowHeight()) + overscan),
  );
  // What each rendered row shows: its task, or its index while its page is being read.
  const visible = createMemo(() => {
    const items: (SyncTask | number)[] = [];
    for (let i = first(); i < last(); i++) items.push(props.rowAt(i) ?? i);
    return items;
  });

  // The pages around the view are read; near the end, the next one.
  createEffect(() => {
    if (props.ready) props.setView(first(), last());
  });

  // Before the rows render (a computation, not an effect): the new rows render once, at the top.
  createComputed(
    on(
      () => props.resetKey,
      () => {
        setActive(0);
        setToEnd(false);
        scroller.scrollTop = 0;
        setScrollTop(0);
      },
      { defer: true },
    ),
  );

  createEffect(() => {
    const n = count();
    if (toEnd() && n > 0) {
      moveTo(n - 1);
      if (props.complete) setToEnd(false);
    } else if (active() >= n && n > 0) setActive(n - 1);
  });

  function moveTo(index: number) {
    const n = count();
    if (n === 0) return;
    const next = Math.max(0, Math.min(n - 1, index));
    setActive(next);
    // In the scroller's terms: the header sticks over the top headHeight() pixels.
    const top = next * rowHeight();
    const view = scroller.clientHeight - headHeight();
    if (top < scroller.scrollTop) scroller.scrollTop = top;
    else if (top + rowHeight() > scroller.scrollTop + view)
      scroller.scrollTop = top + rowHeight() - view;
  }

  const perScreen = () => Math.max(1, Math.floor(viewHeight() / rowHeight()) - 1);

  function onKeyDown(event: KeyboardEvent) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(active() + 1),
      ArrowUp: () => moveTo(active() - 1),
      PageDown: () => moveTo(active() + perScreen()),
      PageUp: () => moveTo(active() - perScreen()),
      Home: () => {
        setToEnd(false);
        moveTo(0);
      },
      End: () => {
        setToEnd(!props.complete);
        moveTo(count() - 1);
      },
      Enter: () => {
        const task = props.rowAt(active());
        if (task) props.onOpen(task);
      },
    };
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    if (event.key !== 'End' && event.key !== 'Enter') setToEnd(false);
    action();
  }

  const activeId = () => {
    const i = active();
    return focused() && i >= first() && i < last() ? `${idPrefix}${i}` : undefined;
  };
  const message = () =>
    !props.ready ? t('tasks.loading') : count() === 0 ? props.emptyText : null;

  return (
    <div
      ref={(el) => {
        scroller = el;
        props.ref?.(el);
      }}
      role="grid"
      class="task-grid"
      classList={{ 'task-grid-focused': focused() }}
      aria-label={t('tasks.table')}
      aria-rowcount={props.total === null && !props.complete ? -1 : count() + 1}
      data-complete={props.complete}
      aria-colcount={8}
      aria-activedescendant={activeId()}
      aria-busy={!props.ready}
      tabindex="0"
      onKeyDown={onKeyDown}
      onScroll={() => setScrollTop(scroller.scrollTop)}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
    >
      <div role="rowgroup" class="task-grid-head">
        <div role="row" class="task-row task-row-head" aria-rowindex={1}>
          <div role="columnheader" class="cell col-type">
            <span class="visually-hidden">{t('tasks.columns.type')}</span>
          </div>
          <div role="columnheader" class="cell col-customer">
            {t('tasks.columns.customer')}
          </div>
          <div role="columnheader" class="cell col-title">
            {t('tasks.columns.title')}
          </div>
          <div role="columnheader" class="cell col-status">
            {t('tasks.columns.status')}
          </div>
          <div role="columnheader" class="cell col-assignee">
            {t('tasks.columns.assignee')}
          </div>
          <div role="columnheader" class="cell col-priority num">
            {t('tasks.columns.priority')}
          </div>
          <div role="columnheader" class="cell col-due">
            {t('tasks.columns.due')}
          </div>
          <div role="columnheader" class="cell col-activity">
            {t('tasks.columns.activity')}
          </div>
        </div>
      </div>
      <div role="rowgroup" class="task-grid-body" ref={body}>
        <Show
          when={message() === null}
          fallback={
            <div role="row" class="task-row-message">
              <div role="gridcell" aria-colspan={8}>
                {message()}
              </div>
            </div>
          }
        >
          <div
            role="presentation"
            class="task-grid-space"
            style={{ height: `${count() * rowHeight()}px` }}
          >
            <div
              role="presentation"
              class="task-grid-window"
              style={{ transform: `translateY(${first() * rowHeight()}px)` }}
            >
              {/* By position, not by task: scrolling hands each row element the task now at
                  its place, so a frame updates texts instead of building rows. */}
              <Index each={visible()}>
                {(item, slot) => {
                  const index = () => first() + slot;
                  const task = () => {
                    const it = item();
                    return typeof it === 'number' ? undefined : it;
                  };
                  return (
                    <Show
                      when={task()}
                      fallback={
                        <div
                          role="row"
                          id={`${idPrefix}${index()}`}
                          class="task-row task-row-placeholder"
                          classList={{ 'task-row-active': focused() && active() === index() }}
                          aria-rowindex={index() + 2}
                        >
                          <div role="gridcell" class="cell muted" aria-colspan={8}>
                            {t('app.loading')}
                          </div>
                        </div>
                      }
                    >
                      {(shown) => (
                        <TaskRow
                          task={shown()}
                          index={index()}
                          id={`${idPrefix}${index()}`}
                          active={focused() && active() === index()}
                          now={props.now}
                          assigneeName={
                            shown().assigneeId
                              ? props.assigneeName(shown().assigneeId ?? '')
                              : undefined
                          }
                          onPick={setActive}
                        />
                      )}
                    </Show>
                  );
                }}
              </Index>
            </div>
            <Show when={last() >= count() && !props.complete}>
              <div
                aria-hidden="true"
                class="task-grid-more muted"
                style={{ top: `${count() * rowHeight()}px` }}
              >
                {t('tasks.loadingMore')}
              </div>
            </Show>
          </div>
        </Show>
      </div>
    </div>
  );
}

// The task list, read live from the local store: it works offline, and a colleague's change shows
// as soon as it is pulled. Filters live in the URL so a filtered view can be bookmarked.
import { A, useSearchParams } from '@solidjs/router';
import {
  createEffect,
  createMemo,
  createSignal,
  For,
  lazy,
  Match,
  on,
  onCleanup,
  Show,
  Switch,
  type JSX,
} from 'solid-js';
import { isOverdue, type SyncMember, type SyncTask, type TaskType } from '../../domain';
import { t } from '../../i18n';
import { Icon, TableMessage, type IconName } from '../../ui';
import { createLive, createLiveList } from '../data/live';
import { currentStore } from '../data/store';
import { currentMe } from '../session';
import { usePageTitle } from '../title';
import { FilterBar } from './FilterBar';
import { SavedFilters } from './SavedFilters';
import { TaskListActions } from './TaskListActions';
import { assigneeFor, filterParams, parseTaskFilter, type TaskFilter } from './task-filter';
import './tasks.css';

const SaveFilterDialog = lazy(() => import('./SaveFilterDialog'));

const typeIcons: Record<TaskType, IconName> = {
  call: 'call',
  email: 'email',
  chat: 'chat',
  manual: 'manual',
};

/** Rows rendered at most; the virtualized list of issue 5 lifts this. */
const pageSize = 200;

export function TasksPage(): JSX.Element {
  usePageTitle(() => t('tasks.title'));
  const [params, setParams] = useSearchParams();
  const filter = createMemo(() => parseTaskFilter(params), undefined, {
    equals: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  });
  const setFilter = (next: TaskFilter) => setParams(filterParams(next), { replace: true });

  const tasks = createLiveList(() => {
    const store = currentStore();
    const me = currentMe();
    if (!store || !me) return null;
    const f = filter();
    return store.queries.tasksPage({
      status: f.status,
      assigneeId: assigneeFor(f, me.user.id),
      type: f.type,
      text: f.q,
      limit: pageSize,
    });
  }, 'id');
  const members = createLive(() => currentStore()?.queries.members(), []);
  const memberNames = createMemo(
    () => new Map(members().map((m: SyncMember) => [m.userId, m.name] as const)),
  );
  const syncing = () => currentStore() !== null;

  // 200 new rows at once block a slow phone's main thread: paint a screenful first, then grow
  // between frames. Later answers reconcile into the rows already there, so this runs once.
  const firstSlice = 40;
  const [shown, setShown] = createSignal(firstSlice);
  let growTimer: ReturnType<typeof setTimeout> | undefined;
  const grow = () => {
    setShown((n) => n + firstSlice);
    if (shown() < pageSize) growTimer = setTimeout(grow, 16);
  };
  createEffect(
    on(tasks.ready, (ready) => {
      if (ready) growTimer = setTimeout(grow, 16);
    }),
  );
  onCleanup(() => clearTimeout(growTimer));

  const [saveOpen, setSaveOpen] = createSignal(false);
  let saveButton: HTMLButtonElement | undefined;
  const now = Date.now();
  const columns = 7;

  return (
    <div class="page">
      <div class="page-header">
        <h1>{t('tasks.title')}</h1>
        <p class="page-meta" aria-live="polite">
          <Show when={tasks.ready()}>
            {tasks().length >= pageSize
              ? t('tasks.shownOf', { shown: pageSize })
              : t('tasks.count', tasks().length)}
          </Show>
        </p>
        <TaskListActions />
      </div>
      <div class="tasks-tools">
        <FilterBar filter={filter()} members={members()} onChange={setFilter} />
        <button type="button" class="btn" ref={saveButton} onClick={() => setSaveOpen(true)}>
          <Icon name="filter" />
          {t('tasks.filters.save')}
        </button>
      </div>
      <SavedFilters current={filter()} onApply={setFilter} />
      <div class="table-wrap">
        <table class="table tasks-table" aria-label={t('tasks.table')}>
          <thead>
            <tr>
              <th scope="col" class="col-type">
                <span class="visually-hidden">{t('tasks.columns.type')}</span>
              </th>
              <th scope="col" class="col-customer">
                {t('tasks.columns.customer')}
              </th>
              <th scope="col">{t('tasks.columns.title')}</th>
              <th scope="col">{t('tasks.columns.status')}</th>
              <th scope="col" class="col-assignee">
                {t('tasks.columns.assignee')}
              </th>
              <th scope="col" class="num col-priority">
                {t('tasks.columns.priority')}
              </th>
              <th scope="col">{t('tasks.columns.due')}</th>
            </tr>
          </thead>
          <tbody>
            <Switch>
              <Match when={!syncing() || !tasks.ready()}>
                <TableMessage columns={columns}>{t('tasks.loading')}</TableMessage>
              </Match>
              <Match when={tasks().length === 0}>
                <TableMessage columns={columns}>{t('tasks.empty')}</TableMessage>
              </Match>
              <Match when={tasks().length > 0}>
                <For each={tasks().slice(0, shown())}>
                  {(task) => (
                    <TaskRow
                      task={task}
                      now={now}
                      assigneeName={
                        task.assigneeId ? memberNames().get(task.assigneeId) : undefined
                      }
                    />
                  )}
                </For>
              </Match>
            </Switch>
          </tbody>
        </table>
      </div>
      <Show when={saveOpen()}>
        <SaveFilterDialog
          filter={filter()}
          onClose={() => setSaveOpen(false)}
          returnFocus={() => saveButton}
        />
      </Show>
    </div>
  );
}

const dueFormat = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

function TaskRow(props: {
  task: SyncTask;
  now: number;
  assigneeName: string | undefined;
}): JSX.Element {
  const overdue = () => isOverdue(props.task, props.now);
  return (
    <tr>
      <td class="col-type">
        <span class="type-icon" title={t(`tasks.types.${props.task.type}`)}>
          <Icon name={typeIcons[props.task.type]} />
          <span class="visually-hidden">{t(`tasks.types.${props.task.type}`)}</span>
        </span>
      </td>
      <td class="nowrap col-customer">{props.task.customerName}</td>
      <td class="truncate col-title" title={props.task.title}>
        <A href={`/tasks/${props.task.id}`} class="task-link">
          {props.task.title}
        </A>
        {/* Phones drop the Customer column and show the customer under the title instead. */}
        <span class="phone-only task-customer">{props.task.customerName}</span>
      </td>
      <td>
        <span class={`badge badge-${props.task.status}`}>
          {t(`tasks.statuses.${props.task.status}`)}
        </span>
      </td>
      <td class="nowrap col-assignee" classList={{ muted: !props.task.assigneeId }}>
        {props.task.assigneeId ? (props.assigneeName ?? '…') : t('tasks.unassigned')}
      </td>
      <td class="num col-priority">{props.task.priority}</td>
      <td class="nowrap col-due" classList={{ overdue: overdue() }}>
        <Show when={props.task.dueAt} fallback={<span class="muted">{t('tasks.noDue')}</span>}>
          {(due) => (
            <>
              <Show when={overdue()}>
                <Icon name="clock" />
                <span class="visually-hidden">{t('tasks.overdue')}: </span>
              </Show>
              <time datetime={due()}>{dueFormat.format(new Date(due()))}</time>
            </>
          )}
        </Show>
      </td>
    </tr>
  );
}

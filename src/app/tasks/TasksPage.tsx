// A temporary read-only list. Issue 4 replaces the fetch with a Dexie liveQuery over the local
// store (the PWA then never renders straight from the network), and issue 5 adds "New task".
import {
  createEffect,
  createResource,
  createSignal,
  For,
  Match,
  on,
  onCleanup,
  Show,
  Switch,
  type JSX,
} from 'solid-js';
import { api, ApiError } from '../../api';
import { isOverdue, type TaskSummary, type TaskType } from '../../domain';
import { t } from '../../i18n';
import { Icon, TableMessage, type IconName } from '../../ui';
import { describeError } from '../errors';
import { currentMe } from '../session';
import { usePageTitle } from '../title';
import { takePrefetchedTasks } from './prefetch';
import './tasks.css';

const typeIcons: Record<TaskType, IconName> = {
  call: 'call',
  email: 'email',
  chat: 'chat',
  manual: 'manual',
};

export function TasksPage(): JSX.Element {
  usePageTitle(() => t('tasks.title'));
  // Keyed on the instance, so switching instance loads that instance's tasks.
  const [tasks, { refetch }] = createResource(
    () => currentMe()?.currentInstance?.id,
    async () => {
      const result = await (takePrefetchedTasks() ?? api.tasks(200));
      if (!result.ok) throw result.error;
      return result.value.tasks;
    },
  );
  // A load that failed offline is tried again as soon as the connection is back.
  const retryIfFailed = () => {
    if (tasks.error) void refetch();
  };
  window.addEventListener('online', retryIfFailed);
  onCleanup(() => window.removeEventListener('online', retryIfFailed));

  // 200 rows at once block a slow phone's main thread; paint the first screenful, then the rest
  // in slices between frames.
  const slice = 40;
  const [shown, setShown] = createSignal(slice);
  let growTimer: ReturnType<typeof setTimeout> | undefined;
  createEffect(
    on(
      () => (tasks.state === 'ready' ? tasks().length : 0),
      (total) => {
        clearTimeout(growTimer);
        setShown(slice);
        const grow = () => {
          setShown((n) => n + slice);
          if (shown() < total) growTimer = setTimeout(grow, 16);
        };
        if (total > slice) growTimer = setTimeout(grow, 16);
      },
    ),
  );
  onCleanup(() => clearTimeout(growTimer));

  const errorMessage = (): string | null => {
    const error: unknown = tasks.error;
    if (!error) return null;
    return error instanceof ApiError ? describeError(error) : t('errors.generic');
  };
  const now = Date.now();
  const columns = 7;

  return (
    <div class="page">
      <div class="page-header">
        <h1>{t('tasks.title')}</h1>
        <p class="page-meta" aria-live="polite">
          <Show when={tasks.state === 'ready' && tasks()}>
            {(list) => t('tasks.count', list().length)}
          </Show>
        </p>
      </div>
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
              <Match when={errorMessage()}>
                {(message) => (
                  <TableMessage
                    columns={columns}
                    error={message()}
                    onRetry={() => void refetch()}
                  />
                )}
              </Match>
              <Match when={tasks.loading}>
                <TableMessage columns={columns}>{t('tasks.loading')}</TableMessage>
              </Match>
              <Match when={tasks()?.length === 0}>
                <TableMessage columns={columns}>{t('tasks.empty')}</TableMessage>
              </Match>
              <Match when={tasks()}>
                {(list) => (
                  <For each={list().slice(0, shown())}>
                    {(task) => <TaskRow task={task} now={now} />}
                  </For>
                )}
              </Match>
            </Switch>
          </tbody>
        </table>
      </div>
    </div>
  );
}

const dueFormat = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

function TaskRow(props: { task: TaskSummary; now: number }): JSX.Element {
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
        {props.task.title}
        {/* Phones drop the Customer column and show the customer under the title instead. */}
        <span class="phone-only task-customer">{props.task.customerName}</span>
      </td>
      <td>
        <span class={`badge badge-${props.task.status}`}>
          {t(`tasks.statuses.${props.task.status}`)}
        </span>
      </td>
      <td class="nowrap col-assignee" classList={{ muted: !props.task.assigneeName }}>
        {props.task.assigneeName ?? t('tasks.unassigned')}
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

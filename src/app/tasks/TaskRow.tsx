// One row of the task grid. Fixed height (the grid positions rows by index), so long titles are
// cut with an ellipsis and the full title is in the link's title attribute.
import { Show, type JSX } from 'solid-js';
import { isOverdue, type SyncTask, type TaskType } from '../../domain';
import { t } from '../../i18n';
import { Icon, type IconName } from '../../ui';
import { formatDateTime } from './format';

const typeIcons: Record<TaskType, IconName> = {
  call: 'call',
  email: 'email',
  chat: 'chat',
  manual: 'manual',
};

const timeOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** The local day around `now`, kept for the next rows: each row asks for the same `now`. */
let today = { now: NaN, start: 0, end: 0 };

/** Today's activity by its time, older by its date: what an agent scanning the list needs. */
function formatActivity(iso: string, now: number): string {
  if (today.now !== now) {
    const start = new Date(now);
    start.setHours(0, 0, 0, 0);
    const end = new Date(start);
    end.setDate(end.getDate() + 1);
    today = { now, start: start.getTime(), end: end.getTime() };
  }
  const at = Date.parse(iso);
  return at >= today.start && at < today.end ? timeOnly.format(at) : formatDateTime(iso);
}

export function TaskRow(props: {
  task: SyncTask;
  /** 0-based position in the whole list. */
  index: number;
  id: string;
  active: boolean;
  now: number;
  assigneeName: string | undefined;
  onPick: (index: number) => void;
}): JSX.Element {
  const overdue = () => isOverdue(props.task, props.now);
  const typeLabel = () => t(`tasks.types.${props.task.type}`);
  return (
    <div
      role="row"
      id={props.id}
      class="task-row"
      classList={{ 'task-row-active': props.active }}
      aria-rowindex={props.index + 2}
      onMouseDown={() => props.onPick(props.index)}
    >
      <div role="gridcell" class="cell col-type">
        <span class="type-icon" title={typeLabel()}>
          <Icon name={typeIcons[props.task.type]} />
          <span class="visually-hidden">{typeLabel()}</span>
        </span>
      </div>
      <div role="gridcell" class="cell col-customer truncate">
        {props.task.customerName}
      </div>
      <div role="gridcell" class="cell col-title truncate">
        {/* One tab stop for the whole grid: rows are reached with the arrows, Enter opens.
            A plain link: the router takes over same-origin links (explicitLinks is off), and its
            <A> resolves paths and active classes per row, which scrolling pays for every frame. */}
        <a
          href={`/tasks/${props.task.id}`}
          class="task-link"
          tabindex="-1"
          title={props.task.title}
        >
          {props.task.title}
        </a>
        {/* Phones drop the Customer column and show the customer under the title instead. */}
        <span class="phone-only task-customer truncate">{props.task.customerName}</span>
      </div>
      <div role="gridcell" class="cell col-status">
        <span class={`badge badge-${props.task.status}`}>
          {t(`tasks.statuses.${props.task.status}`)}
        </span>
      </div>
      <div
        role="gridcell"
        class="cell col-assignee truncate"
        classList={{ muted: !props.task.assigneeId }}
      >
        {props.task.assigneeId ? (props.assigneeName ?? '…') : t('tasks.unassigned')}
      </div>
      <div role="gridcell" class="cell col-priority num">
        <span class="visually-hidden">{t('tasks.priorityOf', { n: props.task.priority })}</span>
        <span aria-hidden="true">{props.task.priority}</span>
      </div>
      <div role="gridcell" class="cell col-due" classList={{ overdue: overdue() }}>
        <Show when={props.task.dueAt} fallback={<span class="muted">{t('tasks.noDue')}</span>}>
          {(due) => (
            <>
              {/* Overdue is said in words and an icon, not by colour alone. */}
              <Show when={overdue()}>
                <Icon name="clock" />
                <span class="overdue-label">{t('tasks.overdue')}</span>
              </Show>
              <time datetime={due()}>{formatDateTime(due())}</time>
            </>
          )}
        </Show>
      </div>
      <div role="gridcell" class="cell col-activity muted">
        <time datetime={props.task.updatedAt}>
          {formatActivity(props.task.updatedAt, props.now)}
        </time>
      </div>
    </div>
  );
}

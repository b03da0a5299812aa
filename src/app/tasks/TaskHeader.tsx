// The facts of a task: customer with contact details and a call link (the dialer, pre-filled),
// status, assignee, priority, skills, due time, the channel it came from, and, once resolved,
// its outcome tag. Everything is text: a customer name with markup shows as written.
import { A } from '@solidjs/router';
import { Show, type JSX } from 'solid-js';
import { isOverdue, type SyncTask } from '../../domain';
import { t } from '../../i18n';
import { createLive } from '../data/live';
import { currentStore } from '../data/store';
import { formatDateTime } from './format';
import { createNow } from './now';

export function TaskHeader(props: { task: SyncTask; names: Map<string, string> }): JSX.Element {
  const now = createNow(30_000);
  const origin = createLive(() => {
    const id = props.task.followUpOfId;
    return id ? currentStore()?.queries.taskById(id) : undefined;
  }, undefined);
  const who = () => props.task.customerName || t('tasks.log.someone');
  return (
    <dl class="task-facts">
      <div>
        <dt>{t('tasks.detail.customer')}</dt>
        <dd>
          <span>{props.task.customerName}</span>
          <Show when={props.task.customerPhone}>
            {(phone) => (
              <>
                {' · '}
                <span>{phone()}</span>{' '}
                <A
                  class="btn btn-ghost task-call"
                  href={`/phone?number=${encodeURIComponent(phone())}`}
                >
                  {t('tasks.detail.callCustomer', { name: who() })}
                </A>
              </>
            )}
          </Show>
          <Show when={props.task.customerEmail}>
            {(email) => (
              <>
                {' · '}
                <a
                  href={`mailto:${email()}`}
                  aria-label={t('tasks.detail.emailCustomer', { name: who() })}
                >
                  {email()}
                </a>
              </>
            )}
          </Show>
          <Show when={!props.task.customerPhone && !props.task.customerEmail}>
            <span class="muted"> · {t('tasks.detail.noContact')}</span>
          </Show>
        </dd>
      </div>
      <div>
        <dt>{t('tasks.detail.status')}</dt>
        <dd>
          <span class={`badge badge-${props.task.status}`}>
            {t(`tasks.statuses.${props.task.status}`)}
          </span>
          <Show when={props.task.status === 'resolved' && props.task.outcomeTag}>
            {(tag) => <span class="outcome-tag"> {tag()}</span>}
          </Show>
        </dd>
      </div>
      <div>
        <dt>{t('tasks.detail.assignee')}</dt>
        <dd>
          {props.task.assigneeId
            ? (props.names.get(props.task.assigneeId) ?? '…')
            : t('tasks.unassigned')}
        </dd>
      </div>
      <div>
        <dt>{t('tasks.detail.priority')}</dt>
        <dd>{props.task.priority}</dd>
      </div>
      <div>
        <dt>{t('tasks.detail.skills')}</dt>
        <dd>{props.task.skills.length > 0 ? props.task.skills.join(', ') : '—'}</dd>
      </div>
      <div>
        <dt>{t('tasks.detail.due')}</dt>
        <dd>
          <Show when={props.task.dueAt} fallback={t('tasks.detail.noDue')}>
            {(due) => (
              <>
                <time datetime={due()}>{formatDateTime(due())}</time>
                <Show when={isOverdue(props.task, now())}>
                  <span class="overdue-label"> {t('tasks.detail.overdue')}</span>
                </Show>
              </>
            )}
          </Show>
        </dd>
      </div>
      <div>
        <dt>{t('tasks.detail.channel')}</dt>
        <dd>
          {t(`tasks.types.${props.task.type}`)}
          <Show when={props.task.channel}>
            {(channel) => <span class="muted"> · {channel()}</span>}
          </Show>
        </dd>
      </div>
      <div>
        <dt>{t('tasks.detail.created')}</dt>
        <dd>
          <time datetime={props.task.createdAt}>{formatDateTime(props.task.createdAt)}</time>
        </dd>
      </div>
      <Show when={props.task.followUpOfId}>
        {(id) => (
          <div>
            <dt>{t('tasks.detail.followUpOf')}</dt>
            <dd>
              <A href={`/tasks/${id()}`}>{origin()?.title ?? '…'}</A>
            </dd>
          </div>
        )}
      </Show>
    </dl>
  );
}

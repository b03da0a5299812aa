// One task: its header, the actions an agent takes (assign to me, resolve, reopen) and the tabs
// "Comments" and "Log". Everything reads the local store and writes mutations, so all of it
// works offline; opening a task online fetches its comments and log into the store.
import { Tabs } from '@kobalte/core/tabs';
import { A, useParams } from '@solidjs/router';
import { createEffect, createMemo, on, Show, type JSX } from 'solid-js';
import type { SyncMember } from '../../domain';
import { t } from '../../i18n';
import { createLive } from '../data/live';
import { currentStore, withStore } from '../data/store';
import { currentMe } from '../session';
import { usePageTitle } from '../title';
import { CommentsPanel } from './CommentsPanel';
import { formatDateTime } from './format';
import { LogPanel } from './LogPanel';
import './tasks.css';

export default function TaskDetailPage(): JSX.Element {
  const params = useParams<{ id: string }>();
  const task = createLive(() => currentStore()?.queries.taskById(params.id), undefined);
  const members = createLive(() => currentStore()?.queries.members(), []);
  const names = createMemo(() => new Map(members().map((m: SyncMember) => [m.userId, m.name])));
  const myId = () => currentMe()?.user.id;
  usePageTitle(() => task()?.title ?? t('tasks.title'));

  // Comments and log of tasks not assigned to me are not in the bootstrap: fetch them on open.
  createEffect(
    on(
      () => [currentStore(), params.id] as const,
      ([store, id]) => {
        if (store) void store.openTask(id);
      },
    ),
  );

  const setStatus = (status: 'open' | 'resolved') =>
    void withStore((store) => store.mutate('task.setStatus', { taskId: params.id, status }));
  const assignToMe = () => {
    const me = myId();
    if (me)
      void withStore((store) => store.mutate('task.assign', { taskId: params.id, assigneeId: me }));
  };

  return (
    <div class="page task-page">
      <A href="/tasks" class="back-link">
        ← {t('tasks.back')}
      </A>
      <Show
        when={task()}
        fallback={<p class="muted">{task.ready() ? t('tasks.notCached') : t('app.loading')}</p>}
      >
        {(current) => (
          <>
            <div class="page-header task-header">
              <h1>{current().title}</h1>
              <span class={`badge badge-${current().status}`}>
                {t(`tasks.statuses.${current().status}`)}
              </span>
            </div>
            <div class="task-actions">
              <Show when={current().assigneeId !== myId()}>
                <button type="button" class="btn" onClick={assignToMe}>
                  {t('tasks.detail.assignToMe')}
                </button>
              </Show>
              <Show
                when={current().status === 'resolved'}
                fallback={
                  <button
                    type="button"
                    class="btn btn-primary"
                    onClick={() => setStatus('resolved')}
                  >
                    {t('tasks.detail.resolve')}
                  </button>
                }
              >
                <button type="button" class="btn" onClick={() => setStatus('open')}>
                  {t('tasks.detail.reopen')}
                </button>
              </Show>
            </div>
            <dl class="task-facts">
              <div>
                <dt>{t('tasks.detail.customer')}</dt>
                <dd>
                  {current().customerName}
                  <Show when={current().customerPhone}>
                    {(phone) => <span class="muted"> · {phone()}</span>}
                  </Show>
                  <Show when={current().customerEmail}>
                    {(email) => <span class="muted"> · {email()}</span>}
                  </Show>
                </dd>
              </div>
              <div>
                <dt>{t('tasks.detail.assignee')}</dt>
                <dd>
                  {current().assigneeId
                    ? (names().get(current().assigneeId ?? '') ?? '…')
                    : t('tasks.unassigned')}
                </dd>
              </div>
              <div>
                <dt>{t('tasks.detail.priority')}</dt>
                <dd>{current().priority}</dd>
              </div>
              <div>
                <dt>{t('tasks.detail.channel')}</dt>
                <dd>{t(`tasks.types.${current().type}`)}</dd>
              </div>
              <Show when={current().skills.length > 0}>
                <div>
                  <dt>{t('tasks.detail.skills')}</dt>
                  <dd>{current().skills.join(', ')}</dd>
                </div>
              </Show>
              <div>
                <dt>{t('tasks.detail.created')}</dt>
                <dd>
                  <time datetime={current().createdAt}>{formatDateTime(current().createdAt)}</time>
                </dd>
              </div>
            </dl>
            <Show when={current().description}>
              <p class="task-description">{current().description}</p>
            </Show>
            <Tabs class="tabs" aria-label={t('tasks.detail.tabs')} defaultValue="comments">
              <Tabs.List class="tab-list">
                <Tabs.Trigger class="tab" value="comments">
                  {t('tasks.detail.comments')}
                </Tabs.Trigger>
                <Tabs.Trigger class="tab" value="log">
                  {t('tasks.detail.log')}
                </Tabs.Trigger>
              </Tabs.List>
              <Tabs.Content class="tab-panel" value="comments">
                <CommentsPanel taskId={current().id} names={names()} />
              </Tabs.Content>
              <Tabs.Content class="tab-panel" value="log">
                <LogPanel taskId={current().id} names={names()} />
              </Tabs.Content>
            </Tabs>
          </>
        )}
      </Show>
    </div>
  );
}

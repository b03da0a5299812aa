// One task: its header, the offer that concerns the viewer, the actions (assign to me, offer,
// reassign, resolve, reopen, follow-up), its calls and the tabs "Comments" and "Log". Everything
// reads the local store and writes mutations, so all of it works offline; opening a task online
// fetches its comments and log into the store.
import { Tabs } from '@kobalte/core/tabs';
import { A, useParams } from '@solidjs/router';
import {
  createEffect,
  createMemo,
  createSignal,
  lazy,
  on,
  onCleanup,
  Show,
  type JSX,
} from 'solid-js';
import { watchPresence } from '../../api/presence';
import { offerIsLive, type SyncMember, type SyncTask } from '../../domain';
import { t } from '../../i18n';
import { createLive } from '../data/live';
import { currentStore, withStore } from '../data/store';
import { currentMe } from '../session';
import { usePageTitle } from '../title';
import { CallTimeline } from './CallTimeline';
import { CommentsPanel } from './CommentsPanel';
import { LogPanel } from './LogPanel';
import { OfferNotice } from './OfferNotice';
import { TaskHeader } from './TaskHeader';
import './tasks.css';
import './task-detail.css';

const OfferDialog = lazy(() => import('./OfferDialog'));
const ResolveDialog = lazy(() => import('./ResolveDialog'));
const NewTaskDialog = lazy(() => import('./NewTaskDialog'));

type Open = 'offer' | 'reassign' | 'resolve' | 'followUp' | null;

export default function TaskDetailPage(): JSX.Element {
  const params = useParams<{ id: string }>();
  const task = createLive(() => currentStore()?.queries.taskById(params.id), undefined);
  const members = createLive(() => currentStore()?.queries.members(), []);
  const names = createMemo(() => new Map(members().map((m: SyncMember) => [m.userId, m.name])));
  const myId = () => currentMe()?.user.id;
  const leader = () => (currentMe()?.currentInstance?.role ?? 'agent') !== 'agent';
  const tagRequired = () => currentMe()?.currentInstance?.settings?.outcomeTagRequired ?? false;
  usePageTitle(() => task()?.title ?? t('tasks.title'));
  const [open, setOpen] = createSignal<Open>(null);
  let opener: HTMLButtonElement | undefined;
  const openDialog = (which: Open) => (event: MouseEvent) => {
    opener = event.currentTarget as HTMLButtonElement;
    setOpen(which);
  };
  const close = () => setOpen(null);

  // Comments and log of tasks not assigned to me are not in the bootstrap: fetch them on open.
  createEffect(
    on(
      () => [currentStore(), params.id] as const,
      ([store, id]) => {
        if (store) void store.openTask(id);
      },
    ),
  );

  // Who else has this task open (a socket per open task page).
  const [here, setHere] = createSignal<string[]>([]);
  createEffect(
    on(
      () => [params.id, currentMe()?.currentInstance?.id] as const,
      ([taskId, instanceId]) => {
        setHere([]);
        if (!instanceId) return;
        const stop = watchPresence({ taskId, instanceId, onUsers: setHere });
        onCleanup(stop);
      },
    ),
  );
  const others = createMemo(() =>
    here()
      .filter((id) => id !== myId())
      .map((id) => names().get(id) ?? t('tasks.log.someone')),
  );

  const reopen = () =>
    void withStore((store) =>
      store.mutate('task.setStatus', { taskId: params.id, status: 'open' }),
    );
  const resolve = (current: SyncTask) => (event: MouseEvent) => {
    if (tagRequired()) {
      openDialog('resolve')(event);
      return;
    }
    // The assignee seen here: if someone reassigns it meanwhile, the server refuses the resolve.
    void withStore((store) =>
      store.mutate('task.setStatus', {
        taskId: current.id,
        status: 'resolved',
        expectedAssigneeId: current.assigneeId,
      }),
    );
  };
  const assignToMe = () => {
    const me = myId();
    if (me)
      void withStore((store) => store.mutate('task.assign', { taskId: params.id, assigneeId: me }));
  };
  // Offer your own or an unassigned task (leaders any); an offer to me is answered instead.
  const canOffer = (current: SyncTask) =>
    current.status !== 'resolved' &&
    (leader() || current.assigneeId === null || current.assigneeId === myId());
  const offeredToMe = (current: SyncTask) =>
    current.offeredToId === myId() && offerIsLive(current, Date.now());

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
            <p class="presence" role="status">
              {others().length > 0
                ? t('tasks.detail.alsoHere', { names: others().join(', ') })
                : ''}
            </p>
            <OfferNotice task={current()} names={names()} />
            <div class="task-actions">
              <Show when={current().assigneeId !== myId() && !offeredToMe(current())}>
                <button type="button" class="btn" onClick={assignToMe}>
                  {t('tasks.detail.assignToMe')}
                </button>
              </Show>
              <Show when={canOffer(current())}>
                <button type="button" class="btn" onClick={openDialog('offer')}>
                  {t('tasks.detail.offer')}
                </button>
              </Show>
              <Show when={leader()}>
                <button type="button" class="btn" onClick={openDialog('reassign')}>
                  {t('tasks.detail.reassign')}
                </button>
              </Show>
              <Show
                when={current().status === 'resolved'}
                fallback={
                  <button type="button" class="btn btn-primary" onClick={resolve(current())}>
                    {t('tasks.detail.resolve')}
                  </button>
                }
              >
                <button type="button" class="btn" onClick={reopen}>
                  {t('tasks.detail.reopen')}
                </button>
              </Show>
              <button type="button" class="btn" onClick={openDialog('followUp')}>
                {t('tasks.detail.followUp')}
              </button>
            </div>
            <TaskHeader task={current()} names={names()} />
            <Show when={current().description}>
              <p class="task-description">{current().description}</p>
            </Show>
            <CallTimeline taskId={current().id} />
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
                <LogPanel taskId={current().id} names={names()} channel={current().channel} />
              </Tabs.Content>
            </Tabs>
            <Show when={open() === 'offer' || open() === 'reassign'}>
              <OfferDialog
                task={current()}
                mode={open() === 'reassign' ? 'reassign' : 'offer'}
                onClose={close}
                returnFocus={() => opener}
              />
            </Show>
            <Show when={open() === 'resolve'}>
              <ResolveDialog task={current()} onClose={close} returnFocus={() => opener} />
            </Show>
            <Show when={open() === 'followUp'}>
              <NewTaskDialog followUpOf={current()} onClose={close} returnFocus={() => opener} />
            </Show>
          </>
        )}
      </Show>
    </div>
  );
}

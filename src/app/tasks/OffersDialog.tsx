// The "Offers" list: tasks offered to me (Accept / Decline, or open them first), and my own
// offers that are waiting or came back with a colleague's reason. Titles and reasons are text.
import { Dialog } from '@kobalte/core/dialog';
import { A, useNavigate } from '@solidjs/router';
import { createMemo, createSignal, For, lazy, Match, Show, Switch, type JSX } from 'solid-js';
import { offerIsLive, type SyncTask } from '../../domain';
import { t } from '../../i18n';
import { DialogFrame } from '../../ui/DialogFrame';
import { createLive } from '../data/live';
import { currentStore, withStore } from '../data/store';
import { currentMe } from '../session';
import { ringingCallOf } from '../phone/phone-store';
import { createNow, formatTime } from './now';
import { OfferCallActions } from './OfferCallActions';

const DeclineDialog = lazy(() => import('./DeclineDialog'));

export default function OffersDialog(props: {
  offers: SyncTask[];
  onClose: () => void;
  returnFocus: () => HTMLElement | undefined;
}): JSX.Element {
  const now = createNow();
  const me = () => currentMe()?.user.id;
  const members = createLive(() => currentStore()?.queries.members(), []);
  const names = createMemo(() => new Map(members().map((m) => [m.userId, m.name])));
  const name = (id: string | null | undefined) =>
    (id ? names().get(id) : undefined) ?? t('tasks.log.someone');
  const [declining, setDeclining] = createSignal<string | null>(null);
  const navigate = useNavigate();
  // Accepting opens the task: it is the user's work now.
  const accept = async (taskId: string) => {
    await withStore((s) => s.mutate('task.acceptOffer', { taskId }));
    props.onClose();
    navigate(`/tasks/${taskId}`);
  };
  let lastDecline: HTMLButtonElement | undefined;

  return (
    <Dialog open onOpenChange={(open) => !open && props.onClose()}>
      <DialogFrame title={t('tasks.offers.title')} returnFocus={props.returnFocus}>
        <Show
          when={props.offers.length > 0}
          fallback={<p class="muted">{t('tasks.offers.none')}</p>}
        >
          <ul class="offer-list" aria-label={t('tasks.offers.title')}>
            <For each={props.offers}>
              {(task) => (
                <li class="offer-item">
                  <Switch>
                    <Match when={task.offeredToId === me()}>
                      <p>
                        {t('tasks.offers.toMe', {
                          name:
                            task.offeredById == null
                              ? t('tasks.offers.routing')
                              : name(task.offeredById),
                          title: task.title,
                        })}{' '}
                        <Show when={offerIsLive(task, now())} fallback={t('tasks.offers.expired')}>
                          {t('tasks.offers.expiresAt', {
                            time: formatTime(task.offerExpiresAt ?? ''),
                          })}
                        </Show>
                      </p>
                      <Show
                        when={ringingCallOf(task.id)}
                        fallback={
                          <Show when={offerIsLive(task, now())}>
                            <div class="task-actions">
                              <button
                                type="button"
                                class="btn btn-primary"
                                onClick={() => void accept(task.id)}
                              >
                                {t('tasks.offers.accept')}
                              </button>
                              <button
                                type="button"
                                class="btn"
                                onClick={(e) => {
                                  lastDecline = e.currentTarget;
                                  setDeclining(task.id);
                                }}
                              >
                                {t('tasks.offers.decline')}
                              </button>
                            </div>
                          </Show>
                        }
                      >
                        {(call) => (
                          <OfferCallActions
                            call={call()}
                            onAnswer={() => {
                              props.onClose();
                              navigate(`/tasks/${task.id}`);
                            }}
                          />
                        )}
                      </Show>
                    </Match>
                    <Match when={task.offeredToId !== null}>
                      <p>
                        {task.title} ·{' '}
                        {t('tasks.offers.waiting', {
                          name: name(task.offeredToId),
                          time: formatTime(task.offerExpiresAt ?? ''),
                        })}
                      </p>
                    </Match>
                    <Match when={task.offerReturn}>
                      {(back) => (
                        <p>
                          {back().kind === 'declined'
                            ? t('tasks.offers.declinedTitle', {
                                name: name(back().byId),
                                title: task.title,
                              })
                            : t('tasks.offers.expiredTitle', {
                                name: name(back().byId),
                                title: task.title,
                              })}
                          <Show when={back().reason}>
                            {(reason) => <span class="offer-reason">: “{reason()}”</span>}
                          </Show>
                        </p>
                      )}
                    </Match>
                  </Switch>
                  <A href={`/tasks/${task.id}`} onClick={() => props.onClose()}>
                    {t('tasks.offers.open', { title: task.title })}
                  </A>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <Show when={declining()}>
          {(taskId) => (
            <DeclineDialog
              taskId={taskId()}
              reasonRequired={props.offers.find((o) => o.id === taskId())?.offeredById != null}
              onClose={() => setDeclining(null)}
              returnFocus={() => lastDecline}
            />
          )}
        </Show>
      </DialogFrame>
    </Dialog>
  );
}

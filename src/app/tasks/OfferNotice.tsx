// What the task's offer means for the one looking at it: an offer to them with Accept / Decline,
// their own offer waiting, or an offer that came back (declined with the reason, or expired).
// Reasons are shown as text, never as HTML.
import { createSignal, lazy, Match, Show, Switch, type JSX } from 'solid-js';
import { offerIsLive, type SyncTask } from '../../domain';
import { t } from '../../i18n';
import { withStore } from '../data/store';
import { currentMe } from '../session';
import { ringingCallOf } from '../phone/phone-store';
import { createNow, formatTime } from './now';
import { OfferCallActions } from './OfferCallActions';

const DeclineDialog = lazy(() => import('./DeclineDialog'));

export function OfferNotice(props: { task: SyncTask; names: Map<string, string> }): JSX.Element {
  const now = createNow();
  const me = () => currentMe()?.user.id;
  const name = (id: string | null | undefined) =>
    (id ? props.names.get(id) : undefined) ?? t('tasks.log.someone');
  // Routing's reservations have no offerer.
  const offerer = (id: string | null | undefined) =>
    id == null ? t('tasks.offers.routing') : name(id);
  const live = () => offerIsLive(props.task, now());
  const toMe = () => props.task.offeredToId !== null && props.task.offeredToId === me();
  const mine = () => props.task.offeredById === me();
  const [declining, setDeclining] = createSignal(false);
  let declineButton: HTMLButtonElement | undefined;

  const accept = () => {
    const taskId = props.task.id;
    void withStore((store) => store.mutate('task.acceptOffer', { taskId }));
  };

  return (
    <Switch>
      <Match when={toMe()}>
        <section class="offer-notice" aria-label={t('tasks.offers.title')}>
          <p>
            {t('tasks.offers.toMeHere', { name: offerer(props.task.offeredById) })}{' '}
            <Show when={live()} fallback={t('tasks.offers.expired')}>
              {t('tasks.offers.expiresAt', { time: formatTime(props.task.offerExpiresAt ?? '') })}
            </Show>
          </p>
          <Show
            when={ringingCallOf(props.task.id)}
            fallback={
              <Show when={live()}>
                <div class="task-actions">
                  <button type="button" class="btn btn-primary" onClick={accept}>
                    {t('tasks.offers.accept')}
                  </button>
                  <button
                    type="button"
                    class="btn"
                    ref={declineButton}
                    onClick={() => setDeclining(true)}
                  >
                    {t('tasks.offers.decline')}
                  </button>
                </div>
              </Show>
            }
          >
            {(call) => <OfferCallActions call={call()} />}
          </Show>
          <Show when={declining()}>
            <DeclineDialog
              taskId={props.task.id}
              reasonRequired={props.task.offeredById != null}
              onClose={() => setDeclining(false)}
              returnFocus={() => declineButton}
            />
          </Show>
        </section>
      </Match>
      <Match when={props.task.offeredToId !== null && live()}>
        <p class="offer-notice" role="status">
          {t('tasks.offers.waiting', {
            name: name(props.task.offeredToId),
            time: formatTime(props.task.offerExpiresAt ?? ''),
          })}
        </p>
      </Match>
      <Match when={props.task.offerReturn}>
        {(back) => (
          <p class={mine() ? 'offer-notice offer-returned' : 'offer-notice'} role="status">
            {back().kind === 'declined'
              ? t('tasks.offers.declinedBy', {
                  name: name(back().byId),
                  reason: back().reason ?? '',
                })
              : t('tasks.offers.expiredFor', { name: name(back().byId) })}
          </p>
        )}
      </Match>
    </Switch>
  );
}

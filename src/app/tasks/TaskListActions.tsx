// The task list's header actions of issue 5: "Offers" (with how many wait for me), "Mentions"
// (with how many are new since I last looked; that moment is kept on this device) and "New task".
import { createMemo, createSignal, lazy, Show, type JSX } from 'solid-js';
import { offerIsLive } from '../../domain';
import { t } from '../../i18n';
import { createLive } from '../data/live';
import { currentStore } from '../data/store';
import { currentMe } from '../session';
import { createNow } from './now';
import './task-detail.css';

const OffersDialog = lazy(() => import('./OffersDialog'));
const MentionsDialog = lazy(() => import('./MentionsDialog'));
const NewTaskDialog = lazy(() => import('./NewTaskDialog'));

export function TaskListActions(): JSX.Element {
  const now = createNow();
  const me = () => currentMe()?.user.id;
  const offers = createLive(() => {
    const id = me();
    return id ? currentStore()?.queries.offers(id) : undefined;
  }, []);
  // What asks for my attention: live offers to me, and my offers that came back since I last
  // opened the list (that moment is kept on this device).
  const returnsSeenKey = () => `sb-offer-returns-seen-${me() ?? ''}`;
  const [returnsSeenAt, setReturnsSeenAt] = createSignal(
    localStorage.getItem(returnsSeenKey()) ?? '',
  );
  const waiting = createMemo(
    () =>
      offers().filter((task) =>
        task.offeredToId === me()
          ? offerIsLive(task, now())
          : (task.offerReturn?.at ?? '') > returnsSeenAt(),
      ).length,
  );
  const openOffers = () => {
    const latest = offers()
      .map((task) => task.offerReturn?.at ?? '')
      .reduce((a, b) => (b > a ? b : a), returnsSeenAt());
    localStorage.setItem(returnsSeenKey(), latest);
    setReturnsSeenAt(latest);
    setShowOffers(true);
  };
  const mentions = createLive(() => {
    const id = me();
    return id ? currentStore()?.queries.mentions(id) : undefined;
  }, []);
  const seenKey = () => `sb-mentions-seen-${me() ?? ''}`;
  const [seenAt, setSeenAt] = createSignal(localStorage.getItem(seenKey()) ?? '');
  const newMentions = createMemo(() => mentions().filter((m) => m.createdAt > seenAt()).length);
  const [showMentions, setShowMentions] = createSignal(false);
  const openMentions = () => {
    const latest = mentions()[0]?.createdAt;
    if (latest) {
      localStorage.setItem(seenKey(), latest);
      setSeenAt(latest);
    }
    setShowMentions(true);
  };
  let mentionsButton: HTMLButtonElement | undefined;
  const [showOffers, setShowOffers] = createSignal(false);
  const [creating, setCreating] = createSignal(false);
  let offersButton: HTMLButtonElement | undefined;
  let newButton: HTMLButtonElement | undefined;

  return (
    <div class="task-list-actions">
      <button
        type="button"
        class={waiting() > 0 ? 'btn offers-button offers-waiting' : 'btn offers-button'}
        ref={offersButton}
        onClick={openOffers}
      >
        {waiting() > 0 ? t('tasks.offers.buttonCount', { n: waiting() }) : t('tasks.offers.button')}
      </button>
      <button
        type="button"
        class={newMentions() > 0 ? 'btn offers-button offers-waiting' : 'btn offers-button'}
        ref={mentionsButton}
        onClick={openMentions}
      >
        {newMentions() > 0
          ? t('tasks.mentions.buttonCount', { n: newMentions() })
          : t('tasks.mentions.button')}
      </button>
      <button
        type="button"
        class="btn btn-primary"
        ref={newButton}
        onClick={() => setCreating(true)}
      >
        {t('tasks.newTask.button')}
      </button>
      <Show when={showOffers()}>
        <OffersDialog
          offers={offers()}
          onClose={() => setShowOffers(false)}
          returnFocus={() => offersButton}
        />
      </Show>
      <Show when={showMentions()}>
        <MentionsDialog
          mentions={mentions()}
          onClose={() => setShowMentions(false)}
          returnFocus={() => mentionsButton}
        />
      </Show>
      <Show when={creating()}>
        <NewTaskDialog onClose={() => setCreating(false)} returnFocus={() => newButton} />
      </Show>
    </div>
  );
}

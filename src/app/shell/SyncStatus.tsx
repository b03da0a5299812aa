import { createEffect, createSignal, lazy, Match, on, Show, Switch, type JSX } from 'solid-js';
import { t } from '../../i18n';
import { Icon } from '../../ui';
import { currentSyncState } from '../data/store';
import { createOnline } from '../online';
import { loadSession } from '../session';

const RejectedDialog = lazy(() => import('./RejectedDialog'));

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

// Always in the DOM so screen readers announce changes: "Offline", "N changes waiting to sync",
// the last sync time, and a button to the changes the server refused.
export function SyncStatus(): JSX.Element {
  const online = createOnline();
  const state = currentSyncState;
  const pending = () => state()?.pending ?? 0;
  const rejected = () => state()?.rejected ?? 0;
  const [rejectedOpen, setRejectedOpen] = createSignal(false);
  let rejectedButton: HTMLButtonElement | undefined;

  // A 401 while syncing: ask the server who we are; if the session is gone, that signs out and
  // the sign-in screen comes up. The outbox stays and syncs after signing in again.
  // Likewise when the session moved to another instance in another tab: /api/me tells which,
  // and the store of that instance opens in place of this one.
  createEffect(
    on(
      () => (state()?.authRequired ?? false) || (state()?.instanceChanged ?? false),
      (stale) => {
        if (stale) void loadSession();
      },
    ),
  );

  const lastSync = () => {
    const at = state()?.lastSyncAt;
    return at ? t('sync.lastSync', { time: timeFormat.format(new Date(at)) }) : null;
  };

  return (
    <>
      <div class="sync-status" role="status" aria-live="polite" title={lastSync() ?? undefined}>
        <Switch>
          <Match when={!online()}>
            <Icon name="offline" />
            <span>{t('sync.offline')}</span>
            <Show when={pending() > 0}>
              <span class="sync-pending">· {t('sync.pending', pending())}</span>
            </Show>
          </Match>
          <Match when={state()?.authRequired}>
            <Icon name="alert" />
            <span>{t('sync.signInAgain')}</span>
          </Match>
          <Match when={pending() > 0}>
            <Icon name="sync" />
            <span>{t('sync.pending', pending())}</span>
          </Match>
        </Switch>
        <Show when={online() && pending() === 0 && lastSync()}>
          {(text) => <span class="sync-last">{text()}</span>}
        </Show>
      </div>
      <Show when={rejected() > 0}>
        <button
          type="button"
          ref={rejectedButton}
          class="btn btn-ghost sync-rejected"
          onClick={() => setRejectedOpen(true)}
        >
          <Icon name="alert" />
          {t('sync.rejectedButton', rejected())}
        </button>
      </Show>
      <Show when={rejectedOpen()}>
        <RejectedDialog onClose={() => setRejectedOpen(false)} returnFocus={() => rejectedButton} />
      </Show>
    </>
  );
}

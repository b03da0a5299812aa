// Signing out asks what happens to this device's copy: keep it (the default: the next sign-in
// opens with data, and unsynced changes sync then) or remove it (a shared computer). Unsynced
// changes are named, so nobody wipes work without knowing.
import { Dialog } from '@kobalte/core/dialog';
import { createSignal, Show, type JSX } from 'solid-js';
import { t } from '../../i18n';
import { showToast } from '../../ui';
import { DialogFrame } from '../../ui/DialogFrame';
import { createLive } from '../data/live';
import { currentStore } from '../data/store';
import { describeError } from '../errors';
import { signOut } from '../session';

export default function SignOutDialog(props: {
  onClose: () => void;
  returnFocus: () => HTMLElement | undefined;
}): JSX.Element {
  const pending = createLive(() => currentStore()?.queries.pendingCount(), 0);
  const [busy, setBusy] = createSignal(false);

  async function finish(wipe: boolean) {
    if (busy()) return;
    setBusy(true);
    const store = currentStore();
    const error = await signOut();
    if (error) {
      setBusy(false);
      void showToast(describeError(error));
      return;
    }
    // After the server forgot the session, so a failed sign-out never leaves a wiped store behind.
    if (wipe && store) await store.wipe();
    props.onClose();
  }

  return (
    <Dialog open onOpenChange={(open) => !open && props.onClose()}>
      <DialogFrame title={t('sync.signOutTitle')} returnFocus={props.returnFocus}>
        <Show when={pending() > 0} fallback={<p class="dialog-text">{t('sync.signOutBody')}</p>}>
          <p class="dialog-text alert alert-warning" role="alert">
            {t('sync.signOutPending', pending())}
          </p>
        </Show>
        <div class="dialog-footer dialog-footer-stacked">
          <button
            type="button"
            class="btn btn-primary"
            disabled={busy()}
            onClick={() => void finish(false)}
          >
            {t('sync.keepAndSignOut')}
          </button>
          <button
            type="button"
            class="btn"
            disabled={busy()}
            aria-describedby={pending() > 0 ? 'wipe-warning' : undefined}
            onClick={() => void finish(true)}
          >
            {t('sync.wipeAndSignOut')}
          </button>
          <button type="button" class="btn btn-ghost" onClick={() => props.onClose()}>
            {t('sync.cancel')}
          </button>
        </div>
        <Show when={pending() > 0}>
          <p id="wipe-warning" class="field-hint">
            {t('sync.wipePendingWarning', pending())}
          </p>
        </Show>
      </DialogFrame>
    </Dialog>
  );
}

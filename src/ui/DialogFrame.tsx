// The frame every modal dialog shares: overlay, centred panel, title and a Close button, on
// Kobalte's Dialog (focus trap, Escape, aria-modal). Not exported from ./index so Kobalte stays
// out of the entry chunk: only lazily loaded dialogs import it.
import { Dialog } from '@kobalte/core/dialog';
import type { JSX } from 'solid-js';
import { t } from '../i18n';
import { Icon } from './Icon';

export function DialogFrame(props: {
  title: JSX.Element;
  /** Where focus goes on close when the opener is gone by then (a menu item, say). */
  returnFocus?: () => HTMLElement | undefined;
  children: JSX.Element;
}): JSX.Element {
  const restoreFocus = (event: Event): void => {
    if (!props.returnFocus) return;
    event.preventDefault();
    props.returnFocus()?.focus();
  };
  return (
    <Dialog.Portal>
      <Dialog.Overlay class="dialog-overlay" />
      <div class="dialog-positioner">
        <Dialog.Content class="dialog" onCloseAutoFocus={restoreFocus}>
          <div class="dialog-header">
            <Dialog.Title class="dialog-title">{props.title}</Dialog.Title>
            <Dialog.CloseButton class="btn btn-ghost btn-icon" aria-label={t('common.close')}>
              <Icon name="close" />
            </Dialog.CloseButton>
          </div>
          {props.children}
        </Dialog.Content>
      </div>
    </Dialog.Portal>
  );
}

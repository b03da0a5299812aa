// "Transfer": a dialog asking where to, then either a blind transfer (REFER now) or a
// consultation call first (the caller waits on hold; "Complete transfer" is on that call).
import { Dialog } from '@kobalte/core/dialog';
import { createSignal, type JSX } from 'solid-js';
import type { CallSnapshot } from '../../domain';
import { t } from '../../i18n';
import { Icon, TextField } from '../../ui';
import { consult, transfer } from './phone-store';
import { partyText } from './texts';

export function TransferDialog(props: { call: CallSnapshot }): JSX.Element {
  const [open, setOpen] = createSignal(false);
  const [target, setTarget] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const [pending, setPending] = createSignal(false);

  async function go(how: 'blind' | 'consult') {
    if (pending()) return;
    setPending(true);
    setError(null);
    const result = await (how === 'blind' ? transfer : consult)(props.call.id, target()).finally(
      () => setPending(false),
    );
    if (result.ok) {
      setOpen(false);
      setTarget('');
      return;
    }
    if (result.problem === 'empty') setError(t('phone.emptyNumber'));
    else if (result.problem === 'invalid') setError(t('phone.invalidNumber'));
    else setError(t('phone.notConnected'));
  }

  return (
    <Dialog
      open={open()}
      onOpenChange={(next) => {
        setOpen(next);
        setError(null);
      }}
    >
      <Dialog.Trigger class="btn">{t('phone.transfer')}</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay class="dialog-overlay" />
        <div class="dialog-positioner">
          <Dialog.Content class="dialog">
            <div class="dialog-header">
              <Dialog.Title class="dialog-title">
                {t('phone.transferTitle', { name: partyText(props.call) })}
              </Dialog.Title>
              <Dialog.CloseButton class="btn btn-ghost btn-icon" aria-label={t('common.close')}>
                <Icon name="close" />
              </Dialog.CloseButton>
            </div>
            <form
              class="transfer-form"
              onSubmit={(e) => {
                e.preventDefault();
                void go('blind');
              }}
            >
              <TextField
                label={t('phone.transferTo')}
                name="transfer-to"
                type="tel"
                inputmode="tel"
                autocomplete="off"
                hint={t('phone.transferHint')}
                error={error()}
                value={target()}
                onInput={(e) => {
                  setTarget(e.currentTarget.value);
                  setError(null);
                }}
              />
              <div class="dialog-footer">
                <button
                  type="button"
                  class="btn"
                  disabled={pending()}
                  onClick={() => void go('consult')}
                >
                  {t('phone.consultFirst')}
                </button>
                <button type="submit" class="btn btn-primary" disabled={pending()}>
                  {t('phone.transferNow')}
                </button>
              </div>
            </form>
          </Dialog.Content>
        </div>
      </Dialog.Portal>
    </Dialog>
  );
}

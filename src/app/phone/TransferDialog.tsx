// "Transfer": a dialog asking where to, then either a blind transfer (REFER now) or a
// consultation call first (the caller waits on hold; "Complete transfer" is on that call).
import { Dialog } from '@kobalte/core/dialog';
import { DialogFrame } from '../../ui/DialogFrame';
import { createSignal, type JSX } from 'solid-js';
import type { CallSnapshot } from '../../domain';
import { t } from '../../i18n';
import { TextField } from '../../ui';
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
      <DialogFrame title={t('phone.transferTitle', { name: partyText(props.call) })}>
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
      </DialogFrame>
    </Dialog>
  );
}

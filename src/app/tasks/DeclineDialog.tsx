// Declining an offer asks why: the colleague who offered it gets the task back with the reason.
// A reservation from routing goes back to the queue; a reason is optional there.
import { Dialog } from '@kobalte/core/dialog';
import { createSignal, type JSX } from 'solid-js';
import { checkDeclineReason, DECLINE_REASON_MAX } from '../../domain';
import { t } from '../../i18n';
import { TextField } from '../../ui';
import { DialogFrame } from '../../ui/DialogFrame';
import { withStore } from '../data/store';

export default function DeclineDialog(props: {
  taskId: string;
  /** Routing's reservations need no reason: there is no colleague to tell. */
  reasonRequired: boolean;
  onClose: () => void;
  returnFocus: () => HTMLElement | undefined;
}): JSX.Element {
  const [reason, setReason] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const checked = checkDeclineReason(reason(), props.reasonRequired);
    if (!checked.ok) {
      setError(checked.message);
      return;
    }
    const taskId = props.taskId;
    await withStore((store) =>
      store.mutate('task.declineOffer', { taskId, reason: checked.reason }),
    );
    props.onClose();
  }

  return (
    <Dialog open onOpenChange={(open) => !open && props.onClose()}>
      <DialogFrame title={t('tasks.offers.declineTitle')} returnFocus={props.returnFocus}>
        <form class="form" onSubmit={(e) => void submit(e)} novalidate>
          <TextField
            label={t('tasks.offers.reason')}
            hint={t('tasks.offers.reasonHint')}
            value={reason()}
            maxLength={DECLINE_REASON_MAX}
            autofocus
            error={error()}
            onInput={(e) => {
              setReason(e.currentTarget.value);
              setError(null);
            }}
          />
          <div class="dialog-footer">
            <button type="submit" class="btn btn-primary">
              {t('tasks.offers.confirmDecline')}
            </button>
          </div>
        </form>
      </DialogFrame>
    </Dialog>
  );
}

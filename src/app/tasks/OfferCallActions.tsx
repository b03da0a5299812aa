// An offer that is a queue call ringing on this phone: routing reserved the call's task to the
// agent, and taking it means answering the call (the server assigns the task on the answer).
// Accepting the task instead would leave the caller ringing, so these replace Accept / Decline.
import type { JSX } from 'solid-js';
import type { CallSnapshot } from '../../domain';
import { t } from '../../i18n';
import { answer, decline } from '../phone/phone-store';

export function OfferCallActions(props: {
  call: CallSnapshot;
  onAnswer?: () => void;
}): JSX.Element {
  return (
    <>
      <p>{t('tasks.offers.ringing')}</p>
      <div class="task-actions">
        <button
          type="button"
          class="btn btn-primary"
          onClick={() => {
            void answer(props.call.id);
            props.onAnswer?.();
          }}
        >
          {t('tasks.offers.answerCall')}
        </button>
        <button type="button" class="btn" onClick={() => void decline(props.call.id)}>
          {t('tasks.offers.declineCall')}
        </button>
      </div>
    </>
  );
}

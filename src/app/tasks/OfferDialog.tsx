// "Offer to colleague" (and, for team leaders and admins, "Reassign"): pick a colleague from the
// instance's members. Each says which of the task's required skills they lack; an offer to one
// of them is refused here with the reason (and by the server, should the skills have changed).
// A reassign gives the task at once; an offer waits for the colleague's Accept or Decline.
import { Dialog } from '@kobalte/core/dialog';
import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { missingSkills, type SyncMember, type SyncTask } from '../../domain';
import { t } from '../../i18n';
import { showToast } from '../../ui';
import { DialogFrame } from '../../ui/DialogFrame';
import { createLive } from '../data/live';
import { currentStore, withStore } from '../data/store';
import { currentMe } from '../session';

export default function OfferDialog(props: {
  task: SyncTask;
  mode: 'offer' | 'reassign';
  onClose: () => void;
  returnFocus: () => HTMLElement | undefined;
}): JSX.Element {
  const members = createLive(() => currentStore()?.queries.members(), []);
  const myId = () => currentMe()?.user.id;
  const colleagues = createMemo(() =>
    members().filter((m) => (props.mode === 'reassign' ? true : m.userId !== myId())),
  );
  const lacking = (member: SyncMember) => missingSkills(props.task.skills, member.skills ?? []);
  const [chosen, setChosen] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const title = () =>
    props.mode === 'offer' ? t('tasks.offers.dialogTitle') : t('tasks.offers.reassignTitle');

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const member = colleagues().find((m) => m.userId === chosen());
    if (!member) {
      setError(t('tasks.offers.choose'));
      return;
    }
    const taskId = props.task.id;
    if (props.mode === 'offer') {
      const missing = lacking(member);
      if (missing.length > 0) {
        setError(t('tasks.offers.lacksError', { name: member.name, skills: missing.join(', ') }));
        return;
      }
      await withStore((store) => store.mutate('task.offer', { taskId, toUserId: member.userId }));
      void showToast(t('tasks.offers.offeredToast', { name: member.name }));
    } else {
      await withStore((store) =>
        store.mutate('task.assign', { taskId, assigneeId: member.userId }),
      );
      void showToast(t('tasks.offers.reassignedToast', { name: member.name }));
    }
    props.onClose();
  }

  return (
    <Dialog open onOpenChange={(open) => !open && props.onClose()}>
      <DialogFrame title={title()} returnFocus={props.returnFocus}>
        <form class="form" onSubmit={(e) => void submit(e)} novalidate>
          <Show
            when={colleagues().length > 0}
            fallback={<p class="muted">{t('tasks.offers.noColleagues')}</p>}
          >
            <fieldset class="choice-list" aria-describedby="offer-error">
              <legend class="field-label">{t('tasks.offers.colleagues')}</legend>
              <For each={colleagues()}>
                {(member) => {
                  const missing = () => lacking(member);
                  const holds = () => member.userId === props.task.assigneeId;
                  return (
                    <label class="choice-option">
                      <input
                        type="radio"
                        name="colleague"
                        value={member.userId}
                        checked={chosen() === member.userId}
                        disabled={holds()}
                        onChange={() => {
                          setChosen(member.userId);
                          setError(null);
                        }}
                      />
                      <span>{member.name}</span>
                      <Show when={holds()}>
                        <span class="muted"> · {t('tasks.offers.hasIt')}</span>
                      </Show>
                      <Show when={!holds() && missing().length > 0}>
                        <span class="choice-warning">
                          {' '}
                          · {t('tasks.offers.lacks', { skills: missing().join(', ') })}
                        </span>
                      </Show>
                    </label>
                  );
                }}
              </For>
            </fieldset>
          </Show>
          <p class="field-error" id="offer-error" role="alert">
            {error() ?? ''}
          </p>
          <div class="dialog-footer">
            <button type="submit" class="btn btn-primary" disabled={colleagues().length === 0}>
              {props.mode === 'offer'
                ? t('tasks.offers.confirm')
                : t('tasks.offers.confirmReassign')}
            </button>
          </div>
        </form>
      </DialogFrame>
    </Dialog>
  );
}

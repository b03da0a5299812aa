// Resolving where the instance asks for an outcome tag: one hashtag, checked here and again by
// the server. The resolve names the assignee the user saw, so a task reassigned meanwhile is
// refused instead of resolved behind the new assignee's back.
import { Dialog } from '@kobalte/core/dialog';
import { createSignal, type JSX } from 'solid-js';
import { normalizeOutcomeTag, OUTCOME_TAG_MAX, type SyncTask } from '../../domain';
import { t } from '../../i18n';
import { TextField } from '../../ui';
import { DialogFrame } from '../../ui/DialogFrame';
import { withStore } from '../data/store';

export default function ResolveDialog(props: {
  task: SyncTask;
  onClose: () => void;
  returnFocus: () => HTMLElement | undefined;
}): JSX.Element {
  const [tag, setTag] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const checked = normalizeOutcomeTag(tag());
    if (!checked.ok) {
      setError(checked.message);
      return;
    }
    const { id: taskId, assigneeId } = props.task;
    await withStore((store) =>
      store.mutate('task.setStatus', {
        taskId,
        status: 'resolved',
        outcomeTag: checked.tag,
        expectedAssigneeId: assigneeId,
      }),
    );
    props.onClose();
  }

  return (
    <Dialog open onOpenChange={(open) => !open && props.onClose()}>
      <DialogFrame title={t('tasks.resolveDialog.title')} returnFocus={props.returnFocus}>
        <form class="form" onSubmit={(e) => void submit(e)} novalidate>
          <TextField
            label={t('tasks.resolveDialog.tag')}
            hint={t('tasks.resolveDialog.tagHint')}
            value={tag()}
            maxLength={OUTCOME_TAG_MAX + 1}
            autofocus
            error={error()}
            onInput={(e) => {
              setTag(e.currentTarget.value);
              setError(null);
            }}
          />
          <div class="dialog-footer">
            <button type="submit" class="btn btn-primary">
              {t('tasks.resolveDialog.confirm')}
            </button>
          </div>
        </form>
      </DialogFrame>
    </Dialog>
  );
}

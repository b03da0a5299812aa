// "Save filter": the current combination under a name, private or shared. Saved through the
// outbox like any change, so it works offline; a name the user already uses is refused here
// (and by the server, for the case another tab got there first).
import { Dialog } from '@kobalte/core/dialog';
import { createSignal, type JSX } from 'solid-js';
import { t } from '../../i18n';
import { showToast, TextField } from '../../ui';
import { DialogFrame } from '../../ui/DialogFrame';
import { createLive } from '../data/live';
import { currentStore, withStore } from '../data/store';
import { currentMe } from '../session';
import { filterToQuery, type TaskFilter } from './task-filter';

export default function SaveFilterDialog(props: {
  filter: TaskFilter;
  onClose: () => void;
  returnFocus: () => HTMLElement | undefined;
}): JSX.Element {
  const filters = createLive(() => currentStore()?.queries.filters(), []);
  const [name, setName] = createSignal('');
  const [shared, setShared] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);

  async function save(event: SubmitEvent) {
    event.preventDefault();
    const trimmed = name().trim();
    if (!trimmed) {
      setError(t('tasks.filters.nameRequired'));
      return;
    }
    const me = currentMe()?.user.id;
    const clash = filters().some(
      (f) => f.ownerId === me && f.name.toLocaleLowerCase() === trimmed.toLocaleLowerCase(),
    );
    if (clash) {
      setError(t('tasks.filters.nameTaken'));
      return;
    }
    const args = {
      id: crypto.randomUUID(),
      name: trimmed,
      shared: shared(),
      query: filterToQuery(props.filter),
    };
    await withStore((store) => store.mutate('filter.save', args));
    props.onClose();
    void showToast(t('tasks.filters.savedToast', { name: trimmed }));
  }

  return (
    <Dialog open onOpenChange={(open) => !open && props.onClose()}>
      <DialogFrame title={t('tasks.filters.save')} returnFocus={props.returnFocus}>
        <form class="form" onSubmit={(e) => void save(e)} novalidate>
          <TextField
            label={t('tasks.filters.name')}
            value={name()}
            maxLength={100}
            autofocus
            error={error()}
            onInput={(e) => {
              setName(e.currentTarget.value);
              setError(null);
            }}
          />
          <label class="checkbox">
            <input
              type="checkbox"
              checked={shared()}
              onChange={(e) => setShared(e.currentTarget.checked)}
            />
            {t('tasks.filters.shared')}
          </label>
          <div class="dialog-footer">
            <button type="submit" class="btn btn-primary">
              {t('tasks.filters.saveConfirm')}
            </button>
          </div>
        </form>
      </DialogFrame>
    </Dialog>
  );
}

// "Save filter": the current combination under a name, private or shared; the same dialog renames
// a saved filter (and changes who sees it). Saved through the outbox like any change, so it works
// offline. A clashing name is refused here, and by the server for the case another tab or a
// colleague got there first (the change then shows under "changes not applied").
import { Dialog } from '@kobalte/core/dialog';
import { createSignal, Show, type JSX } from 'solid-js';
import type { SyncFilter } from '../../domain';
import { t } from '../../i18n';
import { showToast, TextField } from '../../ui';
import { DialogFrame } from '../../ui/DialogFrame';
import { createLive } from '../data/live';
import { currentStore, withStore } from '../data/store';
import { currentMe } from '../session';
import { filterNameMax, filterNameProblem, type NameProblem } from './filter-names';
import { filterToQuery, isEmptyFilter, type TaskFilter } from './task-filter';

const problemText: Record<NameProblem, () => string> = {
  required: () => t('tasks.filters.nameRequired'),
  tooLong: () => t('tasks.filters.nameTooLong'),
  taken: () => t('tasks.filters.nameTaken'),
  takenShared: () => t('tasks.filters.nameTakenShared'),
};

export default function SaveFilterDialog(props: {
  /** The combination to save as a new filter. */
  filter?: TaskFilter;
  /** Or the saved filter to rename. */
  editing?: SyncFilter;
  onClose: () => void;
  returnFocus: () => HTMLElement | undefined;
}): JSX.Element {
  const filters = createLive(() => currentStore()?.queries.filters(), []);
  // Read once: the dialog edits a copy, not the live row.
  // eslint-disable-next-line solid/reactivity
  const [name, setName] = createSignal(props.editing?.name ?? '');
  // eslint-disable-next-line solid/reactivity
  const [shared, setShared] = createSignal(props.editing?.shared ?? false);
  const [error, setError] = createSignal<string | null>(null);
  const nothingToSave = () => !props.editing && isEmptyFilter(props.filter ?? {});

  async function save(event: SubmitEvent) {
    event.preventDefault();
    const problem = filterNameProblem(
      name(),
      shared(),
      filters(),
      currentMe()?.user.id,
      props.editing?.id,
    );
    if (problem) {
      setError(problemText[problem]());
      return;
    }
    if (nothingToSave()) return;
    const trimmed = name().trim();
    const editing = props.editing;
    const args = editing
      ? { id: editing.id, name: trimmed, shared: shared(), query: editing.query }
      : {
          id: crypto.randomUUID(),
          name: trimmed,
          shared: shared(),
          query: filterToQuery(props.filter ?? {}),
        };
    await withStore((store) => store.mutate('filter.save', args));
    props.onClose();
    void showToast(
      editing
        ? t('tasks.filters.renamedToast', { name: trimmed })
        : t('tasks.filters.savedToast', { name: trimmed }),
    );
  }

  return (
    <Dialog open onOpenChange={(open) => !open && props.onClose()}>
      <DialogFrame
        title={props.editing ? t('tasks.filters.renameTitle') : t('tasks.filters.save')}
        returnFocus={props.returnFocus}
      >
        <form class="form" onSubmit={(e) => void save(e)} novalidate>
          <Show when={nothingToSave()}>
            <p class="field-error" role="alert">
              {t('tasks.filters.nothingToSave')}
            </p>
          </Show>
          <TextField
            label={t('tasks.filters.name')}
            value={name()}
            maxLength={filterNameMax}
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
              onChange={(e) => {
                setShared(e.currentTarget.checked);
                setError(null);
              }}
            />
            {t('tasks.filters.shared')}
          </label>
          <div class="dialog-footer">
            <button type="submit" class="btn btn-primary" disabled={nothingToSave()}>
              {props.editing ? t('tasks.filters.renameConfirm') : t('tasks.filters.saveConfirm')}
            </button>
          </div>
        </form>
      </DialogFrame>
    </Dialog>
  );
}

// Asks before a saved filter is deleted: one click on a small × should not lose a colleague's
// shared view. Deleting is queued like any change, so it works offline.
import { Dialog } from '@kobalte/core/dialog';
import { Show, type JSX } from 'solid-js';
import type { SyncFilter } from '../../domain';
import { t } from '../../i18n';
import { showToast } from '../../ui';
import { DialogFrame } from '../../ui/DialogFrame';
import { withStore } from '../data/store';

export default function DeleteFilterDialog(props: {
  filter: SyncFilter;
  onClose: () => void;
  returnFocus: () => HTMLElement | undefined;
}): JSX.Element {
  async function remove() {
    const { id, name } = props.filter;
    await withStore((store) => store.mutate('filter.delete', { id }));
    props.onClose();
    void showToast(t('tasks.filters.deletedToast', { name }));
  }
  return (
    <Dialog open onOpenChange={(open) => !open && props.onClose()}>
      <DialogFrame title={t('tasks.filters.deleteTitle')} returnFocus={props.returnFocus}>
        <p>{t('tasks.filters.deleteBody', { name: props.filter.name })}</p>
        <Show when={props.filter.shared}>
          <p>{t('tasks.filters.deleteShared')}</p>
        </Show>
        <div class="dialog-footer">
          <button type="button" class="btn" onClick={() => props.onClose()}>
            {t('tasks.filters.cancel')}
          </button>
          <button type="button" class="btn btn-danger" onClick={() => void remove()}>
            {t('tasks.filters.deleteConfirm')}
          </button>
        </div>
      </DialogFrame>
    </Dialog>
  );
}

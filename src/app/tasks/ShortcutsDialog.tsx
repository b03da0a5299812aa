// "Keyboard shortcuts": what the task list answers to, opened by "?" or its button. The keys are
// <kbd> in a table, so a screen reader reads each key with what it does.
import { Dialog } from '@kobalte/core/dialog';
import { For, type JSX } from 'solid-js';
import { t } from '../../i18n';
import { DialogFrame } from '../../ui/DialogFrame';

const shortcuts: { keys: string[]; action: () => string }[] = [
  { keys: ['↓'], action: () => t('tasks.shortcuts.moveDown') },
  { keys: ['↑'], action: () => t('tasks.shortcuts.moveUp') },
  { keys: ['Page Down'], action: () => t('tasks.shortcuts.pageDown') },
  { keys: ['Page Up'], action: () => t('tasks.shortcuts.pageUp') },
  { keys: ['Home'], action: () => t('tasks.shortcuts.first') },
  { keys: ['End'], action: () => t('tasks.shortcuts.last') },
  { keys: ['Enter'], action: () => t('tasks.shortcuts.open') },
  { keys: ['/'], action: () => t('tasks.shortcuts.search') },
  { keys: ['?'], action: () => t('tasks.shortcuts.help') },
];

export default function ShortcutsDialog(props: {
  onClose: () => void;
  returnFocus: () => HTMLElement | undefined;
}): JSX.Element {
  return (
    <Dialog open onOpenChange={(open) => !open && props.onClose()}>
      <DialogFrame title={t('tasks.shortcuts.title')} returnFocus={props.returnFocus}>
        <p>{t('tasks.shortcuts.intro')}</p>
        <table class="table shortcuts-table">
          <thead>
            <tr>
              <th scope="col">{t('tasks.shortcuts.keys')}</th>
              <th scope="col">{t('tasks.shortcuts.action')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={shortcuts}>
              {(s) => (
                <tr>
                  <td>
                    <For each={s.keys}>{(key) => <kbd>{key}</kbd>}</For>
                  </td>
                  <td>{s.action()}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </DialogFrame>
    </Dialog>
  );
}

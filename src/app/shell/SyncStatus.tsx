import { Show, type JSX } from 'solid-js';
import { t } from '../../i18n';
import { Icon } from '../../ui';
import { createOnline } from '../online';

// Always in the DOM so screen readers announce changes; issue 4 adds "N changes waiting to sync".
export function SyncStatus(): JSX.Element {
  const online = createOnline();
  return (
    <div class="sync-status" role="status" aria-live="polite">
      <Show when={!online()}>
        <Icon name="offline" />
        <span>{t('sync.offline')}</span>
      </Show>
    </div>
  );
}

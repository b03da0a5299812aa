import { Dialog } from '@kobalte/core/dialog';
import { createResource, Show, type JSX } from 'solid-js';
import { api } from '../../api';
import { t } from '../../i18n';
import { Icon } from '../../ui';

export default function AboutDialog(props: {
  onClose: () => void;
  /** Where focus goes on close: the menu that opened us is gone by then. */
  returnFocus: () => HTMLElement | undefined;
}): JSX.Element {
  const [health] = createResource(async () => {
    const result = await api.health();
    return result.ok ? `${result.value.version} (${result.value.build})` : null;
  });
  return (
    <Dialog open onOpenChange={(open) => !open && props.onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay class="dialog-overlay" />
        <div class="dialog-positioner">
          <Dialog.Content
            class="dialog"
            onCloseAutoFocus={(event) => {
              event.preventDefault();
              props.returnFocus()?.focus();
            }}
          >
            <div class="dialog-header">
              <Dialog.Title class="dialog-title">{t('about.title')}</Dialog.Title>
              <Dialog.CloseButton class="btn btn-ghost btn-icon" aria-label={t('common.close')}>
                <Icon name="close" />
              </Dialog.CloseButton>
            </div>
            <dl class="facts">
              <dt>{t('about.version')}</dt>
              <dd>{__APP_VERSION__}</dd>
              <dt>{t('about.build')}</dt>
              <dd>{__APP_BUILD__}</dd>
              <dt>{t('about.server')}</dt>
              <dd>
                <Show when={!health.loading} fallback={t('app.loading')}>
                  {health() ?? t('about.serverUnavailable')}
                </Show>
              </dd>
            </dl>
          </Dialog.Content>
        </div>
      </Dialog.Portal>
    </Dialog>
  );
}

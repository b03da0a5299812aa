import { Dialog } from '@kobalte/core/dialog';
import { DialogFrame } from '../../ui/DialogFrame';
import { createResource, Show, type JSX } from 'solid-js';
import { api } from '../../api';
import { t } from '../../i18n';

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
      <DialogFrame title={t('about.title')} returnFocus={props.returnFocus}>
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
      </DialogFrame>
    </Dialog>
  );
}

import { createEffect } from 'solid-js';
import { t } from '../i18n';

/** Sets the document title for the current screen: "Tasks · Switchboard". */
export function usePageTitle(title: () => string): void {
  createEffect(() => {
    document.title = `${title()} · ${t('app.name')}`;
  });
}

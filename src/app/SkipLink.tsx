import type { JSX } from 'solid-js';
import { t } from '../i18n';

// Focuses <main> directly: a plain "#main" link would go through the router and not move focus.
export function SkipLink(): JSX.Element {
  return (
    <a
      class="skip-link"
      href="#main"
      onClick={(event) => {
        event.preventDefault();
        const main = document.getElementById('main');
        main?.focus();
        main?.scrollIntoView();
      }}
    >
      {t('app.skipToContent')}
    </a>
  );
}

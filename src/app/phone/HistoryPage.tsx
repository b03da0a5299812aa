import type { JSX } from 'solid-js';
import { t } from '../../i18n';
import { EmptyState } from '../../ui';
import { usePageTitle } from '../title';

export default function HistoryPage(): JSX.Element {
  usePageTitle(() => t('history.title'));
  return (
    <div class="page">
      <div class="page-header">
        <h1>{t('history.title')}</h1>
      </div>
      <EmptyState
        icon="history"
        heading={t('history.emptyHeading')}
        body={t('history.emptyBody')}
      />
    </div>
  );
}

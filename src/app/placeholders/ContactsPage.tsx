import type { JSX } from 'solid-js';
import { t } from '../../i18n';
import { EmptyState } from '../../ui';
import { usePageTitle } from '../title';

export default function ContactsPage(): JSX.Element {
  usePageTitle(() => t('contacts.title'));
  return (
    <div class="page">
      <div class="page-header">
        <h1>{t('contacts.title')}</h1>
      </div>
      <EmptyState
        icon="contacts"
        heading={t('contacts.emptyHeading')}
        body={t('contacts.emptyBody')}
      />
    </div>
  );
}

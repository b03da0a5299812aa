// The Admin page: members (with their skills), invitations and the instance's routing and task
// settings. One file per section; this one only lays them out for admins.
import { Show, type JSX } from 'solid-js';
import { canSeeAdmin } from '../../domain';
import { t } from '../../i18n';
import { EmptyState } from '../../ui';
import { currentMe } from '../session';
import { usePageTitle } from '../title';
import { InviteForm } from './InviteForm';
import { MembersTable } from './MembersTable';
import { QueueNumbers } from './QueueNumbers';
import { SettingsForm } from './SettingsForm';
import { StatusDefinitions } from './StatusDefinitions';
import './admin.css';

export default function AdminPage(): JSX.Element {
  usePageTitle(() => t('admin.title'));
  const isAdmin = () => canSeeAdmin(currentMe()?.currentInstance?.role);
  return (
    <div class="page">
      <div class="page-header">
        <h1>{t('admin.title')}</h1>
      </div>
      <Show
        when={isAdmin()}
        fallback={
          <EmptyState icon="admin" heading={t('admin.title')} body={t('admin.adminsOnly')} />
        }
      >
        <div class="admin-grid">
          <MembersTable />
          <div class="admin-side">
            <InviteForm />
            <SettingsForm />
            <QueueNumbers />
            <StatusDefinitions />
          </div>
        </div>
      </Show>
    </div>
  );
}

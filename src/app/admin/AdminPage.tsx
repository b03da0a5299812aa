import { createSignal, For, Match, Show, Switch, type JSX } from 'solid-js';
import { api } from '../../api';
import { canSeeAdmin, roles, type Role } from '../../domain';
import { t } from '../../i18n';
import { EmptyState, showToast, TableMessage, TextField } from '../../ui';
import { createLive } from '../data/live';
import { currentStore } from '../data/store';
import { describeError } from '../errors';
import { currentMe } from '../session';
import { usePageTitle } from '../title';
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
          <Members />
          <InviteForm />
        </div>
      </Show>
    </div>
  );
}

function Members(): JSX.Element {
  // From the local store: the list works offline and shows a colleague who just accepted an
  // invitation as soon as the change is pulled.
  const members = createLive(() => currentStore()?.queries.members(), []);
  return (
    <section class="admin-members" aria-labelledby="members-heading">
      <h2 id="members-heading">{t('admin.members')}</h2>
      {/* Scrolls sideways on phones, so it must be reachable from the keyboard. */}
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="members-heading">
        <table class="table" aria-labelledby="members-heading">
          <thead>
            <tr>
              <th scope="col">{t('admin.columns.name')}</th>
              <th scope="col">{t('admin.columns.email')}</th>
              <th scope="col">{t('admin.columns.role')}</th>
              <th scope="col">{t('admin.columns.extension')}</th>
            </tr>
          </thead>
          <tbody>
            <Switch>
              <Match when={!members.ready()}>
                <TableMessage columns={4}>{t('app.loading')}</TableMessage>
              </Match>
              <Match when={members.ready()}>
                {
                  <For each={members()}>
                    {(member) => (
                      <tr>
                        <td class="nowrap">{member.name}</td>
                        <td class="nowrap">{member.email}</td>
                        <td class="nowrap">{t(`roles.${member.role}`)}</td>
                        <td class="nowrap" classList={{ muted: !member.extension }}>
                          {member.extension ?? t('admin.noExtension')}
                        </td>
                      </tr>
                    )}
                  </For>
                }
              </Match>
            </Switch>
          </tbody>
        </table>
      </div>
    </section>
  );
}

function InviteForm(): JSX.Element {
  const [email, setEmail] = createSignal('');
  const [name, setName] = createSignal('');
  const [role, setRole] = createSignal<Role>('agent');
  const [error, setError] = createSignal('');
  const [pending, setPending] = createSignal(false);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (pending()) return;
    setPending(true);
    setError('');
    const address = email().trim();
    const result = await api.invite({
      email: address,
      role: role(),
      ...(name().trim() ? { name: name().trim() } : {}),
    });
    setPending(false);
    if (result.ok) {
      void showToast(t('admin.invitationSent', { email: result.value.email }));
      setEmail('');
      setName('');
      setRole('agent');
    } else {
      setError(
        result.error.code === 'conflict' ? t('admin.alreadyInvited') : describeError(result.error),
      );
    }
  }

  return (
    <section class="card admin-invite" aria-labelledby="invite-heading">
      <h2 id="invite-heading">{t('admin.inviteHeading')}</h2>
      <form class="form" aria-labelledby="invite-heading" onSubmit={(e) => void submit(e)}>
        <div class="alert alert-error" role="alert">
          {error()}
        </div>
        <TextField
          label={t('admin.email')}
          name="email"
          type="email"
          autocomplete="off"
          required
          value={email()}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
        <TextField
          label={t('admin.name')}
          name="name"
          autocomplete="off"
          value={name()}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <div class="field">
          <label class="field-label" for="invite-role">
            {t('admin.role')}
          </label>
          <select
            id="invite-role"
            class="select"
            value={role()}
            onChange={(e) => setRole(e.currentTarget.value as Role)}
          >
            <For each={roles}>{(r) => <option value={r}>{t(`roles.${r}`)}</option>}</For>
          </select>
        </div>
        <button type="submit" class="btn btn-primary btn-block" disabled={pending()}>
          {t('admin.sendInvitation')}
        </button>
      </form>
    </section>
  );
}

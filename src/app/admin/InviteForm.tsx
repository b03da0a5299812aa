// "Invite user": an email with a link to join this instance in the chosen role.
import { createSignal, For, type JSX } from 'solid-js';
import { api } from '../../api';
import { roles, type Role } from '../../domain';
import { t } from '../../i18n';
import { showToast, TextField } from '../../ui';
import { describeError } from '../errors';

export function InviteForm(): JSX.Element {
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

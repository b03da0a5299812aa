import { A } from '@solidjs/router';
import { createSignal, Show, type JSX } from 'solid-js';
import { api } from '../../api';
import { t } from '../../i18n';
import { TextField } from '../../ui';
import { describeError } from '../errors';
import { usePageTitle } from '../title';
import { AuthLayout } from './AuthLayout';

export default function ResetRequestPage(): JSX.Element {
  usePageTitle(() => t('reset.title'));
  const [email, setEmail] = createSignal('');
  const [sentTo, setSentTo] = createSignal<string | null>(null);
  const [error, setError] = createSignal('');
  const [pending, setPending] = createSignal(false);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (pending()) return;
    setPending(true);
    setError('');
    const address = email().trim();
    const result = await api.requestPasswordReset(address);
    setPending(false);
    // 202 whether or not the account exists: the answer never tells who has an account.
    if (result.ok) setSentTo(address);
    else setError(describeError(result.error));
  }

  return (
    <AuthLayout>
      <h1>{t('reset.heading')}</h1>
      <Show
        when={sentTo()}
        fallback={
          <>
            <p class="auth-intro">{t('reset.intro')}</p>
            <form class="form" onSubmit={(e) => void submit(e)}>
              <div class="alert alert-error" role="alert">
                {error()}
              </div>
              <TextField
                label={t('reset.email')}
                name="email"
                type="email"
                autocomplete="username"
                required
                value={email()}
                onInput={(e) => setEmail(e.currentTarget.value)}
              />
              <button class="btn btn-primary btn-block" type="submit" disabled={pending()}>
                {t('reset.submit')}
              </button>
            </form>
          </>
        }
      >
        {(address) => (
          <p class="alert alert-success" role="status">
            {t('reset.sent', { email: address() })}
          </p>
        )}
      </Show>
      <p class="auth-links">
        <A href="/signin">{t('reset.backToSignIn')}</A>
      </p>
    </AuthLayout>
  );
}

import { A, Navigate, useLocation, useSearchParams } from '@solidjs/router';
import { createSignal, Show, type JSX } from 'solid-js';
import { needsInstancePicker, safeNextPath, type Me } from '../../domain';
import { t } from '../../i18n';
import { TextField } from '../../ui';
import { describeError } from '../errors';
import { session, signIn } from '../session';
import { usePageTitle } from '../title';
import { AuthLayout } from './AuthLayout';

/** Router state other screens pass along to say why we are here. */
export interface SignInNotice {
  notice?: 'passwordChanged';
}

export function SignInPage(): JSX.Element {
  usePageTitle(() => t('signin.title'));
  const location = useLocation<SignInNotice>();
  const [search] = useSearchParams<{ next?: string }>();
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [error, setError] = createSignal('');
  const [pending, setPending] = createSignal(false);
  let passwordInput: HTMLInputElement | undefined;

  const signedInMe = (): Me | null => {
    const s = session();
    return s.status === 'signed-in' ? s.me : null;
  };
  const destination = (me: Me) =>
    needsInstancePicker(me) ? '/instances' : safeNextPath(search.next);

  const notice = () => {
    if (location.state?.notice === 'passwordChanged') return t('signin.passwordChanged');
    const s = session();
    return s.status === 'signed-out' && s.expired ? t('signin.sessionEnded') : '';
  };

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (pending()) return;
    setPending(true);
    setError('');
    const result = await signIn(email().trim(), password());
    setPending(false);
    if (result.ok) return; // the session signal changes and <Navigate> below takes over
    const e = result.error;
    if (e.code === 'invalid_credentials' || e.status === 401) {
      setError(t('signin.wrongCredentials'));
      setPassword('');
      passwordInput?.focus();
    } else if (e.code === 'rate_limited') {
      setError(t('signin.rateLimited', { seconds: e.retryAfter ?? 60 }));
    } else {
      setError(describeError(e));
    }
  }

  return (
    <AuthLayout>
      <Show when={signedInMe()}>{(me) => <Navigate href={destination(me())} />}</Show>
      <h1>{t('signin.heading')}</h1>
      <Show when={notice()}>
        <p class="alert alert-info" role="status">
          {notice()}
        </p>
      </Show>
      <form class="form" onSubmit={(e) => void submit(e)} novalidate>
        <div class="alert alert-error" role="alert">
          {error()}
        </div>
        <TextField
          label={t('signin.email')}
          name="email"
          type="email"
          autocomplete="username"
          inputmode="email"
          required
          value={email()}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
        <TextField
          ref={passwordInput}
          label={t('signin.password')}
          name="password"
          type="password"
          autocomplete="current-password"
          required
          value={password()}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        <button class="btn btn-primary btn-block" type="submit" disabled={pending()}>
          {t('signin.submit')}
        </button>
      </form>
      <p class="auth-links">
        <A href="/reset">{t('signin.forgot')}</A>
      </p>
    </AuthLayout>
  );
}

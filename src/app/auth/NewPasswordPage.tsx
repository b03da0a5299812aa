import { A, useNavigate, useParams } from '@solidjs/router';
import { createSignal, Show, type JSX } from 'solid-js';
import { api } from '../../api';
import { passwordProblem } from '../../domain';
import { t } from '../../i18n';
import { TextField } from '../../ui';
import { describeError } from '../errors';
import { usePageTitle } from '../title';
import { AuthLayout } from './AuthLayout';
import type { SignInNotice } from './SignInPage';

export default function NewPasswordPage(): JSX.Element {
  usePageTitle(() => t('newPassword.title'));
  const params = useParams<{ token: string }>();
  const navigate = useNavigate();
  const [password, setPassword] = createSignal('');
  const [repeat, setRepeat] = createSignal('');
  const [fieldError, setFieldError] = createSignal<string | null>(null);
  const [repeatError, setRepeatError] = createSignal<string | null>(null);
  const [error, setError] = createSignal('');
  const [invalidLink, setInvalidLink] = createSignal(false);
  const [pending, setPending] = createSignal(false);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    if (pending()) return;
    const problem = passwordProblem(password());
    setFieldError(
      problem === 'too-short'
        ? t('newPassword.tooShort')
        : problem === 'too-long'
          ? t('newPassword.tooLong')
          : null,
    );
    setRepeatError(!problem && password() !== repeat() ? t('newPassword.mismatch') : null);
    if (fieldError() || repeatError()) {
      form.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus();
      return;
    }

    setPending(true);
    setError('');
    const result = await api.resetPassword(params.token, password());
    setPending(false);
    if (result.ok) {
      navigate('/signin', {
        replace: true,
        state: { notice: 'passwordChanged' } satisfies SignInNotice,
      });
    } else if (result.error.code === 'not_found') {
      setInvalidLink(true);
    } else {
      setError(describeError(result.error));
    }
  }

  return (
    <AuthLayout>
      <h1>{t('newPassword.heading')}</h1>
      <Show
        when={!invalidLink()}
        fallback={
          <>
            <p class="alert alert-error" role="alert">
              {t('newPassword.invalidLink')}
            </p>
            <p class="auth-links">
              <A href="/reset">{t('newPassword.requestNew')}</A>
            </p>
          </>
        }
      >
        <form class="form" onSubmit={(e) => void submit(e)} novalidate>
          <div class="alert alert-error" role="alert">
            {error()}
          </div>
          <TextField
            label={t('newPassword.password')}
            name="new-password"
            type="password"
            autocomplete="new-password"
            required
            minLength={10}
            maxLength={256}
            hint={t('newPassword.hint')}
            error={fieldError()}
            value={password()}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
          <TextField
            label={t('newPassword.repeat')}
            name="repeat-password"
            type="password"
            autocomplete="new-password"
            required
            error={repeatError()}
            value={repeat()}
            onInput={(e) => setRepeat(e.currentTarget.value)}
          />
          <button class="btn btn-primary btn-block" type="submit" disabled={pending()}>
            {t('newPassword.submit')}
          </button>
        </form>
      </Show>
    </AuthLayout>
  );
}

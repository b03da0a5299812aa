import { A, Navigate, useParams } from '@solidjs/router';
import { createResource, createSignal, Match, Show, Switch, type JSX } from 'solid-js';
import { api, type AcceptInvitationInput } from '../../api';
import { needsInstancePicker, passwordProblem, type InvitationPreview } from '../../domain';
import { t } from '../../i18n';
import { TextField } from '../../ui';
import { describeError } from '../errors';
import { acceptedInvitation, currentMe, session, signOut } from '../session';
import { usePageTitle } from '../title';
import { AuthLayout } from './AuthLayout';

export default function InvitePage(): JSX.Element {
  usePageTitle(() => t('invite.title'));
  const params = useParams<{ token: string }>();
  const [invitation] = createResource(
    () => params.token,
    async (token) => {
      const result = await api.invitation(token);
      if (result.ok) return { ok: true as const, invitation: result.value };
      return {
        ok: false as const,
        notFound: result.error.code === 'not_found',
        error: result.error,
      };
    },
  );
  const [accepted, setAccepted] = createSignal(false);

  return (
    <AuthLayout>
      <Show when={accepted() && currentMe()}>
        {(me) => <Navigate href={needsInstancePicker(me()) ? '/instances' : '/tasks'} />}
      </Show>
      <Show when={invitation()} fallback={<p class="auth-intro">{t('app.loading')}</p>}>
        {(loaded) => {
          const value = loaded();
          return value.ok ? (
            <InvitationForm
              token={params.token}
              invitation={value.invitation}
              onAccepted={() => setAccepted(true)}
            />
          ) : (
            <>
              <h1>{t('invite.title')}</h1>
              <p class="alert alert-error" role="alert">
                {value.notFound ? t('invite.invalid') : describeError(value.error)}
              </p>
            </>
          );
        }}
      </Show>
    </AuthLayout>
  );
}

function InvitationForm(props: {
  token: string;
  invitation: InvitationPreview;
  onAccepted: () => void;
}): JSX.Element {
  const [name, setName] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [passwordError, setPasswordError] = createSignal<string | null>(null);
  const [error, setError] = createSignal('');
  const [pending, setPending] = createSignal(false);

  const signedInEmail = () => currentMe()?.user.email ?? null;
  const signedInAsInvitee = () =>
    signedInEmail()?.toLowerCase() === props.invitation.email.toLowerCase();

  async function accept(input: AcceptInvitationInput) {
    if (pending()) return;
    setPending(true);
    setError('');
    const result = await api.acceptInvitation(props.token, input);
    setPending(false);
    if (result.ok) {
      acceptedInvitation(result.value);
      props.onAccepted();
    } else {
      setError(
        result.error.code === 'not_found' ? t('invite.invalid') : describeError(result.error),
      );
    }
  }

  function submitNewAccount(event: SubmitEvent) {
    event.preventDefault();
    const problem = passwordProblem(password());
    setPasswordError(
      problem === 'too-short'
        ? t('newPassword.tooShort')
        : problem === 'too-long'
          ? t('newPassword.tooLong')
          : null,
    );
    if (problem) {
      (event.currentTarget as HTMLFormElement)
        .querySelector<HTMLInputElement>('[aria-invalid="true"]')
        ?.focus();
      return;
    }
    void accept({ name: name().trim(), password: password() });
  }

  return (
    <>
      <h1>{t('invite.heading', { instance: props.invitation.instanceName })}</h1>
      <p class="auth-intro">
        {t('invite.intro', {
          instance: props.invitation.instanceName,
          role: t(`roles.${props.invitation.role}`),
          email: props.invitation.email,
        })}
      </p>
      <div class="alert alert-error" role="alert">
        {error()}
      </div>
      <Switch>
        <Match when={!props.invitation.hasAccount}>
          <form class="form" onSubmit={submitNewAccount} novalidate>
            <TextField
              label={t('invite.name')}
              name="name"
              autocomplete="name"
              required
              value={name()}
              onInput={(e) => setName(e.currentTarget.value)}
            />
            <TextField
              label={t('invite.password')}
              name="new-password"
              type="password"
              autocomplete="new-password"
              required
              hint={t('newPassword.hint')}
              error={passwordError()}
              value={password()}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
            <button class="btn btn-primary btn-block" type="submit" disabled={pending()}>
              {t('invite.accept')}
            </button>
          </form>
        </Match>
        <Match when={signedInAsInvitee()}>
          <button
            class="btn btn-primary btn-block"
            type="button"
            disabled={pending()}
            onClick={() => void accept({})}
          >
            {t('invite.accept')}
          </button>
        </Match>
        <Match when={signedInEmail()}>
          {(current) => (
            <>
              <p>
                {t('invite.wrongAccount', { current: current(), email: props.invitation.email })}
              </p>
              <button class="btn btn-block" type="button" onClick={() => void signOut()}>
                {t('invite.signOut')}
              </button>
            </>
          )}
        </Match>
        <Match when={session().status !== 'loading'}>
          <p>{t('invite.signInFirst', { email: props.invitation.email })}</p>
          <A
            class="btn btn-primary btn-block"
            href={`/signin?next=${encodeURIComponent(`/invite/${props.token}`)}`}
          >
            {t('invite.signIn')}
          </A>
        </Match>
      </Switch>
    </>
  );
}

// The frame of every screen before the workspace: sign-in, reset, invitation, instance picker.
import { Suspense, type JSX } from 'solid-js';
import { t } from '../../i18n';
import { Logo } from '../../ui';
import './auth.css';

export function AuthLayout(props: { children: JSX.Element }): JSX.Element {
  return (
    <main id="main" tabindex="-1" class="auth">
      <div class="auth-card">
        <p class="auth-brand">
          <Logo size={28} />
          <span>{t('app.name')}</span>
        </p>
        <Suspense>{props.children}</Suspense>
      </div>
    </main>
  );
}

import { Navigate, useNavigate } from '@solidjs/router';
import { createSignal, For, Match, Switch, type JSX } from 'solid-js';
import { t } from '../../i18n';
import { describeError } from '../errors';
import { currentMe, session, switchInstance } from '../session';
import { usePageTitle } from '../title';
import { AuthLayout } from './AuthLayout';

export default function InstancePickerPage(): JSX.Element {
  usePageTitle(() => t('instances.title'));
  const navigate = useNavigate();
  const [error, setError] = createSignal('');
  const [pending, setPending] = createSignal(false);

  async function pick(instanceId: string) {
    if (pending()) return;
    setPending(true);
    setError('');
    const result = await switchInstance(instanceId);
    setPending(false);
    if (result.ok) navigate('/tasks');
    else setError(describeError(result.error));
  }

  return (
    <AuthLayout>
      <Switch fallback={<p class="auth-intro">{t('app.loading')}</p>}>
        <Match when={session().status === 'signed-out'}>
          <Navigate href="/signin?next=%2Finstances" />
        </Match>
        <Match when={currentMe()}>
          {(me) => (
            <>
              <h1>{t('instances.heading')}</h1>
              <p class="auth-intro">{t('instances.intro')}</p>
              <div class="alert alert-error" role="alert">
                {error()}
              </div>
              <ul class="choice-list">
                <For each={me().memberships}>
                  {(membership) => {
                    const metaId = `instance-${membership.instanceId}-meta`;
                    const isCurrent = () => me().currentInstance?.id === membership.instanceId;
                    const isLast = () => me().lastInstanceId === membership.instanceId;
                    return (
                      <li>
                        <button
                          type="button"
                          class="choice"
                          aria-label={membership.instanceName}
                          aria-describedby={metaId}
                          aria-current={isCurrent() ? 'true' : undefined}
                          disabled={pending()}
                          // Preselects the instance used last time: Enter picks it again.
                          ref={(el) => isLast() && queueMicrotask(() => el.focus())}
                          onClick={() => void pick(membership.instanceId)}
                        >
                          <span>{membership.instanceName}</span>
                          <span class="choice-meta" id={metaId}>
                            {t(`roles.${membership.role}`)}
                            {isCurrent() ? ` · ${t('instances.current')}` : ''}
                            {isLast() && !isCurrent() ? ` · ${t('instances.lastUsed')}` : ''}
                          </span>
                        </button>
                      </li>
                    );
                  }}
                </For>
              </ul>
            </>
          )}
        </Match>
      </Switch>
    </AuthLayout>
  );
}

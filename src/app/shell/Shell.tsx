// The workspace frame and its guard: signed out goes to /signin, no instance yet goes to /instances.
// Bars keep their size while the session loads, so nothing jumps when it arrives.
import { A, Navigate, useLocation, type RouteSectionProps } from '@solidjs/router';
import { createSignal, lazy, Match, Show, Suspense, Switch, type JSX } from 'solid-js';
import { canSwitchInstance, needsInstancePicker, type Me } from '../../domain';
import { t } from '../../i18n';
import { EmptyState, Logo } from '../../ui';
import { currentMe, session } from '../session';
import { PlayButton } from '../play/PlayButton';
import { InstanceSwitcher } from './InstanceSwitcher';
import { Nav } from './Nav';
import { StatusButtonPlaceholder } from './status-button';
import { SyncStatus } from './SyncStatus';
import { UserButtonPlaceholder } from './user-button';
import './shell.css';

// The menus bring Kobalte and floating-ui; they load right after the first paint, behind
// stand-ins of the same size and name, so the first screen's script stays small.
const StatusMenu = lazy(() => import('./StatusMenu'));
const UserMenu = lazy(() => import('./UserMenu'));
// Calls show on every screen; the dock starts the phone, which loads JsSIP on its own.
const PhoneDock = lazy(() => import('../phone/PhoneDock'));

// Fetched once the page has settled, so they do not compete with the first screen's data.
const [menusWanted, setMenusWanted] = createSignal(false);
function wantMenusWhenIdle(): void {
  if (menusWanted()) return;
  const want = () => setMenusWanted(true);
  if ('requestIdleCallback' in window) requestIdleCallback(want, { timeout: 1000 });
  else setTimeout(want, 200);
}

export function Shell(props: RouteSectionProps): JSX.Element {
  const location = useLocation();
  const next = () => encodeURIComponent(location.pathname + location.search);
  const ready = (): Me | null => {
    const me = currentMe();
    return me && !needsInstancePicker(me) ? me : null;
  };
  return (
    <Switch fallback={<Frame me={null}>{null}</Frame>}>
      <Match when={session().status === 'signed-out'}>
        <Navigate href={`/signin?next=${next()}`} />
      </Match>
      <Match when={currentMe() && !ready()}>
        <Navigate href="/instances" />
      </Match>
      <Match when={session().status === 'unreachable'}>
        <Frame me={null}>
          <EmptyState
            icon="offline"
            heading={t('session.unreachableHeading')}
            body={t('session.unreachableBody')}
          />
        </Frame>
      </Match>
      <Match when={ready()}>{(me) => <Frame me={me()}>{props.children}</Frame>}</Match>
    </Switch>
  );
}

function Frame(props: { me: Me | null; children: JSX.Element }): JSX.Element {
  wantMenusWhenIdle();
  return (
    <div class="shell">
      <header class="topbar">
        <A href="/tasks" class="brand">
          <Logo />
          <span class="brand-name">{t('app.name')}</span>
        </A>
        <Show when={props.me?.currentInstance}>
          {(instance) => <span class="instance-name">{instance().name}</span>}
        </Show>
        <div class="topbar-spacer" />
        <SyncStatus />
        <Show when={props.me}>
          {(me) => (
            <>
              <Show when={me().currentInstance?.id} keyed>
                {(instanceId) => <PlayButton me={me()} instanceId={instanceId} />}
              </Show>
              <Show when={menusWanted()} fallback={<StatusButtonPlaceholder />}>
                <Suspense fallback={<StatusButtonPlaceholder />}>
                  <StatusMenu />
                </Suspense>
              </Show>
              <Show when={canSwitchInstance(me())}>
                <InstanceSwitcher me={me()} />
              </Show>
              <Show when={menusWanted()} fallback={<UserButtonPlaceholder user={me().user} />}>
                <Suspense fallback={<UserButtonPlaceholder user={me().user} />}>
                  <UserMenu user={me().user} />
                </Suspense>
              </Show>
            </>
          )}
        </Show>
      </header>
      <Nav role={props.me?.currentInstance?.role} />
      <main id="main" tabindex="-1" class="content">
        <Suspense>{props.children}</Suspense>
      </main>
      <Show when={props.me}>
        <Suspense>
          <PhoneDock />
        </Suspense>
      </Show>
    </div>
  );
}

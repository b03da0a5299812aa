import { DropdownMenu } from '@kobalte/core/dropdown-menu';
import { createSignal, lazy, Show, type JSX } from 'solid-js';
import type { User } from '../../domain';
import { t } from '../../i18n';
import { UserButtonContent } from './user-button';

const AboutDialog = lazy(() => import('./AboutDialog'));
const SignOutDialog = lazy(() => import('./SignOutDialog'));

// A dialog opened while the menu is still a layer ends up under the menu's pointer guard (its
// overlay swallowed every click); open it once the menu has closed.
function afterMenuCloses(open: () => void): void {
  setTimeout(open, 0);
}

export default function UserMenu(props: { user: User }): JSX.Element {
  const [aboutOpen, setAboutOpen] = createSignal(false);
  const [signOutOpen, setSignOutOpen] = createSignal(false);
  let trigger: HTMLButtonElement | undefined;

  return (
    <>
      <DropdownMenu gutter={6} placement="bottom-end">
        <DropdownMenu.Trigger ref={trigger} class="btn btn-ghost user-button">
          <UserButtonContent user={props.user} />
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content class="menu">
            <DropdownMenu.Item
              class="menu-item"
              onSelect={() => afterMenuCloses(() => setAboutOpen(true))}
            >
              {t('shell.about')}
            </DropdownMenu.Item>
            <DropdownMenu.Separator class="menu-separator" />
            <DropdownMenu.Item
              class="menu-item"
              onSelect={() => afterMenuCloses(() => setSignOutOpen(true))}
            >
              {t('shell.signOut')}
            </DropdownMenu.Item>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu>
      <Show when={aboutOpen()}>
        <AboutDialog onClose={() => setAboutOpen(false)} returnFocus={() => trigger} />
      </Show>
      <Show when={signOutOpen()}>
        <SignOutDialog onClose={() => setSignOutOpen(false)} returnFocus={() => trigger} />
      </Show>
    </>
  );
}

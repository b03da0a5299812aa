import { DropdownMenu } from '@kobalte/core/dropdown-menu';
import { createSignal, lazy, Show, type JSX } from 'solid-js';
import type { User } from '../../domain';
import { t } from '../../i18n';
import { showToast } from '../../ui';
import { describeError } from '../errors';
import { signOut } from '../session';
import { UserButtonContent } from './user-button';

const AboutDialog = lazy(() => import('./AboutDialog'));

export default function UserMenu(props: { user: User }): JSX.Element {
  const [aboutOpen, setAboutOpen] = createSignal(false);
  let trigger: HTMLButtonElement | undefined;

  async function doSignOut() {
    const error = await signOut();
    if (error) void showToast(describeError(error));
  }

  return (
    <>
      <DropdownMenu gutter={6} placement="bottom-end">
        <DropdownMenu.Trigger ref={trigger} class="btn btn-ghost user-button">
          <UserButtonContent user={props.user} />
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content class="menu">
            <DropdownMenu.Item class="menu-item" onSelect={() => setAboutOpen(true)}>
              {t('shell.about')}
            </DropdownMenu.Item>
            <DropdownMenu.Separator class="menu-separator" />
            <DropdownMenu.Item class="menu-item" onSelect={() => void doSignOut()}>
              {t('shell.signOut')}
            </DropdownMenu.Item>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu>
      <Show when={aboutOpen()}>
        <AboutDialog onClose={() => setAboutOpen(false)} returnFocus={() => trigger} />
      </Show>
    </>
  );
}

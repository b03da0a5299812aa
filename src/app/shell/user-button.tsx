// What the user menu button shows; see status-button.tsx for why there is a stand-in.
import type { JSX } from 'solid-js';
import type { User } from '../../domain';
import { Icon } from '../../ui';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '?';
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

export function UserButtonContent(props: { user: User }): JSX.Element {
  return (
    <>
      <span class="avatar" aria-hidden="true">
        {initials(props.user.name)}
      </span>
      <span class="user-name">{props.user.name}</span>
      <Icon name="chevronDown" class="hide-narrow" />
    </>
  );
}

export function UserButtonPlaceholder(props: { user: User }): JSX.Element {
  return (
    <button type="button" class="btn btn-ghost user-button" aria-haspopup="menu" disabled>
      <UserButtonContent user={props.user} />
    </button>
  );
}

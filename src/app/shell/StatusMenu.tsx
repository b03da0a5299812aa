import { DropdownMenu } from '@kobalte/core/dropdown-menu';
import { For, Show, type JSX } from 'solid-js';
import { Icon } from '../../ui';
import { agentStatus, setAgentStatus } from './agent-status';
import { StatusButtonContent } from './status-button';
import { dotProps, labelOf, statusMenu } from './status-definitions';

export default function StatusMenu(): JSX.Element {
  return (
    <DropdownMenu gutter={6} placement="bottom-end">
      <DropdownMenu.Trigger class="btn btn-ghost status-button">
        <StatusButtonContent />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content class="menu">
          {/* Built-ins first, then the instance's own; each item is named by its label. */}
          <For each={statusMenu()}>
            {(view) => (
              <DropdownMenu.Item class="menu-item" onSelect={() => setAgentStatus(view.key)}>
                <span {...dotProps(view)} aria-hidden="true" />
                {labelOf(view)}
                <Show when={agentStatus().status === view.key}>
                  <Icon name="check" class="check" />
                </Show>
              </DropdownMenu.Item>
            )}
          </For>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu>
  );
}

import { DropdownMenu } from '@kobalte/core/dropdown-menu';
import { For, Show, type JSX } from 'solid-js';
import { selectableStatuses } from '../../domain';
import { t } from '../../i18n';
import { Icon } from '../../ui';
import { agentStatus, setAgentStatus } from './agent-status';
import { StatusButtonContent } from './status-button';

export default function StatusMenu(): JSX.Element {
  return (
    <DropdownMenu gutter={6} placement="bottom-end">
      <DropdownMenu.Trigger class="btn btn-ghost status-button">
        <StatusButtonContent />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content class="menu">
          <For each={selectableStatuses}>
            {(status) => (
              <DropdownMenu.Item class="menu-item" onSelect={() => setAgentStatus(status)}>
                <span class={`status-dot status-${status}`} aria-hidden="true" />
                {t(`status.${status}`)}
                <Show when={agentStatus().status === status}>
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

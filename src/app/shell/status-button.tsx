// What the status button shows. Shared by the real menu trigger and the stand-in that holds its
// place (same size, same name) while the menu code loads.
import type { JSX } from 'solid-js';
import { formatElapsed } from '../../domain';
import { t } from '../../i18n';
import { Icon } from '../../ui';
import { agentStatus, createNow } from './agent-status';

export function StatusButtonContent(): JSX.Element {
  const now = createNow();
  return (
    <>
      <span class={`status-dot status-${agentStatus().status}`} aria-hidden="true" />
      {/* The name reads "Status: Ready"; the ticking timer stays out of it. */}
      <span class="visually-hidden">{t('status.prefix')} </span>
      <span class="status-label">{t(`status.${agentStatus().status}`)}</span>
      <span class="status-timer" aria-hidden="true">
        {formatElapsed(now() - agentStatus().since)}
      </span>
      <Icon name="chevronDown" />
    </>
  );
}

export function StatusButtonPlaceholder(): JSX.Element {
  return (
    <button type="button" class="btn btn-ghost status-button" aria-haspopup="menu" disabled>
      <StatusButtonContent />
    </button>
  );
}

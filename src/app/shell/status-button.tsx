// What the status button shows. Shared by the real menu trigger and the stand-in that holds its
// place (same size, same name) while the menu code loads.
import { Show, type JSX } from 'solid-js';
import { formatElapsed, isOverLimit } from '../../domain';
import { t } from '../../i18n';
import { Icon } from '../../ui';
import { agentStatus, createNow } from './agent-status';
import { dotProps, labelOf, overLimitText, viewOf } from './status-definitions';

export function StatusButtonContent(): JSX.Element {
  const now = createNow();
  const view = () => viewOf(agentStatus().status);
  // By the server's clock (createNow), like the timer: a browser clock that is off flags nothing.
  const over = () => isOverLimit(view(), agentStatus().since, now());
  return (
    <>
      <span {...dotProps(view())} aria-hidden="true" />
      {/* The name reads "Status: Ready" (or "Status: Break — over the 15 min limit"); the
          ticking timer stays out of it. */}
      <span class="visually-hidden">{t('status.prefix')} </span>
      <Show when={over()} fallback={<span class="status-label">{labelOf(view())}</span>}>
        <span class="status-label status-over-limit">{overLimitText(view())}</span>
      </Show>
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

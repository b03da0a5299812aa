// The instance's statuses as the screens show them: custom definitions read live from the store
// (synced, so they work offline and change as admins edit them), built-in labels from i18n.
import { createRoot } from 'solid-js';
import {
  limitMinutes,
  menuStatuses,
  statusView,
  type AgentStatus,
  type StatusView,
  type SyncStatusDefinition,
} from '../../domain';
import { t } from '../../i18n';
import { createLive } from '../data/live';
import { currentStore } from '../data/store';

const definitions = createRoot(() =>
  createLive<SyncStatusDefinition[]>(() => currentStore()?.queries.statusDefinitions() ?? null, []),
);

export function customStatuses(): SyncStatusDefinition[] {
  return definitions();
}

export function viewOf(key: AgentStatus): StatusView {
  return statusView(key, definitions());
}

/** The built-ins an agent picks, then the instance's own. */
export function statusMenu(): StatusView[] {
  return menuStatuses(definitions());
}

export function labelOf(view: StatusView): string {
  switch (view.kind) {
    case 'builtIn':
      return t(`status.${view.key}`);
    case 'custom':
      return view.label;
    case 'unknown':
      return t('status.unknown');
  }
}

export function statusLabel(key: AgentStatus): string {
  return labelOf(viewOf(key));
}

/** "Break — over the 15 min limit": said in words, not only in colour. */
export function overLimitText(view: StatusView): string {
  return t('status.overLimit', {
    status: labelOf(view),
    minutes: String(limitMinutes(view) ?? 0),
  });
}

/** The dot: built-ins by class (theme colours), custom ones by their own colour. */
export function dotProps(view: StatusView): { class: string; style?: Record<string, string> } {
  if (view.kind === 'custom')
    return { class: 'status-dot status-custom', style: { background: view.colour } };
  return { class: `status-dot status-${view.kind === 'builtIn' ? view.key : 'offline'}` };
}

// "Items in Log": every action on the task, newest first, with who and when.
// Each line is text (Solid text nodes): a reason or title with markup shows as written.
import { createMemo, For, Show, type JSX } from 'solid-js';
import type { SyncLogItem, TaskStatus } from '../../domain';
import { formatElapsed, taskStatuses } from '../../domain';
import { t } from '../../i18n';

const callOutcomes = ['answered', 'missed', 'declined', 'failed', 'cancelled'] as const;
const text = (value: unknown) => (typeof value === 'string' ? value : '—');
import { createLive } from '../data/live';
import { currentStore } from '../data/store';
import { formatDateTime } from './format';

function statusName(value: unknown): string {
  return typeof value === 'string' && (taskStatuses as readonly string[]).includes(value)
    ? t(`tasks.statuses.${value as TaskStatus}`)
    : '—';
}

function describe(item: SyncLogItem, names: Map<string, string>, channel: string): string {
  const name = (id: unknown) =>
    typeof id === 'string' ? (names.get(id) ?? t('tasks.log.someone')) : '';
  switch (item.kind) {
    case 'assigned':
      return item.data['assigneeId']
        ? t('tasks.log.assigned', { name: name(item.data['assigneeId']) })
        : t('tasks.log.unassigned');
    case 'offered':
      return t('tasks.log.offered', { name: name(item.data['toUserId']) });
    case 'accepted':
      return t('tasks.log.accepted');
    case 'declined':
      return t('tasks.log.declined', { reason: text(item.data['reason']) });
    case 'offer_expired':
      return t('tasks.log.offer_expired', { name: name(item.data['toUserId']) });
    case 'follow_up':
      return typeof item.data['followUpId'] === 'string'
        ? t('tasks.log.followUpMade', { title: text(item.data['title']) })
        : t('tasks.log.followUpOf', { title: text(item.data['title']) });
    case 'created': {
      // Call tasks say their channel in the item; others have it on the task.
      const from = typeof item.data['channel'] === 'string' ? item.data['channel'] : channel;
      return from ? t('tasks.log.createdFrom', { channel: from }) : t('tasks.log.created');
    }
    case 'status': {
      const values = { from: statusName(item.data['from']), to: statusName(item.data['to']) };
      const tag = item.data['outcomeTag'];
      return typeof tag === 'string'
        ? t('tasks.log.statusTagged', { ...values, tag })
        : t('tasks.log.status', values);
    }
    case 'call': {
      const d = item.data;
      const outcome = callOutcomes.find((o) => o === d['outcome']);
      const values = {
        peer: typeof d['peer'] === 'string' ? d['peer'] : '—',
        outcome: outcome ? t(`history.outcomes.${outcome}`) : '—',
        duration: formatElapsed(Number(d['durationSeconds'] ?? 0) * 1000),
      };
      return d['direction'] === 'outbound'
        ? t('tasks.log.callOut', values)
        : t('tasks.log.callIn', values);
    }
    default:
      return t(`tasks.log.${item.kind}`);
  }
}

export function LogPanel(props: {
  taskId: string;
  names: Map<string, string>;
  /** The task's channel: "created the task (from phone)". */
  channel: string;
}): JSX.Element {
  const items = createLive(() => currentStore()?.queries.logOf(props.taskId), []);
  const newestFirst = createMemo(() => [...items()].reverse());
  return (
    <Show
      when={newestFirst().length > 0}
      fallback={
        <p class="muted">
          {items.ready() ? t('tasks.detail.noLog') : t('tasks.detail.loadingItems')}
        </p>
      }
    >
      <ol class="log-list" aria-label={t('tasks.detail.log')}>
        <For each={newestFirst()}>
          {(item) => (
            <li class="log-item">
              <strong>
                {item.actorId
                  ? (props.names.get(item.actorId) ?? t('tasks.log.someone'))
                  : t('tasks.log.system')}
              </strong>{' '}
              {describe(item, props.names, props.channel)}{' '}
              <time class="muted" datetime={item.createdAt}>
                {formatDateTime(item.createdAt)}
              </time>
            </li>
          )}
        </For>
      </ol>
    </Show>
  );
}

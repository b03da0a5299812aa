// The task's calls, newest first, with direction, the other party, outcome and duration: the
// call items of its log (everyone's calls, as the server logged them), plus this device's own
// calls on the task that have not reached the server yet.
import { createMemo, For, Show, type JSX } from 'solid-js';
import { formatElapsed, type SyncCall } from '../../domain';
import { t } from '../../i18n';
import { createLive } from '../data/live';
import { currentStore } from '../data/store';
import { formatDateTime } from './format';

const outcomes = ['answered', 'missed', 'declined', 'failed', 'cancelled'] as const;

interface CallLine {
  id: string;
  at: string;
  direction: 'inbound' | 'outbound';
  peer: string;
  outcome: string;
  seconds: number;
}

function fromCall(call: SyncCall): CallLine {
  const seconds = call.answeredAt
    ? Math.max(0, Math.round((Date.parse(call.endedAt) - Date.parse(call.answeredAt)) / 1000))
    : 0;
  return {
    id: call.id,
    at: call.startedAt,
    direction: call.direction,
    peer: call.peerName ?? call.peer,
    outcome: call.outcome,
    seconds,
  };
}

export function CallTimeline(props: { taskId: string }): JSX.Element {
  const log = createLive(() => currentStore()?.queries.logOf(props.taskId), []);
  const myCalls = createLive(() => currentStore()?.queries.recentCalls(200), []);
  const lines = createMemo(() => {
    const logged: CallLine[] = log()
      .filter((item) => item.kind === 'call')
      .map((item) => ({
        id: typeof item.data['callId'] === 'string' ? item.data['callId'] : item.id,
        at: item.createdAt,
        direction: item.data['direction'] === 'outbound' ? 'outbound' : 'inbound',
        peer: typeof item.data['peer'] === 'string' ? item.data['peer'] : '—',
        outcome: typeof item.data['outcome'] === 'string' ? item.data['outcome'] : '',
        seconds: Number(item.data['durationSeconds'] ?? 0),
      }));
    const seen = new Set(logged.map((l) => l.id));
    const pending = myCalls()
      .filter((c) => c.taskId === props.taskId && !seen.has(c.id))
      .map(fromCall);
    return [...logged, ...pending].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  });
  const outcomeName = (value: string) => {
    const known = outcomes.find((o) => o === value);
    return known ? t(`history.outcomes.${known}`) : '—';
  };
  return (
    <section class="call-timeline" aria-labelledby="call-timeline-title">
      <h2 id="call-timeline-title" class="section-title">
        {t('tasks.detail.calls')}
      </h2>
      <Show when={lines().length > 0} fallback={<p class="muted">{t('tasks.detail.noCalls')}</p>}>
        <ol class="call-list">
          <For each={lines()}>
            {(line) => (
              <li>
                <time class="muted" datetime={line.at}>
                  {formatDateTime(line.at)}
                </time>{' '}
                {t('tasks.detail.callLine', {
                  direction:
                    line.direction === 'outbound'
                      ? t('tasks.detail.outbound')
                      : t('tasks.detail.inbound'),
                  peer: line.peer,
                  outcome: outcomeName(line.outcome),
                  duration: formatElapsed(line.seconds * 1000),
                })}
              </li>
            )}
          </For>
        </ol>
      </Show>
    </section>
  );
}

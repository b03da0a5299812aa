// What the call history keeps of a call once it ended: the `call.record` mutation's arguments.
import type { CallEnd, CallSnapshot } from './phone';
import type { MutationArgs, SyncCall } from './sync';

function outcomeOf(call: CallSnapshot, end: CallEnd | null): SyncCall['outcome'] {
  if (call.answeredAt !== null) return 'answered';
  const kind = end?.kind ?? 'failed';
  if (call.direction === 'incoming') {
    if (kind === 'declined') return 'declined';
    // The caller gave up, or we never answered: either way a call the agent missed.
    return kind === 'canceled' || kind === 'missed' || kind === 'noAnswer' ? 'missed' : 'failed';
  }
  switch (kind) {
    case 'canceled':
      return 'cancelled';
    case 'busy':
    case 'declined':
      return 'declined';
    case 'noAnswer':
    case 'missed':
      return 'missed';
    default:
      return 'failed';
  }
}

/** null for a call that has not ended yet. */
export function callRecordOf(
  call: CallSnapshot,
  id: string,
  taskId: string | null = call.taskId,
): MutationArgs['call.record'] | null {
  if (call.endedAt === null) return null;
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    id,
    direction: call.direction === 'incoming' ? 'inbound' : 'outbound',
    peer: call.remote.number,
    peerName: call.remote.name && call.remote.name !== call.remote.number ? call.remote.name : null,
    startedAt: iso(call.startedAt),
    answeredAt: call.answeredAt === null ? null : iso(call.answeredAt),
    endedAt: iso(call.endedAt),
    outcome: outcomeOf(call, call.end),
    taskId,
  };
}

/** Talk time in whole seconds, 0 when never answered. */
export function callDurationSeconds(call: Pick<SyncCall, 'answeredAt' | 'endedAt'>): number {
  if (!call.answeredAt) return 0;
  return Math.max(0, Math.round((Date.parse(call.endedAt) - Date.parse(call.answeredAt)) / 1000));
}

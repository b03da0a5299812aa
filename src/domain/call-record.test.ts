import { describe, expect, it } from 'vitest';
import { callDurationSeconds, callRecordOf } from './call-record';
import type { CallEnd, CallSnapshot } from './phone';

function call(overrides: Partial<CallSnapshot>): CallSnapshot {
  return {
    id: 'j1',
    direction: 'outgoing',
    state: 'ended',
    remote: { name: 'Bob Brown', number: '1002' },
    startedAt: Date.parse('2026-11-26T10:00:00Z'),
    answeredAt: null,
    endedAt: Date.parse('2026-11-26T10:00:20Z'),
    held: false,
    remoteHeld: false,
    muted: false,
    tonesReceived: '',
    end: { kind: 'hungUp' },
    transfer: null,
    consultFor: null,
    taskId: null,
    ...overrides,
  };
}

const outcome = (c: Partial<CallSnapshot>, end: CallEnd) =>
  callRecordOf(call({ ...c, end }), 'id')?.outcome;

describe('call record', () => {
  it('keeps who, when and how long of an answered call', () => {
    const answeredAt = Date.parse('2026-11-26T10:00:05Z');
    const record = callRecordOf(call({ answeredAt }), '3b1f', 'task-1');
    expect(record).toEqual({
      id: '3b1f',
      direction: 'outbound',
      peer: '1002',
      peerName: 'Bob Brown',
      startedAt: '2026-11-26T10:00:00.000Z',
      answeredAt: '2026-11-26T10:00:05.000Z',
      endedAt: '2026-11-26T10:00:20.000Z',
      outcome: 'answered',
      taskId: 'task-1',
    });
    expect(record && callDurationSeconds(record)).toBe(15);
  });

  it('files a queue call on the task it came with', () => {
    expect(callRecordOf(call({ taskId: 'task-7' }), 'x')?.taskId).toBe('task-7');
    expect(callRecordOf(call({}), 'x')?.taskId).toBeNull();
  });

  it('names the outcome of calls that never connected', () => {
    expect(outcome({ direction: 'incoming' }, { kind: 'canceled' })).toBe('missed');
    expect(outcome({ direction: 'incoming' }, { kind: 'declined' })).toBe('declined');
    expect(outcome({ direction: 'outgoing' }, { kind: 'canceled' })).toBe('cancelled');
    expect(outcome({ direction: 'outgoing' }, { kind: 'busy' })).toBe('declined');
    expect(outcome({ direction: 'outgoing' }, { kind: 'unavailable', code: 480 })).toBe('failed');
    expect(outcome({ direction: 'incoming', answeredAt: 1 }, { kind: 'transferred' })).toBe(
      'answered',
    );
  });

  it('records nothing for a call still going, and no name that is only the number', () => {
    expect(callRecordOf(call({ endedAt: null }), 'x')).toBeNull();
    expect(
      callRecordOf(call({ remote: { name: '+4930123', number: '+4930123' } }), 'x')?.peerName,
    ).toBeNull();
    expect(callDurationSeconds({ answeredAt: null, endedAt: '2026-11-26T10:00:20Z' })).toBe(0);
  });
});

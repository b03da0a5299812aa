import { describe, expect, it } from 'vitest';
import {
  nextReservationState,
  reservationStates,
  type ReservationEvent,
  type ReservationState,
} from './reservation.js';

describe('reservation states', () => {
  it('walks pending → reserved → assigned → wrapping → completed', () => {
    const steps: ReservationEvent[] = ['reserve', 'accept', 'finish', 'complete'];
    let state: ReservationState = reservationStates[0];
    const seen: string[] = [state];
    for (const event of steps) {
      const next = nextReservationState(state, event);
      if (!next) throw new Error(`${event} refused in ${state}`);
      state = next;
      seen.push(state);
    }
    expect(seen).toEqual(['pending', 'reserved', 'assigned', 'wrapping', 'completed']);
  });

  it('returns a declined or timed-out reservation to pending', () => {
    expect(nextReservationState('reserved', 'decline')).toBe('pending');
    expect(nextReservationState('reserved', 'timeout')).toBe('pending');
  });

  it('never reserves a task that is held already', () => {
    for (const state of ['reserved', 'assigned', 'wrapping', 'completed'] as const)
      expect(nextReservationState(state, 'reserve')).toBeUndefined();
    expect(nextReservationState('pending', 'accept')).toBeUndefined();
    expect(nextReservationState('assigned', 'timeout')).toBeUndefined();
  });
});

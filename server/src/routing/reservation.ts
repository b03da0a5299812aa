// A task's life in routing (the reservation model of DESIGN.md, as in Twilio TaskRouter):
// pending → reserved → assigned → wrapping → completed. A reservation that is declined or times
// out goes back to pending; only these transitions exist, so a task is never held twice.

export const reservationStates = [
  'pending',
  'reserved',
  'assigned',
  'wrapping',
  'completed',
] as const;
export type ReservationState = (typeof reservationStates)[number];

export type ReservationEvent =
  'reserve' | 'accept' | 'decline' | 'timeout' | 'finish' | 'complete' | 'reopen';

const transitions: Readonly<
  Record<ReservationState, Partial<Record<ReservationEvent, ReservationState>>>
> = {
  pending: { reserve: 'reserved' },
  reserved: { accept: 'assigned', decline: 'pending', timeout: 'pending' },
  // Finishing a task (a call ended, resolve pressed) starts wrap-up when the instance has one;
  // without wrap-up it completes at once.
  assigned: { finish: 'wrapping', complete: 'completed' },
  wrapping: { complete: 'completed' },
  completed: { reopen: 'pending' },
};

/** The next state, or undefined when the event is not allowed in this state. */
export function nextReservationState(
  state: ReservationState,
  event: ReservationEvent,
): ReservationState | undefined {
  return transitions[state][event];
}

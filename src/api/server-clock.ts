// The server's clock, learnt from the `Date` header of every answer (src/domain/server-clock.ts).
// Agent status times and timers use it, so a browser clock that is off does not leak into them.
import { ServerClock } from '../domain';

const clock = new ServerClock();

export function noteServerDate(response: Response, sentAt: number, receivedAt: number): void {
  const date = response.headers.get('Date');
  if (date) clock.add({ sentAt, receivedAt, serverDate: Date.parse(date) });
}

/** The server's time now (ms), as well as this tab can tell; the browser's until an answer came. */
export function serverNow(): number {
  return clock.now(Date.now());
}

import { createSignal, onCleanup, type Accessor } from 'solid-js';

/** The time, refreshed every `everyMs` while the owner lives: offers flip to expired on screen. */
export function createNow(everyMs = 5_000): Accessor<number> {
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), everyMs);
  onCleanup(() => clearInterval(timer));
  return now;
}

const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

export function formatTime(iso: string): string {
  return time.format(new Date(iso));
}

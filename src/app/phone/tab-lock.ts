// One registering tab per browser. The tab holding the phone's Web Lock runs the softphone; the
// others queue for the lock and stand by. "Use the phone here" asks the holder over a
// BroadcastChannel to stop (unregister) and let go, so the asking tab, first in the queue, gets
// it. A closed holder releases the lock by itself, and the next tab takes over.
import {
  parsePhoneTabMessage,
  phoneChannelName,
  shouldHandOver,
  type PhoneTabRole,
  type PhoneTakeover,
} from '../../domain';

export interface PhoneTabLockOptions {
  lock: string;
  onRole: (role: PhoneTabRole) => void;
  /** Start the phone in this tab. */
  activate: () => void;
  /** Stop it; resolves once it has unregistered, and only then is the lock released. */
  deactivate: () => Promise<void>;
}

export interface PhoneTabLock {
  /** Ask the tab that has the phone to hand it to this one. */
  takeOver(): void;
  /** Stop the phone here (if it runs) and leave the queue. */
  dispose(): Promise<void>;
}

export function makePhoneTabLock(options: PhoneTabLockOptions): PhoneTabLock {
  const { lock } = options;
  const tabId = crypto.randomUUID();
  const abort = new AbortController();
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  const channel =
    typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel(phoneChannelName) : null;
  let role: PhoneTabRole = 'acquiring';
  let release: (() => void) | null = null;
  let disposed = false;

  const setRole = (next: PhoneTabRole) => {
    role = next;
    options.onRole(next);
  };

  // Runs while the lock is ours: the returned promise keeps it until we let go.
  function hold(): Promise<void> {
    if (disposed) return Promise.resolve();
    setRole('active');
    options.activate();
    return new Promise((resolve) => (release = resolve));
  }

  function queue(): void {
    if (disposed || !locks) return;
    locks.request(lock, { signal: abort.signal }, hold).catch(() => undefined);
  }

  async function handOver(): Promise<void> {
    const letGo = release;
    release = null;
    setRole('standby');
    await options.deactivate();
    letGo?.();
    queue();
  }

  const onMessage = (event: MessageEvent<unknown>) => {
    const message = parsePhoneTabMessage(event.data);
    if (message && shouldHandOver(message, { lock, tabId, role })) void handOver();
  };
  channel?.addEventListener('message', onMessage);

  setRole('acquiring');
  if (!locks) {
    // No Web Locks (an old browser): every tab registers, as before.
    setRole('active');
    options.activate();
  } else {
    locks
      .request(lock, { ifAvailable: true }, (held) => {
        if (held) return hold();
        if (!disposed) setRole('standby');
        queue();
        return undefined;
      })
      .catch(() => undefined);
  }

  return {
    takeOver() {
      const message: PhoneTakeover = { type: 'takeover', lock, from: tabId };
      channel?.postMessage(message);
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      abort.abort();
      channel?.removeEventListener('message', onMessage);
      channel?.close();
      const letGo = release;
      release = null;
      await options.deactivate();
      letGo?.();
    },
  };
}

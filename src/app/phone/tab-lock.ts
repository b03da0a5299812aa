// One registering tab per browser. The tab holding the phone's Web Lock runs the softphone; the
// others queue for the lock and stand by. "Use the phone here" asks the holder over a
// BroadcastChannel to stop (unregister) and let go, so the asking tab, first in the queue, gets
// it; during a call the holder answers "busy" first, and only a confirmed request (force) moves
// the phone and ends the call. A closed holder releases the lock by itself, and the next tab
// takes over. The same channel carries the mirror of the holder's calls (tab-mirror in
// phone-store): those messages are passed on to `onMessage`.
import {
  parsePhoneTabMessage,
  phoneChannelName,
  takeoverDecision,
  type PhoneActionMessage,
  type PhoneBusy,
  type PhoneHello,
  type PhoneMirror,
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
  /** Whether this (active) tab has a call that moving the phone would end. */
  inCall: () => boolean;
  /** The active tab refused our takeover because of a call: ask the agent. */
  onBusy: () => void;
  /** Mirror traffic of this lock (hello, mirror, action), checked and from another tab. */
  onMessage: (message: PhoneHello | PhoneMirror | PhoneActionMessage) => void;
}

export interface PhoneTabLock {
  /** Ask the tab that has the phone to hand it to this one; `force` ends its call if it has one. */
  takeOver(force: boolean): void;
  /** Send mirror traffic (the lock name is filled in). */
  post(
    message:
      | Omit<PhoneHello, 'lock' | 'from'>
      | Omit<PhoneMirror, 'lock'>
      | Omit<PhoneActionMessage, 'lock'>,
  ): void;
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

  const onChannelMessage = (event: MessageEvent<unknown>) => {
    const message = parsePhoneTabMessage(event.data);
    if (!message || message.lock !== lock) return;
    switch (message.type) {
      case 'takeover': {
        const decision = takeoverDecision(message, { lock, tabId, role, inCall: options.inCall() });
        if (decision === 'handOver') void handOver();
        if (decision === 'busy') {
          const busy: PhoneBusy = { type: 'busy', lock, to: message.from };
          channel?.postMessage(busy);
        }
        break;
      }
      case 'busy':
        if (message.to === tabId && role === 'standby') options.onBusy();
        break;
      default:
        options.onMessage(message);
    }
  };
  channel?.addEventListener('message', onChannelMessage);

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
    takeOver(force) {
      const message: PhoneTakeover = { type: 'takeover', lock, from: tabId, force };
      channel?.postMessage(message);
    },
    post(message) {
      channel?.postMessage(
        message.type === 'hello' ? { ...message, lock, from: tabId } : { ...message, lock },
      );
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      abort.abort();
      channel?.removeEventListener('message', onChannelMessage);
      channel?.close();
      const letGo = release;
      release = null;
      await options.deactivate();
      letGo?.();
    },
  };
}

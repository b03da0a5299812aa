// One registering tab per browser: the tab holding the Web Lock of a user's phone in an instance
// registers; the others stand by and may ask the holder (over a BroadcastChannel) to hand over.

/** What this tab is for the phone: waiting for the lock, the registered one, or standing by. */
export type PhoneTabRole = 'off' | 'acquiring' | 'active' | 'standby';

export const phoneChannelName = 'sb-phone';

/** The lock name: per user and instance, so another account in the same browser has its own. */
export function phoneLockName(userId: string, instanceId: string): string {
  return `sb-phone-${userId}-${instanceId}`;
}

/** "Use the phone here": the tab `from` wants the phone of `lock`. */
export interface PhoneTakeover {
  type: 'takeover';
  lock: string;
  from: string;
}

/** Messages come from any tab of the origin, possibly an older build: check the shape. */
export function parsePhoneTabMessage(data: unknown): PhoneTakeover | null {
  if (typeof data !== 'object' || data === null) return null;
  const { type, lock, from } = data as Record<string, unknown>;
  if (type !== 'takeover' || typeof lock !== 'string' || typeof from !== 'string') return null;
  return { type, lock, from };
}

/** The active tab of this very lock gives the phone up when another tab asks for it. */
export function shouldHandOver(
  message: PhoneTakeover,
  own: { lock: string; tabId: string; role: PhoneTabRole },
): boolean {
  return message.lock === own.lock && message.from !== own.tabId && own.role === 'active';
}

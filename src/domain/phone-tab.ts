// One registering tab per browser: the tab holding the Web Lock of a user's phone in an instance
// registers; the others stand by. Over a BroadcastChannel the active tab mirrors its calls to the
// standby tabs, which forward the main call actions back, and a standby tab may ask for the phone.
import { dtmfTones, type CallSnapshot, type DtmfTone } from './phone';

/** What this tab is for the phone: waiting for the lock, the registered one, or standing by. */
export type PhoneTabRole = 'off' | 'acquiring' | 'active' | 'standby';

export const phoneChannelName = 'sb-phone';

/** The lock name: per user and instance, so another account in the same browser has its own. */
export function phoneLockName(userId: string, instanceId: string): string {
  return `sb-phone-${userId}-${instanceId}`;
}

/**
 * "Use the phone here": the tab `from` wants the phone of `lock`. Without `force` the active tab
 * refuses while it has a call (moving the phone ends it) and answers `busy`; the asking tab then
 * lets the agent confirm.
 */
export interface PhoneTakeover {
  type: 'takeover';
  lock: string;
  from: string;
  force: boolean;
}

/** The active tab's answer to a takeover without `force`: it has a call in progress. */
export interface PhoneBusy {
  type: 'busy';
  lock: string;
  to: string;
}

/** A standby tab (just opened) asks the active tab for its calls. */
export interface PhoneHello {
  type: 'hello';
  lock: string;
  from: string;
}

/** The active tab's calls, sent on every change, for the standby tabs to show. */
export interface PhoneMirror {
  type: 'mirror';
  lock: string;
  calls: CallSnapshot[];
}

/** The call actions a standby tab forwards to the active one (the call's audio lives there). */
export type PhoneAction =
  | { kind: 'answer' | 'decline' | 'hangUp' | 'hold' | 'resume'; callId: string }
  | { kind: 'mute'; callId: string; muted: boolean }
  | { kind: 'dtmf'; callId: string; tone: DtmfTone };

export interface PhoneActionMessage {
  type: 'action';
  lock: string;
  action: PhoneAction;
}

export type PhoneTabMessage =
  PhoneTakeover | PhoneBusy | PhoneHello | PhoneMirror | PhoneActionMessage;

const callStates = new Set(['calling', 'ringing', 'incoming', 'connected', 'ended']);
const simpleActions = new Set(['answer', 'decline', 'hangUp', 'hold', 'resume']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isString = (v: unknown): v is string => typeof v === 'string';
const isTime = (v: unknown) => v === null || typeof v === 'number';

/** Enough of a snapshot's shape for the dock to render it without throwing. */
function isCallSnapshot(v: unknown): v is CallSnapshot {
  if (!isObject(v) || !isObject(v['remote'])) return false;
  return (
    isString(v['id']) &&
    (v['direction'] === 'incoming' || v['direction'] === 'outgoing') &&
    callStates.has(v['state'] as string) &&
    isString(v['remote']['name']) &&
    isString(v['remote']['number']) &&
    typeof v['startedAt'] === 'number' &&
    isTime(v['answeredAt']) &&
    isTime(v['endedAt']) &&
    typeof v['held'] === 'boolean' &&
    typeof v['remoteHeld'] === 'boolean' &&
    typeof v['muted'] === 'boolean' &&
    isString(v['tonesReceived']) &&
    (v['consultFor'] === null || isString(v['consultFor']))
  );
}

function parseAction(v: unknown): PhoneAction | null {
  if (!isObject(v) || !isString(v['callId'])) return null;
  const { kind, callId } = v;
  if (kind === 'mute' && typeof v['muted'] === 'boolean')
    return { kind, callId, muted: v['muted'] };
  if (kind === 'dtmf' && (dtmfTones as readonly unknown[]).includes(v['tone']))
    return { kind, callId, tone: v['tone'] as DtmfTone };
  if (simpleActions.has(kind as string))
    return { kind: kind as 'answer' | 'decline' | 'hangUp' | 'hold' | 'resume', callId };
  return null;
}

/** Messages come from any tab of the origin, possibly an older build: check the shape. */
export function parsePhoneTabMessage(data: unknown): PhoneTabMessage | null {
  if (!isObject(data) || !isString(data['lock'])) return null;
  const { type, lock } = data;
  switch (type) {
    case 'takeover':
      return isString(data['from'])
        ? { type, lock, from: data['from'], force: data['force'] === true }
        : null;
    case 'busy':
      return isString(data['to']) ? { type, lock, to: data['to'] } : null;
    case 'hello':
      return isString(data['from']) ? { type, lock, from: data['from'] } : null;
    case 'mirror': {
      const calls = data['calls'];
      return Array.isArray(calls) && calls.every(isCallSnapshot) ? { type, lock, calls } : null;
    }
    case 'action': {
      const action = parseAction(data['action']);
      return action ? { type, lock, action } : null;
    }
    default:
      return null;
  }
}

/**
 * What the active tab does when asked for the phone: hand it over, or (a call is in progress and
 * the asker did not confirm) answer busy. Other tabs and other locks are none of its business.
 */
export function takeoverDecision(
  message: PhoneTakeover,
  own: { lock: string; tabId: string; role: PhoneTabRole; inCall: boolean },
): 'handOver' | 'busy' | 'ignore' {
  if (message.lock !== own.lock || message.from === own.tabId || own.role !== 'active')
    return 'ignore';
  return own.inCall && !message.force ? 'busy' : 'handOver';
}

/** A call that moving the phone would end: anything not yet over. */
export function hasLiveCall(calls: readonly CallSnapshot[]): boolean {
  return calls.some((c) => c.state !== 'ended');
}

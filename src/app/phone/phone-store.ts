// The phone's reactive model: softphone events reconciled into one Solid store of plain
// snapshots, with the actions the screens call. The softphone (and JsSIP) is imported only
// once someone is signed in to an instance, so it never weighs on the first paint.
import { createEffect, createMemo, createRoot, createSignal, on, onCleanup } from 'solid-js';
import { createStore, produce } from 'solid-js/store';
import { api } from '../../api';
import {
  applyCallEvent,
  callRecordOf,
  hasLiveCall,
  parseTransferTimeout,
  phoneLockName,
  regionFromLanguage,
  type CallSnapshot,
  type DialTarget,
  type DtmfTone,
  type DtmfTransport,
  type PhoneAction,
  type PhoneTabRole,
  type RegistrationState,
} from '../../domain';
import type { DevicePreferences, Identity, Softphone } from '../../sip';
import { createLive } from '../data/live';
import { currentStore, withStore } from '../data/store';
import { currentMe, session } from '../session';
import { makePhoneTabLock, type PhoneTabLock } from './tab-lock';

export interface PhoneState {
  registration: RegistrationState;
  identity: Identity | null;
  /** Live calls and calls that just ended (kept a few seconds so the reason can be read). */
  calls: CallSnapshot[];
  /** Ended calls of this tab, newest first. Full history with Dexie comes with the store. */
  recent: CallSnapshot[];
  dtmfTransport: DtmfTransport;
  /** Seconds a transfer target may ring before the transfer is given up. */
  transferTimeout: number;
  devices: DevicePreferences;
  canChooseOutput: boolean;
  /** Whether this tab runs the phone or another tab of this browser does. */
  tab: PhoneTabRole;
  /** A standby tab asked for the phone and the active tab has a call: the agent confirms. */
  takeoverNeedsConfirm: boolean;
}

const keys = {
  dtmf: 'sb.phone.dtmf',
  microphone: 'sb.phone.microphone',
  speaker: 'sb.phone.speaker',
  ringer: 'sb.phone.ringer',
  transferTimeout: 'sb.phone.transferTimeout',
} as const;

function stored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
function store(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Storage blocked: the choice lasts for this tab only.
  }
}

const [state, setState] = createStore<PhoneState>({
  registration: { status: 'off' },
  identity: null,
  calls: [],
  recent: [],
  dtmfTransport: stored(keys.dtmf) === 'info' ? 'info' : 'rfc4733',
  transferTimeout: parseTransferTimeout(stored(keys.transferTimeout)),
  devices: {
    microphone: stored(keys.microphone),
    speaker: stored(keys.speaker),
    ringer: stored(keys.ringer),
  },
  canChooseOutput: false,
  tab: 'off',
  takeoverNeedsConfirm: false,
});
export { state as phone };

/**
 * The call ringing here for a task: a queue call that routing reserved to this agent (its INVITE
 * names the task). Its offer is answered by answering the call, not by accepting the task.
 */
export function ringingCallOf(taskId: string): CallSnapshot | undefined {
  return state.calls.find(
    (call) => call.taskId === taskId && call.direction === 'incoming' && call.state === 'incoming',
  );
}

// Ended calls stay on screen this long, so "Busy" or "Not available (480)" can be read.
const endedLingerMs = 4000;

let softphone: Softphone | null = null;
let tabLock: PhoneTabLock | null = null;
let generation = 0;
// Colleagues by extension, from the local store (so names show offline and follow changes).
const directory = createRoot(() => {
  const members = createLive(() => currentStore()?.queries.members(), []);
  const byExtension = createMemo(
    () => new Map(members().flatMap((m) => (m.extension ? [[m.extension, m.name] as const] : []))),
  );
  return byExtension;
});
const notifications = new Map<string, Notification>();

/** The phone's lock for who we are in which instance, or null: the phone follows it. */
function phoneKey(): string | null {
  const s = session();
  if (s.status !== 'signed-in') return null;
  const me = currentMe();
  return me?.currentInstance ? phoneLockName(me.user.id, me.currentInstance.id) : null;
}

async function start(): Promise<void> {
  const mine = ++generation;
  const sip = await import('../../sip');
  if (mine !== generation) return;
  setState('canChooseOutput', sip.canChooseOutput);
  const phone = sip.createSoftphone({
    fetchCredentials: async () => {
      const result = await api.sipCredentials();
      return result.ok
        ? result
        : { ok: false, status: result.error.status, code: result.error.code };
    },
    devices: { ...state.devices },
    storage: localStorage,
    region: regionFromLanguage(navigator.language),
    nameOf: (number) => directory().get(number),
  });
  phone.setDtmfTransport(state.dtmfTransport);
  phone.setTransferTimeout(state.transferTimeout * 1000);
  phone.on((event) => {
    switch (event.type) {
      case 'registration':
        setState('registration', event.state);
        break;
      case 'identity':
        setState('identity', event.identity);
        break;
      case 'callAdded':
        setState('calls', (calls) => [...calls, event.call]);
        if (event.call.direction === 'incoming') notifyIncoming(event.call);
        break;
      case 'call':
        setState(
          'calls',
          (c) => c.id === event.id,
          (c) => applyCallEvent(c, event.event),
        );
        // Answered or gone, the notification has done its job. (Not on 'ringing': an incoming
        // call reports our own 180 as progress, which closed it at once.)
        if (event.event.type === 'connected' || event.event.type === 'ended')
          closeNotification(event.id);
        if (event.event.type === 'ended') {
          recordCall(event.id);
          retire(event.id);
        }
        break;
    }
  });
  softphone = phone;
  await phone.start();
}

async function stop(): Promise<void> {
  generation += 1;
  const stopping = softphone?.stop();
  softphone = null;
  for (const id of notifications.keys()) closeNotification(id);
  setState(
    produce((s) => {
      s.registration = { status: 'off' };
      s.identity = null;
      s.calls = [];
      s.recent = [];
    }),
  );
  await stopping;
}

// Into the call history through the store (a mutation like any other, so it syncs offline).
function recordCall(id: string): void {
  const ended = state.calls.find((c) => c.id === id);
  const record = ended ? callRecordOf(ended, crypto.randomUUID()) : null;
  if (record) void withStore((store) => store.mutate('call.record', record));
}

function retire(id: string): void {
  setTimeout(() => {
    const ended = state.calls.find((c) => c.id === id);
    if (!ended) return;
    setState(
      produce((s) => {
        s.calls = s.calls.filter((c) => c.id !== id);
        s.recent = [{ ...ended }, ...s.recent].slice(0, 50);
      }),
    );
  }, endedLingerMs);
}

// A desktop notification when the tab is hidden; clicking it focuses the tab and answers.
function notifyIncoming(call: CallSnapshot): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  if (document.visibilityState === 'visible') return;
  try {
    const n = new Notification(call.remote.name, {
      body: call.remote.number,
      tag: `call-${call.id}`,
      requireInteraction: true,
    });
    n.onclick = () => {
      window.focus();
      void answer(call.id);
      closeNotification(call.id);
    };
    notifications.set(call.id, n);
  } catch {
    // Some platforms allow notifications only from the service worker; the panel still shows.
  }
}

function closeNotification(id: string): void {
  notifications.get(id)?.close();
  notifications.delete(id);
}

// The phone follows the session: sign-in (or an instance switch) starts it, sign-out stops it;
// in between, only the tab holding the phone's lock runs it (tab-lock.ts).
createRoot(() => {
  // A memo: a fresh /api/me for the same user and instance (after every reconnect) must not
  // restart the phone, which would drop a call in progress; only a different key does.
  const key = createMemo(phoneKey);
  createEffect(
    on(key, (key) => {
      const previous = tabLock;
      tabLock = null;
      void (previous ? previous.dispose() : stop());
      if (!key) {
        setState('tab', 'off');
        return;
      }
      tabLock = makePhoneTabLock({
        lock: key,
        onRole,
        activate: () => void start(),
        deactivate: stop,
        inCall: () => hasLiveCall(state.calls),
        onBusy: () => setState('takeoverNeedsConfirm', true),
        onMessage: (message) => {
          if (message.type === 'mirror' && state.tab === 'standby')
            setState('calls', message.calls);
          if (message.type === 'hello' && state.tab === 'active') mirrorCalls();
          if (message.type === 'action' && state.tab === 'active') perform(message.action);
        },
      });
    }),
  );
  // The active tab shows its calls to the standby tabs on every change (and once on becoming
  // active, which clears a mirror the standby tabs kept of the previous holder).
  createEffect(() => {
    if (state.tab !== 'active') return;
    JSON.stringify(state.calls); // track every field
    mirrorCalls();
  });
});

function onRole(role: PhoneTabRole): void {
  setState(
    produce((s) => {
      s.tab = role;
      s.takeoverNeedsConfirm = false;
      // The mirror of the other tab's calls is not ours to keep once we run the phone.
      if (role === 'active') s.calls = [];
    }),
  );
  if (role === 'standby') tabLock?.post({ type: 'hello' });
}

function mirrorCalls(): void {
  tabLock?.post({
    type: 'mirror',
    calls: JSON.parse(JSON.stringify(state.calls)) as CallSnapshot[],
  });
}

/** An action for a call: done here if this tab runs the phone, else sent to the tab that does. */
function perform(action: PhoneAction): void {
  if (!softphone) {
    if (state.tab === 'standby') tabLock?.post({ type: 'action', action });
    return;
  }
  const id = action.callId;
  switch (action.kind) {
    case 'answer':
      void answer(id);
      break;
    case 'decline':
      softphone.decline(id);
      break;
    case 'hangUp':
      softphone.hangUp(id);
      break;
    case 'hold':
      void softphone.hold(id);
      break;
    case 'resume':
      void softphone.resume(id);
      break;
    case 'mute':
      softphone.setMuted(id, action.muted);
      break;
    case 'dtmf':
      softphone.sendDtmf(id, action.tone);
      break;
  }
}

/**
 * "Use the phone here": the tab that has it unregisters, and this one registers. During a call
 * the other tab says so first (takeoverNeedsConfirm); `force` then moves it and ends the call.
 */
export function usePhoneHere(force = false): void {
  setState('takeoverNeedsConfirm', false);
  tabLock?.takeOver(force);
}
export const keepPhoneThere = () => setState('takeoverNeedsConfirm', false);

const [notificationPermission, setNotificationPermission] = createSignal<NotificationPermission>(
  typeof Notification === 'undefined' ? 'denied' : Notification.permission,
);
export { notificationPermission };

/** Ask at a click: browsers ignore (or punish) permission prompts without a user gesture. */
export async function enableNotifications(): Promise<void> {
  if (typeof Notification === 'undefined') return;
  setNotificationPermission(await Notification.requestPermission());
}

export async function resolveDialTarget(input: string): Promise<DialTarget | null> {
  return (await softphone?.resolve(input)) ?? null;
}

export async function placeCall(input: string) {
  softphone?.unlockAudio();
  if (!softphone) return { ok: false as const, problem: 'notReady' as const };
  return softphone.call(input);
}

export async function answer(id: string): Promise<void> {
  if (!softphone) return perform({ kind: 'answer', callId: id });
  softphone.unlockAudio();
  await softphone.answer(id);
}
export const decline = (id: string) => perform({ kind: 'decline', callId: id });
export const hangUp = (id: string) => perform({ kind: 'hangUp', callId: id });
export const hold = (id: string) => perform({ kind: 'hold', callId: id });
export const resume = (id: string) => perform({ kind: 'resume', callId: id });
export const setMuted = (id: string, muted: boolean) =>
  perform({ kind: 'mute', callId: id, muted });

const notReady = { ok: false as const, problem: 'notReady' as const };
export async function transfer(id: string, input: string) {
  return (await softphone?.transfer(id, input)) ?? notReady;
}
export async function consult(id: string, input: string) {
  softphone?.unlockAudio();
  return (await softphone?.consult(id, input)) ?? notReady;
}
export const completeTransfer = (consultId: string) =>
  softphone?.completeTransfer(consultId) ?? notReady;
export const sendDtmf = (id: string, tone: DtmfTone) => perform({ kind: 'dtmf', callId: id, tone });
export const reregister = () => softphone?.reregister();
/** A call's audio levels, in the tab that runs the phone (the audio is there); else null. */
export const callLevels = (id: string) => softphone?.levels(id) ?? null;
export const unlockAudio = () => softphone?.unlockAudio();

export function setDtmfTransport(transport: DtmfTransport): void {
  setState('dtmfTransport', transport);
  store(keys.dtmf, transport);
  softphone?.setDtmfTransport(transport);
}

export function setTransferTimeout(seconds: number): void {
  const chosen = parseTransferTimeout(String(seconds));
  setState('transferTimeout', chosen);
  store(keys.transferTimeout, String(chosen));
  softphone?.setTransferTimeout(chosen * 1000);
}

export function setDevice(kind: keyof DevicePreferences, deviceId: string | null): void {
  setState('devices', kind, deviceId);
  store(keys[kind], deviceId);
  softphone?.setDevices({ [kind]: deviceId });
}

/** A clock for call timers, ticking only while some component shows one. */
export function useNow(): () => number {
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), 1000);
  onCleanup(() => clearInterval(timer));
  return now;
}

// The phone as the app sees it: plain call snapshots, the events that change them, and the rules
// for turning what an agent types into a SIP target. No JsSIP here (src/sip/ speaks these types).

export type RegistrationState =
  | { status: 'off' }
  | { status: 'registering' }
  | { status: 'registered' }
  | { status: 'failed'; reason: RegistrationFailure };

export type RegistrationFailure =
  | { kind: 'refused'; code: number }
  | { kind: 'unreachable' }
  | { kind: 'notConfigured' }
  | { kind: 'noExtension' }
  | { kind: 'credentials' }
  | { kind: 'other'; code: number | null };

export type CallDirection = 'outgoing' | 'incoming';
export type CallState = 'calling' | 'ringing' | 'incoming' | 'connected' | 'ended';

export type CallEnd =
  | { kind: 'hungUp' }
  | { kind: 'transferred' }
  | { kind: 'busy' }
  | { kind: 'declined' }
  | { kind: 'canceled' }
  | { kind: 'missed' }
  | { kind: 'noAnswer' }
  | { kind: 'unavailable'; code: number }
  | { kind: 'notFound'; code: number }
  | { kind: 'connection' }
  | { kind: 'media' }
  | { kind: 'failed'; code: number | null };

export interface RemoteParty {
  name: string;
  number: string;
}

/** What stores hold about a call: an id and plain values, never the live session. */
export interface CallSnapshot {
  id: string;
  direction: CallDirection;
  state: CallState;
  remote: RemoteParty;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  /** We put the call on hold. */
  held: boolean;
  /** The other side put us on hold. */
  remoteHeld: boolean;
  muted: boolean;
  /** DTMF tones the other side sent us (SIP INFO), in order. */
  tonesReceived: string;
  end: CallEnd | null;
  /** A transfer of this call we started, while it runs and after it failed. */
  transfer: TransferProgress | null;
  /** On a consultation call: the held call that "Complete transfer" hands over. */
  consultFor: string | null;
  /** The task the call belongs to: a queue call brings its task's id (queueCallTaskId). */
  taskId: string | null;
}

export type TransferKind = 'blind' | 'attended';
export type TransferStatus = 'trying' | 'ringing' | 'done' | 'failed';

export interface TransferProgress {
  kind: TransferKind;
  /** What the agent transfers to, as shown (an extension, a number, a SIP address). */
  target: string;
  status: TransferStatus;
  /** The final SIP code when it failed (from the REFER answer or the NOTIFY sipfrag). */
  code: number | null;
}

export type CallEvent =
  | { type: 'ringing' }
  | { type: 'connected'; at: number }
  | { type: 'hold'; originator: 'local' | 'remote' }
  | { type: 'unhold'; originator: 'local' | 'remote' }
  | { type: 'muted' }
  | { type: 'unmuted' }
  | { type: 'dtmf'; tone: string }
  | { type: 'ended'; at: number; end: CallEnd }
  | { type: 'consultOf'; callId: string }
  | { type: 'transferStarted'; kind: TransferKind; target: string }
  | { type: 'transferProgress'; status: TransferStatus; code: number | null }
  | { type: 'transferCleared' };

export function newCall(
  id: string,
  direction: CallDirection,
  remote: RemoteParty,
  at: number,
  taskId: string | null = null,
): CallSnapshot {
  return {
    id,
    direction,
    state: direction === 'outgoing' ? 'calling' : 'incoming',
    remote,
    startedAt: at,
    answeredAt: null,
    endedAt: null,
    held: false,
    remoteHeld: false,
    muted: false,
    tonesReceived: '',
    end: null,
    transfer: null,
    consultFor: null,
    taskId,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The task of a call to a queue: Kamailio adds X-Switchboard-Task to the INVITE with the id of the
 * call task the server made (and strips the header from everything else), so the call is logged
 * on that task instead of becoming a second one. Anything but one UUID is ignored.
 */
export function queueCallTaskId(header: string | undefined): string | null {
  const value = header?.trim() ?? '';
  return UUID.test(value) ? value.toLowerCase() : null;
}

/** The one place a call's snapshot changes. An ended call stays ended. */
export function applyCallEvent(call: CallSnapshot, event: CallEvent): CallSnapshot {
  if (call.state === 'ended') return call;
  switch (event.type) {
    case 'ringing':
      return call.state === 'calling' ? { ...call, state: 'ringing' } : call;
    case 'connected':
      return call.state === 'connected'
        ? call
        : { ...call, state: 'connected', answeredAt: event.at };
    case 'hold':
      return event.originator === 'local' ? { ...call, held: true } : { ...call, remoteHeld: true };
    case 'unhold':
      return event.originator === 'local'
        ? { ...call, held: false }
        : { ...call, remoteHeld: false };
    case 'muted':
      return { ...call, muted: true };
    case 'unmuted':
      return { ...call, muted: false };
    case 'dtmf':
      return { ...call, tonesReceived: (call.tonesReceived + event.tone).slice(-64) };
    case 'ended':
      return { ...call, state: 'ended', endedAt: event.at, end: event.end };
    case 'consultOf':
      return { ...call, consultFor: event.callId };
    case 'transferStarted':
      return {
        ...call,
        transfer: { kind: event.kind, target: event.target, status: 'trying', code: null },
      };
    case 'transferProgress':
      // A finished transfer (done or failed) is not reopened by a late NOTIFY.
      if (!call.transfer || call.transfer.status === 'done' || call.transfer.status === 'failed')
        return call;
      return { ...call, transfer: { ...call.transfer, status: event.status, code: event.code } };
    case 'transferCleared':
      return { ...call, transfer: null };
  }
}

/**
 * Where a transfer stands after the transferee's NOTIFY (its sipfrag status line, RFC 3515):
 * only a 2xx means the caller reached the target; 1xx is progress, anything else failed.
 */
export function transferStatusFromSipfrag(code: number): TransferStatus {
  if (code >= 200 && code < 300) return 'done';
  if (code === 100) return 'trying';
  if (code > 100 && code < 200) return 'ringing';
  return 'failed';
}

/** A call in the dock can be transferred when it is connected and no transfer is running. */
export function canTransfer(call: CallSnapshot): boolean {
  return (
    call.state === 'connected' &&
    call.consultFor === null &&
    (call.transfer === null || call.transfer.status === 'failed')
  );
}

/**
 * How a SIP session ended, from JsSIP's cause names and the final response code. `byUs` says
 * whether this side ended it (our CANCEL, our decline, our BYE).
 */
export function callEndFromSip(
  cause: string,
  code: number | null,
  direction: CallDirection,
  byUs: boolean,
  wasAnswered: boolean,
): CallEnd {
  if (wasAnswered) {
    if (cause === 'Connection Error' || cause === 'Request Timeout' || cause === 'RTP Timeout')
      return { kind: 'connection' };
    return { kind: 'hungUp' };
  }
  switch (cause) {
    case 'Terminated':
      return { kind: 'hungUp' };
    case 'Canceled':
      return byUs || direction === 'outgoing' ? { kind: 'canceled' } : { kind: 'missed' };
    case 'Busy':
      return { kind: 'busy' };
    case 'Rejected':
      return byUs
        ? { kind: 'declined' }
        : code === 403
          ? { kind: 'failed', code }
          : { kind: 'declined' };
    case 'Unavailable':
      return { kind: 'unavailable', code: code ?? 480 };
    case 'Not Found':
      return { kind: 'notFound', code: code ?? 404 };
    case 'No Answer':
    case 'Expires':
      return direction === 'incoming' && !byUs ? { kind: 'missed' } : { kind: 'noAnswer' };
    case 'Connection Error':
    case 'Request Timeout':
      return { kind: 'connection' };
    case 'WebRTC Error':
    case 'User Denied Media Access':
    case 'Incompatible SDP':
    case 'Bad Media Description':
      return { kind: 'media' };
    default:
      return { kind: 'failed', code };
  }
}

/** `mm:ss`, or `h:mm:ss` past an hour. */
export function formatCallDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

export interface DialContext {
  /** Our instance's prefix of SIP users: extension N is sip:<dialPrefix>N@<domain>. */
  dialPrefix: string;
  domain: string;
}

export type DialTarget =
  | { ok: true; kind: 'extension' | 'sip' | 'number'; uri: string; display: string }
  | { ok: false; problem: 'empty' | 'invalid' };

/** Turns a phone number into E.164 (`+420123456789`) or null; injected so the core stays pure. */
export type E164Normaliser = (input: string) => string | null;

const extensionPattern = /^\d{2,6}$/;

/**
 * What the dialer places a call to: an extension of our instance, a SIP URI as typed, or a phone
 * number in E.164 (the trunk takes it from there).
 */
export function parseDialTarget(
  input: string,
  context: DialContext,
  toE164: E164Normaliser,
): DialTarget {
  const raw = input.trim();
  if (!raw) return { ok: false, problem: 'empty' };

  const compact = raw.replace(/[\s\-().]/g, '');
  if (extensionPattern.test(compact)) return extension(compact, context);

  const sip = /^(sips?:)?([^@\s:;]+)@([^\s;?]+)(.*)$/i.exec(raw);
  if (sip) {
    const user = sip[2] ?? '';
    const host = sip[3] ?? '';
    // Our own extensions written as 1002@<our domain> still need the instance prefix.
    if (extensionPattern.test(user) && host.toLowerCase() === context.domain.toLowerCase())
      return extension(user, context);
    const scheme = (sip[1] ?? 'sip:').toLowerCase();
    return { ok: true, kind: 'sip', uri: `${scheme}${user}@${host}${sip[4] ?? ''}`, display: raw };
  }

  if (!/^\+?[\d\s\-().]+$/.test(raw)) return { ok: false, problem: 'invalid' };
  const e164 = toE164(raw);
  if (!e164) return { ok: false, problem: 'invalid' };
  return { ok: true, kind: 'number', uri: `sip:${e164}@${context.domain}`, display: e164 };
}

function extension(ext: string, context: DialContext): DialTarget {
  return {
    ok: true,
    kind: 'extension',
    uri: `sip:${context.dialPrefix}${ext}@${context.domain}`,
    display: ext,
  };
}

/** The user part of a SIP user without our instance prefix: `demo-1002` → `1002`. */
export function extensionOf(sipUser: string, dialPrefix: string): string {
  return dialPrefix && sipUser.startsWith(dialPrefix) ? sipUser.slice(dialPrefix.length) : sipUser;
}

/** The region libphonenumber needs for numbers without +: `cs-CZ` → `CZ`, `de` → null. */
export function regionFromLanguage(language: string | undefined): string | null {
  const match = /^[a-z]{2,3}[-_]([A-Z]{2})\b/i.exec(language ?? '');
  return match?.[1]?.toUpperCase() ?? null;
}

/** When to ask for fresh SIP credentials: at 80 % of their lifetime, never sooner than 5 s. */
export function renewalDelay(issuedAt: number, expiresAt: number): number {
  const lifetime = expiresAt - issuedAt;
  return Math.max(5_000, Math.floor(lifetime * 0.8));
}

/** How long a transfer target may ring before the transfer is given up, in seconds. */
export const transferTimeoutChoices = [15, 30, 45, 60] as const;
export const defaultTransferTimeout = 30;

/** A stored choice (a string from localStorage) or the default when it is not one of ours. */
export function parseTransferTimeout(stored: string | null): number {
  const n = Number(stored);
  return (transferTimeoutChoices as readonly number[]).includes(n) ? n : defaultTransferTimeout;
}

export const dtmfTones = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;
export type DtmfTone = (typeof dtmfTones)[number];
export type DtmfTransport = 'rfc4733' | 'info';

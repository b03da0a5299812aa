import { describe, expect, it } from 'vitest';
import {
  applyCallEvent,
  callEndFromSip,
  canTransfer,
  extensionOf,
  formatCallDuration,
  newCall,
  parseDialTarget,
  parseTransferTimeout,
  queueCallTaskId,
  regionFromLanguage,
  renewalDelay,
  transferStatusFromSipfrag,
  type CallEvent,
} from './phone';
import { hasLiveCall, parsePhoneTabMessage, phoneLockName, takeoverDecision } from './phone-tab';

const ctx = { dialPrefix: 'demo-', domain: 'sip.test' };
// A stand-in normaliser: digits with a leading + or a Czech region's 9 digits.
const toE164 = (raw: string) => {
  const digits = raw.replace(/[^\d+]/g, '');
  if (digits.startsWith('+') && digits.length >= 8) return digits;
  if (/^\d{9}$/.test(digits)) return `+420${digits}`;
  return null;
};

describe('parseDialTarget', () => {
  it('dials extensions inside our instance', () => {
    expect(parseDialTarget('1002', ctx, toE164)).toEqual({
      ok: true,
      kind: 'extension',
      uri: 'sip:demo-1002@sip.test',
      display: '1002',
    });
    expect(parseDialTarget(' 10 02 ', ctx, toE164)).toMatchObject({
      uri: 'sip:demo-1002@sip.test',
    });
    expect(parseDialTarget('12', ctx, toE164)).toMatchObject({ kind: 'extension' });
    expect(parseDialTarget('123456', ctx, toE164)).toMatchObject({ kind: 'extension' });
  });

  it('keeps SIP URIs as typed, adding the scheme when missing', () => {
    expect(parseDialTarget('sip:bob@example.org', ctx, toE164)).toMatchObject({
      kind: 'sip',
      uri: 'sip:bob@example.org',
    });
    expect(parseDialTarget('bob@example.org;transport=ws', ctx, toE164)).toMatchObject({
      uri: 'sip:bob@example.org;transport=ws',
    });
    expect(parseDialTarget('SIPS:bob@example.org', ctx, toE164)).toMatchObject({
      uri: 'sips:bob@example.org',
    });
  });

  it('prefixes an extension written as a SIP address of our domain', () => {
    expect(parseDialTarget('sip:1003@sip.test', ctx, toE164)).toMatchObject({
      kind: 'extension',
      uri: 'sip:demo-1003@sip.test',
    });
  });

  it('normalises phone numbers to E.164 at our domain', () => {
    expect(parseDialTarget('+420 123 456 789', ctx, toE164)).toEqual({
      ok: true,
      kind: 'number',
      uri: 'sip:+420123456789@sip.test',
      display: '+420123456789',
    });
    expect(parseDialTarget('123-456-789', ctx, toE164)).toMatchObject({
      uri: 'sip:+420123456789@sip.test',
    });
  });

  it('refuses what it cannot call', () => {
    expect(parseDialTarget('   ', ctx, toE164)).toEqual({ ok: false, problem: 'empty' });
    expect(parseDialTarget('hello', ctx, toE164)).toEqual({ ok: false, problem: 'invalid' });
    expect(parseDialTarget('1234567', ctx, toE164)).toEqual({ ok: false, problem: 'invalid' });
    expect(parseDialTarget('1', ctx, toE164)).toEqual({ ok: false, problem: 'invalid' });
  });

  it('asks the normaliser only for phone numbers', () => {
    let asked = 0;
    const probe = () => {
      asked += 1;
      return null;
    };
    parseDialTarget('1001', ctx, probe);
    parseDialTarget('sip:a@b', ctx, probe);
    parseDialTarget('abc', ctx, probe);
    expect(asked).toBe(0);
    parseDialTarget('+1 555 0100 200', ctx, probe);
    expect(asked).toBe(1);
  });
});

describe('call snapshots', () => {
  const remote = { name: 'Bob Brown', number: '1002' };

  it('walks an outgoing call through ringing, connected, hold and end', () => {
    const events: CallEvent[] = [
      { type: 'ringing' },
      { type: 'connected', at: 2000 },
      { type: 'hold', originator: 'local' },
      { type: 'muted' },
      { type: 'unhold', originator: 'local' },
      { type: 'hold', originator: 'remote' },
      { type: 'dtmf', tone: '1' },
      { type: 'dtmf', tone: '#' },
    ];
    const call = events.reduce(applyCallEvent, newCall('c1', 'outgoing', remote, 1000));
    expect(call).toMatchObject({
      state: 'connected',
      answeredAt: 2000,
      held: false,
      remoteHeld: true,
      muted: true,
      tonesReceived: '1#',
    });
    const ended = applyCallEvent(call, { type: 'ended', at: 9000, end: { kind: 'hungUp' } });
    expect(ended).toMatchObject({ state: 'ended', endedAt: 9000, end: { kind: 'hungUp' } });
    // Nothing changes an ended call.
    expect(applyCallEvent(ended, { type: 'connected', at: 9500 })).toBe(ended);
  });

  it('starts incoming calls as incoming and ignores a late ringing', () => {
    const call = newCall('c2', 'incoming', remote, 0);
    expect(call.state).toBe('incoming');
    expect(applyCallEvent(call, { type: 'ringing' })).toBe(call);
  });

  it('keeps the answer time when confirmed after accepted', () => {
    const a = applyCallEvent(newCall('c', 'outgoing', remote, 0), { type: 'connected', at: 5 });
    expect(applyCallEvent(a, { type: 'connected', at: 9 }).answeredAt).toBe(5);
  });
});

describe('callEndFromSip', () => {
  it('names the outcomes the caller sees', () => {
    expect(callEndFromSip('Busy', 486, 'outgoing', false, false)).toEqual({ kind: 'busy' });
    expect(callEndFromSip('Unavailable', 480, 'outgoing', false, false)).toEqual({
      kind: 'unavailable',
      code: 480,
    });
    expect(callEndFromSip('Not Found', 404, 'outgoing', false, false)).toEqual({
      kind: 'notFound',
      code: 404,
    });
    expect(callEndFromSip('Canceled', null, 'outgoing', true, false)).toEqual({ kind: 'canceled' });
    expect(callEndFromSip('SIP Failure Code', 500, 'outgoing', false, false)).toEqual({
      kind: 'failed',
      code: 500,
    });
  });

  it('names the outcomes the callee sees', () => {
    expect(callEndFromSip('Canceled', null, 'incoming', false, false)).toEqual({ kind: 'missed' });
    expect(callEndFromSip('Rejected', null, 'incoming', true, false)).toEqual({ kind: 'declined' });
    expect(callEndFromSip('Busy', 486, 'incoming', true, false)).toEqual({ kind: 'busy' });
  });

  it('calls an answered call that ends by BYE hung up, a dropped one lost', () => {
    expect(callEndFromSip('Terminated', null, 'incoming', false, true)).toEqual({ kind: 'hungUp' });
    expect(callEndFromSip('RTP Timeout', null, 'outgoing', false, true)).toEqual({
      kind: 'connection',
    });
  });
});

describe('phone helpers', () => {
  it('formats call timers', () => {
    expect(formatCallDuration(0)).toBe('00:00');
    expect(formatCallDuration(65_400)).toBe('01:05');
    expect(formatCallDuration(3_725_000)).toBe('1:02:05');
    expect(formatCallDuration(-5)).toBe('00:00');
  });

  it('finds the region in a browser language', () => {
    expect(regionFromLanguage('cs-CZ')).toBe('CZ');
    expect(regionFromLanguage('en_us')).toBe('US');
    expect(regionFromLanguage('de')).toBeNull();
    expect(regionFromLanguage(undefined)).toBeNull();
  });

  it('strips our instance prefix from SIP users', () => {
    expect(extensionOf('demo-1002', 'demo-')).toBe('1002');
    expect(extensionOf('+420123', 'demo-')).toBe('+420123');
  });

  it('renews credentials at 80 % of their lifetime, not sooner than 5 s', () => {
    expect(renewalDelay(0, 3_600_000)).toBe(2_880_000);
    expect(renewalDelay(0, 1000)).toBe(5000);
  });
});

describe('transfers', () => {
  const connected = applyCallEvent(newCall('a', 'incoming', { name: 'Al', number: '1001' }, 0), {
    type: 'connected',
    at: 1,
  });

  it('reads the NOTIFY sipfrag: only a 2xx is done', () => {
    expect(transferStatusFromSipfrag(100)).toBe('trying');
    expect(transferStatusFromSipfrag(180)).toBe('ringing');
    expect(transferStatusFromSipfrag(183)).toBe('ringing');
    expect(transferStatusFromSipfrag(200)).toBe('done');
    expect(transferStatusFromSipfrag(404)).toBe('failed');
    expect(transferStatusFromSipfrag(486)).toBe('failed');
    expect(transferStatusFromSipfrag(603)).toBe('failed');
  });

  it('tracks a transfer on the call and never reopens a finished one', () => {
    const started = applyCallEvent(connected, {
      type: 'transferStarted',
      kind: 'blind',
      target: '1003',
    });
    expect(started.transfer).toEqual({
      kind: 'blind',
      target: '1003',
      status: 'trying',
      code: null,
    });
    expect(canTransfer(started)).toBe(false);
    const failed = applyCallEvent(started, {
      type: 'transferProgress',
      status: 'failed',
      code: 404,
    });
    expect(failed.transfer).toMatchObject({ status: 'failed', code: 404 });
    expect(canTransfer(failed)).toBe(true);
    const late = applyCallEvent(failed, { type: 'transferProgress', status: 'ringing', code: 180 });
    expect(late).toBe(failed);
    expect(applyCallEvent(failed, { type: 'transferCleared' }).transfer).toBeNull();
  });

  it('a consultation call is not itself transferred', () => {
    const consult = applyCallEvent(connected, { type: 'consultOf', callId: 'x' });
    expect(consult.consultFor).toBe('x');
    expect(canTransfer(consult)).toBe(false);
    expect(canTransfer(connected)).toBe(true);
  });
});

describe('one registering tab', () => {
  const own = { lock: phoneLockName('u1', 'i1'), tabId: 'tab-a', role: 'active' as const };

  it('names the lock per user and instance', () => {
    expect(phoneLockName('u1', 'i1')).toBe('sb-phone-u1-i1');
    expect(phoneLockName('u1', 'i2')).not.toBe(phoneLockName('u1', 'i1'));
  });

  it('accepts only well-formed messages', () => {
    expect(parsePhoneTabMessage({ type: 'takeover', lock: 'l', from: 't' })).toEqual({
      type: 'takeover',
      lock: 'l',
      from: 't',
      force: false,
    });
    expect(parsePhoneTabMessage({ type: 'takeover', lock: 'l', from: 't', force: true })).toEqual({
      type: 'takeover',
      lock: 'l',
      from: 't',
      force: true,
    });
    expect(parsePhoneTabMessage({ type: 'takeover', lock: 'l' })).toBeNull();
    expect(parsePhoneTabMessage('takeover')).toBeNull();
    expect(parsePhoneTabMessage(null)).toBeNull();
    expect(parsePhoneTabMessage({ type: 'busy', lock: 'l', to: 't' })).toEqual({
      type: 'busy',
      lock: 'l',
      to: 't',
    });
    expect(parsePhoneTabMessage({ type: 'shout', lock: 'l', from: 't' })).toBeNull();
  });

  it('takes a mirror of well-formed calls only', () => {
    const call = newCall('c1', 'incoming', { name: 'Bob', number: '1002' }, 5);
    expect(parsePhoneTabMessage({ type: 'mirror', lock: 'l', calls: [call] })).toEqual({
      type: 'mirror',
      lock: 'l',
      calls: [call],
    });
    expect(parsePhoneTabMessage({ type: 'mirror', lock: 'l', calls: [] })).not.toBeNull();
    const broken = { ...call, state: 'exploded' };
    expect(parsePhoneTabMessage({ type: 'mirror', lock: 'l', calls: [broken] })).toBeNull();
    expect(parsePhoneTabMessage({ type: 'mirror', lock: 'l', calls: 'c1' })).toBeNull();
  });

  it('forwards only known actions with their arguments', () => {
    const parse = (action: unknown) => parsePhoneTabMessage({ type: 'action', lock: 'l', action });
    expect(parse({ kind: 'answer', callId: 'c1' })).toEqual({
      type: 'action',
      lock: 'l',
      action: { kind: 'answer', callId: 'c1' },
    });
    expect(parse({ kind: 'mute', callId: 'c1', muted: true })?.type).toBe('action');
    expect(parse({ kind: 'mute', callId: 'c1' })).toBeNull();
    expect(parse({ kind: 'dtmf', callId: 'c1', tone: '#' })?.type).toBe('action');
    expect(parse({ kind: 'dtmf', callId: 'c1', tone: 'x' })).toBeNull();
    expect(parse({ kind: 'transfer', callId: 'c1' })).toBeNull();
    expect(parse({ kind: 'answer' })).toBeNull();
  });

  it('hands over only the active tab of that lock, not to itself, and asks first during a call', () => {
    const ask = { type: 'takeover' as const, lock: own.lock, from: 'tab-b', force: false };
    const idle = { ...own, inCall: false };
    expect(takeoverDecision(ask, idle)).toBe('handOver');
    expect(takeoverDecision({ ...ask, from: 'tab-a' }, idle)).toBe('ignore');
    expect(takeoverDecision({ ...ask, lock: 'sb-phone-u2-i1' }, idle)).toBe('ignore');
    expect(takeoverDecision(ask, { ...idle, role: 'standby' })).toBe('ignore');
    expect(takeoverDecision(ask, { ...idle, inCall: true })).toBe('busy');
    expect(takeoverDecision({ ...ask, force: true }, { ...idle, inCall: true })).toBe('handOver');
  });

  it('counts only calls not yet over as live', () => {
    const call = newCall('c1', 'incoming', { name: 'Bob', number: '1002' }, 5);
    expect(hasLiveCall([call])).toBe(true);
    expect(hasLiveCall([{ ...call, state: 'ended' }])).toBe(false);
    expect(hasLiveCall([])).toBe(false);
  });
});

describe('transfer time', () => {
  it('takes only the offered choices, else 30 s', () => {
    expect(parseTransferTimeout('15')).toBe(15);
    expect(parseTransferTimeout('60')).toBe(60);
    expect(parseTransferTimeout('16')).toBe(30);
    expect(parseTransferTimeout('')).toBe(30);
    expect(parseTransferTimeout(null)).toBe(30);
  });
});

describe('queue call task', () => {
  it('takes one UUID from the X-Switchboard-Task header and nothing else', () => {
    const id = '0190a3c2-7b1e-7c3d-8e4f-123456789abc';
    expect(queueCallTaskId(` ${id.toUpperCase()} `)).toBe(id);
    expect(queueCallTaskId(undefined)).toBeNull();
    expect(queueCallTaskId('')).toBeNull();
    expect(queueCallTaskId(`${id}, ${id}`)).toBeNull();
    expect(queueCallTaskId('not-a-task')).toBeNull();
  });

  it('keeps it on the call from the start', () => {
    const id = '0190a3c2-7b1e-7c3d-8e4f-123456789abc';
    expect(newCall('c', 'incoming', { name: 'A', number: '1' }, 0, id).taskId).toBe(id);
    expect(newCall('c', 'outgoing', { name: 'A', number: '1' }, 0).taskId).toBeNull();
  });
});

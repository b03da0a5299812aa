// The softphone: one JsSIP UA, its registration, and the calls it carries. It speaks domain
// events (src/domain/phone.ts); live RTCSession objects never leave this file.
import { UA, WebSocketInterface } from 'jssip';
import type { DTMFOptions, IncomingDTMFEvent, RTCSession } from 'jssip/lib/RTCSession';
import type { RTCSessionEvent } from 'jssip/lib/UA';
import {
  applyCallEvent,
  callEndFromSip,
  extensionOf,
  newCall,
  parseDialTarget,
  type CallEnd,
  type CallEvent,
  type CallSnapshot,
  type DialContext,
  type DialTarget,
  type DtmfTone,
  type DtmfTransport,
  type RegistrationFailure,
  type RegistrationState,
  type SipCredentials,
} from '../domain';
import { createCredentialRenewer, type CredentialsResult } from './credentials';
import { makeIceCut } from './ice';
import { createMedia, type DevicePreferences } from './media';
import { createReofferQueue, type ReofferOutcome, type ReofferQueue } from './reoffer-queue';

export interface Identity {
  extension: string;
  displayName: string;
  dialPrefix: string;
  domain: string;
}

export type SoftphoneEvent =
  | { type: 'registration'; state: RegistrationState }
  | { type: 'identity'; identity: Identity }
  | { type: 'callAdded'; call: CallSnapshot }
  | { type: 'call'; id: string; event: CallEvent };

export interface SoftphoneOptions {
  fetchCredentials: () => Promise<CredentialsResult>;
  devices: DevicePreferences;
  /** Where the persistent +sip.instance id lives (an id, not a secret). */
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
  region?: string | null;
  now?: () => number;
}

export type DialOutcome =
  { ok: true; id: string } | { ok: false; problem: 'empty' | 'invalid' | 'notReady' };

export interface Softphone {
  start(): Promise<void>;
  stop(): void;
  on(listener: (event: SoftphoneEvent) => void): () => void;
  /** What the dialer will call for this input, without calling. */
  resolve(input: string): Promise<DialTarget | null>;
  call(input: string): Promise<DialOutcome>;
  answer(id: string): Promise<void>;
  decline(id: string): void;
  hangUp(id: string): void;
  hold(id: string): Promise<ReofferOutcome>;
  resume(id: string): Promise<ReofferOutcome>;
  setMuted(id: string, muted: boolean): void;
  sendDtmf(id: string, tone: DtmfTone): void;
  setDtmfTransport(transport: DtmfTransport): void;
  /** Call from a user gesture: lets the first incoming call ring. */
  unlockAudio(): void;
  setDevices(prefs: Partial<DevicePreferences>): void;
  reregister(): void;
}

interface LiveCall {
  session: RTCSession;
  snapshot: CallSnapshot;
  queue: ReofferQueue;
  settle: ((outcome: ReofferOutcome) => void) | null;
  stream: MediaStream | null;
  music: MediaStreamTrack | null;
  releaseAudio: (() => void) | null;
  endedByUs: boolean;
  noNetwork: boolean;
}

interface ReinviteOptions {
  eventHandlers?: {
    succeeded?: (response?: unknown) => void;
    failed?: (response?: { status_code?: number }) => void;
  };
  [key: string]: unknown;
}

type Transport = DTMFOptions['transportType'];
const side = (o: unknown): 'local' | 'remote' => (o === 'remote' ? 'remote' : 'local');

const instanceIdKey = 'sb.sip.instanceId';
// After the first host candidate, wait this long for a STUN/TURN candidate (only if servers set).
const iceGraceMs = 200;
// A call whose INVITE has not gone out by then fails visibly rather than hanging.
const inviteDeadlineMs = 5_000;

export function createSoftphone(options: SoftphoneOptions): Softphone {
  const now = options.now ?? Date.now;
  const listeners = new Set<(event: SoftphoneEvent) => void>();
  const calls = new Map<string, LiveCall>();
  const media = createMedia(options.devices);
  let ua: UA | null = null;
  let credentials: SipCredentials | null = null;
  let registration: RegistrationState = { status: 'off' };
  let dtmfTransport: DtmfTransport = 'rfc4733';
  let stopped = true;
  let wasDisconnected = false;
  let lastTick = now();
  let tickTimer: ReturnType<typeof setInterval> | null = null;

  const emit = (event: SoftphoneEvent) => {
    for (const listener of listeners) listener(event);
  };
  const setRegistration = (state: RegistrationState) => {
    registration = state;
    emit({ type: 'registration', state });
  };
  const fail = (reason: RegistrationFailure) => setRegistration({ status: 'failed', reason });

  const renewer = createCredentialRenewer({
    fetchCredentials: options.fetchCredentials,
    onCredentials: adoptCredentials,
    onError: (error) => {
      // A failed renewal while still registered is not worth alarming anyone: we retry.
      if (registration.status === 'registered' && error.status !== 403) return;
      if (error.status === 503) fail({ kind: 'notConfigured' });
      else if (error.status === 403) fail({ kind: 'noExtension' });
      else fail({ kind: 'credentials' });
    },
  });

  function instanceId(): string {
    try {
      const stored = options.storage?.getItem(instanceIdKey);
      if (stored && /^[0-9a-f-]{36}$/i.test(stored)) return stored;
      const fresh = crypto.randomUUID();
      options.storage?.setItem(instanceIdKey, fresh);
      return fresh;
    } catch {
      return crypto.randomUUID();
    }
  }

  function adoptCredentials(creds: SipCredentials): void {
    const first = !ua || credentials?.uri !== creds.uri || credentials.wsUrl !== creds.wsUrl;
    credentials = creds;
    emit({
      type: 'identity',
      identity: {
        extension: creds.extension,
        displayName: creds.displayName,
        dialPrefix: creds.dialPrefix,
        domain: creds.domain,
      },
    });
    if (first) {
      startUa(creds);
      return;
    }
    // JsSIP caches the digest after the first challenge: both fields must change together.
    ua?.set('authorization_user', creds.authorizationUser);
    ua?.set('password', creds.password);
    if (registration.status === 'failed' && ua?.isConnected()) ua.register();
  }

  function startUa(creds: SipCredentials): void {
    if (ua) ua.stop();
    const next = new UA({
      sockets: [new WebSocketInterface(creds.wsUrl)],
      uri: creds.uri,
      authorization_user: creds.authorizationUser,
      password: creds.password,
      display_name: creds.displayName,
      register: true,
      register_expires: 300,
      session_timers: false,
      instance_id: instanceId(),
      user_agent: 'Switchboard',
      connection_recovery_min_interval: 2,
      connection_recovery_max_interval: 10,
      no_answer_timeout: 90,
    });
    ua = next;
    next.on('connecting', () => {
      if (registration.status !== 'registered') setRegistration({ status: 'registering' });
    });
    next.on('connected', () => {
      if (wasDisconnected) {
        wasDisconnected = false;
        // The socket came back: JsSIP re-registers itself; calls need fresh ICE to survive.
        for (const live of calls.values()) restartIce(live);
      }
    });
    next.on('disconnected', () => {
      if (stopped || ua !== next) return;
      wasDisconnected = true;
      fail({ kind: 'unreachable' });
    });
    next.on('registered', () => setRegistration({ status: 'registered' }));
    next.on('unregistered', () => {
      if (!stopped) setRegistration({ status: 'off' });
    });
    next.on('registrationFailed', (e) => {
      const code = (e.response as { status_code?: number } | undefined)?.status_code ?? null;
      if (e.cause === 'Connection Error' || e.cause === 'Request Timeout' || code === null)
        fail({ kind: 'unreachable' });
      else if (code === 401 || code === 403 || code === 407) fail({ kind: 'refused', code });
      else fail({ kind: 'other', code });
    });
    next.on('newRTCSession', (e: RTCSessionEvent) => adoptSession(e.session, e.originator));
    setRegistration({ status: 'registering' });
    next.start();
  }

  function context(): DialContext | null {
    return credentials ? { dialPrefix: credentials.dialPrefix, domain: credentials.domain } : null;
  }

  function remoteParty(session: RTCSession) {
    const identity = session.remote_identity;
    const user = identity.uri.user ?? '';
    const number = credentials ? extensionOf(user, credentials.dialPrefix) : user;
    const name = identity.display_name?.trim() || number;
    return { name, number };
  }

  function update(live: LiveCall, event: CallEvent): void {
    live.snapshot = applyCallEvent(live.snapshot, event);
    emit({ type: 'call', id: live.snapshot.id, event });
  }

  function syncRinging(): void {
    const incoming = [...calls.values()].filter((c) => c.snapshot.state === 'incoming');
    if (incoming.length === 0) {
      media.stopRinging();
      return;
    }
    const busy = [...calls.values()].some((c) => c.snapshot.state === 'connected');
    media.startRinging(busy);
  }

  function adoptSession(session: RTCSession, originator: string): void {
    const direction = originator === 'remote' ? 'incoming' : 'outgoing';
    const id = session.id;
    const live: LiveCall = {
      session,
      snapshot: newCall(id, direction, remoteParty(session), now()),
      queue: createReofferQueue(),
      settle: null,
      stream: null,
      music: null,
      releaseAudio: null,
      endedByUs: false,
      noNetwork: false,
    };
    calls.set(id, live);
    guardReinvites(live);
    const iceCut = makeIceCut({ graceMs: credentials?.iceServers.length ? iceGraceMs : 0 });
    session.on('icecandidate', (e) => iceCut(e as unknown as Parameters<typeof iceCut>[0]));
    session.on('peerconnection', (e) => attachRemoteAudio(live, e.peerconnection));
    session.on('progress', () => update(live, { type: 'ringing' }));
    session.on('accepted', () => update(live, { type: 'connected', at: now() }));
    session.on('confirmed', () => update(live, { type: 'connected', at: now() }));
    session.on('hold', (e) => update(live, { type: 'hold', originator: side(e.originator) }));
    session.on('unhold', (e) => update(live, { type: 'unhold', originator: side(e.originator) }));
    session.on('muted', () => update(live, { type: 'muted' }));
    session.on('unmuted', () => update(live, { type: 'unmuted' }));
    session.on('newDTMF', (e: IncomingDTMFEvent) => {
      if (e.originator === 'remote') update(live, { type: 'dtmf', tone: e.dtmf.tone });
    });
    // We can be the transferee: a REFER from the other side is followed, a Replaces accepted.
    session.on('refer', (e) => {
      void media
        .callStream()
        .then((stream) => e.accept(() => undefined, { mediaStream: stream, pcConfig: pcConfig() }));
    });
    session.on('replaces', (e) => e.accept());
    const finish = (cause: string, code: number | null) => {
      const end: CallEnd = live.noNetwork
        ? { kind: 'connection' }
        : callEndFromSip(cause, code, direction, live.endedByUs, live.snapshot.answeredAt !== null);
      release(live);
      update(live, { type: 'ended', at: now(), end });
    };
    session.on('ended', (e) => finish(e.cause, null));
    session.on('failed', (e) => {
      const message = e.message as { status_code?: number } | null | undefined;
      finish(e.cause, message?.status_code ?? null);
    });
    emit({ type: 'callAdded', call: live.snapshot });
    if (direction === 'incoming') syncRinging();
  }

  function release(live: LiveCall): void {
    calls.delete(live.snapshot.id);
    live.queue.clear();
    live.settle?.('failed');
    live.settle = null;
    live.releaseAudio?.();
    live.releaseAudio = null;
    live.music?.stop();
    live.music = null;
    live.stream?.getTracks().forEach((t) => t.stop());
    live.stream = null;
    syncRinging();
  }

  function attachRemoteAudio(live: LiveCall, pc: RTCPeerConnection): void {
    const play = (stream: MediaStream) => {
      live.releaseAudio?.();
      live.releaseAudio = media.playRemote(stream);
    };
    pc.addEventListener('track', (e) => {
      if (e.track.kind === 'audio') play(e.streams[0] ?? new MediaStream([e.track]));
    });
  }

  // JsSIP ends the call when any re-INVITE fails, 491 included. We catch the 491 and let the
  // queue try again; other failures keep JsSIP's behaviour.
  function guardReinvites(live: LiveCall): void {
    const target = live.session as unknown as { _sendReinvite: (o?: ReinviteOptions) => void };
    const original = target._sendReinvite.bind(target);
    target._sendReinvite = (opts: ReinviteOptions = {}) => {
      const handlers = opts.eventHandlers ?? {};
      original({
        ...opts,
        eventHandlers: {
          succeeded: (response) => {
            handlers.succeeded?.(response);
            settle(live, 'ok');
          },
          failed: (response) => {
            if (response?.status_code === 491 && live.settle) {
              settle(live, 'glare');
              return;
            }
            handlers.failed?.(response);
            settle(live, 'failed');
          },
        },
      });
    };
  }

  function settle(live: LiveCall, outcome: ReofferOutcome): void {
    const done = live.settle;
    live.settle = null;
    done?.(outcome);
  }

  /** Starts one re-offer and resolves when its answer (or 491) arrives. */
  function reoffer(live: LiveCall, start: () => boolean): Promise<ReofferOutcome> {
    return new Promise((resolve) => {
      live.settle = resolve;
      if (!start()) {
        live.settle = null;
        resolve('notReady');
      }
    });
  }

  function keepMusicPlaying(live: LiveCall): void {
    // JsSIP disables the sender's track while on hold (the holder would send silence).
    if (live.music) live.music.enabled = true;
  }

  function audioSender(live: LiveCall): RTCRtpSender | undefined {
    return live.session.connection
      ?.getSenders()
      .find((s) => s.track?.kind === 'audio' || s.track === null);
  }

  function restartIce(live: LiveCall): void {
    if (live.snapshot.state !== 'connected') return;
    const go = () =>
      reoffer(live, () => live.session.renegotiate({ rtcOfferConstraints: { iceRestart: true } }));
    void live.queue.run(go).then(() => keepMusicPlaying(live));
  }

  function pcConfig(): RTCConfiguration {
    return { iceServers: credentials?.iceServers ?? [] };
  }

  function onOnline(): void {
    if (!ua || stopped) return;
    if (ua.isConnected()) ua.register();
  }

  // A laptop that slept misses its refresh; timers stall while asleep, so a long gap means sleep.
  function onVisible(): void {
    if (document.visibilityState !== 'visible') return;
    if (now() - lastTick > 60_000) onOnline();
    lastTick = now();
  }

  function onPageHide(e: PageTransitionEvent): void {
    if (!e.persisted) {
      ua?.stop();
      return;
    }
    ua?.unregister();
  }

  function onPageShow(e: PageTransitionEvent): void {
    if (e.persisted && ua && !stopped) ua.register();
  }

  const live = (id: string) => calls.get(id);

  return {
    async start() {
      if (!stopped) return;
      stopped = false;
      window.addEventListener('online', onOnline);
      document.addEventListener('visibilitychange', onVisible);
      window.addEventListener('pagehide', onPageHide);
      window.addEventListener('pageshow', onPageShow);
      tickTimer = setInterval(() => {
        if (now() - lastTick > 60_000) onOnline();
        lastTick = now();
      }, 15_000);
      setRegistration({ status: 'registering' });
      media.unlock();
      await renewer.start();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      window.removeEventListener('online', onOnline);
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('pagehide', onPageHide);
      window.removeEventListener('pageshow', onPageShow);
      if (tickTimer) clearInterval(tickTimer);
      tickTimer = null;
      renewer.stop();
      // UA.stop() terminates the calls and unregisters before it closes the socket.
      ua?.stop();
      ua = null;
      credentials = null;
      for (const c of [...calls.values()]) release(c);
      media.dispose();
      setRegistration({ status: 'off' });
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async resolve(input) {
      const ctx = context();
      if (!ctx) return null;
      // libphonenumber's metadata (≈ 29 KB gz) loads only when a phone number is dialled.
      let needsNumbers = false;
      const first = parseDialTarget(input, ctx, () => {
        needsNumbers = true;
        return null;
      });
      if (!needsNumbers) return first;
      const { toE164 } = await import('./number');
      return parseDialTarget(input, ctx, (raw) => toE164(raw, options.region ?? null));
    },
    async call(input) {
      const target = await this.resolve(input);
      if (!target || !ua) return { ok: false, problem: 'notReady' };
      if (!target.ok) return { ok: false, problem: target.problem };
      const stream = await media.callStream();
      const session = ua.call(target.uri, {
        mediaStream: stream,
        pcConfig: pcConfig(),
        rtcOfferConstraints: { offerToReceiveAudio: true, offerToReceiveVideo: false },
      });
      const call = calls.get(session.id);
      if (call) {
        call.stream = stream;
        if (session.connection) attachRemoteAudio(call, session.connection);
        let sent = false;
        session.on('sending', () => (sent = true));
        setTimeout(() => {
          if (!sent && calls.has(session.id)) {
            call.noNetwork = true;
            session.terminate();
          }
        }, inviteDeadlineMs);
      } else {
        stream.getTracks().forEach((t) => t.stop());
      }
      return { ok: true, id: session.id };
    },
    async answer(id) {
      const call = live(id);
      if (!call || call.snapshot.state !== 'incoming') return;
      // Call waiting: answering puts the call we were in on hold.
      for (const other of calls.values())
        if (other !== call && other.snapshot.state === 'connected' && !other.snapshot.held)
          void this.hold(other.snapshot.id);
      call.stream = await media.callStream();
      call.session.answer({ mediaStream: call.stream, pcConfig: pcConfig() });
      syncRinging();
    },
    decline(id) {
      const call = live(id);
      if (!call) return;
      call.endedByUs = true;
      call.session.terminate({ status_code: 486, reason_phrase: 'Busy Here' });
    },
    hangUp(id) {
      const call = live(id);
      if (!call) return;
      call.endedByUs = true;
      // terminate() sends CANCEL while ringing, BYE once connected.
      call.session.terminate();
    },
    hold(id) {
      const call = live(id);
      if (!call) return Promise.resolve('failed');
      const toHeld = () => {
        if (call.session.isOnHold().local) return reoffer(call, () => call.session.renegotiate());
        return reoffer(call, () => {
          if (!call.session.hold()) return false;
          const music = call.music ?? media.holdMusicTrack();
          call.music = music;
          if (music) void audioSender(call)?.replaceTrack(music);
          return true;
        });
      };
      return call.queue.run(toHeld).then((outcome) => {
        keepMusicPlaying(call);
        return outcome;
      });
    },
    resume(id) {
      const call = live(id);
      if (!call) return Promise.resolve('failed');
      const toResumed = () => {
        if (!call.session.isOnHold().local) return reoffer(call, () => call.session.renegotiate());
        return reoffer(call, () => {
          const mic = call.stream?.getAudioTracks()[0];
          // The mic goes back first: unhold() re-enables whatever track the sender holds.
          if (mic) void audioSender(call)?.replaceTrack(mic);
          if (!call.session.unhold()) {
            if (call.music) void audioSender(call)?.replaceTrack(call.music);
            return false;
          }
          // unhold() re-enabled the sender's track, which may still be the music until
          // replaceTrack settles: enable the mic ourselves (unless muted).
          if (mic) mic.enabled = !call.session.isMuted().audio;
          call.music?.stop();
          call.music = null;
          return true;
        });
      };
      return call.queue.run(toResumed);
    },
    setMuted(id, muted) {
      const call = live(id);
      if (!call) return;
      if (muted) call.session.mute({ audio: true });
      else call.session.unmute({ audio: true });
      keepMusicPlaying(call);
    },
    sendDtmf(id, tone) {
      const call = live(id);
      if (!call || call.snapshot.state !== 'connected') return;
      try {
        call.session.sendDTMF(tone, {
          transportType: (dtmfTransport === 'info' ? 'INFO' : 'RFC2833') as Transport,
          duration: 120,
          interToneGap: 70,
        });
      } catch {
        // No RTCDTMFSender on this connection: fall back to SIP INFO.
        call.session.sendDTMF(tone, { transportType: 'INFO' as Transport });
      }
    },
    setDtmfTransport(transport) {
      dtmfTransport = transport;
    },
    unlockAudio: () => media.unlock(),
    setDevices: (prefs) => media.setPreferences(prefs),
    reregister: onOnline,
  };
}

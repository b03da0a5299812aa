// The softphone: one JsSIP UA, its registration, and the calls it carries. It speaks domain
// events (src/domain/phone.ts); live RTCSession objects never leave this file.
import { UA } from 'jssip';
import type { DTMFOptions, IncomingDTMFEvent, RTCSession } from 'jssip/lib/RTCSession';
import type { RTCSessionEvent } from 'jssip/lib/UA';
import {
  applyCallEvent,
  callEndFromSip,
  canTransfer,
  extensionOf,
  newCall,
  queueCallTaskId,
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
  type TransferKind,
  transferStatusFromSipfrag,
} from '../domain';
import { createCredentialRenewer, type CredentialsResult } from './credentials';
import { makeIceCut } from './ice';
import { createKeepAlive, DroppableWebSocket, type KeepAlive } from './keepalive';
import { createMedia, type DevicePreferences, type LevelMeter } from './media';
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
  /** The colleague's name for an extension, so an outgoing call shows "Bob Brown (1002)". */
  nameOf?: (number: string) => string | undefined;
  /** OPTIONS keep-alive period and how long an answer may take before the socket counts as dead. */
  keepAlive?: { intervalMs: number; timeoutMs: number };
}

export type DialOutcome =
  { ok: true; id: string } | { ok: false; problem: 'empty' | 'invalid' | 'notReady' };

/** A transfer was sent (its progress arrives as call events) or could not start. */
export type TransferOutcome =
  { ok: true } | { ok: false; problem: 'empty' | 'invalid' | 'notReady' };

export interface Softphone {
  start(): Promise<void>;
  /** Ends calls and unregisters; resolves once the UA has let go of the server (at most 2 s). */
  stop(): Promise<void>;
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
  /** Blind transfer: REFER the other party to `input`; our leg ends on the NOTIFY with 200. */
  transfer(id: string, input: string): Promise<TransferOutcome>;
  /** Attended transfer, step one: hold the call and call `input` as a consultation. */
  consult(id: string, input: string): Promise<DialOutcome>;
  /** Attended transfer, step two: REFER the held party to the consulted one (Replaces). */
  completeTransfer(consultId: string): TransferOutcome;
  sendDtmf(id: string, tone: DtmfTone): void;
  setDtmfTransport(transport: DtmfTransport): void;
  /** Call from a user gesture: lets the first incoming call ring. */
  unlockAudio(): void;
  setDevices(prefs: Partial<DevicePreferences>): void;
  /** How long a transfer target may ring before the transfer is given up (the caller stays). */
  setTransferTimeout(ms: number): void;
  reregister(): void;
  /** Audio levels of a call, 0..1: what our microphone sends and what we receive. */
  levels(id: string): CallLevels | null;
}

export interface CallLevels {
  microphone: number;
  remote: number;
}

interface LiveCall {
  session: RTCSession;
  snapshot: CallSnapshot;
  queue: ReofferQueue;
  settle: ((outcome: ReofferOutcome) => void) | null;
  stream: MediaStream | null;
  music: MediaStreamTrack | null;
  releaseAudio: (() => void) | null;
  micMeter: LevelMeter | null;
  remoteMeter: LevelMeter | null;
  endedByUs: boolean;
  noNetwork: boolean;
  /** Our leg was hung up because the transfer of this call succeeded. */
  transferred: boolean;
  /** We gave up on this call because nobody answered in the transfer time. */
  timedOut: boolean;
  /** The pending give-up of a transfer or of ringing that a transfer started. */
  giveUp: ReturnType<typeof setTimeout> | null;
}

interface SipfragEvent {
  status_line?: { status_code?: number | string };
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

/** How long the callee leaves the caller to restart ICE after a reconnect (RFC 3261 14.1 roles). */
const calleeIceRestartDelayMs = 4000;

// A dead socket is noticed within interval + timeout (≤ 14 s) instead of at the next REGISTER
// refresh (minutes); one small OPTIONS every 10 s is nothing for Kamailio.
const defaultKeepAlive = { intervalMs: 10_000, timeoutMs: 4_000 };

interface OptionsSender {
  sendOptions(
    target: string,
    body: undefined,
    options: {
      eventHandlers: {
        succeeded: () => void;
        failed: (e: { response?: unknown }) => void;
      };
    },
  ): unknown;
}

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
  let keepAlive: KeepAlive | null = null;
  let transferTimeoutMs = 30_000;

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
    // Register with them at once, while the old ones still hold: a registrar that refuses the
    // new set is found out now, not when the old set expires.
    if (ua?.isConnected()) ua.register();
  }

  function startUa(creds: SipCredentials): void {
    if (ua) ua.stop();
    keepAlive?.stop();
    const socket = new DroppableWebSocket(creds.wsUrl);
    const next = new UA({
      sockets: [socket],
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
    // A reconnect after a failure keeps saying why it failed until it is registered again.
    next.on('connecting', () => {
      if (registration.status === 'off') setRegistration({ status: 'registering' });
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
    // JsSIP reports a lost socket as 'disconnected' and then 'unregistered': keep the reason.
    next.on('unregistered', () => {
      if (!stopped && registration.status !== 'failed') setRegistration({ status: 'off' });
    });
    next.on('registrationFailed', (e) => {
      const code = (e.response as { status_code?: number } | undefined)?.status_code ?? null;
      if (e.cause === 'Connection Error' || e.cause === 'Request Timeout' || code === null)
        fail({ kind: 'unreachable' });
      else if (code === 401 || code === 403 || code === 407) fail({ kind: 'refused', code });
      else fail({ kind: 'other', code });
    });
    next.on('newRTCSession', (e: RTCSessionEvent) => {
      const remote = e.originator === 'remote';
      const task = remote ? queueCallTaskId(e.request.getHeader('X-Switchboard-Task')) : null;
      adoptSession(e.session, e.originator, e.request.hasHeader('replaces'), task);
    });
    setRegistration({ status: 'registering' });
    next.start();
    keepAlive = createKeepAlive({
      ...(options.keepAlive ?? defaultKeepAlive),
      connected: () => ua === next && next.isConnected(),
      probe: (answered) => {
        try {
          (next as unknown as OptionsSender).sendOptions(`sip:${creds.domain}`, undefined, {
            eventHandlers: {
              succeeded: answered,
              // Any response means the server is there; a timeout or transport error does not.
              failed: (e) => {
                if (e.response) answered();
              },
            },
          });
        } catch {
          answered(); // not sendable right now (closing): nothing to judge
        }
      },
      onDead: () => {
        if (ua === next && !stopped) socket.drop();
      },
    });
    keepAlive.start();
  }

  function context(): DialContext | null {
    return credentials ? { dialPrefix: credentials.dialPrefix, domain: credentials.domain } : null;
  }

  function remoteParty(session: RTCSession) {
    const identity = session.remote_identity;
    const user = identity.uri.user ?? '';
    const number = credentials ? extensionOf(user, credentials.dialPrefix) : user;
    const name = identity.display_name?.trim() || options.nameOf?.(number) || number;
    return { name, number };
  }

  function update(live: LiveCall, event: CallEvent): void {
    live.snapshot = applyCallEvent(live.snapshot, event);
    emit({ type: 'call', id: live.snapshot.id, event });
    // An answered call stops its ring (it kept ringing through the call until another call
    // ended), and a second call that rings now beeps softly instead.
    if (event.type === 'connected') syncRinging();
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

  function adoptSession(
    session: RTCSession,
    originator: string,
    replacing = false,
    taskId: string | null = null,
  ): void {
    const direction = originator === 'remote' ? 'incoming' : 'outgoing';
    const id = session.id;
    const live: LiveCall = {
      session,
      snapshot: newCall(id, direction, remoteParty(session), now(), taskId),
      queue: createReofferQueue({ ownsCallId: direction === 'outgoing' }),
      settle: null,
      stream: null,
      music: null,
      releaseAudio: null,
      micMeter: null,
      remoteMeter: null,
      endedByUs: false,
      noNetwork: false,
      transferred: false,
      timedOut: false,
      giveUp: null,
    };
    calls.set(id, live);
    guardReinvites(live);
    const iceCut = makeIceCut({ graceMs: credentials?.iceServers.length ? iceGraceMs : 0 });
    session.on('icecandidate', (e) => iceCut(e as unknown as Parameters<typeof iceCut>[0]));
    session.on('peerconnection', (e) => attachRemoteAudio(live, e.peerconnection));
    // Outgoing sessions made their connection before telling us (ours and REFER-made ones).
    if (session.connection) attachRemoteAudio(live, session.connection);
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
    // We can be the transferee: a REFER from the other side is followed by a call to its
    // target (JsSIP reports that call's progress back in NOTIFYs), a Replaces is accepted (and
    // the new session answered at once, see below).
    session.on('refer', (e) => {
      void media.callStream().then((stream) => {
        const made: RTCSession[] = [];
        const accepted: unknown = e.accept((s: RTCSession) => made.push(s), {
          mediaStream: stream,
          pcConfig: pcConfig(),
        });
        const call = made[0] ? calls.get(made[0].id) : undefined;
        if (accepted === false || !call) stream.getTracks().forEach((t) => t.stop());
        else {
          call.stream = stream;
          giveUpUnanswered(call);
        }
      });
    });
    session.on('replaces', (e) => e.accept());
    const finish = (cause: string, code: number | null) => {
      const end: CallEnd = live.transferred
        ? { kind: 'transferred' }
        : live.timedOut
          ? { kind: 'noAnswer' }
          : live.noNetwork
            ? { kind: 'connection' }
            : callEndFromSip(
                cause,
                code,
                direction,
                live.endedByUs,
                live.snapshot.answeredAt !== null,
              );
      release(live);
      update(live, { type: 'ended', at: now(), end });
    };
    session.on('ended', (e) => finish(e.cause, null));
    session.on('failed', (e) => {
      const message = e.message as { status_code?: number } | null | undefined;
      finish(e.cause, message?.status_code ?? null);
    });
    emit({ type: 'callAdded', call: live.snapshot });
    // An INVITE with Replaces takes over a call we are in (the end of an attended transfer
    // elsewhere): JsSIP matched it to one of our dialogs, so it is answered, not rung.
    if (replacing) void answerReplacing(live);
    else if (direction === 'incoming') syncRinging();
  }

  async function answerReplacing(live: LiveCall): Promise<void> {
    const stream = await media.callStream();
    if (!calls.has(live.snapshot.id)) {
      stream.getTracks().forEach((t) => t.stop());
      return;
    }
    live.stream = stream;
    live.session.answer({ mediaStream: stream, pcConfig: pcConfig() });
  }

  function clearGiveUp(live: LiveCall): void {
    if (live.giveUp) clearTimeout(live.giveUp);
    live.giveUp = null;
  }

  /** A call made for a transfer (a consultation, or the one a REFER asked for) stops ringing. */
  function giveUpUnanswered(live: LiveCall): void {
    clearGiveUp(live);
    live.giveUp = setTimeout(() => {
      live.giveUp = null;
      if (live.snapshot.answeredAt !== null || live.session.isEnded()) return;
      live.timedOut = true;
      live.endedByUs = true;
      live.session.terminate();
    }, transferTimeoutMs);
  }

  function endLeg(live: LiveCall, transferred: boolean): void {
    if (!calls.has(live.snapshot.id) || live.session.isEnded()) return;
    live.endedByUs = true;
    live.transferred = transferred;
    try {
      live.session.terminate();
    } catch {
      // Already terminating (the other side's BYE crossed ours).
    }
  }

  /**
   * Sends the REFER and follows its NOTIFYs. Only a 2xx sipfrag completes the transfer: then our
   * legs hang up. A refused REFER or a failed NOTIFY leaves the calls as they are.
   */
  function refer(
    live: LiveCall,
    kind: TransferKind,
    target: { uri: string; display: string },
    legs: LiveCall[],
    replaces?: RTCSession,
  ): boolean {
    const progress = (code: number | null) => {
      const status = code === null ? 'failed' : transferStatusFromSipfrag(code);
      update(live, { type: 'transferProgress', status, code });
      if (status === 'done') for (const leg of legs) endLeg(leg, true);
      if (status === 'done' || status === 'failed') clearGiveUp(live);
    };
    const sipfrag = (e: SipfragEvent) => {
      const code = Number(e.status_line?.status_code);
      return Number.isFinite(code) ? code : null;
    };
    update(live, { type: 'transferStarted', kind, target: target.display });
    // A target that never answers must not hold the caller in limbo: after the transfer time
    // the transfer counts as failed (408) and the caller is still with the agent. (A PWA that
    // is the transferee cancels its ringing call by the same rule, see 'refer' below.)
    clearGiveUp(live);
    live.giveUp = setTimeout(() => {
      live.giveUp = null;
      const status = live.snapshot.transfer?.status;
      if (status === 'trying' || status === 'ringing')
        update(live, { type: 'transferProgress', status: 'failed', code: 408 });
    }, transferTimeoutMs);
    try {
      live.session.refer(target.uri, {
        ...(replaces ? { replaces } : {}),
        eventHandlers: {
          requestFailed: (e: { response?: { status_code?: number } | null }) =>
            progress(e.response?.status_code ?? null),
          trying: (e: SipfragEvent) => progress(sipfrag(e) ?? 100),
          progress: (e: SipfragEvent) => progress(sipfrag(e) ?? 180),
          accepted: (e: SipfragEvent) => progress(sipfrag(e) ?? 200),
          failed: (e: SipfragEvent) => progress(sipfrag(e)),
        },
      });
      return true;
    } catch {
      progress(null);
      return false;
    }
  }

  function release(live: LiveCall): void {
    calls.delete(live.snapshot.id);
    clearGiveUp(live);
    live.queue.clear();
    live.settle?.('failed');
    live.settle = null;
    live.releaseAudio?.();
    live.releaseAudio = null;
    live.micMeter?.release();
    live.micMeter = null;
    live.remoteMeter?.release();
    live.remoteMeter = null;
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
      live.remoteMeter?.release();
      live.remoteMeter = media.meter(stream);
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

  // After a reconnect both sides would re-offer at once and collide (491 both ways). The side
  // that sent the INVITE restarts ICE at once; the other waits and re-offers only if its ICE is
  // still broken by then (one ICE-restart offer renews both ends).
  function restartIce(live: LiveCall): void {
    if (live.snapshot.state !== 'connected') return;
    const go = () => {
      const ice = live.session.connection?.iceConnectionState;
      if (live.snapshot.direction === 'incoming' && (ice === 'connected' || ice === 'completed')) {
        return Promise.resolve<ReofferOutcome>('ok');
      }
      return reoffer(live, () =>
        live.session.renegotiate({ rtcOfferConstraints: { iceRestart: true } }),
      );
    };
    const start =
      live.snapshot.direction === 'outgoing'
        ? Promise.resolve()
        : new Promise<void>((r) => setTimeout(r, calleeIceRestartDelayMs));
    void start.then(() => live.queue.run(go)).then(() => keepMusicPlaying(live));
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
    async stop() {
      if (stopped) return;
      stopped = true;
      window.removeEventListener('online', onOnline);
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('pagehide', onPageHide);
      window.removeEventListener('pageshow', onPageShow);
      if (tickTimer) clearInterval(tickTimer);
      tickTimer = null;
      keepAlive?.stop();
      keepAlive = null;
      renewer.stop();
      // UA.stop() terminates the calls and unregisters before it closes the socket.
      const closing = ua;
      const gone = closing
        ? new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, 2_000);
            const done = () => {
              clearTimeout(timer);
              resolve();
            };
            closing.once('unregistered', done);
            closing.once('disconnected', done);
            if (!closing.isRegistered() && !closing.isConnected()) done();
          })
        : Promise.resolve();
      closing?.stop();
      ua = null;
      credentials = null;
      for (const c of [...calls.values()]) release(c);
      media.dispose();
      setRegistration({ status: 'off' });
      await gone;
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
    async transfer(id, input) {
      const call = live(id);
      if (!call || !canTransfer(call.snapshot)) return { ok: false, problem: 'notReady' };
      const target = await this.resolve(input);
      if (!target) return { ok: false, problem: 'notReady' };
      if (!target.ok) return { ok: false, problem: target.problem };
      return refer(call, 'blind', target, [call])
        ? { ok: true }
        : { ok: false, problem: 'notReady' };
    },
    async consult(id, input) {
      const call = live(id);
      if (!call || !canTransfer(call.snapshot)) return { ok: false, problem: 'notReady' };
      const target = await this.resolve(input);
      if (!target) return { ok: false, problem: 'notReady' };
      if (!target.ok) return { ok: false, problem: target.problem };
      if (!call.snapshot.held && (await this.hold(id)) !== 'ok')
        return { ok: false, problem: 'notReady' };
      const outcome = await this.call(input);
      const consultation = outcome.ok ? calls.get(outcome.id) : undefined;
      if (consultation) {
        update(consultation, { type: 'consultOf', callId: id });
        giveUpUnanswered(consultation);
      }
      return outcome;
    },
    completeTransfer(consultId) {
      const consultation = live(consultId);
      const original = consultation?.snapshot.consultFor
        ? live(consultation.snapshot.consultFor)
        : undefined;
      if (!consultation || !original || consultation.snapshot.state !== 'connected')
        return { ok: false, problem: 'notReady' };
      const target = {
        uri: consultation.session.remote_identity.uri.toString(),
        display: consultation.snapshot.remote.number,
      };
      const sent = refer(
        original,
        'attended',
        target,
        [original, consultation],
        consultation.session,
      );
      return sent ? { ok: true } : { ok: false, problem: 'notReady' };
    },
    setDtmfTransport(transport) {
      dtmfTransport = transport;
    },
    unlockAudio: () => media.unlock(),
    setDevices: (prefs) => media.setPreferences(prefs),
    setTransferTimeout(ms) {
      transferTimeoutMs = ms;
    },
    reregister: onOnline,
    levels(id) {
      const call = live(id);
      if (!call) return null;
      // The meter follows the call's own microphone track: muted or held, it is disabled and
      // reads silence, which is what the other side gets from it.
      if (!call.micMeter && call.stream) call.micMeter = media.meter(call.stream);
      return {
        microphone: call.micMeter?.level() ?? 0,
        remote: call.remoteMeter?.level() ?? 0,
      };
    },
  };
}

import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { SignInPage } from './sign-in-page.js';

declare global {
  interface Window {
    __sbPeerConnections?: RTCPeerConnection[];
    __sbNotifications?: ShownNotification[];
    __sbSinks?: SinkChoice[];
    __sbSinkElements?: HTMLMediaElement[];
    __sbSetHidden?: (hidden: boolean) => void;
  }
}

/** A desktop notification the page showed (headless Chromium draws none: they are recorded). */
export interface ShownNotification {
  title: string;
  body: string;
  closed: boolean;
  notification: Notification;
}

/** An output device an audio element was sent to, and what it played then. */
export interface SinkChoice {
  sinkId: string;
  /** The label of the element's audio track: WebAudio-made sounds (ring, beep) say so. */
  track: string;
}

/** What GET /api/sip/credentials answered (the parts a test looks at). */
export interface SeenCredentials {
  authorizationUser: string;
  password: string;
  expiresAt: string;
}

/** A REGISTER this page sent over its SIP WebSocket, with the username it authenticated as. */
export interface SeenRegister {
  username: string | null;
  at: number;
}

export interface InboundAudio {
  packets: number;
  energy: number;
}

/**
 * One agent's browser: signed in through the real UI, on the Phone page, registered to the
 * real Kamailio. Peer connections are collected by an init script so the test can read getStats.
 */
export class Agent {
  /** Every set of SIP credentials the page fetched, in order. */
  readonly credentials: SeenCredentials[] = [];
  /** Every REGISTER the page sent, in order, and the REGISTER answers' status codes. */
  readonly registers: SeenRegister[] = [];
  readonly registerAnswers: { status: number; at: number }[] = [];
  /** The URLs of the WebSockets the page opened for SIP. */
  readonly sipSockets: string[] = [];

  private constructor(
    readonly name: string,
    readonly context: BrowserContext,
    readonly page: Page,
  ) {}

  /**
   * `instance`: the button to press in the instance picker, for people in several instances;
   * `baseURL`: another server than the e2e stack's; `sip`: fields to change in the SIP
   * credentials the server hands out (e.g. the WebSocket URL); `relayOnly`: calls may use TURN
   * relay candidates only (iceTransportPolicy 'relay'), to prove the relay carries them.
   */
  static async signIn(
    browser: Browser,
    email: string,
    name: string,
    instance?: string,
    options: { baseURL?: string; sip?: Record<string, string>; relayOnly?: boolean } = {},
  ): Promise<Agent> {
    const { baseURL, sip, relayOnly = false } = options;
    const context = await browser.newContext({
      permissions: ['microphone', 'notifications'],
      ...(baseURL ? { baseURL } : {}),
      // The server's CSP allows only the SIP port it hands out; an override points elsewhere.
      ...(sip ? { bypassCSP: true } : {}),
    });
    await context.addInitScript((relay: boolean) => {
      const Native = window.RTCPeerConnection;
      const seen: RTCPeerConnection[] = [];
      window.__sbPeerConnections = seen;
      window.RTCPeerConnection = class extends Native {
        constructor(config?: RTCConfiguration) {
          super(relay ? { ...config, iceTransportPolicy: 'relay' } : config);
          seen.push(this);
        }
      } as typeof RTCPeerConnection;
    }, relayOnly);
    await context.addInitScript(() => {
      const shown: ShownNotification[] = [];
      window.__sbNotifications = shown;
      const NativeNotification = window.Notification;
      window.Notification = class extends NativeNotification {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options);
          const entry = { title, body: options?.body ?? '', closed: false, notification: this };
          shown.push(entry);
          const close = this.close.bind(this);
          this.close = () => {
            entry.closed = true;
            close();
          };
        }
      } as typeof Notification;
      // Headless tabs are always visible: the test switches what the page reads.
      let hidden = false;
      Object.defineProperty(Document.prototype, 'visibilityState', {
        configurable: true,
        get: () => (hidden ? 'hidden' : 'visible'),
      });
      Object.defineProperty(Document.prototype, 'hidden', {
        configurable: true,
        get: () => hidden,
      });
      window.__sbSetHidden = (value) => {
        hidden = value;
        document.dispatchEvent(new Event('visibilitychange'));
      };
      const sinks: SinkChoice[] = [];
      window.__sbSinks = sinks;
      const elements: HTMLMediaElement[] = [];
      window.__sbSinkElements = elements;
      const nativeSetSinkId = HTMLMediaElement.prototype.setSinkId;
      HTMLMediaElement.prototype.setSinkId = async function (this: HTMLMediaElement, id: string) {
        const track = (this.srcObject as MediaStream | null)?.getAudioTracks()[0];
        try {
          await nativeSetSinkId.call(this, id);
          sinks.push({ sinkId: this.sinkId, track: track?.label ?? '' });
          elements.push(this);
        } catch (error) {
          sinks.push({ sinkId: `refused ${id}: ${String(error)}`, track: track?.label ?? '' });
          throw error;
        }
      };
    });
    if (sip) {
      await context.route('**/api/sip/credentials', async (route) => {
        const response = await route.fetch();
        const body = (await response.json()) as Record<string, unknown>;
        await route.fulfill({ response, json: { ...body, ...sip } });
      });
    }
    const page = await context.newPage();
    const agent = new Agent(name, context, page);
    agent.watchSip();
    const signIn = new SignInPage(page);
    await signIn.open();
    await signIn.signIn(email);
    if (instance) await page.getByRole('button', { name: instance, exact: true }).click();
    await expect(page.getByRole('button', { name: /^Status/ })).toBeVisible();
    await page.getByRole('navigation').getByRole('link', { name: 'Phone' }).click();
    return agent;
  }

  /** Records credentials fetched and REGISTERs sent and answered (SIP over the WebSocket). */
  private watchSip(): void {
    this.page.on('response', (response) => {
      if (!response.url().endsWith('/api/sip/credentials') || !response.ok()) return;
      void response
        .json()
        .then((body: SeenCredentials) => this.credentials.push(body))
        .catch(() => undefined);
    });
    this.page.on('websocket', (socket) => {
      if (/:\/\/[^/]+\/?$/.test(socket.url()) && !socket.url().includes('/api/')) {
        this.sipSockets.push(socket.url());
      }
      socket.on('framesent', ({ payload }) => {
        const text = String(payload);
        if (!text.startsWith('REGISTER ')) return;
        const username = /^Authorization:.*\busername="([^"]+)"/im.exec(text)?.[1] ?? null;
        this.registers.push({ username, at: Date.now() });
      });
      socket.on('framereceived', ({ payload }) => {
        const text = String(payload);
        const status = /^SIP\/2\.0 (\d{3})/.exec(text)?.[1];
        if (status && /^CSeq:\s*\d+ REGISTER/im.test(text))
          this.registerAnswers.push({ status: +status, at: Date.now() });
      });
    });
  }

  /** Whether a REGISTER authenticated as `username` was sent and answered 200. */
  registeredAs(username: string): boolean {
    const sent = this.registers.find((r) => r.username === username);
    return !!sent && this.registerAnswers.some((a) => a.at >= sent.at && a.status === 200);
  }

  registration() {
    return this.page.getByRole('status').filter({ hasText: /registered|registering/i });
  }

  async expectRegistered(): Promise<void> {
    await expect(this.page.getByText(/^Registered$/).first()).toBeVisible({ timeout: 15_000 });
  }

  async dial(number: string): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Number' }).fill(number);
    await this.page.getByRole('button', { name: 'Call', exact: true }).click();
  }

  /** The History page's rows naming `who`, read through the table's accessible name. */
  async historyRows(who: string) {
    await this.page.getByRole('navigation').getByRole('link', { name: 'History' }).click();
    return this.page
      .getByRole('table', { name: 'Call history' })
      .getByRole('row')
      .filter({ hasText: who });
  }

  async backToPhone(): Promise<void> {
    await this.page.getByRole('navigation').getByRole('link', { name: 'Phone' }).click();
    await expect(this.page.getByRole('textbox', { name: 'Number' })).toBeVisible();
  }

  button(name: string) {
    return this.page.getByRole('button', { name, exact: true });
  }

  /**
   * Inbound audio, RTP packets and total received energy, of the newest peer connection, or of
   * every open one ('open': for when an ended call made the newest connection).
   */
  async inboundAudio(which: 'newest' | 'open' = 'newest'): Promise<InboundAudio> {
    return this.page.evaluate(async (which) => {
      const all = window.__sbPeerConnections ?? [];
      const pcs =
        which === 'open' ? all.filter((pc) => pc.connectionState !== 'closed') : all.slice(-1);
      let packets = 0;
      let energy = 0;
      for (const pc of pcs) {
        (await pc.getStats()).forEach(
          (s: {
            type: string;
            kind?: string;
            packetsReceived?: number;
            totalAudioEnergy?: number;
          }) => {
            if (s.type === 'inbound-rtp' && s.kind === 'audio') {
              packets += s.packetsReceived ?? 0;
              energy += s.totalAudioEnergy ?? 0;
            }
          },
        );
      }
      return { packets, energy };
    }, which);
  }

  /** The candidate types (host, srflx, relay) of the newest connection's selected pair. */
  async selectedCandidates(): Promise<{ local: string; remote: string } | null> {
    return this.page.evaluate(async () => {
      const pc = (window.__sbPeerConnections ?? []).slice(-1)[0];
      if (!pc) return null;
      const stats = await pc.getStats();
      let pairId: string | undefined;
      stats.forEach((s: { type: string; selectedCandidatePairId?: string }) => {
        if (s.type === 'transport') pairId = s.selectedCandidatePairId;
      });
      const pair = pairId
        ? (stats.get(pairId) as { localCandidateId: string; remoteCandidateId: string })
        : undefined;
      if (!pair) return null;
      const type = (id: string) =>
        (stats.get(id) as { candidateType?: string }).candidateType ?? '';
      return { local: type(pair.localCandidateId), remote: type(pair.remoteCandidateId) };
    });
  }

  /** How much audio arrives over `ms` milliseconds (see inboundAudio for `which`). */
  async energyOver(ms: number, which: 'newest' | 'open' = 'newest'): Promise<InboundAudio> {
    const before = await this.inboundAudio(which);
    await this.page.waitForTimeout(ms);
    const after = await this.inboundAudio(which);
    return { packets: after.packets - before.packets, energy: after.energy - before.energy };
  }

  /** The dock's panel of the call with `party` (a name or number, as a pattern). */
  call(party: RegExp) {
    return this.page.getByRole('region', { name: new RegExp(`^Call with .*${party.source}`) });
  }

  /** The highest reading of a call's level meter (by its label) over `ms` milliseconds. */
  async peakLevel(party: RegExp, meter: string, ms = 1500): Promise<number> {
    const element = this.call(party).getByRole('meter', { name: meter });
    let peak = 0;
    for (const end = Date.now() + ms; Date.now() < end;) {
      peak = Math.max(peak, await element.evaluate((m) => (m as HTMLMeterElement).value));
      await this.page.waitForTimeout(100);
    }
    return peak;
  }

  /** Makes the page believe its tab is hidden (or visible again). */
  async setHidden(hidden: boolean): Promise<void> {
    await this.page.evaluate((h) => window.__sbSetHidden?.(h), hidden);
  }

  /** The desktop notifications shown so far: title, body and whether they were closed. */
  async notifications(): Promise<{ title: string; body: string; closed: boolean }[]> {
    return this.page.evaluate(() =>
      (window.__sbNotifications ?? []).map(({ title, body, closed }) => ({ title, body, closed })),
    );
  }

  /** Clicks the newest desktop notification titled `title` (as the system would). */
  async clickNotification(title: string): Promise<void> {
    await this.page.evaluate((t) => {
      const entry = (window.__sbNotifications ?? []).filter((n) => n.title === t).pop();
      entry?.notification.dispatchEvent(new Event('click'));
    }, title);
  }

  /** Output devices set on audio elements so far, in order. */
  async sinks(): Promise<SinkChoice[]> {
    return this.page.evaluate(() => [...(window.__sbSinks ?? [])]);
  }

  /** The output devices of the audio elements that still play (a stopped sound lets go). */
  async playingSinks(): Promise<string[]> {
    return this.page.evaluate(() =>
      (window.__sbSinkElements ?? []).filter((e) => e.srcObject && !e.paused).map((e) => e.sinkId),
    );
  }

  /** The id of an audio output whose label matches, from the browser's device list. */
  async outputDevice(label: RegExp): Promise<string> {
    const devices = await this.page.evaluate(async () =>
      (await navigator.mediaDevices.enumerateDevices())
        .filter((d) => d.kind === 'audiooutput')
        .map((d) => ({ id: d.deviceId, label: d.label })),
    );
    const found = devices.find((d) => label.test(d.label));
    if (!found) throw new Error(`no output ${label}: ${JSON.stringify(devices)}`);
    return found.id;
  }

  /** The panel of a ringing call from `party`. */
  incoming(party: RegExp) {
    return this.page.getByRole('region', {
      name: new RegExp(`^Incoming call from .*${party.source}`),
    });
  }

  /** Opens the transfer dialog of the call with `party` and fills in the target. */
  async startTransfer(party: RegExp, target: string): Promise<void> {
    await this.call(party).getByRole('button', { name: 'Transfer', exact: true }).click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Transfer to' }).fill(target);
  }

  transferDialog() {
    return this.page.getByRole('dialog');
  }

  /** Another tab of this browser (same context, so same storage and Web Locks), on the phone. */
  async openTab(): Promise<Page> {
    const page = await this.context.newPage();
    await page.goto('/phone');
    return page;
  }

  /** Waits until the dock shows no call at all (an ended call's card lingers a few seconds). */
  async expectNoCalls(): Promise<void> {
    await expect(this.page.getByRole('region', { name: /^Call with/ })).toHaveCount(0, {
      timeout: 15_000,
    });
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}

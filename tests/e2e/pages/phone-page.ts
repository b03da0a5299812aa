import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { SignInPage } from './sign-in-page.js';

declare global {
  interface Window {
    __sbPeerConnections?: RTCPeerConnection[];
  }
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
  private constructor(
    readonly name: string,
    readonly context: BrowserContext,
    readonly page: Page,
  ) {}

  /** `instance`: the button to press in the instance picker, for people in several instances. */
  static async signIn(
    browser: Browser,
    email: string,
    name: string,
    instance?: string,
  ): Promise<Agent> {
    const context = await browser.newContext({ permissions: ['microphone', 'notifications'] });
    await context.addInitScript(() => {
      const Native = window.RTCPeerConnection;
      const seen: RTCPeerConnection[] = [];
      window.__sbPeerConnections = seen;
      window.RTCPeerConnection = class extends Native {
        constructor(config?: RTCConfiguration) {
          super(config);
          seen.push(this);
        }
      } as typeof RTCPeerConnection;
    });
    const page = await context.newPage();
    const signIn = new SignInPage(page);
    await signIn.open();
    await signIn.signIn(email);
    if (instance) await page.getByRole('button', { name: instance, exact: true }).click();
    await expect(page.getByRole('button', { name: /^Status/ })).toBeVisible();
    const agent = new Agent(name, context, page);
    await page.getByRole('navigation').getByRole('link', { name: 'Phone' }).click();
    return agent;
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

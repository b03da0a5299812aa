import dgram from 'node:dgram';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { callLaunchOptions } from '../tests/support/browser.js';
import { repoRoot } from '../tests/support/paths.js';
import { startStack } from '../tests/support/stack.js';
import { sipProbeScript, type SipFrame } from './sip-probe.js';

// Call set-up timings of the real softphone through the real Kamailio, measured inside the
// pages (the time of the click, of each SIP frame on the WebSocket, of the first RTP packet in
// getStats). The callee's Answer is clicked by the bench, so "confirmed" counts from that click.
// Medians of several calls, because these machines are shared and noisy.
const runs = Number(process.env['BENCH_CALLS'] ?? 7);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
};

async function signIn(
  browser: Browser,
  baseUrl: string,
  email: string,
  iceServers?: unknown[],
): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, permissions: ['microphone'] });
  await context.addInitScript(sipProbeScript);
  if (iceServers) {
    await context.route('**/api/sip/credentials', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...(await response.json()), iceServers } });
    });
  }
  const page = await context.newPage();
  await page.goto('/signin');
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill('demo-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation').getByRole('link', { name: 'Phone' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: /^Registered$/ })
    .waitFor({ timeout: 20_000 });
  return page;
}

const frames = (page: Page): Promise<SipFrame[]> => page.evaluate(() => window.__sbFrames ?? []);

/** REGISTER round trip: the authenticated REGISTER to its 200 OK. */
async function registerRtt(page: Page): Promise<number> {
  const log = await frames(page);
  const ok = log.findIndex(
    (f) => f.dir === 'in' && f.firstLine.startsWith('SIP/2.0 200') && f.cseq.endsWith('REGISTER'),
  );
  const sent = log
    .slice(0, ok)
    .reverse()
    .find((f) => f.dir === 'out' && f.firstLine.startsWith('REGISTER'));
  if (ok < 0 || !sent) throw new Error('no REGISTER round trip in the log');
  return (log[ok]?.t ?? NaN) - sent.t;
}

/** Clicks the button inside the page and returns the time of the click (as in sip-probe.ts). */
const clickAt = (page: Page, name: string): Promise<number> =>
  page.evaluate((label) => {
    const button = [...document.querySelectorAll('button')].find(
      (b) => b.textContent?.trim() === label || b.getAttribute('aria-label') === label,
    );
    if (!button) throw new Error(`no button ${label}`);
    const t = performance.timeOrigin + performance.now();
    button.click();
    return t;
  }, name);

/** When the newest peer connection first received audio (as in sip-probe.ts). */
const firstRtpAt = (page: Page): Promise<number> =>
  page.evaluate(async () => {
    const deadline = performance.now() + 10_000;
    while (performance.now() < deadline) {
      const pcs = window.__sbPcs ?? [];
      const pc = pcs[pcs.length - 1];
      if (pc) {
        let packets = 0;
        (await pc.getStats()).forEach(
          (s: { type: string; kind?: string; packetsReceived?: number }) => {
            if (s.type === 'inbound-rtp' && s.kind === 'audio') packets += s.packetsReceived ?? 0;
          },
        );
        if (packets > 0) return performance.timeOrigin + performance.now();
      }
      await new Promise((r) => setTimeout(r, 2));
    }
    throw new Error('no RTP within 10 s');
  });

interface CallTimes {
  inviteMs: number;
  confirmedMs: number;
  callerRtpMs: number;
  calleeRtpMs: number;
}

async function oneCall(caller: Page, callee: Page, extension: string): Promise<CallTimes> {
  await caller.getByRole('textbox', { name: 'Number' }).fill(extension);
  const before = (await frames(caller)).length;
  const clicked = await clickAt(caller, 'Call');
  await callee.getByRole('button', { name: 'Answer', exact: true }).waitFor();
  const [answered, calleeRtp] = await Promise.all([
    clickAt(callee, 'Answer'),
    firstRtpAt(callee),
  ]).then(async ([a, r]) => [a, r] as const);
  const callerRtp = await firstRtpAt(caller);
  await caller.getByRole('button', { name: 'Hang up', exact: true }).waitFor();
  const log = (await frames(caller)).slice(before);
  const invite = log.find((f) => f.dir === 'out' && f.firstLine.startsWith('INVITE'));
  const ok = log.find(
    (f) => f.dir === 'in' && f.firstLine.startsWith('SIP/2.0 200') && f.cseq.endsWith('INVITE'),
  );
  if (!invite || !ok) throw new Error('INVITE or its 200 OK missing from the log');
  const times: CallTimes = {
    inviteMs: invite.t - clicked,
    confirmedMs: ok.t - answered,
    callerRtpMs: callerRtp - answered,
    calleeRtpMs: calleeRtp - answered,
  };
  await caller.getByRole('button', { name: 'Hang up', exact: true }).click();
  await callee.getByRole('button', { name: 'Hang up', exact: true }).waitFor({ state: 'detached' });
  await caller.getByRole('button', { name: 'Hang up', exact: true }).waitFor({ state: 'detached' });
  return times;
}

function report(label: string, calls: CallTimes[]): Record<string, number> {
  const summary = {
    'click → INVITE sent (ms)': median(calls.map((c) => c.inviteMs)),
    'answer click → 200 OK at caller (ms)': median(calls.map((c) => c.confirmedMs)),
    'answer click → first RTP at callee (ms)': median(calls.map((c) => c.calleeRtpMs)),
    'answer click → first RTP at caller (ms)': median(calls.map((c) => c.callerRtpMs)),
  };
  console.log(`${label} (median of ${calls.length}):`);
  for (const [k, v] of Object.entries(summary)) console.log(`  ${k}: ${v.toFixed(1)}`);
  return summary;
}

async function main(): Promise<void> {
  const stack = await startStack({
    port: 18091,
    smtpPort: 18096,
    sip: true,
    dir: path.join(repoRoot, '.run/bench-phone'),
  });
  // A STUN "server" that swallows every request: what an unreachable STUN looks like to ICE.
  const blackhole = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => blackhole.bind(0, '127.0.0.1', resolve));
  const deadStun = [{ urls: [`stun:127.0.0.1:${blackhole.address().port}`] }];
  const browser = await chromium.launch(callLaunchOptions);
  try {
    const alice = await signIn(browser, stack.baseUrl, 'alice@demo.test');
    const bob = await signIn(browser, stack.baseUrl, 'bob@demo.test');
    console.log(
      `REGISTER round trip: alice ${(await registerRtt(alice)).toFixed(1)} ms, bob ${(await registerRtt(bob)).toFixed(1)} ms`,
    );
    const calls: CallTimes[] = [];
    for (let i = 0; i < runs; i++) calls.push(await oneCall(alice, bob, '1002'));
    report('alice → bob, no STUN', calls);

    await alice.context().close();
    const aliceDeadStun = await signIn(browser, stack.baseUrl, 'alice@demo.test', deadStun);
    const stunCalls: CallTimes[] = [];
    for (let i = 0; i < runs; i++) stunCalls.push(await oneCall(aliceDeadStun, bob, '1002'));
    report('alice → bob, unreachable STUN configured', stunCalls);
  } finally {
    await browser.close();
    blackhole.close();
    await stack.stop();
  }
}

await main();

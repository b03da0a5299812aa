import os from 'node:os';
import path from 'node:path';
import { chromium, request, type APIRequestContext, type Page } from 'playwright-core';
import { callLaunchOptions } from '../tests/support/browser.js';
import { repoRoot } from '../tests/support/paths.js';
import { startSipp } from '../tests/support/sipp.js';
import { startStack } from '../tests/support/stack.js';
import { sipProbeScript, type SipFrame } from './sip-probe.js';
import { reportRun, type Row } from './store/report.js';
import { ACD_USER, acdToken } from '../server/src/routing/acd-token.js';

// Inbound calls (issue 6): from a call arriving at Kamailio to the agent's browser ringing.
// sipp dials queue 2000 on the trunk port (UDP, through rtpengine) and hangs up once it hears
// 180 Ringing; alice is the only agent Ready. Measured against one clock (all on this machine):
// sipp's trace time of the INVITE it sent, the page's time of Kamailio's INVITE on its WebSocket
// (sip-probe.ts) and of the Answer button entering the DOM (a MutationObserver, before paint).
// Kamailio asks the server over HTTP between the two, which creates the task and reserves it.
const runs = Number(process.env['BENCH_CALLS'] ?? 9);
const record = process.env['BENCH_CALLS'] === undefined;

declare global {
  interface Window {
    __sbRinging?: number[];
  }
}

// A string (not a function) for the reason sip-probe.ts gives.
const ringingProbeScript = `(() => {
  const times = [];
  window.__sbRinging = times;
  const seen = new WeakSet();
  new MutationObserver(() => {
    for (const button of document.querySelectorAll('button')) {
      if (seen.has(button)) continue;
      const name = button.getAttribute('aria-label') || (button.textContent || '').trim();
      if (name !== 'Answer') continue;
      seen.add(button);
      times.push(performance.timeOrigin + performance.now());
    }
  }).observe(document, { childList: true, subtree: true });
})();`;

async function signIn(baseUrl: string, email: string): Promise<Page> {
  const browser = await chromium.launch(callLaunchOptions);
  const context = await browser.newContext({ baseURL: baseUrl, permissions: ['microphone'] });
  await context.addInitScript(sipProbeScript);
  await context.addInitScript(ringingProbeScript);
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
  await page.getByRole('button', { name: /^Status/ }).click();
  await page.getByRole('menuitem', { name: 'Ready' }).click();
  await page.getByRole('button', { name: /^Status:? Ready/ }).waitFor();
  return page;
}

async function api(baseUrl: string, email: string): Promise<APIRequestContext> {
  const context = await request.newContext({
    baseURL: baseUrl,
    extraHTTPHeaders: { Origin: baseUrl },
  });
  const res = await context.post('/api/session', {
    data: { email, password: 'demo-password' },
  });
  if (!res.ok()) throw new Error(`sign-in as ${email}: ${res.status()}`);
  return context;
}

/** Nobody but alice may ring: bob and carol Offline (carol's session in Demo first). */
async function othersOffline(baseUrl: string): Promise<void> {
  for (const email of ['bob@demo.test', 'carol@demo.test']) {
    const who = await api(baseUrl, email);
    const me = (await (await who.get('/api/me')).json()) as {
      memberships: { instanceId: string; instanceName: string }[];
    };
    const demo = me.memberships.find((m) => m.instanceName === 'Demo')?.instanceId;
    await who.post('/api/session/instance', { data: { instanceId: demo } });
    const mutation = {
      id: crypto.randomUUID(),
      seq: 1,
      name: 'agentStatus.set',
      args: { status: 'offline', at: new Date().toISOString() },
      createdAt: new Date().toISOString(),
    };
    const res = await who.post('/api/sync/push', {
      data: { clientId: crypto.randomUUID(), mutations: [mutation] },
    });
    if (!res.ok()) throw new Error(`${email} Offline: ${res.status()}`);
    await who.dispose();
  }
}

/** The time sipp sent its INVITE, from its message trace ("--- 2026-11-26 15:57:53.291532"). */
function inviteSentAt(trace: string): number {
  const match =
    /-{10,} (\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3})\d*\s*\n\w+ message sent[^\n]*\n\s*\nINVITE /.exec(
      trace,
    );
  if (!match) throw new Error(`no INVITE in sipp's trace:\n${trace.slice(0, 2000)}`);
  // sipp writes local time; so does this Date (no zone given).
  return new Date(`${match[1]}T${match[2]}`).getTime();
}

/**
 * The server's part alone: POST /calls as Kamailio sends it (a new task, reserved to alice), timed
 * from here, then the caller "hangs up" (/calls/failed canceled) so alice is free again.
 */
async function serverHop(baseUrl: string, secret: string, i: number): Promise<number> {
  const headers = {
    authorization: `Basic ${Buffer.from(`${ACD_USER}:${acdToken(secret)}`).toString('base64')}`,
    'content-type': 'application/x-www-form-urlencoded',
  };
  const callId = `bench-acd-${i}-${Date.now()}`;
  const started = performance.now();
  const res = await fetch(`${baseUrl}/api/routing/acd/calls`, {
    method: 'POST',
    headers,
    body: new URLSearchParams({ callId, number: '2000', caller: '+15550166' }).toString(),
  });
  const answer = await res.text();
  const took = performance.now() - started;
  if (!answer.startsWith('ring demo-1001 ')) throw new Error(`unexpected answer: ${answer}`);
  const body = new URLSearchParams({ callId, agent: 'demo-1001', outcome: 'canceled' });
  await fetch(`${baseUrl}/api/routing/acd/calls/failed`, {
    method: 'POST',
    headers,
    body: body.toString(),
  });
  return took;
}

interface Times {
  toInviteMs: number;
  toRingingMs: number;
}

async function oneCall(page: Page, trunkPort: number): Promise<Times> {
  const framesBefore = await page.evaluate(() => (window.__sbFrames ?? []).length);
  const ringsBefore = await page.evaluate(() => (window.__sbRinging ?? []).length);
  const sipp = await startSipp({
    scenario: 'queue-ring-caller.xml',
    port: trunkPort,
    service: '2000',
    timeoutSeconds: 20,
  });
  try {
    const result = await sipp.done;
    if (result.code !== 0) throw new Error(`sipp failed (${result.code}):\n${result.output}`);
    const sent = inviteSentAt(result.output);
    await page.waitForFunction((n) => (window.__sbRinging ?? []).length > n, ringsBefore);
    const frames: SipFrame[] = await page.evaluate(() => window.__sbFrames ?? []);
    const invite = frames
      .slice(framesBefore)
      .find((f) => f.dir === 'in' && f.firstLine.startsWith('INVITE '));
    const rang = await page.evaluate((n) => (window.__sbRinging ?? [])[n], ringsBefore);
    if (!invite || rang === undefined) throw new Error('no INVITE or no ringing in the page');
    // The ringing ends (CANCEL) before the next call.
    await page.getByRole('button', { name: 'Answer', exact: true }).waitFor({ state: 'detached' });
    return { toInviteMs: invite.t - sent, toRingingMs: rang - sent };
  } finally {
    await sipp.stop();
  }
}

async function main(): Promise<void> {
  const loadAtStart = os.loadavg()[0] ?? NaN;
  const stack = await startStack({
    port: 18101,
    smtpPort: 18106,
    sip: true,
    dir: path.join(repoRoot, '.run/bench-acd'),
  });
  const trunkPort = stack.kamailio?.trunkPort;
  if (trunkPort === undefined) throw new Error('the stack has no Kamailio');
  const alice = await signIn(stack.baseUrl, 'alice@demo.test');
  try {
    await othersOffline(stack.baseUrl);
    const times: Times[] = [];
    // The first calls warm each Kamailio worker's HTTP connection (two UDP workers) and the
    // server's code paths: reported apart, not in the medians.
    const first = [await oneCall(alice, trunkPort), await oneCall(alice, trunkPort)];
    for (let i = 0; i < runs; i++) times.push(await oneCall(alice, trunkPort));
    const secret = stack.kamailio?.secret ?? '';
    const hops: number[] = [];
    for (let i = 0; i < runs; i++) hops.push(await serverHop(stack.baseUrl, secret, i));
    const rows: Row[] = [
      {
        measure: 'INVITE sent by sipp → Kamailio’s INVITE at the agent’s browser',
        runs: times.map((t) => t.toInviteMs),
        note: 'trunk port, http_client to the server (task created and reserved), lookup, rtpengine offer',
      },
      {
        measure: 'the server alone: POST /api/routing/acd/calls round trip',
        runs: hops,
        note: 'timed apart after the calls, from Node’s fetch (its own connection and overhead included): task insert, agents read, reservation, commit',
      },
      {
        measure: 'INVITE sent by sipp → incoming call shown (Answer button)',
        runs: times.map((t) => t.toRingingMs),
        note: 'the above plus JsSIP and the PWA rendering the call',
      },
    ];
    await reportRun({
      name: 'acd',
      title: 'Inbound call to a queue: arrival to ringing (issue 6)',
      describe: (when, built) =>
        `Measured ${when} UTC on ${built} by \`npm run bench\` (bench/acd.ts): sipp calls queue 2000 on Kamailio's trunk port over UDP (rtpengine anchors the media), Kamailio asks the built server (SQLite) which agent rings, alice rings in Debian's Chromium; sipp hangs up at 180 Ringing. In an isolated network namespace. Milliseconds; p95 by nearest rank.`,
      rows,
      facts: [
        `The first two calls (not in the table) took ${first.map((f) => f.toInviteMs.toFixed(1)).join(' and ')} ms to the browser's INVITE and ${first.map((f) => f.toRingingMs.toFixed(1)).join(' and ')} ms to the Answer button: each Kamailio worker opens its HTTP connection to the server on its first call.`,
        'Times from sipp’s message trace (its clock) and the page’s performance clock (timeOrigin + now): one machine, one clock.',
      ],
      loadAtStart,
      record,
    });
  } finally {
    await alice.context().browser()?.close();
    await stack.stop();
  }
}

await main();

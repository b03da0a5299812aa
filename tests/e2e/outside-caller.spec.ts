import { expect, test } from '@playwright/test';
import { callLaunchOptions } from '../support/browser.js';
import { registerDeskPhone } from '../support/desk-phone.js';
import { e2eRtpenginePort, kamailioControlFile } from '../support/e2e-sip.js';
import { relayedPackets } from '../support/rtpengine.js';
import { sipPorts } from '../support/sip-ports.js';
import { startSipp, type SippCall } from '../support/sipp.js';
import { Agent } from './pages/phone-page.js';

// An outside caller: sipp over UDP to Kamailio's trunk port with a plain PCMA offer, anchored by
// rtpengine (plain RTP on sipp's side, ICE + DTLS-SRTP on the browser's). Alice answers in her
// browser and hears the pcap. Runs in the serial phone project (it rings alice, whom the other
// phone specs use too).
test.use({ launchOptions: callLaunchOptions });
test.describe.configure({ mode: 'serial' });

let alice: Agent;
let sipp: SippCall | undefined;

test.beforeAll(async ({ browser }) => {
  alice = await Agent.signIn(browser, 'alice@demo.test', 'Alice Anders');
});
test.afterEach(async () => {
  await sipp?.stop();
  sipp = undefined;
});
test.afterAll(async () => {
  await alice?.close();
});

test('a caller over UDP reaches alice through rtpengine, she answers, hears it, and the caller hangs up', async () => {
  test.setTimeout(90_000);
  await alice.expectRegistered();
  sipp = await startSipp({
    scenario: 'outside-caller.xml',
    port: sipPorts().trunkPort,
    service: 'demo-1001',
    timeoutSeconds: 45,
  });
  const call = sipp;

  await expect(alice.button('Answer')).toBeVisible({ timeout: 15_000 });
  await expect(alice.page.getByText(/Outside Caller|15550100/).first()).toBeVisible();
  await alice.button('Answer').click();
  await expect(alice.button('Hang up')).toBeVisible();

  // The pcap's PCMA arrives as RTP in the browser; its first 1.5 s are nearly silent, so wait
  // for the energy rather than expect it at once.
  await expect
    .poll(async () => (await alice.energyOver(1000)).packets, { timeout: 10_000 })
    .toBeGreaterThan(20);
  await expect
    .poll(async () => (await alice.energyOver(1000)).energy, { timeout: 12_000 })
    .toBeGreaterThan(0);

  // And back: rtpengine received alice's RTP (and relays it to sipp's media port) as well as
  // sipp's. Keyed by SIP tag: sipp's From tag ends in SIPpTag001, the other is alice's.
  const relayed = await relayedPackets(e2eRtpenginePort(), call.callId);
  const fromSipp = [...relayed].find(([tag]) => tag.includes('SIPpTag'))?.[1] ?? 0;
  const fromAlice = [...relayed].find(([tag]) => !tag.includes('SIPpTag'))?.[1] ?? 0;
  expect(fromSipp, JSON.stringify([...relayed])).toBeGreaterThan(20);
  expect(fromAlice, JSON.stringify([...relayed])).toBeGreaterThan(20);

  // sipp plays 14 s of audio, then sends BYE: the call ends in alice's dock.
  const result = await call.done;
  expect(result.code, result.output).toBe(0);
  await expect(alice.button('Hang up')).toHaveCount(0);
  await expect(alice.button('Answer')).toHaveCount(0);

  // The call with a customer became a task of alice's, with the call in its log.
  await alice.page.getByRole('navigation').getByRole('link', { name: 'Tasks' }).click();
  await alice.page.getByRole('searchbox', { name: 'Search tasks' }).fill('Outside Caller');
  // The search applies after a pause and re-renders the rows: click a row of the searched list,
  // not one of the list before it (a click on a row being replaced goes nowhere).
  await expect(alice.page).toHaveURL(/[?&]q=Outside/);
  await expect(alice.page.getByRole('grid', { name: 'Tasks' })).toHaveAttribute(
    'aria-busy',
    'false',
  );
  const taskLink = alice.page
    .getByRole('grid', { name: 'Tasks' })
    .getByRole('link', { name: 'Call from Outside Caller' })
    .first();
  await expect(taskLink).toBeVisible({ timeout: 10_000 });
  await taskLink.click();
  await alice.page.getByRole('tab', { name: 'Log' }).click();
  await expect(
    alice.page
      .getByRole('tabpanel', { name: 'Log' })
      .getByText(/took a call from \+15550100 \(Answered/),
  ).toBeVisible();
});

test('keypad tones reach a plain SIP desk phone as RFC 4733 events through rtpengine', async () => {
  // The desk phone registers as 1003 over UDP; a browser calling it is anchored by rtpengine,
  // so the tones cross DTLS-SRTP, rtpengine and plain RTP before they are decoded here.
  test.setTimeout(60_000);
  await alice.backToPhone();
  await alice.expectRegistered();
  const desk = await registerDeskPhone(kamailioControlFile, 'demo-1003');
  try {
    await alice.dial('1003');
    await desk.answerNext();
    const call = alice.call(/1003/);
    await expect(call.getByRole('button', { name: 'Hang up' })).toBeVisible();
    await expect.poll(() => desk.audioPackets(), { timeout: 10_000 }).toBeGreaterThan(20);

    await call.getByRole('button', { name: 'Keypad' }).click();
    const keys = ['1', '2', '#'];
    for (const [i, key] of keys.entries()) {
      await call.getByRole('button', { name: key, exact: true }).click();
      // Each key arrives as its own event, in order.
      await expect.poll(() => desk.keys()).toBe(keys.slice(0, i + 1).join(''));
    }

    await call.getByRole('button', { name: 'Hang up' }).click();
    await desk.hungUp();
    await expect(alice.button('Hang up')).toHaveCount(0);
  } finally {
    await desk.close();
  }
});

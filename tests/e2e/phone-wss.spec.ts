import { createHash, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { callLaunchOptions } from '../support/browser.js';
import { kamailioControlFile } from '../support/e2e-sip.js';
import { readControl } from '../support/kamailio.js';
import { Agent } from './pages/phone-page.js';

// SIP over secure WebSocket: alice's phone connects to Kamailio's WSS listener (TLS with the
// self-signed certificate deploy/kamailio/run.sh made at start), bob's over plain WS, and they
// talk. Chromium trusts that one certificate by its public key, as a pinned deployment would.
const control = readControl(kamailioControlFile);
const certificate = readFileSync(path.join(control.runDir, 'kamailio', 'tls-cert.pem'), 'utf8');
const spki = createHash('sha256')
  .update(createPublicKey(certificate).export({ type: 'spki', format: 'der' }))
  .digest('base64');
const wssPort = Number(control.env['SIP_WSS_PORT']);

test.use({
  launchOptions: {
    ...callLaunchOptions,
    args: [...callLaunchOptions.args, `--ignore-certificate-errors-spki-list=${spki}`],
  },
});
test.describe.configure({ mode: 'serial' });

let alice: Agent;
let bob: Agent;

test.afterAll(async () => {
  await alice?.close();
  await bob?.close();
});

test('a phone on WSS registers and talks with a phone on WS', async ({ browser }) => {
  expect(wssPort).toBeGreaterThan(0);
  alice = await Agent.signIn(browser, 'alice@demo.test', 'Alice Anders', undefined, {
    sip: { wsUrl: `wss://127.0.0.1:${wssPort}` },
  });
  bob = await Agent.signIn(browser, 'bob@demo.test', 'Bob Brown');
  await alice.expectRegistered();
  await bob.expectRegistered();
  expect(alice.sipSockets).toContain(`wss://127.0.0.1:${wssPort}/`);

  await bob.dial('1001');
  await alice.button('Answer').click();
  await expect(bob.button('Hang up')).toBeVisible();
  await expect.poll(async () => (await alice.energyOver(1500)).energy).toBeGreaterThan(0);
  await expect.poll(async () => (await bob.energyOver(1500)).energy).toBeGreaterThan(0);
  // In-dialog requests reach the WSS side too: alice hangs up, bob's call ends.
  await alice.button('Hang up').click();
  await expect(bob.button('Hang up')).toHaveCount(0);
});

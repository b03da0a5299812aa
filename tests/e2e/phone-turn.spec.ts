import { expect, test } from '@playwright/test';
import { callLaunchOptions, e2ePort, e2eSmtpPort } from '../support/browser.js';
import { startCoturn, type RunningCoturn } from '../support/coturn.js';
import { freePort } from '../support/kamailio.js';
import { runDir } from '../support/paths.js';
import { startStack, type Stack } from '../support/stack.js';
import { Agent } from './pages/phone-page.js';

// TURN: a stack of its own whose server hands out a coturn relay (TURN_URLS) with the SIP
// credentials, and a coturn that knows the same secret (use-auth-secret). Both phones may use
// relay candidates only, so sound crossing means coturn accepted the SIP credentials and relayed.
test.use({ launchOptions: callLaunchOptions });
test.describe.configure({ mode: 'serial' });

let stack: Stack;
let coturn: RunningCoturn;
let alice: Agent;
let bob: Agent;

test.beforeAll(async () => {
  const port = await freePort(new Set());
  process.env['TURN_URLS'] = `turn:127.0.0.1:${port}?transport=udp`;
  try {
    stack = await startStack({
      port: e2ePort + 2,
      smtpPort: e2eSmtpPort + 2,
      sip: true,
      dir: `${runDir}-turn`,
    });
  } finally {
    delete process.env['TURN_URLS'];
  }
  const secret = stack.kamailio?.secret;
  if (!secret) throw new Error('the TURN stack has no Kamailio');
  coturn = await startCoturn({
    secret,
    port,
    dir: `${runDir}-turn/coturn`,
    relayPorts: [41_000, 41_100],
  });
});
test.afterAll(async () => {
  await alice?.close();
  await bob?.close();
  await coturn?.stop();
  await stack?.stop();
});

test('calls relayed through coturn with the SIP credentials carry sound both ways', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const options = { baseURL: stack.baseUrl, relayOnly: true };
  alice = await Agent.signIn(browser, 'alice@demo.test', 'Alice Anders', undefined, options);
  bob = await Agent.signIn(browser, 'bob@demo.test', 'Bob Brown', undefined, options);
  await alice.expectRegistered();
  await bob.expectRegistered();

  await alice.dial('1002');
  await bob.button('Answer').click();
  await expect(alice.button('Hang up')).toBeVisible();
  await expect.poll(async () => (await bob.energyOver(1500)).energy).toBeGreaterThan(0);
  await expect.poll(async () => (await alice.energyOver(1500)).energy).toBeGreaterThan(0);
  // Each side sends from its relay allocation (the other's relay address may first be learned
  // from its checks, as peer-reflexive): the media goes through coturn, not host to host.
  expect((await alice.selectedCandidates())?.local).toBe('relay');
  expect((await bob.selectedCandidates())?.local).toBe('relay');

  await alice.button('Hang up').click();
  await expect(bob.button('Hang up')).toHaveCount(0);
});

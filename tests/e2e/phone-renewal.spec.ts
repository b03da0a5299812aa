import { expect, test } from '@playwright/test';
import { callLaunchOptions, e2ePort, e2eSmtpPort } from '../support/browser.js';
import { runDir } from '../support/paths.js';
import { startStack, type Stack } from '../support/stack.js';
import { SipClient } from '../sip/sip-client.js';
import { Agent } from './pages/phone-page.js';

// Credential renewal, live: a stack of its own (server, Kamailio, rtpengine) whose SIP
// credentials last the shortest lifetime the server allows, 60 s, so the PWA renews them (at
// 80 %) during the test and the first set expires while the agents stay registered and call.
test.use({ launchOptions: callLaunchOptions });
test.describe.configure({ mode: 'serial' });

const ttlSeconds = 60;
let stack: Stack;
let alice: Agent;
let bob: Agent;

test.beforeAll(async () => {
  process.env['SIP_CREDENTIAL_TTL'] = String(ttlSeconds);
  try {
    stack = await startStack({
      port: e2ePort + 1,
      smtpPort: e2eSmtpPort + 1,
      sip: true,
      dir: `${runDir}-renewal`,
    });
  } finally {
    delete process.env['SIP_CREDENTIAL_TTL'];
  }
});
test.afterAll(async () => {
  await alice?.close();
  await bob?.close();
  await stack?.stop();
});

test('credentials are renewed before they expire: the phone stays registered and calls; the expired set is refused', async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const on = { baseURL: stack.baseUrl };
  alice = await Agent.signIn(browser, 'alice@demo.test', 'Alice Anders', undefined, on);
  bob = await Agent.signIn(browser, 'bob@demo.test', 'Bob Brown', undefined, on);
  await alice.expectRegistered();
  await bob.expectRegistered();
  const first = alice.credentials[0];
  expect(first).toBeDefined();
  if (!first) return;
  expect(Date.parse(first.expiresAt) - Date.now()).toBeLessThanOrEqual(ttlSeconds * 1000);

  // At 80 % of the lifetime the page fetches a fresh set and registers with it at once.
  await expect.poll(() => alice.credentials.length, { timeout: 70_000 }).toBeGreaterThan(1);
  const second = alice.credentials[1];
  if (!second) return;
  expect(second.authorizationUser).not.toBe(first.authorizationUser);
  expect(Date.parse(second.expiresAt)).toBeGreaterThan(Date.parse(first.expiresAt));
  await expect.poll(() => alice.registeredAs(second.authorizationUser)).toBe(true);

  // Past the first set's expiry: still registered, and a call (alice's INVITE is challenged and
  // answered with the current set; bob is reached through his renewed registration) works.
  const expired = Date.parse(first.expiresAt) + 1_000 - Date.now();
  if (expired > 0) await alice.page.waitForTimeout(expired);
  await alice.expectRegistered();
  await bob.expectRegistered();
  await alice.dial('1002');
  await bob.button('Answer').click();
  await expect(alice.button('Hang up')).toBeVisible();
  await expect.poll(async () => (await bob.energyOver(1000)).energy).toBeGreaterThan(0);
  await alice.button('Hang up').click();
  await expect(bob.button('Hang up')).toHaveCount(0);

  // The expired set itself is refused by Kamailio...
  const kamailio = stack.kamailio;
  if (!kamailio) throw new Error('the renewal stack has no Kamailio');
  const raw = await SipClient.websocket(kamailio.wsUrl, 'demo-1001', kamailio.domain);
  try {
    const answer = await raw.register({
      username: first.authorizationUser,
      password: first.password,
    });
    expect(answer.startLine).toBe('SIP/2.0 403 Credentials expired');
  } finally {
    await raw.close();
  }

  // ...and a page of alice's handed the expired set says so.
  const stale = await browser.newContext({ permissions: ['microphone'], baseURL: stack.baseUrl });
  try {
    const page = await stale.newPage();
    await page.route('**/api/sip/credentials', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as Record<string, unknown>;
      const { authorizationUser, password, expiresAt } = first;
      await route.fulfill({ response, json: { ...body, authorizationUser, password, expiresAt } });
    });
    await page.goto('/signin');
    await page.getByRole('textbox', { name: 'Email' }).fill('alice@demo.test');
    await page.getByLabel('Password', { exact: true }).fill('demo-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Phone' }).click();
    await expect(page.getByText(/Credentials refused \(403\)/).first()).toBeVisible({
      timeout: 15_000,
    });
  } finally {
    await stale.close();
  }
});

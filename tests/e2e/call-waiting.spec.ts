import { expect, test } from '@playwright/test';
import { callLaunchOptions } from '../support/browser.js';
import { Agent } from './pages/phone-page.js';

// A second call while in a call, and one registering tab per browser, on the real Kamailio.
test.use({ launchOptions: callLaunchOptions });
test.describe.configure({ mode: 'serial' });

let alice: Agent;
let bob: Agent;
let carol: Agent;

test.beforeAll(async ({ browser }) => {
  alice = await Agent.signIn(browser, 'alice@demo.test', 'Alice Anders');
  bob = await Agent.signIn(browser, 'bob@demo.test', 'Bob Brown');
  carol = await Agent.signIn(browser, 'carol@demo.test', 'Carol Chen', 'Demo');
  await Promise.all([alice.expectRegistered(), bob.expectRegistered(), carol.expectRegistered()]);
});
// Each case starts from an empty dock: a lingering ended call carries the same name as a new one.
test.afterEach(async () => {
  for (const agent of [alice, bob, carol]) await agent?.expectNoCalls();
});
test.afterAll(async () => {
  await alice?.close();
  await bob?.close();
  await carol?.close();
});

test('call waiting: answering carol holds alice, and bob goes back to alice after', async () => {
  await alice.dial('1002');
  await bob
    .incoming(/Alice Anders/)
    .getByRole('button', { name: 'Answer' })
    .click();
  const bobWithAlice = bob.call(/Alice Anders/);
  await expect(bobWithAlice.getByRole('button', { name: 'Hang up' })).toBeVisible();
  await expect(bob.incoming(/Alice Anders/)).toHaveCount(0);

  await carol.dial('1002');
  const waiting = bob.incoming(/Carol Chen/);
  await expect(waiting).toContainText('Call waiting');
  await waiting.getByRole('button', { name: 'Answer' }).click();

  // alice is held (she hears bob's hold music), bob talks to carol.
  await expect(bobWithAlice.getByRole('button', { name: 'Resume' })).toBeVisible();
  const aliceWithBob = alice.call(/1002/);
  await expect(aliceWithBob).toContainText('Holding you');
  await expect.poll(async () => (await alice.energyOver(1500)).energy).toBeGreaterThan(0);
  const bobWithCarol = bob.call(/Carol Chen/);
  await expect(bobWithCarol.getByRole('button', { name: 'Hold' })).toBeVisible();
  await expect.poll(async () => (await bob.energyOver(1500)).energy).toBeGreaterThan(0);
  await expect.poll(async () => (await carol.energyOver(1500)).energy).toBeGreaterThan(0);

  await bobWithCarol.getByRole('button', { name: 'Hang up' }).click();
  await expect(carol.button('Hang up')).toHaveCount(0);
  await bobWithAlice.getByRole('button', { name: 'Resume' }).click();
  await expect(aliceWithBob).not.toContainText('Holding you');
  await expect(bobWithAlice.getByRole('button', { name: 'Hold' })).toBeVisible();
  await expect.poll(async () => (await bob.liveEnergyOver(1500)).energy).toBeGreaterThan(0);

  await alice.button('Hang up').click();
  await expect(bob.button('Hang up')).toHaveCount(0);
});

test('one tab per browser registers; "Use the phone here" moves the phone to another tab', async () => {
  const second = await alice.openTab();
  const elsewhere = (page: typeof second) => page.getByText('Phone is active in another tab');
  await expect(elsewhere(second)).toBeVisible();
  await expect(elsewhere(alice.page)).toHaveCount(0);

  // Only the first tab rings.
  await bob.dial('1001');
  await expect(alice.button('Answer')).toBeVisible();
  await expect(second.getByRole('button', { name: 'Answer' })).toHaveCount(0);
  await bob.button('Hang up').click();
  await expect(alice.button('Answer')).toHaveCount(0);

  await second.getByRole('button', { name: 'Use the phone here' }).click();
  await expect(elsewhere(alice.page)).toBeVisible();
  await expect(elsewhere(second)).toHaveCount(0);
  await expect(second.getByText(/^Registered$/).first()).toBeVisible({ timeout: 15_000 });

  await bob.dial('1001');
  await expect(second.getByRole('button', { name: 'Answer' })).toBeVisible();
  await expect(alice.button('Answer')).toHaveCount(0);
  await bob.button('Hang up').click();
  await expect(second.getByRole('button', { name: 'Answer' })).toHaveCount(0);

  // Closing the tab that has the phone releases its lock: the first tab registers again.
  await second.close();
  await expect(elsewhere(alice.page)).toHaveCount(0);
  await alice.expectRegistered();
  await bob.dial('1001');
  await expect(alice.button('Answer')).toBeVisible();
  await bob.button('Hang up').click();
  await expect(alice.button('Answer')).toHaveCount(0);
});

import { expect, test } from '@playwright/test';
import { callLaunchOptions } from '../support/browser.js';
import { Agent } from './pages/phone-page.js';

// Transfers on the real Kamailio: bob (1002) takes alice's call and hands it to carol (1003).
// alice's browser follows the REFER itself, so the PWA is the transferee as well.
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

async function aliceCallsBob(): Promise<void> {
  await alice.dial('1002');
  await bob
    .incoming(/Alice Anders/)
    .getByRole('button', { name: 'Answer' })
    .click();
  await expect(alice.call(/1002/).getByRole('button', { name: 'Hang up' })).toBeVisible();
  await expect(bob.call(/Alice Anders/).getByRole('button', { name: 'Hang up' })).toBeVisible();
}

/** Both directions carry sound on the newest connection of each side. */
async function expectTalking(a: Agent, b: Agent): Promise<void> {
  await expect.poll(async () => (await a.energyOver(1500)).energy).toBeGreaterThan(0);
  await expect.poll(async () => (await b.energyOver(1500)).energy).toBeGreaterThan(0);
}

test('blind transfer: "Transfer now" sends alice to carol; bob leaves only once carol answers', async () => {
  await aliceCallsBob();
  await bob.startTransfer(/Alice Anders/, '1003');
  await bob.transferDialog().getByRole('button', { name: 'Transfer now' }).click();
  await expect(bob.transferDialog()).toHaveCount(0);

  // alice's browser called carol on bob's REFER; bob sees the progress and is still in the call.
  const ringing = carol.incoming(/Alice Anders/);
  await expect(ringing).toBeVisible();
  const withAlice = bob.call(/Alice Anders/);
  await expect(withAlice.getByRole('status').filter({ hasText: /Transferring/ })).toBeVisible();
  await expect(withAlice.getByRole('button', { name: 'Hang up' })).toBeVisible();

  await ringing.getByRole('button', { name: 'Answer' }).click();
  // The NOTIFY with 200 ends bob's leg.
  await expect(bob.button('Hang up')).toHaveCount(0);
  await expect(withAlice).toContainText('Transferred');
  await expect(alice.button('Hang up')).toHaveCount(1);
  await expect(alice.call(/1003/).getByRole('button', { name: 'Hang up' })).toBeVisible();
  await expect(carol.call(/Alice Anders/).getByRole('button', { name: 'Hang up' })).toBeVisible();
  await expectTalking(alice, carol);

  await carol.button('Hang up').click();
  await expect(alice.button('Hang up')).toHaveCount(0);
});

test('attended transfer: "Consult first" holds alice and calls carol, "Complete transfer" joins them', async () => {
  await aliceCallsBob();
  await bob.startTransfer(/Alice Anders/, '1003');
  await bob.transferDialog().getByRole('button', { name: 'Consult first' }).click();
  await expect(bob.transferDialog()).toHaveCount(0);

  // alice waits on hold; carol is called by bob, not by alice.
  await expect(alice.call(/1002/)).toContainText('Holding you');
  await carol
    .incoming(/Bob Brown/)
    .getByRole('button', { name: 'Answer' })
    .click();

  // bob's dock shows both calls: alice held, the consultation with carol.
  const withAlice = bob.call(/Alice Anders/);
  const consultation = bob.call(/1003/);
  await expect(withAlice.getByRole('button', { name: 'Resume' })).toBeVisible();
  await expect(consultation).toContainText('Consulting before transferring Alice Anders');
  await expectTalking(bob, carol);

  await consultation.getByRole('button', { name: 'Complete transfer' }).click();
  // alice's INVITE with Replaces takes over carol's call with bob; bob's two legs end.
  await expect(bob.button('Hang up')).toHaveCount(0);
  await expect(withAlice).toContainText('Transferred');
  await expect(carol.button('Hang up')).toHaveCount(1);
  await expect(carol.call(/Alice Anders/).getByRole('button', { name: 'Hang up' })).toBeVisible();
  await expect(carol.button('Answer')).toHaveCount(0);
  await expect(alice.button('Hang up')).toHaveCount(1);
  await expect(alice.call(/1003/).getByRole('button', { name: 'Hang up' })).toBeVisible();
  await expectTalking(alice, carol);

  await alice.button('Hang up').click();
  await expect(carol.button('Hang up')).toHaveCount(0);
});

test('a consultation can be dropped and the caller resumed', async () => {
  await aliceCallsBob();
  await bob.startTransfer(/Alice Anders/, '1003');
  await bob.transferDialog().getByRole('button', { name: 'Consult first' }).click();
  await carol
    .incoming(/Bob Brown/)
    .getByRole('button', { name: 'Answer' })
    .click();
  const consultation = bob.call(/1003/);
  await expect(consultation.getByRole('button', { name: 'Complete transfer' })).toBeVisible();

  await consultation.getByRole('button', { name: 'Hang up' }).click();
  await expect(carol.button('Hang up')).toHaveCount(0);
  await bob
    .call(/Alice Anders/)
    .getByRole('button', { name: 'Resume' })
    .click();
  await expect(alice.call(/1002/)).not.toContainText('Holding you');
  await expect(bob.call(/Alice Anders/).getByRole('button', { name: 'Hold' })).toBeVisible();
  await expect.poll(async () => (await bob.liveEnergyOver(1500)).energy).toBeGreaterThan(0);

  await bob.button('Hang up').click();
  await expect(alice.button('Hang up')).toHaveCount(0);
});

test('a blind transfer to an extension nobody answers keeps the caller with bob', async () => {
  await aliceCallsBob();
  await bob.startTransfer(/Alice Anders/, '1999');
  await bob.transferDialog().getByRole('button', { name: 'Transfer now' }).click();

  const withAlice = bob.call(/Alice Anders/);
  await expect(withAlice.getByRole('alert')).toContainText(
    /Transfer to 1999 failed \(\d{3}\)\. The caller is still with you\./,
  );
  await expect(withAlice.getByRole('button', { name: 'Hang up' })).toBeVisible();
  await expect(alice.call(/1002/).getByRole('button', { name: 'Hang up' })).toBeVisible();
  // Still talking: alice's attempt to reach 1999 ended, her call with bob did not.
  await expect.poll(async () => (await bob.liveEnergyOver(1500)).energy).toBeGreaterThan(0);
  await expect.poll(async () => (await alice.liveEnergyOver(1500)).energy).toBeGreaterThan(0);

  await bob.button('Hang up').click();
  await expect(alice.button('Hang up')).toHaveCount(0);
});

import { expect, test } from '@playwright/test';
import { callLaunchOptions } from '../support/browser.js';
import type { Agent } from './pages/phone-page.js';
import { useThreeAgents } from './support/three-agents.js';

// Transfers on the real Kamailio: bob (1002) takes alice's call and hands it to carol (1003).
// alice's browser follows the REFER itself, so the PWA is the transferee as well.
test.use({ launchOptions: callLaunchOptions });
test.describe.configure({ mode: 'serial' });

const agents = useThreeAgents();

async function aliceCallsBob(): Promise<void> {
  await agents.alice.dial('1002');
  await agents.bob
    .incoming(/Alice Anders/)
    .getByRole('button', { name: 'Answer' })
    .click();
  await expect(agents.alice.call(/1002/).getByRole('button', { name: 'Hang up' })).toBeVisible();
  await expect(
    agents.bob.call(/Alice Anders/).getByRole('button', { name: 'Hang up' }),
  ).toBeVisible();
}

/** Both directions carry sound on the newest connection of each side. */
async function expectTalking(a: Agent, b: Agent): Promise<void> {
  await expect.poll(async () => (await a.energyOver(1500)).energy).toBeGreaterThan(0);
  await expect.poll(async () => (await b.energyOver(1500)).energy).toBeGreaterThan(0);
}

test('blind transfer: "Transfer now" sends alice to carol; bob leaves only once carol answers', async () => {
  await aliceCallsBob();
  await agents.bob.startTransfer(/Alice Anders/, '1003');
  await agents.bob.transferDialog().getByRole('button', { name: 'Transfer now' }).click();
  await expect(agents.bob.transferDialog()).toHaveCount(0);

  // alice's browser called carol on bob's REFER; bob sees the progress and is still in the call.
  const ringing = agents.carol.incoming(/Alice Anders/);
  await expect(ringing).toBeVisible();
  const withAlice = agents.bob.call(/Alice Anders/);
  await expect(withAlice.getByRole('status').filter({ hasText: /Transferring/ })).toBeVisible();
  await expect(withAlice.getByRole('button', { name: 'Hang up' })).toBeVisible();

  await ringing.getByRole('button', { name: 'Answer' }).click();
  // The NOTIFY with 200 ends bob's leg.
  await expect(agents.bob.button('Hang up')).toHaveCount(0);
  await expect(withAlice).toContainText('Transferred');
  await expect(agents.alice.button('Hang up')).toHaveCount(1);
  await expect(agents.alice.call(/1003/).getByRole('button', { name: 'Hang up' })).toBeVisible();
  await expect(
    agents.carol.call(/Alice Anders/).getByRole('button', { name: 'Hang up' }),
  ).toBeVisible();
  await expectTalking(agents.alice, agents.carol);

  await agents.carol.button('Hang up').click();
  await expect(agents.alice.button('Hang up')).toHaveCount(0);
});

test('attended transfer: "Consult first" holds alice and calls carol, "Complete transfer" joins them', async () => {
  await aliceCallsBob();
  await agents.bob.startTransfer(/Alice Anders/, '1003');
  await agents.bob.transferDialog().getByRole('button', { name: 'Consult first' }).click();
  await expect(agents.bob.transferDialog()).toHaveCount(0);

  // alice waits on hold; carol is called by bob, not by alice.
  await expect(agents.alice.call(/1002/)).toContainText('Holding you');
  await agents.carol
    .incoming(/Bob Brown/)
    .getByRole('button', { name: 'Answer' })
    .click();

  // bob's dock shows both calls: alice held, the consultation with carol.
  const withAlice = agents.bob.call(/Alice Anders/);
  const consultation = agents.bob.call(/1003/);
  await expect(withAlice.getByRole('button', { name: 'Resume' })).toBeVisible();
  await expect(consultation).toContainText('Consulting before transferring Alice Anders');
  await expectTalking(agents.bob, agents.carol);

  await consultation.getByRole('button', { name: 'Complete transfer' }).click();
  // alice's INVITE with Replaces takes over carol's call with bob; bob's two legs end.
  await expect(agents.bob.button('Hang up')).toHaveCount(0);
  await expect(withAlice).toContainText('Transferred');
  await expect(agents.carol.button('Hang up')).toHaveCount(1);
  await expect(
    agents.carol.call(/Alice Anders/).getByRole('button', { name: 'Hang up' }),
  ).toBeVisible();
  await expect(agents.carol.button('Answer')).toHaveCount(0);
  await expect(agents.alice.button('Hang up')).toHaveCount(1);
  await expect(agents.alice.call(/1003/).getByRole('button', { name: 'Hang up' })).toBeVisible();
  await expectTalking(agents.alice, agents.carol);

  await agents.alice.button('Hang up').click();
  await expect(agents.carol.button('Hang up')).toHaveCount(0);
});

test('a consultation can be dropped and the caller resumed', async () => {
  await aliceCallsBob();
  await agents.bob.startTransfer(/Alice Anders/, '1003');
  await agents.bob.transferDialog().getByRole('button', { name: 'Consult first' }).click();
  await agents.carol
    .incoming(/Bob Brown/)
    .getByRole('button', { name: 'Answer' })
    .click();
  const consultation = agents.bob.call(/1003/);
  await expect(consultation.getByRole('button', { name: 'Complete transfer' })).toBeVisible();

  await consultation.getByRole('button', { name: 'Hang up' }).click();
  await expect(agents.carol.button('Hang up')).toHaveCount(0);
  await agents.bob
    .call(/Alice Anders/)
    .getByRole('button', { name: 'Resume' })
    .click();
  await expect(agents.alice.call(/1002/)).not.toContainText('Holding you');
  await expect(agents.bob.call(/Alice Anders/).getByRole('button', { name: 'Hold' })).toBeVisible();
  await expect
    .poll(async () => (await agents.bob.energyOver(1500, 'open')).energy)
    .toBeGreaterThan(0);

  await agents.bob.button('Hang up').click();
  await expect(agents.alice.button('Hang up')).toHaveCount(0);
});

test('a blind transfer to an extension nobody answers keeps the caller with bob', async () => {
  await aliceCallsBob();
  await agents.bob.startTransfer(/Alice Anders/, '1999');
  await agents.bob.transferDialog().getByRole('button', { name: 'Transfer now' }).click();

  const withAlice = agents.bob.call(/Alice Anders/);
  await expect(withAlice.getByRole('alert')).toContainText(
    /Transfer to 1999 failed \(\d{3}\)\. The caller is still with you\./,
  );
  await expect(withAlice.getByRole('button', { name: 'Hang up' })).toBeVisible();
  await expect(agents.alice.call(/1002/).getByRole('button', { name: 'Hang up' })).toBeVisible();
  // Still talking: alice's attempt to reach 1999 ended, her call with bob did not.
  await expect
    .poll(async () => (await agents.bob.energyOver(1500, 'open')).energy)
    .toBeGreaterThan(0);
  await expect
    .poll(async () => (await agents.alice.energyOver(1500, 'open')).energy)
    .toBeGreaterThan(0);

  await agents.bob.button('Hang up').click();
  await expect(agents.alice.button('Hang up')).toHaveCount(0);
});

/** The transfer time of an agent's phone (Phone settings), by its label. */
async function giveUpAfter(agent: Agent, label: string): Promise<void> {
  await agent.page
    .getByRole('combobox', { name: 'Give up a transfer nobody answers after' })
    .selectOption({ label });
}

test('a blind transfer nobody answers is given up after the transfer time; the caller stays with bob', async () => {
  test.setTimeout(90_000);
  // alice is the transferee: her browser cancels its call to carol by the same rule.
  await giveUpAfter(agents.bob, '15 seconds');
  await giveUpAfter(agents.alice, '15 seconds');
  await aliceCallsBob();
  await agents.bob.startTransfer(/Alice Anders/, '1003');
  await agents.bob.transferDialog().getByRole('button', { name: 'Transfer now' }).click();
  const ringing = agents.carol.incoming(/Alice Anders/);
  await expect(ringing).toBeVisible();

  // carol never answers.
  const withAlice = agents.bob.call(/Alice Anders/);
  await expect(withAlice.getByRole('alert')).toHaveText(
    '1003 did not answer. The caller is still with you.',
    { timeout: 30_000 },
  );
  await expect(ringing).toHaveCount(0, { timeout: 10_000 });
  await expect(withAlice.getByRole('button', { name: 'Hang up' })).toBeVisible();
  await expect(agents.alice.call(/1002/)).toContainText('Connected');
  await expect
    .poll(async () => (await agents.bob.energyOver(1500, 'open')).energy)
    .toBeGreaterThan(0);
  await expect
    .poll(async () => (await agents.alice.energyOver(1500, 'open')).energy)
    .toBeGreaterThan(0);

  await agents.bob.button('Hang up').click();
  await expect(agents.alice.button('Hang up')).toHaveCount(0);
});

test('a consultation nobody answers is given up after the transfer time; the caller waits on hold', async () => {
  test.setTimeout(90_000);
  await aliceCallsBob();
  await agents.bob.startTransfer(/Alice Anders/, '1003');
  await agents.bob.transferDialog().getByRole('button', { name: 'Consult first' }).click();
  const ringing = agents.carol.incoming(/Bob Brown/);
  await expect(ringing).toBeVisible();

  const consultation = agents.bob.call(/1003/);
  await expect(consultation).toContainText('No answer', { timeout: 30_000 });
  await expect(ringing).toHaveCount(0);
  const withAlice = agents.bob.call(/Alice Anders/);
  await expect(withAlice).toContainText('On hold');
  await withAlice.getByRole('button', { name: 'Resume' }).click();
  await expect(agents.alice.call(/1002/)).not.toContainText('Holding you');
  await agents.bob.button('Hang up').click();
  await expect(agents.alice.button('Hang up')).toHaveCount(0);

  await giveUpAfter(agents.bob, '30 seconds');
  await giveUpAfter(agents.alice, '30 seconds');
});

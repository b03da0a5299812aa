import { expect, test } from '@playwright/test';
import { callLaunchOptions } from '../support/browser.js';
import { useThreeAgents } from './support/three-agents.js';

// A second call while in a call, and one registering tab per browser, on the real Kamailio.
test.use({ launchOptions: callLaunchOptions });
test.describe.configure({ mode: 'serial' });

const agents = useThreeAgents();

test('call waiting: answering carol holds alice, and bob goes back to alice after', async () => {
  await agents.alice.dial('1002');
  await agents.bob
    .incoming(/Alice Anders/)
    .getByRole('button', { name: 'Answer' })
    .click();
  const bobWithAlice = agents.bob.call(/Alice Anders/);
  await expect(bobWithAlice.getByRole('button', { name: 'Hang up' })).toBeVisible();
  await expect(agents.bob.incoming(/Alice Anders/)).toHaveCount(0);

  await agents.carol.dial('1002');
  const waiting = agents.bob.incoming(/Carol Chen/);
  await expect(waiting).toContainText('Call waiting');
  await waiting.getByRole('button', { name: 'Answer' }).click();

  // alice is held (she hears bob's hold music), bob talks to carol.
  await expect(bobWithAlice.getByRole('button', { name: 'Resume' })).toBeVisible();
  const aliceWithBob = agents.alice.call(/1002/);
  await expect(aliceWithBob).toContainText('Holding you');
  await expect.poll(async () => (await agents.alice.energyOver(1500)).energy).toBeGreaterThan(0);
  const bobWithCarol = agents.bob.call(/Carol Chen/);
  await expect(bobWithCarol.getByRole('button', { name: 'Hold' })).toBeVisible();
  await expect.poll(async () => (await agents.bob.energyOver(1500)).energy).toBeGreaterThan(0);
  await expect.poll(async () => (await agents.carol.energyOver(1500)).energy).toBeGreaterThan(0);

  await bobWithCarol.getByRole('button', { name: 'Hang up' }).click();
  await expect(agents.carol.button('Hang up')).toHaveCount(0);
  await bobWithAlice.getByRole('button', { name: 'Resume' }).click();
  await expect(aliceWithBob).not.toContainText('Holding you');
  await expect(bobWithAlice.getByRole('button', { name: 'Hold' })).toBeVisible();
  await expect
    .poll(async () => (await agents.bob.energyOver(1500, 'open')).energy)
    .toBeGreaterThan(0);

  await agents.alice.button('Hang up').click();
  await expect(agents.bob.button('Hang up')).toHaveCount(0);
});

test('one tab per browser registers; "Use the phone here" moves the phone to another tab', async () => {
  const second = await agents.alice.openTab();
  const elsewhere = (page: typeof second) => page.getByText('Phone is active in another tab');
  await expect(elsewhere(second)).toBeVisible();
  await expect(elsewhere(agents.alice.page)).toHaveCount(0);

  // Only the first tab rings.
  await agents.bob.dial('1001');
  await expect(agents.alice.button('Answer')).toBeVisible();
  await expect(second.getByRole('button', { name: 'Answer' })).toHaveCount(0);
  await agents.bob.button('Hang up').click();
  await expect(agents.alice.button('Answer')).toHaveCount(0);

  await second.getByRole('button', { name: 'Use the phone here' }).click();
  await expect(elsewhere(agents.alice.page)).toBeVisible();
  await expect(elsewhere(second)).toHaveCount(0);
  await expect(second.getByText(/^Registered$/).first()).toBeVisible({ timeout: 15_000 });

  await agents.bob.dial('1001');
  await expect(second.getByRole('button', { name: 'Answer' })).toBeVisible();
  await expect(agents.alice.button('Answer')).toHaveCount(0);
  await agents.bob.button('Hang up').click();
  await expect(second.getByRole('button', { name: 'Answer' })).toHaveCount(0);

  // Closing the tab that has the phone releases its lock: the first tab registers again.
  await second.close();
  await expect(elsewhere(agents.alice.page)).toHaveCount(0);
  await agents.alice.expectRegistered();
  await agents.bob.dial('1001');
  await expect(agents.alice.button('Answer')).toBeVisible();
  await agents.bob.button('Hang up').click();
  await expect(agents.alice.button('Answer')).toHaveCount(0);
});

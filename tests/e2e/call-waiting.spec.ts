import { expect, test } from '@playwright/test';
import { callLaunchOptions } from '../support/browser.js';
import { useThreeAgents } from './support/three-agents.js';

// A second call while in a call, and one registering tab per browser, on the real Kamailio.
test.use({ launchOptions: callLaunchOptions });
test.describe.configure({ mode: 'serial' });

const agents = useThreeAgents();

test('call waiting: answering carol holds alice, and bob goes back to alice after', async () => {
  // bob has a ringer device of his own: the call-waiting beep must play there too.
  const ringer = await agents.bob.outputDevice(/Fake Audio Output 1/);
  await agents.bob.page.getByRole('combobox', { name: 'Ringer' }).selectOption(ringer);
  await agents.alice.dial('1002');
  await agents.bob
    .incoming(/Alice Anders/)
    .getByRole('button', { name: 'Answer' })
    .click();
  const bobWithAlice = agents.bob.call(/Alice Anders/);
  await expect(bobWithAlice.getByRole('button', { name: 'Hang up' })).toBeVisible();
  await expect(agents.bob.incoming(/Alice Anders/)).toHaveCount(0);

  const sinksBefore = (await agents.bob.sinks()).length;
  await agents.carol.dial('1002');
  const waiting = agents.bob.incoming(/Carol Chen/);
  await expect(waiting).toContainText('Call waiting');
  await expect
    .poll(async () => (await agents.bob.sinks()).slice(sinksBefore).map((s) => s.sinkId))
    .toEqual([ringer]);
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
  await agents.bob.page.getByRole('combobox', { name: 'Ringer' }).selectOption('');
});

test('one tab per browser registers; "Use the phone here" moves the phone to another tab', async () => {
  const second = await agents.alice.openTab();
  const elsewhere = (page: typeof second) => page.getByText('Phone is active in another tab');
  await expect(elsewhere(second)).toBeVisible();
  await expect(elsewhere(agents.alice.page)).toHaveCount(0);

  // The first tab rings; the second only shows its mirror of the call.
  await agents.bob.dial('1001');
  await expect(agents.alice.button('Answer')).toBeVisible();
  await expect(second.getByRole('button', { name: 'Answer' })).toBeVisible();
  await agents.bob.button('Hang up').click();
  await expect(agents.alice.button('Answer')).toHaveCount(0);
  await expect(second.getByRole('button', { name: 'Answer' })).toHaveCount(0);

  await second.getByRole('button', { name: 'Use the phone here' }).click();
  await expect(elsewhere(agents.alice.page)).toBeVisible();
  await expect(elsewhere(second)).toHaveCount(0);
  await expect(second.getByText(/^Registered$/).first()).toBeVisible({ timeout: 15_000 });

  await agents.bob.dial('1001');
  await expect(second.getByRole('button', { name: 'Answer' })).toBeVisible();
  await expect(agents.alice.button('Answer')).toBeVisible();
  await agents.bob.button('Hang up').click();
  await expect(second.getByRole('button', { name: 'Answer' })).toHaveCount(0);
  await expect(agents.alice.button('Answer')).toHaveCount(0);

  // Closing the tab that has the phone releases its lock: the first tab registers again.
  await second.close();
  await expect(elsewhere(agents.alice.page)).toHaveCount(0);
  await agents.alice.expectRegistered();
  await agents.bob.dial('1001');
  await expect(agents.alice.button('Answer')).toBeVisible();
  await agents.bob.button('Hang up').click();
  await expect(agents.alice.button('Answer')).toHaveCount(0);
});

test('the standby tab shows the call of the tab that has the phone, and its buttons act on it', async () => {
  const { alice, bob } = agents;
  const second = await alice.openTab();
  await expect(second.getByText('Phone is active in another tab')).toBeVisible();

  // bob rings alice: the standby tab shows it too, and answering there answers it.
  await bob.dial('1001');
  const ringingThere = second.getByRole('region', { name: /^Incoming call from .*Bob Brown/ });
  await expect(ringingThere).toBeVisible();
  await ringingThere.getByRole('button', { name: 'Answer' }).click();
  const inFirst = alice.call(/Bob Brown/);
  await expect(inFirst.getByRole('button', { name: 'Hang up' })).toBeVisible();
  const mirrored = second.getByRole('region', { name: /^Call with .*Bob Brown/ });
  await expect(mirrored).toContainText('Connected');
  await expect.poll(async () => (await bob.energyOver(1500)).energy).toBeGreaterThan(0);

  // Hold and resume from the standby tab reach the call (bob is told he is held).
  const bobWithAlice = bob.call(/Alice Anders/);
  await mirrored.getByRole('button', { name: 'Hold' }).click();
  await expect(bobWithAlice).toContainText('Holding you');
  await expect(mirrored).toContainText('On hold');
  await mirrored.getByRole('button', { name: 'Resume' }).click();
  await expect(bobWithAlice).not.toContainText('Holding you');
  await expect(mirrored.getByRole('button', { name: 'Hold' })).toBeVisible();

  // Moving the phone here during the call is asked first; keeping it there keeps the call.
  await second.getByRole('button', { name: 'Use the phone here' }).click();
  const warning = second.getByRole('alert').filter({ hasText: 'Moving the phone here ends' });
  await expect(warning).toBeVisible();
  await second.getByRole('button', { name: 'Keep the phone there' }).click();
  await expect(warning).toHaveCount(0);
  await expect(alice.page.getByText('Phone is active in another tab')).toHaveCount(0);
  await expect(bobWithAlice.getByRole('button', { name: 'Hang up' })).toBeVisible();
  await expect(bobWithAlice).toContainText('Connected');

  // Hang up from the standby tab ends the call everywhere.
  await mirrored.getByRole('button', { name: 'Hang up' }).click();
  await expect(bob.button('Hang up')).toHaveCount(0);
  await expect(inFirst.getByRole('button', { name: 'Hang up' })).toHaveCount(0);
  await expect(mirrored.getByRole('button', { name: 'Hang up' })).toHaveCount(0);

  // Confirmed, the move ends the call in progress and the phone registers here.
  await bob.dial('1001');
  await alice
    .incoming(/Bob Brown/)
    .getByRole('button', { name: 'Answer' })
    .click();
  await expect(mirrored.getByRole('button', { name: 'Hang up' })).toBeVisible();
  await second.getByRole('button', { name: 'Use the phone here' }).click();
  await second.getByRole('button', { name: 'End the call and use the phone here' }).click();
  await expect(bob.button('Hang up')).toHaveCount(0);
  await expect(alice.page.getByText('Phone is active in another tab')).toBeVisible();
  await expect(second.getByText(/^Registered$/).first()).toBeVisible({ timeout: 15_000 });

  await second.close();
  await alice.expectRegistered();
});

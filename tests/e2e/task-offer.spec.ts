// Offer to colleague (issue 5), in two browsers: alice offers bob a task that needs billing
// (carol lacks it and is refused), bob sees it under "Offers" and accepts; on a second task bob
// declines with a reason and alice reads it, as text. The log says every step, newest first.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { SignInPage } from './pages/sign-in-page.js';
import { TaskPage } from './pages/task-page.js';
import { apiAs } from './support/accounts.js';
import { userIdOf } from './support/sync-api.js';
import { expectNoAxeViolations, makeTask } from './support/task-fixtures.js';

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn(email);
  await expect(page.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible({
    // Sign-in hashes the password (scrypt): slow on a loaded machine.
    timeout: 30_000,
  });
  return page;
}

test('alice offers bob a task, carol lacking the skill is refused, bob accepts from Offers', async ({
  browser,
}) => {
  const run = Date.now().toString(36);
  const title = `Refund check ${run}`;
  const aliceApi = await apiAs('alice@demo.test');
  const aliceId = await userIdOf(aliceApi);
  const taskId = await makeTask(aliceApi, { title, assigneeId: aliceId, skills: ['billing'] });
  await aliceApi.dispose();

  const alice = await signedIn(browser, 'alice@demo.test');
  const bob = await signedIn(browser, 'bob@demo.test');
  try {
    const task = new TaskPage(alice);
    await task.open(taskId, title);
    await task.button('Offer to colleague').click();
    const dialog = task.offerDialog();
    // Named one by one: other specs add members (invitations) who lack billing too.
    await expect(dialog.getByRole('radio', { name: /^Carol Chen.*lacks billing/ })).toBeVisible();
    await expect(dialog.getByRole('radio', { name: /^Ada Admin.*lacks billing/ })).toBeVisible();
    await expect(dialog.getByRole('radio', { name: /^Bob Brown/ })).not.toHaveAccessibleName(
      /lacks/,
    );
    await expectNoAxeViolations(alice);
    await dialog.getByRole('radio', { name: /^Carol Chen/ }).check();
    await dialog.getByRole('button', { name: 'Offer', exact: true }).click();
    await expect(dialog.getByRole('alert')).toHaveText(
      'Carol Chen lacks the skill billing this task needs; offer it to someone who has it.',
    );
    await expect(alice.getByText(/waiting to sync/)).toHaveCount(0);
    await dialog.getByRole('radio', { name: /^Bob Brown/ }).check();
    await dialog.getByRole('button', { name: 'Offer', exact: true }).click();
    await expect(dialog).toHaveCount(0);
    await expect(task.offerNotice()).toContainText('Offered to Bob Brown, waiting for an answer');

    // Bob's list shows the offer (poke + pull), he accepts it there.
    const offers = bob.getByRole('button', { name: 'Offers (1)' });
    await expect(offers).toBeVisible({ timeout: 10_000 });
    await offers.click();
    const list = bob.getByRole('dialog', { name: 'Offers' });
    const item = list.getByRole('listitem').filter({ hasText: title });
    await expect(item).toContainText(`Alice Anders offers you “${title}”`);
    await expectNoAxeViolations(bob);
    await item.getByRole('button', { name: 'Accept' }).click();
    // Accepting opens the task: it is bob's now.
    const bobTask = new TaskPage(bob);
    await expect(bobTask.heading(title)).toBeVisible();
    await expect(bobTask.fact('Assignee')).toHaveText('Bob Brown');
    await expect(list).toHaveCount(0);

    // Alice's page follows: bob has it now, the offer is gone.
    await expect(task.fact('Assignee')).toHaveText('Bob Brown', { timeout: 10_000 });
    await expect(task.offerNotice()).toHaveCount(0);
    expect(await task.logLines()).toEqual([
      'Bob Brown assigned it to Bob Brown',
      'Bob Brown accepted the offer',
      'Alice Anders offered it to Bob Brown',
      'Alice Anders assigned it to Alice Anders',
      'Alice Anders created the task (from manual)',
    ]);
    await expectNoAxeViolations(alice);
  } finally {
    await alice.context().close();
    await bob.context().close();
  }
});

test('bob declines an offer with a reason; alice gets the task back and reads why', async ({
  browser,
}) => {
  const run = Date.now().toString(36);
  const title = `Unclaimed callback ${run}`;
  const aliceApi = await apiAs('alice@demo.test');
  const taskId = await makeTask(aliceApi, { title, assigneeId: null });
  await aliceApi.dispose();

  const alice = await signedIn(browser, 'alice@demo.test');
  const bob = await signedIn(browser, 'bob@demo.test');
  try {
    const aliceTask = new TaskPage(alice);
    await aliceTask.open(taskId, title);
    await aliceTask.offerTo('Bob Brown');
    await expect(aliceTask.offerNotice()).toContainText('Offered to Bob Brown');

    const bobTask = new TaskPage(bob);
    await bobTask.open(taskId, title);
    await expect(bobTask.offerNotice()).toContainText('Alice Anders offers you this task.', {
      timeout: 10_000,
    });
    await bobTask.button('Decline').click();
    const dialog = bobTask.declineDialog();
    await dialog.getByRole('button', { name: 'Decline offer' }).click();
    await expect(dialog.getByText('Say why you decline, so the colleague knows.')).toBeVisible();
    await expectNoAxeViolations(bob);
    const reason = 'On leave tomorrow <b>sorry</b>';
    await dialog.getByRole('textbox', { name: 'Reason' }).fill(reason);
    await dialog.getByRole('button', { name: 'Decline offer' }).click();
    await expect(dialog).toHaveCount(0);

    // Back to alice, with the reason as written (text, not markup).
    const notice = aliceTask.offerNotice();
    await expect(notice).toHaveText(`Bob Brown declined the offer: “${reason}”`, {
      timeout: 10_000,
    });
    await expect(notice.locator('b')).toHaveCount(0);
    await expect(aliceTask.fact('Assignee')).toHaveText('Alice Anders');
    await expect(alice.getByRole('link', { name: 'All tasks' })).toBeVisible();
    expect(await aliceTask.logLines()).toEqual([
      'Bob Brown assigned it to Alice Anders',
      `Bob Brown declined the offer: “${reason}”`,
      'Alice Anders offered it to Bob Brown',
      'Alice Anders created the task (from manual)',
    ]);
    // The returned offer asks for attention in alice's Offers list too.
    await alice.getByRole('link', { name: 'All tasks' }).click();
    await alice.getByRole('button', { name: 'Offers (1)' }).click();
    const offers = alice.getByRole('dialog', { name: 'Offers' });
    await expect(offers.getByRole('listitem').filter({ hasText: title })).toContainText(
      `Bob Brown declined “${title}”: “${reason}”`,
    );
    // Seen: the count is gone once the list was opened.
    await offers.getByRole('button', { name: 'Close' }).click();
    await expect(alice.getByRole('button', { name: 'Offers', exact: true })).toBeVisible();
  } finally {
    await alice.context().close();
    await bob.context().close();
  }
});

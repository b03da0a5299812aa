// Custom agent statuses (issue 6): the admin adds "Email only" (receives email) and "Lunch"
// (receives nothing, a one-minute limit); alice picks Lunch from her status menu and its timer
// runs; once the minute is over her status button says so in words, and the team leader's Team
// view flags her. Other specs share this Demo instance (two at a time), so the statuses are
// removed again in `finally`, and alice gets back the status she had.
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { SignInPage } from './pages/sign-in-page.js';
import { TasksPage } from './pages/tasks-page.js';
import { AdminPage } from './pages/admin-page.js';
import { apiAs } from './support/accounts.js';
import { bootstrapOf, pushOne } from './support/sync-api.js';
import { expectNoAxeViolations } from './support/task-fixtures.js';

const labels = ['Email only', 'Lunch'];

/** Deletes this spec's statuses, left over or made now (the admin's API). */
async function removeOurStatuses(): Promise<void> {
  const admin = await apiAs('admin@demo.test');
  const changes = await bootstrapOf(admin);
  for (const c of changes) {
    if (
      c.kind === 'statusDefinition' &&
      c.op === 'put' &&
      labels.includes(String(c.value['label']))
    )
      expect((await admin.delete(`/api/instance/statuses/${c.value.id}`)).status()).toBe(200);
  }
  await admin.dispose();
}

async function statusOfAlice(): Promise<string> {
  const alice = await apiAs('alice@demo.test');
  const me = (await (await alice.get('/api/me')).json()) as { user: { id: string } };
  const mine = (await bootstrapOf(alice)).find(
    (c) => c.kind === 'agentStatus' && c.op === 'put' && c.value['userId'] === me.user.id,
  );
  await alice.dispose();
  return mine?.op === 'put' ? String(mine.value['status']) : 'offline';
}

/**
 * A page whose clock Playwright can move. The server's clock is learnt from answers' Date headers
 * (src/domain/server-clock.ts), which would pull a moved clock back at the next answer; without
 * them this page takes its own clock for the server's, so moving it moves "now" for the timer.
 */
async function pageWithMovableClock(context: BrowserContext): Promise<Page> {
  await context.route('**/api/**', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers['date'];
    await route.fulfill({ response, headers });
  });
  const page = await context.newPage();
  await page.clock.install();
  await page.clock.resume();
  return page;
}

test('admins add statuses; one over its time limit is flagged to the agent and the team leader', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  await removeOurStatuses();
  const before = await statusOfAlice();
  const contexts: BrowserContext[] = [];
  const open = async () => {
    const context = await browser.newContext();
    contexts.push(context);
    return context;
  };
  try {
    // The admin adds both through the Statuses form.
    const adminPage = await (await open()).newPage();
    const signIn = new SignInPage(adminPage);
    await signIn.open();
    await signIn.signIn('admin@demo.test');
    const admin = new AdminPage(adminPage);
    await admin.open();
    const statuses = adminPage.getByRole('region', { name: 'Statuses' });
    const form = statuses.getByRole('form', { name: 'Add status' });
    await form.getByRole('textbox', { name: 'Name' }).fill('Email only');
    await form.getByRole('checkbox', { name: 'Receives work' }).check();
    await form.getByRole('checkbox', { name: 'All channels' }).uncheck();
    await form.getByRole('checkbox', { name: 'Email', exact: true }).check();
    await form.getByRole('button', { name: 'Add status' }).click();
    await expect(statuses.getByRole('listitem').filter({ hasText: 'Email only' })).toContainText(
      'Email',
    );
    await form.getByRole('textbox', { name: 'Name' }).fill('Lunch');
    await form.getByRole('textbox', { name: /Time limit/ }).fill('1');
    await form.getByRole('button', { name: 'Add status' }).click();
    await expect(statuses.getByRole('listitem').filter({ hasText: 'Lunch' })).toContainText(
      '1 min',
    );
    // Admins order them: Lunch goes first.
    await statuses.getByRole('button', { name: 'Move Lunch up' }).click();
    await expect(statuses.getByRole('listitem')).toHaveText([/^Lunch/, /^Email only/]);
    // The same name in another case is refused, with the server's sentence.
    await form.getByRole('textbox', { name: 'Name' }).fill('LUNCH');
    await form.getByRole('button', { name: 'Add status' }).click();
    await expect(form.getByRole('alert')).toContainText('There is a status called "Lunch"');
    await expectNoAxeViolations(adminPage);

    // Alice picks Lunch from her menu, found by its name; the timer runs.
    const alicePage = await pageWithMovableClock(await open());
    const aliceSignIn = new SignInPage(alicePage);
    await aliceSignIn.open();
    await aliceSignIn.signIn('alice@demo.test');
    const tasks = new TasksPage(alicePage);
    await alicePage.getByRole('button', { name: /^Status/ }).click();
    // The built-in statuses, then the instance's own in the admin's order.
    await expect(alicePage.getByRole('menuitem')).toHaveText([
      'Ready',
      'Busy',
      'Break',
      'Offline',
      'Lunch',
      'Email only',
    ]);
    await alicePage.keyboard.press('Escape');
    await tasks.setAgentStatus('Lunch');
    const button = alicePage.getByRole('button', { name: /^Status:? Lunch/ });
    await expect(button).toContainText(/00:0\d/);
    await expect(button).not.toContainText('over the');
    await expectNoAxeViolations(alicePage);

    // The team leader's Team view, before and after the minute.
    const carolPage = await pageWithMovableClock(await open());
    const carolSignIn = new SignInPage(carolPage);
    await carolSignIn.open();
    await carolSignIn.signIn('carol@demo.test');
    await carolPage.getByRole('button', { name: 'Demo' }).click();
    await carolPage.getByRole('navigation').getByRole('link', { name: 'Team' }).click();
    const team = carolPage.getByRole('table', { name: 'Team' });
    const aliceRow = team.getByRole('row').filter({ hasText: 'Alice Anders' });
    await expect(aliceRow).toContainText('Lunch');
    await expect(aliceRow).toContainText('Within limit');

    await alicePage.clock.fastForward('01:05');
    await expect(button).toHaveAccessibleName(/^Status:? Lunch — over the 1 min limit/);
    // The timer ran on: a minute and more (how much more depends on the machine's pace).
    await expect(button).toContainText(/0[1-9]:\d\d/);
    await carolPage.clock.fastForward('01:05');
    await expect(aliceRow).toContainText('Over the 1 min limit');
    await expectNoAxeViolations(carolPage);
  } finally {
    for (const context of contexts) await context.close();
    await removeOurStatuses();
    const alice = await apiAs('alice@demo.test');
    await pushOne(alice, 'agentStatus.set', { status: before, at: new Date().toISOString() });
    await alice.dispose();
  }
});

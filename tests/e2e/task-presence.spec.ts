// Presence (issue 5): alice and bob open the same task and each sees the other is looking at it;
// when bob leaves the task, alice's page says so.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { SignInPage } from './pages/sign-in-page.js';
import { TaskPage } from './pages/task-page.js';
import { apiAs } from './support/accounts.js';
import { makeTask } from './support/task-fixtures.js';

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn(email);
  await expect(page.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible({
    // Sign-in hashes the password (scrypt): slow on a loaded machine.
    timeout: 30_000,
  });
  return page;
}

test('alice and bob see each other on the task they both have open', async ({ browser }) => {
  const title = `Both here ${Date.now().toString(36)}`;
  const api = await apiAs('alice@demo.test');
  const taskId = await makeTask(api, { title });
  await api.dispose();
  const alice = await signedIn(browser, 'alice@demo.test');
  const bob = await signedIn(browser, 'bob@demo.test');
  try {
    await new TaskPage(alice).open(taskId, title);
    await new TaskPage(bob).open(taskId, title);
    const presence = (page: Page) =>
      page.getByRole('status').filter({ hasText: 'Also looking at this task' });
    await expect(presence(alice)).toHaveText('Also looking at this task: Bob Brown');
    await expect(presence(bob)).toHaveText('Also looking at this task: Alice Anders');

    await bob.getByRole('link', { name: 'All tasks' }).click();
    await expect(presence(alice)).toHaveCount(0);
  } finally {
    await alice.context().close();
    await bob.context().close();
  }
});

// @mentions (issue 5): alice writes "@bob" in a comment; bob's Mentions button counts it as new,
// his list names who mentioned him on which task, and opening the list marks it seen.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { SignInPage } from './pages/sign-in-page.js';
import { TaskPage } from './pages/task-page.js';
import { TasksPage } from './pages/tasks-page.js';
import { apiAs } from './support/accounts.js';
import { expectNoAxeViolations, makeTask } from './support/task-fixtures.js';

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

test('alice mentions bob in a comment and bob sees it under Mentions', async ({ browser }) => {
  const title = `Mention me ${Date.now().toString(36)}`;
  const aliceApi = await apiAs('alice@demo.test');
  const taskId = await makeTask(aliceApi, { title });
  await aliceApi.dispose();

  const alice = await signedIn(browser, 'alice@demo.test');
  const bob = await signedIn(browser, 'bob@demo.test');
  try {
    await expect(bob.getByRole('button', { name: 'Mentions', exact: true })).toBeVisible();
    await new TaskPage(alice).open(taskId, title);
    await new TasksPage(alice).addComment('@bob can you call the customer back?');

    const button = bob.getByRole('button', { name: 'Mentions (1 new)' });
    await expect(button).toBeVisible({ timeout: 10_000 });
    await button.click();
    const list = bob.getByRole('dialog', { name: 'Mentions' });
    await expect(list.getByRole('listitem')).toContainText(
      `Alice Anders mentioned you in “${title}”`,
    );
    await expectNoAxeViolations(bob);
    await list.getByRole('link', { name: `Open “${title}”` }).click();
    await expect(new TaskPage(bob).heading(title)).toBeVisible();
    await bob.getByRole('link', { name: 'All tasks' }).click();
    await expect(bob.getByRole('button', { name: 'Mentions', exact: true })).toBeVisible();
  } finally {
    await alice.context().close();
    await bob.context().close();
  }
});

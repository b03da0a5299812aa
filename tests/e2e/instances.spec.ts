import { expect, test, type Page } from '@playwright/test';
import { SignInPage } from './pages/sign-in-page.js';
import { ShellPage } from './pages/shell-page.js';

// carol belongs to Demo and Northwind; each instance's tasks must stay behind its wall.
test('a user of two instances picks one, switches, and sees only that instance', async ({
  page,
}) => {
  const signIn = new SignInPage(page);
  const shell = new ShellPage(page);
  await signIn.open();
  await signIn.signIn('carol@demo.test');

  await page.getByRole('button', { name: 'Northwind' }).click();
  await shell.expectLoaded();
  const rows = shell.tasks().getByRole('row');
  // Rows of tasks, not the "Loading…" row of a store still bootstrapping.
  await expect(shell.tasks()).toHaveAttribute('aria-busy', 'false');
  await expect(rows.nth(1).getByRole('gridcell').first()).toBeVisible();
  const northwindTitles = await shell.tasks().innerText();
  const northwindIds = await idsOfTasks(page);

  await shell.switchInstance('Demo');
  await shell.expectLoaded();
  await expect(shell.tasks()).toHaveAttribute('aria-busy', 'false');
  await expect(rows.nth(1).getByRole('gridcell').first()).toBeVisible();
  await expect.poll(async () => (await idsOfTasks(page)).length).toBeGreaterThan(0);
  const demoIds = await idsOfTasks(page);
  expect(demoIds.filter((id) => northwindIds.includes(id))).toEqual([]);
  expect(await shell.tasks().innerText()).not.toEqual(northwindTitles);

  // The server answers 404 for the other instance's task while Demo is current.
  const foreign = await page.request.get(`/api/tasks/${northwindIds[0]}`);
  expect(foreign.status()).toBe(404);
});

async function idsOfTasks(page: Page): Promise<string[]> {
  const res = await page.request.get('/api/tasks?limit=500');
  expect(res.ok()).toBe(true);
  const body = (await res.json()) as { tasks: { id: string }[] };
  return body.tasks.map((t) => t.id);
}

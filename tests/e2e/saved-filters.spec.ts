// Issue 5's saved filters: save the current combination under a name, load it with one click
// (also offline, from the device's copy), rename, delete after a confirmation; a clashing name is
// refused with a message and nothing is saved. No axe violations in the dialogs.
import { expect, test } from '@playwright/test';
import { SignInPage } from './pages/sign-in-page.js';
import { TasksPage } from './pages/tasks-page.js';
import { apiAs } from './support/accounts.js';
import { bootstrapOf, userIdOf } from './support/sync-api.js';
import { expectNoAxeViolations, makeTask } from './support/task-fixtures.js';

test('save a filter, load it online and offline, rename it, refuse a clashing name, delete it', async ({
  page,
  context,
}) => {
  const run = `S${Date.now().toString(36)}`;
  const alice = await apiAs('alice@demo.test');
  const openCall = `${run} open call`;
  const pendingEmail = `${run} pending email`;
  const resolvedChat = `${run} resolved chat`;
  await makeTask(alice, { title: openCall, type: 'call' });
  await makeTask(alice, { title: pendingEmail, type: 'email', status: 'pending' });
  // The bootstrap brings one's own resolved tasks only.
  await makeTask(alice, {
    title: resolvedChat,
    type: 'chat',
    status: 'resolved',
    assigneeId: await userIdOf(alice),
  });
  await alice.dispose();

  await new SignInPage(page).open();
  await new SignInPage(page).signIn('alice@demo.test');
  const tasks = new TasksPage(page);
  await tasks.search(run);
  await expect.poll(() => tasks.titles()).toEqual([resolvedChat, pendingEmail, openCall]);

  // Save "open or pending" for this run.
  await tasks.choose('Status', ['Open', 'Pending']);
  await expect.poll(() => tasks.titles()).toEqual([pendingEmail, openCall]);
  const name = `Active ${run}`;
  await page.getByRole('button', { name: 'Save filter' }).click();
  await expect(tasks.saveDialog()).toBeVisible();
  await expectNoAxeViolations(page);
  await tasks.saveDialog().getByRole('textbox', { name: 'Filter name' }).fill(name);
  await tasks.saveDialog().getByRole('button', { name: 'Save' }).click();
  await expect(tasks.saveDialog()).toBeHidden();
  await expect(tasks.savedFilter(name)).toBeVisible();
  await expect(tasks.savedFilter(name)).toHaveAttribute('aria-pressed', 'true');

  // One click brings the whole combination back, search text included.
  await tasks.filters().getByRole('button', { name: 'Clear filters' }).click();
  await expect(tasks.savedFilter(name)).toHaveAttribute('aria-pressed', 'false');
  await tasks.savedFilter(name).click();
  await expect.poll(() => tasks.titles()).toEqual([pendingEmail, openCall]);
  await expect(tasks.searchBox()).toHaveValue(run);

  // A name I already use, in another case, is refused with a message and nothing is saved.
  await tasks.choose('Status', ['Resolved']);
  await tasks.saveCurrentFilter(`  active ${run.toLowerCase()} `);
  await expect(
    tasks.saveDialog().getByText('You already have a filter with this name.'),
  ).toBeVisible();
  await expect(tasks.saveDialog().getByRole('textbox', { name: 'Filter name' })).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  await page.keyboard.press('Escape');
  await expect(tasks.saveDialog()).toBeHidden();
  await expect(
    tasks.savedFilters().getByRole('button', { name: /^Apply filter active/i }),
  ).toHaveCount(1);

  // Offline, once the store has its copy: saved filters still load, from this device.
  await context.setOffline(true);
  await expect(tasks.syncStatus()).toContainText('Offline');
  await tasks.filters().getByRole('button', { name: 'Clear filters' }).click();
  await tasks.savedFilter(name).click();
  await expect.poll(() => tasks.titles()).toEqual([pendingEmail, openCall]);
  await context.setOffline(false);
  await expect(tasks.syncStatus()).not.toContainText('Offline');

  // Rename (the same dialog, named for what it does).
  const renamed = `Working ${run}`;
  await tasks
    .savedFilters()
    .getByRole('button', { name: `Rename filter ${name}` })
    .click();
  const renameDialog = page.getByRole('dialog', { name: 'Rename filter' });
  await expect(renameDialog.getByRole('textbox', { name: 'Filter name' })).toHaveValue(name);
  await renameDialog.getByRole('textbox', { name: 'Filter name' }).fill(renamed);
  await renameDialog.getByRole('button', { name: 'Rename' }).click();
  await expect(tasks.savedFilter(renamed)).toBeVisible();
  await expect(tasks.savedFilter(name)).toHaveCount(0);
  await tasks.filters().getByRole('button', { name: 'Clear filters' }).click();
  await tasks.savedFilter(renamed).click();
  await expect.poll(() => tasks.titles()).toEqual([pendingEmail, openCall]);

  // Delete asks first; Cancel keeps it, Delete removes it.
  const deleteButton = tasks
    .savedFilters()
    .getByRole('button', { name: `Delete filter ${renamed}` });
  await deleteButton.click();
  const confirm = page.getByRole('dialog', { name: 'Delete filter' });
  await expect(confirm).toContainText(renamed);
  await expectNoAxeViolations(page);
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await expect(tasks.savedFilter(renamed)).toBeVisible();
  await deleteButton.click();
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(tasks.savedFilter(renamed)).toHaveCount(0);

  // Everything reached the server: the rename and the delete, once each.
  await expect(tasks.syncStatus()).not.toContainText('waiting to sync', { timeout: 15_000 });
  const api = await apiAs('alice@demo.test');
  const names = (await bootstrapOf(api)).flatMap((c) =>
    c.kind === 'filter' && c.op === 'put' ? [String(c.value['name'])] : [],
  );
  expect(names).not.toContain(name);
  expect(names).not.toContain(renamed);
  await api.dispose();
});

// "New task" (issue 5): an empty title is refused and nothing is queued; a customer from the
// address book; made offline, it waits in the outbox and reaches the server once online. Then a
// follow-up of it, logged on both tasks.
import { expect, test } from '@playwright/test';
import { SignInPage } from './pages/sign-in-page.js';
import { TaskPage } from './pages/task-page.js';
import { TasksPage } from './pages/tasks-page.js';
import { apiAs } from './support/accounts.js';
import { bootstrapOf, taskOnServer } from './support/sync-api.js';
import { expectNoAxeViolations } from './support/task-fixtures.js';

test('alice creates a task for a contact offline, then a follow-up of it', async ({
  page,
  context,
}) => {
  // A long flow (offline create, sync, follow-up, four axe runs): more than the default minute
  // when the machine is busy.
  test.setTimeout(120_000);
  const run = Date.now().toString(36);
  const title = `Replace the router ${run}`;
  const api = await apiAs('alice@demo.test');
  const contact = (await bootstrapOf(api)).flatMap((c) =>
    c.kind === 'contact' && c.op === 'put' ? [c.value] : [],
  )[0];
  expect(contact).toBeDefined();
  const contactName = String(contact?.['name']);

  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn('alice@demo.test');
  const tasks = new TasksPage(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible({
    // Sign-in hashes the password (scrypt): slow on a loaded machine.
    timeout: 30_000,
  });
  const task = new TaskPage(page);

  await page.getByRole('button', { name: 'New task' }).click();
  const dialog = task.newTaskDialog();
  await expectNoAxeViolations(page);
  await dialog.getByRole('button', { name: 'Create task' }).click();
  await expect(dialog.getByText('Give the task a title.')).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: 'Title' })).toBeFocused();

  await dialog.getByRole('searchbox', { name: 'Search the address book' }).fill(contactName);
  await dialog
    .getByRole('list', { name: 'Contacts found' })
    .getByRole('button', { name: new RegExp(`^${contactName}`) })
    .first()
    .click();
  await expect(dialog.getByText(`Customer from the address book: ${contactName}`)).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Title' }).fill(title);
  await dialog.getByRole('combobox', { name: 'Priority' }).selectOption('4');
  await dialog.getByRole('textbox', { name: 'Skills' }).fill('Billing, sales');
  await expect(dialog.getByRole('combobox', { name: 'Assignee' })).toHaveValue(/.+/);

  await context.setOffline(true);
  await dialog.getByRole('button', { name: 'Create task' }).click();
  await expect(task.heading(title)).toBeVisible();
  await expect(tasks.syncStatus()).toContainText('1 change waiting to sync');
  await expect(task.fact('Customer')).toContainText(contactName);
  await expect(task.fact('Priority')).toHaveText('4');
  await expect(task.fact('Skills')).toHaveText('billing, sales');
  await expect(task.fact('Assignee')).toHaveText('Alice Anders');

  await context.setOffline(false);
  await expect(tasks.syncStatus()).not.toContainText('waiting to sync', { timeout: 15_000 });
  const taskId = page.url().split('/tasks/')[1] ?? '';
  const onServer = await taskOnServer(api, taskId);
  expect(onServer.task).toMatchObject({
    title,
    customerName: contactName,
    contactId: contact?.id,
    priority: 4,
    skills: ['billing', 'sales'],
    type: 'manual',
  });
  await expect
    .poll(() => task.logLines())
    .toEqual([
      'Alice Anders assigned it to Alice Anders',
      'Alice Anders created the task (from internal)',
    ]);
  await expectNoAxeViolations(page);

  // A follow-up: same customer, linked, logged on both.
  await task.button('Create follow-up').click();
  const followUp = task.newTaskDialog('Create follow-up');
  await expect(followUp.getByRole('textbox', { name: 'Title' })).toHaveValue(`Follow-up: ${title}`);
  await expectNoAxeViolations(page);
  await followUp.getByRole('button', { name: 'Create task' }).click();
  await expect(task.heading(`Follow-up: ${title}`)).toBeVisible();
  await expect(task.fact('Follows up')).toHaveText(title);
  await expect
    .poll(() => task.logLines(), { timeout: 10_000 })
    .toContain(`Alice Anders created this as a follow-up of “${title}”`);
  await page.getByRole('link', { name: title, exact: true }).click();
  await expect(task.heading(title)).toBeVisible();
  await expect
    .poll(() => task.logLines(), { timeout: 10_000 })
    .toContain(`Alice Anders created the follow-up “Follow-up: ${title}”`);
  await api.dispose();
});

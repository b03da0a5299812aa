// Issue 5's task list: filters of several values combined, the URL that restores a view, keyboard
// use (arrows, Enter, "/" and "?") and no axe violations on the list and its shortcuts dialog.
import { expect, test, type Page } from '@playwright/test';
import { SignInPage } from './pages/sign-in-page.js';
import { TasksPage } from './pages/tasks-page.js';
import { apiAs } from './support/accounts.js';
import { userIdOf } from './support/sync-api.js';
import { expectNoAxeViolations, makeTask } from './support/task-fixtures.js';

async function signInAlice(page: Page): Promise<TasksPage> {
  await new SignInPage(page).open();
  await new SignInPage(page).signIn('alice@demo.test');
  const tasks = new TasksPage(page);
  await expect(tasks.list()).toBeVisible();
  return tasks;
}

test('filters of several values combine, and the URL of the view restores it', async ({ page }) => {
  const run = `L${Date.now().toString(36)}`;
  const alice = await apiAs('alice@demo.test');
  const bob = await apiAs('bob@demo.test');
  const aliceId = await userIdOf(alice);
  const bobId = await userIdOf(bob);
  const past = new Date(Date.now() - 3 * 3600_000).toISOString();
  const call = `${run} urgent call`;
  const email = `${run} unassigned email`;
  const chat = `${run} resolved chat`;
  const manual = `${run} bob billing`;
  await makeTask(alice, { title: call, type: 'call', priority: 5, assigneeId: aliceId });
  await makeTask(alice, { title: email, type: 'email', priority: 2, dueAt: past });
  await makeTask(alice, {
    title: chat,
    type: 'chat',
    priority: 4,
    assigneeId: aliceId,
    status: 'resolved',
  });
  await makeTask(bob, {
    title: manual,
    type: 'manual',
    priority: 4,
    assigneeId: bobId,
    skills: ['billing'],
    status: 'pending',
  });

  const tasks = await signInAlice(page);
  await tasks.search(run);
  // Newest first.
  await expect.poll(() => tasks.titles()).toEqual([manual, chat, email, call]);

  await tasks.choose('Type', ['Call', 'Chat']);
  await expect.poll(() => tasks.titles()).toEqual([chat, call]);
  await tasks.choose('Status', ['Open', 'Pending']);
  await expect.poll(() => tasks.titles()).toEqual([call]);
  await tasks.choose('Type', []);
  await expect.poll(() => tasks.titles()).toEqual([manual, email, call]);
  await tasks.choose('Assignee', ['Me', 'Unassigned']);
  await expect.poll(() => tasks.titles()).toEqual([email, call]);
  await tasks.filters().getByRole('combobox', { name: 'Priority' }).selectOption('4 or higher');
  await expect.poll(() => tasks.titles()).toEqual([call]);
  await tasks.filters().getByRole('combobox', { name: 'Priority' }).selectOption('Any priority');
  // Overdue: due in the past and not resolved; the row says so in words, not colour alone.
  await tasks.filters().getByRole('combobox', { name: 'Due' }).selectOption('Overdue');
  await expect.poll(() => tasks.titles()).toEqual([email]);
  await expect(tasks.rows().first().getByRole('gridcell').getByText('Overdue')).toBeVisible();
  await tasks.filters().getByRole('combobox', { name: 'Due' }).selectOption('Any due time');

  // A colleague and skills: bob's billing task.
  await tasks.choose('Assignee', ['Bob Brown']);
  await expect.poll(() => tasks.titles()).toEqual([manual]);
  await tasks.choose('Skills', ['billing']);
  await expect.poll(() => tasks.titles()).toEqual([manual]);
  await tasks.choose('Assignee', ['Me', 'Unassigned']);
  await expect.poll(() => tasks.titles()).toEqual([]);
  await expect(tasks.list()).toContainText('No tasks match these filters.');
  await tasks.choose('Skills', []);

  // The URL holds the whole view: a reload (or a bookmark) brings it back. It is written once
  // the view's rows are painted, so wait for the last change (no skill) to reach it.
  await expect.poll(() => new URL(page.url()).searchParams.has('skill')).toBe(false);
  const url = new URL(page.url());
  expect(url.searchParams.get('status')).toBe('open,pending');
  expect(url.searchParams.get('assignee')).toBe('me,none');
  expect(url.searchParams.get('q')).toBe(run);
  await page.reload();
  await expect.poll(() => tasks.titles()).toEqual([email, call]);
  await expect(tasks.filterButton('Status')).toHaveAccessibleName(
    'Filter by Status: Open, Pending',
  );
  await expect(tasks.filterButton('Assignee')).toHaveAccessibleName(
    'Filter by Assignee: Me, Unassigned',
  );
  await expect(tasks.searchBox()).toHaveValue(run);

  // An old single-value URL still reads, and repeated params do too.
  await page.goto(`/tasks?status=resolved&q=${run}`);
  await expect.poll(() => tasks.titles()).toEqual([chat]);
  await page.goto(`/tasks?type=email&type=manual&q=${run}`);
  await expect.poll(() => tasks.titles()).toEqual([manual, email]);

  // The menu's link to the plain list, followed inside the app, sets the view from its URL.
  await page.getByRole('navigation').getByRole('link', { name: 'Tasks' }).click();
  await expect(tasks.searchBox()).toHaveValue('');
  await expect(tasks.filterButton('Type')).not.toHaveAccessibleName(/Email/);
  await expect.poll(() => new URL(page.url()).search).toBe('');
  await page.goto(`/tasks?type=email&type=manual&q=${run}`);
  await expect.poll(() => tasks.titles()).toEqual([manual, email]);

  await tasks.filters().getByRole('button', { name: 'Clear filters' }).click();
  await expect(tasks.searchBox()).toHaveValue('');
  await expect.poll(() => new URL(page.url()).search).toBe('');
  await expect(tasks.filters().getByRole('button', { name: 'Clear filters' })).toBeDisabled();
  await alice.dispose();
  await bob.dispose();
});

test('the keyboard moves through the list, Enter opens a task, "/" searches, "?" lists the keys', async ({
  page,
}) => {
  const run = `K${Date.now().toString(36)}`;
  const alice = await apiAs('alice@demo.test');
  const titles = [`${run} first`, `${run} second`, `${run} third`];
  for (const title of titles) await makeTask(alice, { title });
  const tasks = await signInAlice(page);
  await tasks.search(run);
  await expect.poll(() => tasks.titles()).toEqual([...titles].reverse());
  await expectNoAxeViolations(page);

  // One tab stop for the grid; the active row is its aria-activedescendant.
  await tasks.list().focus();
  const active = async () => {
    const id = await tasks.list().getAttribute('aria-activedescendant');
    return id ? page.locator(`[id="${id}"]`).getByRole('link').textContent() : null;
  };
  await expect.poll(active).toBe(`${run} third`);
  await page.keyboard.press('ArrowDown');
  await expect.poll(active).toBe(`${run} second`);
  await page.keyboard.press('End');
  await expect.poll(active).toBe(`${run} first`);
  await page.keyboard.press('Home');
  await expect.poll(active).toBe(`${run} third`);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await expect.poll(active).toBe(`${run} second`);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: `${run} second` })).toBeVisible();
  expect(page.url()).toMatch(/\/tasks\/[0-9a-f-]{36}$/);

  await page.goBack();
  await expect(tasks.list()).toBeVisible();
  // The search reached the URL before the task opened, so Back returns to the same view.
  await expect(tasks.searchBox()).toHaveValue(run);
  await expect.poll(() => tasks.titles()).toEqual([...titles].reverse());
  await tasks.list().focus();
  await page.keyboard.press('/');
  await expect(tasks.searchBox()).toBeFocused();

  // "?" from the list opens the shortcuts; Escape closes them and focus goes back.
  await tasks.list().focus();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('row', { name: /Enter Open the task/ })).toBeVisible();
  await expect(dialog.getByRole('row', { name: /\/ Search tasks/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(tasks.list()).toBeFocused();

  // And from its visible button.
  const button = page.getByRole('button', { name: 'Keyboard shortcuts' });
  await button.click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(button).toBeFocused();
  await alice.dispose();
});

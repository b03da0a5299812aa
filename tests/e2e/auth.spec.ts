import { expect, test } from '@playwright/test';
import { SignInPage } from './pages/sign-in-page.js';
import { ShellPage } from './pages/shell-page.js';

test('alice signs in, sees the Demo tasks, and signs out', async ({ page }) => {
  const signIn = new SignInPage(page);
  const shell = new ShellPage(page);
  await signIn.open();
  await signIn.signIn('alice@demo.test');
  await shell.expectLoaded();
  await expect(shell.tasks().getByRole('link').first()).toBeVisible();
  await expect(shell.nav().getByRole('link', { name: 'Tasks' })).toBeVisible();
  await expect(shell.nav().getByRole('link', { name: 'Admin' })).toHaveCount(0);

  await shell.signOut();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  const me = await page.request.get('/api/me');
  expect(me.status()).toBe(401);
  await page.goto('/tasks');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
});

test('a wrong password is refused with the same words as an unknown email', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn('bob@demo.test', 'not-the-password');
  await expect(signIn.errorAlert()).toHaveText('Wrong email or password.');
  await expect(page.getByRole('textbox', { name: 'Email' })).toHaveValue('bob@demo.test');

  await signIn.signIn('nobody@demo.test', 'not-the-password');
  await expect(signIn.errorAlert()).toHaveText('Wrong email or password.');
  expect((await page.request.get('/api/me')).status()).toBe(401);
});

test('the admin sees the Admin area', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn('admin@demo.test');
  const shell = new ShellPage(page);
  await shell.expectLoaded();
  await shell.nav().getByRole('link', { name: 'Admin' }).click();
  await expect(page.getByRole('cell', { name: 'alice@demo.test' })).toBeVisible();
});

test('signing out with "Remove data" deletes this device\'s copy; keeping it keeps it', async ({
  page,
}) => {
  const userDatabases = () =>
    page.evaluate(async () =>
      (await indexedDB.databases())
        .map((d) => d.name ?? '')
        .filter((name) => name.startsWith('switchboard-') && name !== 'switchboard-registry'),
    );
  const signIn = new SignInPage(page);
  const shell = new ShellPage(page);

  await signIn.open();
  await signIn.signIn('bob@demo.test');
  await shell.expectLoaded();
  await expect(shell.tasks().getByRole('link').first()).toBeVisible();
  await expect.poll(async () => (await userDatabases()).length).toBe(1);
  const [database] = await userDatabases();

  await shell.signOut();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  expect(await userDatabases()).toContain(database);

  await signIn.signIn('bob@demo.test');
  await shell.expectLoaded();
  await shell.signOut({ wipe: true });
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect.poll(userDatabases).not.toContain(database);
});
